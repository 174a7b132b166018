"""DataFrame → Plotly figure. Pure: no Streamlit, no I/O."""
