"""The application layer: one function per page section and slide.

Each takes a read-only database connection, the filters and today's date and
returns plain data (dataclasses, DataFrames with declared columns) with the
Danish texts already worded. ``ui/`` caches these results, ``pages/`` render
them and ``slides/`` turn the very same objects into slides, so a page and a
slide cannot disagree. No Streamlit here, no clock: ``today`` is passed in.
"""
