"""mapapp: an offline-first news event map.

The core (articles, dates, gazetteer, geoparse, store, share) knows nothing of
Streamlit; ``mapapp.ui.app`` is a thin layer over it and ``mapapp.cli`` mirrors it.
"""

__version__ = "0.1.0"
