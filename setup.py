"""The optional compiled build (issue 15): ``MAPAPP_COMPILE=1 pip install .``

compiles the modules in ``COMPILED`` with mypyc, the mypy project's compiler of typed Python into
C extensions (it needs a C compiler; mypy is fetched for the build only). The same source and the
same output (``benchmarks/compiled_identity.py``) at about 1.6 times the geoparsing speed, for
corpora of millions of articles. Without the variable, the default, mapapp is pure Python.

Editable installs are never compiled: the extensions would sit beside the sources and shadow every
later edit of them. Everything else about the package is declared in pyproject.toml.
"""

from __future__ import annotations

import os
import sys

from setuptools import setup

# the hot path of an ingest: recognition and resolution, the name index, sentences and dates, and
# the grouping of events (mapapp.compiled() says whether an install runs them compiled)
COMPILED = [
    "mapapp/geo/geoparse.py",
    "mapapp/geo/gazetteer.py",
    "mapapp/geo/dates.py",
    "mapapp/store/events.py",
]
MYPYC = "mypy==2.4.1"  # the compiler whose output benchmarks/compiled_identity.py checked


def _extensions() -> tuple[list, list[str]]:
    if os.environ.get("MAPAPP_COMPILE", "").strip() != "1":
        return [], []
    if {"develop", "editable_wheel"} & set(sys.argv):
        sys.exit("MAPAPP_COMPILE=1 needs a regular install (pip install .), not an editable one")
    try:
        from mypyc.build import mypycify
    except ModuleNotFoundError:
        # the PEP 517 build first asks which packages it needs: setup_requires answers, then
        # this file runs again with mypy installed (a build without isolation uses the mypy it has)
        return [], [MYPYC]
    return mypycify(COMPILED, opt_level="3", group_name="mapapp_native"), []


ext_modules, setup_requires = _extensions()
setup(ext_modules=ext_modules, setup_requires=setup_requires)
