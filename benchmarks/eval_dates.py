"""Event-date accuracy of ``mapapp.geo.dates.event_date`` on NewsReader MEANTIME (English).

    python benchmarks/eval_dates.py /path/to/meantime_en.jsonl

For every place mention linked to an event whose gold anchor is a day (``YYYY-MM-DD``, or a
time on that day; an event anchored to two days accepts either), the mention's predicted event day (``event_date(text, start, end, dct)``,
the first day of the predicted period) must equal the gold day. Printed beside it: the baseline
"publication date alone" and the same measure over every event with a gold day (the event word
standing in for the mention: a larger, noisier sample), for all documents and for each half
(documents split by position: even/odd). The rules were written by hand; nothing is fitted.
The data is not shipped with mapapp: pass its path.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mapapp.geo.dates import event_date  # noqa: E402

_DAY = re.compile(r"(\d{4}-\d\d-\d\d)")


def _gold_days(event: dict) -> set[str]:
    """The days an event is anchored to (most have one; a few have two, e.g. the creation
    time and "Friday"): a prediction equal to any of them counts."""
    out = set()
    for a in event.get("anchors", []):
        m = _DAY.match(str(a.get("value", "")))
        if m:
            out.add(m.group(1))
    return out


def evaluate(docs: list[dict], verbose: bool = False) -> dict[str, tuple[int, int, int]]:
    """``{'places': (n, correct, baseline_correct), 'events': (...)}``."""
    res = {"places": [0, 0, 0], "events": [0, 0, 0]}
    for d in docs:
        text = d["text"]
        dct = date.fromisoformat(d["dct"][:10])
        for loc in d.get("locations", []):
            for link in loc.get("events", []):
                ev = d["events"][link["event"]]
                gold = _gold_days(ev)
                if not gold:
                    continue
                pred, prec = event_date(text, loc["start"], loc["end"], dct)
                ok = pred is not None and pred.isoformat() in gold
                r = res["places"]
                r[0] += 1
                r[1] += ok
                r[2] += dct.isoformat() in gold
                if verbose and not ok:
                    print(
                        f"  MISS {d['id'][:40]} {loc['text']!r} gold={sorted(gold)} pred={pred} ({prec})",
                        file=sys.stderr,
                    )
        for ev in d.get("events", []):
            gold = _gold_days(ev)
            if not gold:
                continue
            pred, _ = event_date(text, ev["start"], ev["end"], dct)
            r = res["events"]
            r[0] += 1
            r[1] += pred is not None and pred.isoformat() in gold
            r[2] += dct.isoformat() in gold
    return {k: tuple(v) for k, v in res.items()}  # type: ignore[misc]


def _fmt(name: str, t: tuple[int, int, int]) -> str:
    n, ok, base = t
    if not n:
        return f"{name}: no items"
    return f"{name}: n={n}  event_date accuracy {ok / n:.3f} ({ok})  publication-date-alone {base / n:.3f} ({base})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path", help="meantime_en.jsonl")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the misses on stderr")
    a = ap.parse_args(argv)
    with open(a.path, encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    for label, subset in (("all", docs), ("half A (even docs)", docs[0::2]), ("half B (odd docs)", docs[1::2])):
        r = evaluate(subset, verbose=a.verbose and label == "all")
        print(f"[{label}] {len(subset)} documents")
        print("  " + _fmt("place mentions linked to a dated event", r["places"]))
        print("  " + _fmt("all events with a gold day", r["events"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
