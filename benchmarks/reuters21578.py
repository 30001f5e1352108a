#!/usr/bin/env python3
"""Reuters-21578 (Lewis, 1997) as one JSON-lines file, for measuring.

    python benchmarks/reuters21578.py OUT.jsonl reut2-000.sgm [reut2-001.sgm ...]

The ``.sgm`` files are the collection as distributed (https://kdd.ics.uci.edu/databases/reuters21578/,
and mirrored in public repositories, e.g. loki86/ksr_zadanie1V2 at commit
d16457fd9d6d2b623fffc163746092b89a6e2fef): Reuters newswire stories of February to October 1987,
1,000 to a file. Each story with a body becomes a record ``{"id": "reuters/<NEWID>", "title",
"date", "source", "text"}`` that ``mapapp ingest`` and ``benchmarks/eval_sample.py`` read: the
text is the headline (in capitals, as sent), a blank line, then the dateline and the body, whose
lines the wire wrapped at 70 characters are joined again (a paragraph starts with an indented
line; tables stay as sent). The date is the story's own. The collection may be distributed for
research only: never copy its texts into the repository; judgement files hold offsets, verdicts and
places only.

Why a third corpus: a wire service, a decade before the BBC's and three before the 2020 articles,
mostly business and commodity news (companies, exchanges and ports named after places, datelines
in capitals), so its held-out pool (sha1(id) starting 8-f, as ``eval_sample.py`` splits) says how
the rules carry over to another kind of news.
"""

from __future__ import annotations

import html
import re
import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus_jsonl import usage, write_records  # noqa: E402

_STORY = re.compile(r"<REUTERS\b[^>]*\bNEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in ("DATE", "TITLE", "DATELINE", "BODY")}
_CONTROL = re.compile(r"&#\d+;|[\x00-\x08\x0b-\x1f]")


def _clean(raw: str) -> str:
    return html.unescape(_CONTROL.sub("", raw))


def _unwrap(body: str) -> str:
    """Join the wire's wrapped lines into paragraphs: an indented line, or one after a blank line,
    starts a paragraph; a line of a table (several runs of spaces inside it) stays a line."""
    paras: list[str] = []
    for line in body.split("\n"):
        text = line.strip()
        if not text:
            paras.append("")
            continue
        table = re.search(r"\S {3,}\S", text) is not None
        if paras and paras[-1] and not line.startswith(" ") and not table:
            paras[-1] += " " + text
        else:
            paras.append(text)
    out = "\n".join(paras)
    out = re.sub(r"\s*\bReuter\s*$", "", out, flags=re.I)
    return re.sub(r"\n{3,}", "\n\n", out).strip()


def stories(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes().decode("latin-1")
    out = []
    for m in _STORY.finditer(raw):
        newid, inner = m.group(1), m.group(2)
        fields = {k: (f.search(inner).group(1) if f.search(inner) else "") for k, f in _FIELD.items()}
        body = _unwrap(_clean(fields["BODY"]))
        if not body:
            continue
        title = " ".join(_clean(fields["TITLE"]).split())
        dateline = " ".join(_clean(fields["DATELINE"]).split())
        when = datetime.strptime(fields["DATE"].split()[0], "%d-%b-%Y").date().isoformat()
        text = "\n\n".join(x for x in (title, (dateline + " " + body).strip()) if x)
        out.append({"id": f"reuters/{newid}", "title": title, "date": when, "source": "Reuters", "text": text})
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2:
        return usage(__doc__)
    write_records(Path(args[0]), (rec for name in args[1:] for rec in stories(Path(name))), "stories")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
