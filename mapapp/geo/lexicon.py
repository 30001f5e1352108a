"""The geoparser's word lists, read from the data files in ``mapapp/geo/lexicon/``.

Word lists are data, not logic: they live in plain text files (one entry a line, ``#`` comments)
so that adding a stop word or a surname is a one-line change a reviewer can read, and so that
``geoparse.py`` starts with its rules. The files ship as package data (``geo/lexicon/*.txt`` in
pyproject.toml); a missing file is an installation error and raises.
"""

from __future__ import annotations

import gzip
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"


def entries(name: str) -> list[str]:
    """The entries of ``lexicon/<name>`` in file order: stripped lines, without blank lines and
    ``#`` comment lines. A name ending ``.gz`` is read through gzip (the long lists)."""
    path = LEXICON_DIR / name
    raw = gzip.decompress(path.read_bytes()) if name.endswith(".gz") else path.read_bytes()
    lines = raw.decode("utf-8").splitlines()
    return [s for s in (ln.strip() for ln in lines) if s and not s.startswith("#")]


def words(name: str) -> frozenset[str]:
    """A word list: the set of the entries of ``lexicon/<name>``."""
    return frozenset(entries(name))


def pairs(name: str) -> dict[str, str]:
    """A table of ``key value`` lines (one space or more between), in file order."""
    out: dict[str, str] = {}
    for e in entries(name):
        key, value = e.split(None, 1)
        out[key] = value.strip()
    return out


__all__ = ["LEXICON_DIR", "entries", "words", "pairs"]
