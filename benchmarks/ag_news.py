#!/usr/bin/env python3
"""The test split of AG's News (Zhang, Zhao and LeCun, NIPS 2015) as one JSON-lines file, for measuring.

    python benchmarks/ag_news.py TEST.csv OUT.jsonl

``TEST.csv`` is ``ag_news_csv/test.csv`` as distributed (7,600 rows of class, title, description;
http://www.di.unipi.it/~gulli/AG_corpus_of_news_articles.html, mirrored in public repositories, e.g.
``ag_news_csv/test.csv`` of madhubandru/Text-Classification-on-News-Articles-using-BERT-Framework at
commit 082f2db7c08a8fa3e19c46df0b4b5b0a5f81d1cd, whose copy has a header row). Each row becomes a
record ``{"id": "ag/test/<row>", "title", "date", "source", "topic", "text"}`` that ``mapapp ingest``
and ``benchmarks/eval_sample.py`` read; the text is the title, a blank line and the description, with
the dataset's escapes undone (a backslash for a line break, ``#36;`` for ``$``, `` quot;`` for a
quotation mark, ``&lt;``). The dataset carries no publication dates (its articles are of 2004-2005),
so every record gets 2004-10-01. The corpus is for non-commercial research and its texts belong to
their outlets: never copy them into the repository; the judgement files in ``benchmarks/gold/ag/``
hold offsets, verdicts and places only.

Why a fourth corpus: more than 2,000 outlets (wires, papers, sites) in one or two sentences each,
World, Sports, Business and Sci/Tech in equal parts: short texts with little context, datelines of
every wire's style, teams and firms named like places, and the Iraq war of 2004, none of which the
rules were written from; its held-out pool (sha1(id) starting 8-f) says how they carry over.
"""

from __future__ import annotations

import csv
import html
import re
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus_jsonl import usage, write_records  # noqa: E402

TOPICS = {"1": "World", "2": "Sports", "3": "Business", "4": "Sci/Tech"}
_NUMERIC_ENTITY = re.compile(r"(?<!&)#(\d{1,5});")  # "#36;" is "&#36;" with its ampersand lost
_NAMED_ENTITY = re.compile(r"(?<![&\w])(quot|amp|lt|gt|apos);")  # " quot;" likewise


def clean(s: str) -> str:
    s = _NUMERIC_ENTITY.sub(r"&#\1;", s)
    s = _NAMED_ENTITY.sub(r"&\1;", s)
    s = html.unescape(s).replace("\\", "\n")
    return re.sub(r"[ \t]+", " ", s).strip()


def records(src: Path) -> Iterator[dict[str, str]]:
    """The rows of the dataset's CSV as records (the header row of some copies left out)."""
    with open(src, encoding="utf-8", newline="") as fh:
        for n, row in enumerate(r for r in csv.reader(fh) if len(r) == 3 and r[0] in TOPICS):
            title, desc = clean(row[1]), clean(row[2])
            yield {
                "id": f"ag/test/{n}",
                "title": title,
                "date": "2004-10-01",
                "source": "AG's News",
                "topic": TOPICS[row[0]],
                "text": f"{title}\n\n{desc}",
            }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        return usage(__doc__)
    write_records(Path(args[1]), records(Path(args[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
