"""Entry point of the Streamlit app: page config and the page, nothing else."""

import streamlit as st

from dashboard.ui.page import render

st.set_page_config(page_title="ISF commitments tracker", page_icon="🗺️", layout="wide")
render()
