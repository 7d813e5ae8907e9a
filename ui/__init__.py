"""Streamlit-side pieces of the app shell (widgets, the map bridge).

Kept apart from ``geo`` (pure core) and ``layers`` (renderers) so that only
this package and ``app.py`` import Streamlit.
"""
