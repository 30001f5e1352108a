#!/usr/bin/env python3
"""A random sample of mapped mentions from a whole real-news file, judged by reading the sentence.

    python benchmarks/eval_sample.py draw /work/shared/realnews/dm2020_dev.jsonl -n 200 --seed 11 > sample.jsonl
    python benchmarks/eval_sample.py draw /work/shared/realnews/dm2020_dev.jsonl -n 150 --seed 21 --pool tune > t.jsonl
    python benchmarks/eval_sample.py draw /work/shared/realnews/dm2020_dev.jsonl -n 150 --seed 21 --pool tune --unjudged > t.jsonl
    python benchmarks/eval_sample.py draw /work/shared/realnews/dm2020_dev.jsonl -n 100 --seed 21 --pool tune --below 0.3 > u.jsonl
    python benchmarks/eval_sample.py show /work/shared/realnews/dm2020_dev.jsonl sample.jsonl   (for the reader)
    python benchmarks/eval_sample.py score benchmarks/gold/sample200.jsonl [/work/shared/realnews/dm2020_dev.jsonl]
    python benchmarks/eval_sample.py score-recall benchmarks/gold/recall/realnews.jsonl /work/shared/realnews/dm2020_dev.jsonl

``draw`` runs the real product over every article of the file (``mapapp ingest`` and ``mapapp
export``, as ``eval_realnews.py`` does), takes the mapped mentions that are not demonyms, and
draws ``n`` of them uniformly at random: one JSON line each, with the article's key
(sha1(id)[:16]), the mention's offsets into the raw ``text``, the place it was mapped to and its
score. No article text is written: the judgement file in ``benchmarks/gold/`` holds offsets,
verdicts and places only. ``show`` prints each drawn mention in its sentence for the reader (to the
terminal, never into the repository). The reader adds ``verdict`` (``right`` / ``wrong``) and, when
the text names a place there, ``right`` = ``{"name", "lat", "lon"}`` (the place meant; null when the
words are no place at all). A mapped mention is right when its point lies within 161 km of the
place meant (docs/ANNOTATION.md's policy decides what counts as a place).

``score`` prints the share of judged mentions that are right, the same above the "Hide uncertain
places" threshold (``--min-score``, default 0.5) with the share hidden, and both for the held-out
pool (sha1(id) first hex digit 8-f, never looked at for tuning) and the tune pool (0-7). Given the
shared file as well, it re-runs the current system on the sampled articles and judges its mapped
mentions at the sampled offsets against the stored right places: the figure for today's code on
the same sample (mentions it no longer maps are left out of the figures and counted apart).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.eval_realnews import (  # noqa: E402
    ACC_KM,
    Sys,
    doc_key,
    haversine_km,
    load_articles,
    run_system,
    system_by_article,
)


def _all_keys(shared: str) -> set[str]:
    keys = set()
    with open(shared, encoding="utf-8") as fh:
        for line in fh:
            try:
                a = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(a, dict) and isinstance(a.get("id"), str):
                keys.add(doc_key(a["id"]))
    return keys


def system_mentions(shared: str, keys: set[str]) -> tuple[dict[str, dict[str, Any]], dict[str, list[Sys]]]:
    """The articles of ``keys`` and the product's mentions in them (raw-text offsets)."""
    articles = load_articles(shared, keys)
    with tempfile.TemporaryDirectory(prefix="eval_sample_") as tmp:
        df = run_system(list(articles.values()), Path(tmp))
    sysm, _ = system_by_article(df, articles)
    return articles, sysm


def _at(sysm: dict[str, list[Sys]], r: dict[str, Any], mapped: bool) -> Sys | None:
    """Today's system mention over a sampled one's offsets (a mapped one, when ``mapped``)."""
    for s in sysm.get(r["doc"], []):
        if not s.demonym and (s.mapped or not mapped) and s.start < r["end"] and r["start"] < s.end:
            return s
    return None


def pool(key: str) -> str:
    """'tune' for sha1(id) starting 0-7 (the pool rules were tuned on), else 'held-out'."""
    return "tune" if key[0] in "01234567" else "held-out"


# Deliberately not mapapp.geo.dates.find_dates: the draw must not depend on the dates it measures
# (a day the system fails to read is drawn too); a loose, case-blind net is enough
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DAYISH = re.compile(
    r"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday|today|tonight|last night"
    r"|this (?:morning|afternoon|evening)|"
    + _MONTH
    + r" \d{1,2}\b|\d{1,2}(?:st|nd|rd|th)? (?:of )?"
    + _MONTH
    + r"|\d{1,2}/\d{1,2}/\d{2,4})",
    re.IGNORECASE,
)


def sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a mention, cut as a reader's eye would (a full stop or a line break,
    at most 220 characters before and 160 after): what ``show`` prints."""
    s0 = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, start - 220)
    e = [x for x in (text.find(". ", end), text.find("\n", end)) if x >= 0]
    return s0, min([*e, end + 160])


def judged_spans(gold_dir: Path) -> set[tuple[str, int, int]]:
    """The (article, start, end) of every mention a judgement file in ``gold_dir`` holds (AG's News',
    the BBC's, the 2020 archive's and Reuters' in ``gold_dir/ag/``, ``bbc/``, ``fs/`` and ``reuters/``
    too: their articles' keys are their own, so ``--unjudged`` serves any corpus)."""
    spans = set()
    files = sorted(gold_dir.glob("sample200*.jsonl")) + sorted(gold_dir.glob("tune150*.jsonl"))
    for corpus in ("ag", "bbc", "fs", "reuters"):
        files += sorted(gold_dir.glob(f"{corpus}/*.jsonl"))
    for f in files:
        for line in open(f, encoding="utf-8"):
            if line.strip():
                r = json.loads(line)
                spans.add((r["doc"], r["start"], r["end"]))
    return spans


def draw(
    shared: str,
    n: int,
    seed: int,
    only: str | None = None,
    dated: bool = False,
    skip: AbstractSet[tuple[str, int, int]] = frozenset(),
    below: float | None = None,
) -> list[dict[str, Any]]:
    keys = {k for k in _all_keys(shared) if only is None or pool(k) == only}
    arts, sysm = system_mentions(shared, keys)
    mapped = [
        (k, s)
        for k in sorted(sysm)
        for s in sysm[k]
        if s.mapped and not s.demonym and (k, s.start, s.end) not in skip and (below is None or s.score < below)
    ]
    if dated:

        def dayish(k: str, s: Sys) -> bool:
            text = arts[k].get("text") or ""
            a, b = sentence(text, s.start, s.end)
            return _DAYISH.search(text, a, b) is not None

        mapped = [(k, s) for k, s in mapped if dayish(k, s)]
    rng = random.Random(seed)
    picked = sorted(rng.sample(range(len(mapped)), min(n, len(mapped))))
    out = []
    for i in picked:
        k, s = mapped[i]
        out.append(
            {
                "doc": k,
                "start": s.start,
                "end": s.end,
                "system": {"place_id": s.place_id, "place": s.place, "lat": s.lat, "lon": s.lon, "score": s.score},
                **(
                    {"published": arts[k].get("date"), "event_date": s.event_date, "date_precision": s.date_precision}
                    if dated
                    else {}
                ),
            }
        )
    where = (
        (f", {only} pool only" if only else "")
        + (", not judged before" if skip else "")
        + (f", confidence below {below:g}" if below is not None else "")
    )
    print(f"drew {len(out)} of {len(mapped)} mapped mentions (seed {seed}{where})", file=sys.stderr)
    return out


def show(shared: str, sample: list[dict[str, Any]]) -> None:
    arts = load_articles(shared, {r["doc"] for r in sample})
    for i, r in enumerate(sample):
        text = arts[r["doc"]].get("text") or ""
        s0, e0 = sentence(text, r["start"], r["end"])
        ctx = (text[s0 : r["start"]] + "[[" + text[r["start"] : r["end"]] + "]]" + text[r["end"] : e0]).replace(
            "\n", " "
        )
        sy = r["system"]
        when = (
            f"\tpublished {r['published']}; system {r['event_date']}/{r['date_precision']}" if "published" in r else ""
        )
        print(f"{i}\t{sy['place']} ({sy['lat']:.2f},{sy['lon']:.2f}) s={sy['score']:.2f}{when}\t{ctx}")


def _right(r: dict[str, Any], lat: float | None, lon: float | None) -> bool:
    """Whether a point is within ACC_KM of the place meant; a place meant with no point (a reader's
    "Pacific Rim", which no point stands for) is right nowhere."""
    p = r.get("right")
    if not p or p.get("lat") is None or p.get("lon") is None or lat is None or lon is None:
        return False
    return haversine_km(p["lat"], p["lon"], lat, lon) <= ACC_KM


def _line(label: str, judged: list[tuple[bool, float]], min_score: float) -> str:
    n = len(judged)
    if not n:
        return f"  {label}: none"
    right = sum(ok for ok, _ in judged)
    sure = [(ok, sc) for ok, sc in judged if sc >= min_score]
    sr = sum(ok for ok, _ in sure)
    hidden = n - len(sure)
    hidden_wrong = (n - right) - (len(sure) - sr)
    return (
        f"  {label}: {100 * right / n:.1f}% right ({right}/{n}); score >= {min_score:g}: "
        f"{100 * sr / len(sure) if sure else 0:.1f}% right ({sr}/{len(sure)}), "
        f"{100 * hidden / n:.1f}% hidden ({hidden_wrong} of the {hidden} hidden were wrong)"
    )


def score(sample: list[dict[str, Any]], min_score: float, shared: str | None) -> None:
    judged = [r for r in sample if r.get("verdict") in ("right", "wrong")]
    print(f"{len(judged)} judged mapped mentions ({len(sample) - len(judged)} without a verdict left out)")
    print("as drawn (the system's answer stored in the sample):")
    rows = [(r["verdict"] == "right", float(r["system"]["score"]), pool(r["doc"])) for r in judged]
    print(_line("all", [(a, b) for a, b, _ in rows], min_score))
    for p in ("held-out", "tune"):
        print(_line(p, [(a, b) for a, b, q in rows if q == p], min_score))
    if shared is None:
        return
    _, sysm = system_mentions(shared, {r["doc"] for r in judged})
    now: list[tuple[bool, float, str]] = []
    gone = gone_wrong = 0
    for r in judged:
        s = _at(sysm, r, mapped=True)
        if s is None:  # no longer mapped: out of the figures, counted apart
            gone += 1
            gone_wrong += r["verdict"] == "wrong"
            continue
        now.append((_right(r, s.lat, s.lon), s.score, pool(r["doc"])))
    print(
        f"today's code on the same mentions ({gone} no longer mapped, {gone_wrong} of them judged wrong;"
        f" the figures are over the {len(now)} still mapped):"
    )
    print(_line("all", [(a, b) for a, b, _ in now], min_score))
    for p in ("held-out", "tune"):
        print(_line(p, [(a, b) for a, b, q in now if q == p], min_score))


def _day_line(label: str, rows: list[tuple[str | None, str | None, str | None, str | None]]) -> str:
    """rows: (stated day, system date, system precision, published)."""
    stated = [(d, e, p) for d, e, p, _ in rows if d]
    ok = sum(e == d and p == "day" for d, e, p in stated)
    other = [(e, p, pub) for d, e, p, pub in rows if not d]
    share = f"{100 * ok / len(stated):.1f}%" if stated else "-"
    line = f"  {label}: stated day right {share} ({ok}/{len(stated)})"
    if any(pub is None for _, _, pub in other):  # the stored sample keeps no publication date
        return line
    invented = sum(p == "day" and e != (pub or "")[:10] for e, p, pub in other)
    return (
        line
        + f"; of the {len(other)} whose sentence states no day, {invented} dated to a day other than the publication's"
    )


def score_dates(sample: list[dict[str, Any]], shared: str | None) -> None:
    judged = [r for r in sample if "stated_day" in r]
    print(f"{len(judged)} judged mentions ({len(sample) - len(judged)} without stated_day left out)")
    rows = [
        (r["stated_day"], r.get("event_date"), r.get("date_precision"), r.get("published"), pool(r["doc"]))
        for r in judged
    ]
    print("as drawn:")
    for p in ("all", "held-out", "tune"):
        print(_day_line(p, [x[:4] for x in rows if p in ("all", x[4])]))
    if shared is None:
        return
    arts, sysm = system_mentions(shared, {r["doc"] for r in judged})
    now = []
    for r in judged:
        s = _at(sysm, r, mapped=False)
        now.append(
            (
                r["stated_day"],
                s.event_date if s else None,
                s.date_precision if s else None,
                arts[r["doc"]].get("date"),
                pool(r["doc"]),
            )
        )
        if (
            s
            and r["stated_day"]
            and (s.event_date != r["stated_day"] or s.date_precision != "day")
            and pool(r["doc"]) == "tune"
        ):
            text = arts[r["doc"]].get("text") or ""
            a, b = sentence(text, r["start"], r["end"])
            print(
                f"    wrong: gold {r['stated_day']} system {s.event_date}/{s.date_precision} pub {arts[r['doc']].get('date')}: {text[a:b]!r}"
            )
    print("today's code:")
    for p in ("all", "held-out", "tune"):
        print(_day_line(p, [x[:4] for x in now if p in ("all", x[4])]))


def score_recall(rows: list[dict[str, Any]], shared: str) -> None:
    """A recall review (``benchmarks/gold/recall/``: the articles read whole, the places readers found
    unmapped, the mapped mentions they found wrong), against today's code: how many of the misses are
    mapped now, and how many of the wrong ones still are, by round."""
    keys = {r["doc"] for r in rows}
    _, sysm = system_mentions(shared, keys)
    for rnd in sorted({r["round"] for r in rows}):
        sel = [r for r in rows if r["round"] == rnd]
        read = sum(1 for r in sel if r["kind"] == "read")
        miss = [r for r in sel if r["kind"] == "miss"]
        wrong = [r for r in sel if r["kind"] == "wrong"]
        found = sum(1 for r in miss if _at(sysm, r, True) is not None)
        still = sum(1 for r in wrong if _at(sysm, r, True) is not None)
        print(
            f"round {rnd}: {read} articles read; misses mapped now {found}/{len(miss)}; "
            f"wrong still mapped {still}/{len(wrong)}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw")
    d.add_argument("shared")
    d.add_argument("-n", type=int, default=200)
    d.add_argument("--seed", type=int, default=11)
    d.add_argument("--pool", choices=("tune", "held-out"), help="draw from one pool only (default: the whole file)")
    d.add_argument(
        "--dated", action="store_true", help="only mentions whose sentence can state a day; keep the system's date"
    )
    d.add_argument(
        "--unjudged",
        action="store_true",
        help="only mentions no sample in benchmarks/gold/ judged yet (finds errors faster; not a uniform sample)",
    )
    d.add_argument(
        "--below",
        type=float,
        metavar="SCORE",
        help="only mentions resolved with a confidence below SCORE (how often the unsure ones are right)",
    )
    s = sub.add_parser("show")
    s.add_argument("shared")
    s.add_argument("sample")
    c = sub.add_parser("score")
    c.add_argument("sample")
    c.add_argument("shared", nargs="?")
    c.add_argument("--min-score", type=float, default=0.5)
    cd = sub.add_parser("score-dates")
    cd.add_argument("sample")
    cd.add_argument("shared", nargs="?")
    cr = sub.add_parser("score-recall")
    cr.add_argument("sample")
    cr.add_argument("shared")
    a = ap.parse_args(argv)
    if a.cmd == "draw":
        skip = judged_spans(Path(__file__).resolve().parent / "gold") if a.unjudged else set()
        for r in draw(a.shared, a.n, a.seed, a.pool, a.dated, skip, a.below):
            print(json.dumps(r, ensure_ascii=False))
    else:
        sample = [json.loads(x) for x in open(a.sample, encoding="utf-8") if x.strip()]
        if a.cmd == "show":
            show(a.shared, sample)
        elif a.cmd == "score-dates":
            score_dates(sample, a.shared)
        elif a.cmd == "score-recall":
            score_recall(sample, a.shared)
        else:
            score(sample, a.min_score, a.shared)
    return 0


if __name__ == "__main__":
    sys.exit(main())
