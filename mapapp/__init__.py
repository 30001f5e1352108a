"""mapapp: an offline-first news event map.

The core (articles, dates, gazetteer, geoparse, store, share) knows nothing of
Streamlit; ``mapapp.ui.app`` is a thin layer over it and ``mapapp.cli`` mirrors it.
"""

__version__ = "0.1.0"


def compiled() -> bool:
    """Whether this install runs the geoparser compiled by mypyc (``MAPAPP_COMPILE=1 pip install .``,
    see setup.py) rather than as Python source: the same output, faster on big corpora."""
    from importlib.util import find_spec

    spec = find_spec("mapapp.geo.geoparse")  # where it would load from, without importing it
    return spec is not None and not (spec.origin or "").endswith(".py")
