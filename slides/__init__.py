"""Figures and tables → PowerPoint. ``python -m slides deck``; no Streamlit here."""
