"""Renderers: data from ``geo`` in, map layers and drawings out.

Nothing here reads data files or holds state; everything is a function of
the model and the view (date, scenario, naming convention).
"""
