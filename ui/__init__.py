"""Streamlit helpers shared by the pages: the filter bar, navigation and cached data."""
