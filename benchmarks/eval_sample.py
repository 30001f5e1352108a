#!/usr/bin/env python3
"""A random sample of mapped mentions from a whole real-news file, judged by reading the sentence.

    python benchmarks/eval_sample.py draw /work/shared/realnews/dm2020_dev.jsonl -n 200 --seed 11 > sample.jsonl
    python benchmarks/eval_sample.py draw /work/shared/realnews/dm2020_dev.jsonl -n 150 --seed 21 --pool tune > t.jsonl
    python benchmarks/eval_sample.py show /work/shared/realnews/dm2020_dev.jsonl sample.jsonl   (for the reader)
    python benchmarks/eval_sample.py score benchmarks/gold/sample200.jsonl [/work/shared/realnews/dm2020_dev.jsonl]

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
import sys
import tempfile
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


def pool(key: str) -> str:
    """'tune' for sha1(id) starting 0-7 (the pool rules were tuned on), else 'held-out'."""
    return "tune" if key[0] in "01234567" else "held-out"


def draw(shared: str, n: int, seed: int, only: str | None = None) -> list[dict[str, Any]]:
    keys = {k for k in _all_keys(shared) if only is None or pool(k) == only}
    _, sysm = system_mentions(shared, keys)
    mapped = [(k, s) for k in sorted(sysm) for s in sysm[k] if s.mapped and not s.demonym]
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
            }
        )
    where = f", {only} pool only" if only else ""
    print(f"drew {len(out)} of {len(mapped)} mapped mentions (seed {seed}{where})", file=sys.stderr)
    return out


def show(shared: str, sample: list[dict[str, Any]]) -> None:
    arts = load_articles(shared, {r["doc"] for r in sample})
    for i, r in enumerate(sample):
        text = arts[r["doc"]].get("text") or ""
        s0 = max(text.rfind(". ", 0, r["start"]) + 2, text.rfind("\n", 0, r["start"]) + 1, r["start"] - 220)
        e = [x for x in (text.find(". ", r["end"]), text.find("\n", r["end"])) if x >= 0]
        e0 = min([*e, r["end"] + 160])
        ctx = (text[s0 : r["start"]] + "[[" + text[r["start"] : r["end"]] + "]]" + text[r["end"] : e0]).replace(
            "\n", " "
        )
        sy = r["system"]
        print(f"{i}\t{sy['place']} ({sy['lat']:.2f},{sy['lon']:.2f}) s={sy['score']:.2f}\t{ctx}")


def _right(r: dict[str, Any], lat: float | None, lon: float | None) -> bool:
    p = r.get("right")
    return bool(p) and lat is not None and lon is not None and haversine_km(p["lat"], p["lon"], lat, lon) <= ACC_KM


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
        over = [
            s
            for s in sysm.get(r["doc"], [])
            if s.mapped and not s.demonym and s.start < r["end"] and r["start"] < s.end
        ]
        if not over:  # no longer mapped: out of the figures, counted apart
            gone += 1
            gone_wrong += r["verdict"] == "wrong"
            continue
        s = over[0]
        now.append((_right(r, s.lat, s.lon), s.score, pool(r["doc"])))
    print(
        f"today's code on the same mentions ({gone} no longer mapped, {gone_wrong} of them judged wrong;"
        f" the figures are over the {len(now)} still mapped):"
    )
    print(_line("all", [(a, b) for a, b, _ in now], min_score))
    for p in ("held-out", "tune"):
        print(_line(p, [(a, b) for a, b, q in now if q == p], min_score))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw")
    d.add_argument("shared")
    d.add_argument("-n", type=int, default=200)
    d.add_argument("--seed", type=int, default=11)
    d.add_argument("--pool", choices=("tune", "held-out"), help="draw from one pool only (default: the whole file)")
    s = sub.add_parser("show")
    s.add_argument("shared")
    s.add_argument("sample")
    c = sub.add_parser("score")
    c.add_argument("sample")
    c.add_argument("shared", nargs="?")
    c.add_argument("--min-score", type=float, default=0.5)
    a = ap.parse_args(argv)
    if a.cmd == "draw":
        for r in draw(a.shared, a.n, a.seed, a.pool):
            print(json.dumps(r, ensure_ascii=False))
    else:
        sample = [
            json.loads(x) for x in open(a.sample if a.cmd == "score" else a.sample, encoding="utf-8") if x.strip()
        ]
        if a.cmd == "show":
            show(a.shared, sample)
        else:
            score(sample, a.min_score, a.shared)
    return 0


if __name__ == "__main__":
    sys.exit(main())
