"""ISF commitments dashboard: a sourced dataset, its validator, and a Streamlit app."""
