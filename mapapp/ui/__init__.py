"""The Streamlit app: a thin layer over the store and ``mapapp.web``."""
