#!/usr/bin/env python3
"""The rest of the 2020 news archive the development file came from, as one JSON-lines file, for measuring.

    python benchmarks/finescoop_news.py POSTS_DIR OUT.jsonl [--exclude DEV.jsonl] [--categories A,B,...]

``POSTS_DIR`` is ``source/_posts`` of the public repository soumyadipdas37/finescoop.github.io at
commit 0346d6175a2c36d4054083c144b7f8364db73f2f (a site that scraped the Daily Mail's and BBC News'
RSS feeds every few minutes, August to October 2020): 24,833 posts, one Markdown file each, a YAML
front matter (title, date, categories, image) and the article's text. ``--exclude`` names a
JSON-lines file whose records are left out by id (the file name without ``.md``), by title and by
the text's first 300 characters, so that a development file drawn from the same archive stays
unseen (the outlet republishes a story under a new address when it updates it); ``--categories``
keeps the posts whose category is one of those named (the development file's: news, latest,
business, science, health, travel, usa, coronavirus, world; the archive adds tv, sports and
female, celebrity news the development file has none of). Each other post
becomes a record ``{"id": "fs/<name>", "title", "date", "source", "category", "text"}`` that
``mapapp ingest`` and ``benchmarks/eval_sample.py`` read; the first of two posts with the same
title or opening is kept. The texts are the outlets' copyright: never copy them into the
repository; the judgement files in ``benchmarks/gold/fs/`` hold offsets, verdicts and places only.

Why a fifth corpus: the 2020 file's own tune pool is judged to the last mention, so rules for
news of its kind need new text of its kind; this is that text (the same outlets and weeks, twelve
times as much), and its held-out pool (sha1(id) starting 8-f, as ``eval_sample.py`` splits) is a
second unseen measure of the same kind.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus_jsonl import usage, write_records  # noqa: E402

_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)
_SOURCES = {"i.dailymail.co.uk": "Daily Mail", "ichef.bbci.co.uk": "BBC News"}


def _front(block: str) -> dict[str, str]:
    """The front matter's ``key: value`` lines (its values are one line each, unquoted)."""
    out: dict[str, str] = {}
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and key.strip() not in out:
            out[key.strip()] = value.strip()
    return out


def _iso(stamp: str) -> str:
    """``2020-09-18-21-57-49`` (London time; summer time for the whole archive) as ISO 8601."""
    p = stamp.split("-")
    if len(p) != 6 or not all(x.isdigit() for x in p):
        return ""
    return f"{p[0]}-{p[1]}-{p[2]}T{p[3]}:{p[4]}:{p[5]}+01:00"


def _opening(text: str) -> str:
    return " ".join(text.split())[:300]


def posts(root: Path, exclude: Path | None = None, categories: set[str] | None = None) -> Iterator[dict[str, str]]:
    """The archive's posts as records, in file-name order, less those ``exclude`` holds."""
    seen_ids: set[str] = set()
    seen: set[str] = set()
    if exclude is not None:
        with open(exclude, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rec = json.loads(line)
                    seen_ids.add(str(rec.get("id", "")))
                    seen.update(
                        x for x in (str(rec.get("title", "")).strip().lower(), _opening(str(rec.get("text", "")))) if x
                    )
    for f in sorted(root.glob("*.md")):
        if f.stem in seen_ids:
            continue
        raw = f.read_text(encoding="utf-8", errors="replace")
        m = _FRONT.match(raw)
        if m is None:
            continue
        meta = _front(m.group(1))
        text = raw[m.end() :].strip()
        title = meta.get("title", "")
        keys = [x for x in (title.lower(), _opening(text)) if x]
        if not text or any(k in seen for k in keys):
            continue
        seen.update(keys)
        host = re.sub(r"^https?://([^/]+)/.*$", r"\1", meta.get("image", ""))
        cats = [c.strip() for c in meta.get("categories", "").strip("[]").split(",") if c.strip()]
        category = next((c for c in cats if c != "latest"), cats[0] if cats else "")
        if categories is not None and category not in categories:
            continue
        yield {
            "id": f"fs/{f.stem}",
            "title": title,
            "date": _iso(meta.get("date", "")),
            "source": _SOURCES.get(host, host),
            "category": category,
            "text": text,
        }


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    opts: dict[str, str] = {}
    while len(args) > 2 and args[-2] in ("--exclude", "--categories"):
        opts[args[-2]] = args[-1]
        del args[-2:]
    if len(args) != 2:
        return usage(__doc__)
    exclude = Path(opts["--exclude"]) if "--exclude" in opts else None
    cats = set(opts["--categories"].split(",")) if "--categories" in opts else None
    return 0 if write_records(Path(args[1]), posts(Path(args[0]), exclude, cats), "posts") else 1


if __name__ == "__main__":
    sys.exit(main())
