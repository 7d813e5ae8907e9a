"""Core of the territorial-control map: data, validation and the timeline.

Nothing in this package imports Streamlit or Folium; renderers and the app
shell build on it.
"""

__version__ = "0.1.0"
