"""Entry point of the Streamlit app: page config and the page, nothing else."""

import streamlit as st

from dashboard.ui.page import render

# The tab's title is set by render, in the reader's language (set_page_config is additive).
st.set_page_config(page_icon="🗺️", layout="wide")
render()
