"""The Streamlit layer: the only code that calls st.*."""
