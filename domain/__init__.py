"""Pure rules of the domain: formatting, periods, filters. No I/O, no Streamlit."""
