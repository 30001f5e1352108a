"""What the corpus converters (``ag_news.py``, ``bbc_news.py``, ``reuters21578.py``) share: the
usage line they print on a wrong command line, and the JSON-lines file of records they write, one
record a line, in the form ``mapapp ingest`` and ``benchmarks/eval_sample.py`` read."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path


def usage(doc: str | None) -> int:
    """Print the converter's usage (its docstring's second paragraph); the exit code 2."""
    print((doc or "").split("\n\n")[1], file=sys.stderr)
    return 2


def write_records(out: Path, records: Iterable[dict[str, str]], unit: str = "records") -> int:
    """Write ``records`` to ``out``, one JSON line each, and say how many; the number written."""
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    print(f"{n} {unit} -> {out}", file=sys.stderr)
    return n
