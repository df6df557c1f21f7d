"""The pure core: data, validation, derived figures, chart and map builders; no streamlit."""
