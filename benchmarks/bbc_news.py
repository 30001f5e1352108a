#!/usr/bin/env python3
"""The BBC News dataset (Greene and Cunningham, ICML 2006) as one JSON-lines file, for measuring.

    python benchmarks/bbc_news.py BBC_DIR OUT.jsonl

``BBC_DIR`` is the dataset's folder as distributed (http://mlg.ucd.ie/datasets/bbc.html, and
mirrored in public repositories, e.g. ``data/bbc`` of DokahlSoZoor/DieNeueKrone at commit
c29e6ced3dca3e4aa92f257b8718f4ce0f88e7ae): 2,225 stories of the BBC News website from 2004-2005 in
five folders (business, entertainment, politics, sport, tech), one ``.txt`` each, its first line the
headline. Each becomes a record ``{"id": "bbc/<folder>/<file>", "title", "date", "source", "text"}``
that ``mapapp ingest`` and ``benchmarks/eval_sample.py`` read. The dataset carries no publication
dates, so every record gets 2005-03-01: its mentions' dates are not what it measures. Its texts are
the BBC's copyright: never copy them into the repository; the judgement files in
``benchmarks/gold/bbc/`` hold offsets, verdicts and places only.

Why a second corpus: a different outlet, decade and mix (sport line-ups, film and music titles,
companies named like places) than the 2020 articles the rules were written from, so its held-out
pool (sha1(id) starting 8-f, as ``eval_sample.py`` splits) says how the rules carry over.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus_jsonl import usage, write_records  # noqa: E402

FOLDERS = ("business", "entertainment", "politics", "sport", "tech")


def stories(root: Path) -> Iterator[dict[str, str]]:
    """The dataset's stories as records, folder by folder, file by file."""
    for folder in FOLDERS:
        for f in sorted((root / folder).glob("*.txt")):
            raw = f.read_bytes()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("latin-1")  # a few copies of the dataset are Latin-1
            title = text.strip().split("\n", 1)[0].strip()
            yield {"id": f"bbc/{folder}/{f.name}", "title": title, "date": "2005-03-01", "source": "BBC", "text": text}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        return usage(__doc__)
    return 0 if write_records(Path(args[1]), stories(Path(args[0])), "stories") else 1


if __name__ == "__main__":
    sys.exit(main())
