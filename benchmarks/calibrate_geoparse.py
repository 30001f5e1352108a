#!/usr/bin/env python3
"""Fit the confidence model of ``Geoparser`` (``CONF_W``, ``CONF_SCALE``) and show how a threshold
on the score separates likely-wrong from likely-right mapped mentions.

    python benchmarks/calibrate_geoparse.py benchmarks/gold/sample200*.jsonl benchmarks/gold/tune150*.jsonl \
        --samples /work/shared/realnews/dm2020_dev.jsonl --split even [--fit]        (CONF_W, tune pool)
    python benchmarks/calibrate_geoparse.py <the sample200 files drawn before sample200ac> \
        --samples SHARED --split odd --fit-scale --leave-out benchmarks/gold/sample200a[c-i].jsonl
                                                                  (CONF_SCALE, held-out calibration set)
    python benchmarks/calibrate_geoparse.py benchmarks/gold/sample200a[c-i].jsonl --samples SHARED --split odd
                                                                  (the test: report only)
    python benchmarks/calibrate_geoparse.py /work/shared/eval/{gwn,trnews,lgl}.jsonl --split odd
        [--realnews benchmarks/gold/realnews.jsonl /work/shared/realnews/dm2020_dev.jsonl]

With gold corpora, a mapped mention (a resolved, non-demonym toponym that is not inside a name) is
*right* when it overlaps a gold toponym whose point lies within 161 km, *wrong* when it overlaps
none or lies farther (gold toponyms without a point are left out); with ``--samples``, the judged
random samples say which. ``--fit`` fits a logistic regression (numpy, small L2) on the features
of ``Geoparser._features`` and prints the weights to paste into ``CONF_W``; ``--fit-scale`` fits
the two numbers of ``CONF_SCALE`` over the present weights' log-odds. Without them the current
scores are reported: for each threshold, how many mentions fall below it and which share of those
is wrong, against the share wrong above it.

History (issue 11): until the twenty-sixth round ``CONF_W`` was fitted on the even halves of GWN,
TR-News and LGL and the scale kept at the identity, because a model fitted on the tune pool, where
rules were written from the errors, is optimistic on unseen news. The twenty-sixth round fits the
weights there (five new features of the mention's shape) and corrects the optimism with the scale
fitted on a held-out calibration set, tested on held-out samples that took part in neither fit.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from mapapp.geo.evaluate import haversine_km, read_jsonl  # noqa: E402
from mapapp.geo.geoparse import NOT_MAPPED, Geoparser  # noqa: E402


def recording(gp: Geoparser) -> dict[tuple[int, int], tuple]:
    """Make ``gp`` record each scored mention's features, by span, in the dict returned; its scores
    stay the product's own (``Geoparser._confidence`` still scores them)."""
    feats: dict[tuple[int, int], tuple] = {}
    scored = gp._confidence

    def conf(text, c, place, prob, reason, support):
        feats[(c.s, c.e)] = gp._features(text, c, place, prob, reason, support, gp._varying(text, c))
        return scored(text, c, place, prob, reason, support)

    gp._confidence = conf  # type: ignore[method-assign]
    return feats


def collect(paths, split, realnews=None):
    gp = Geoparser()
    gp.CONF_RAW = bool(getattr(collect, "raw", False))
    feats = recording(gp)
    rows = []
    docs: list[tuple[str, list[dict]]] = []
    for path in paths:
        gold = read_jsonl(path)
        for did, g in gold.items():
            m = re.search(r"(\d+)$", did)
            if split != "all" and (not m or int(m.group(1)) % 2 != (0 if split == "even" else 1)):
                continue
            docs.append((g["text"], g["toponyms"]))
    if realnews is not None:  # (gold, shared): the real-news gold's articles of that split
        from benchmarks.eval_realnews import load_articles, load_gold

        rgold = [d for d in load_gold(realnews[0]) if d.get("split") == ("tune" if split == "even" else "test")]
        arts = load_articles(realnews[1], {d["doc"] for d in rgold})
        docs += [
            (arts[d["doc"]].get("text") or "", [t for t in d["toponyms"] if t.get("type") != "demonym"])
            for d in rgold
            if d["doc"] in arts
        ]
    for text, toponyms in docs:
        g = {"text": text, "toponyms": toponyms}
        feats.clear()
        tops = gp.parse(g["text"])
        scores = {(t.start, t.end): t.score for t in tops}
        for t in tops:
            if t.place is None or t.reason in NOT_MAPPED or (t.start, t.end) not in feats:
                continue
            hit = [x for x in g["toponyms"] if x["start"] < t.end and t.start < x["end"]]
            if hit and hit[0].get("lat") is None:
                continue
            ok = bool(hit) and haversine_km(hit[0]["lat"], hit[0]["lon"], t.place.lat, t.place.lon) < 161
            rows.append((feats[(t.start, t.end)], ok, scores.get((t.start, t.end), t.score)))
    return rows


def sample_rows(shared, files, which, leave_out=()):
    """(features, right, score) of the judged mentions of random samples (``eval_sample.py``) in
    pool ``which`` that today's geoparser still maps, read by running it on their articles with
    the features recorded (the same ``Geoparser._features`` the product scores with). Mentions
    also judged in the samples ``leave_out`` are left out (samples drawn apart share a mention
    often enough: 148 of the 793 of sample200ac-af were drawn before)."""
    import json

    skip = set()
    for f in leave_out:
        for line in open(f, encoding="utf-8"):
            if line.strip():
                r = json.loads(line)
                skip.add((r["doc"], r["start"]))

    from benchmarks.eval_realnews import load_articles
    from benchmarks.eval_sample import _right, pool

    judged: dict[tuple[str, int], dict] = {}
    for f in files:
        for line in open(f, encoding="utf-8"):
            r = json.loads(line) if line.strip() else {}
            if (
                r.get("verdict") in ("right", "wrong")
                and pool(r["doc"]) == which
                and (r["doc"], r["start"]) not in skip
            ):
                judged.setdefault((r["doc"], r["start"]), r)  # a mention drawn twice counts once
    by_doc: dict[str, list[dict]] = {}
    for (doc, _), r in judged.items():
        by_doc.setdefault(doc, []).append(r)
    articles = load_articles(shared, set(by_doc))
    gp = Geoparser()
    feats = recording(gp)
    rows = []
    for doc in sorted(by_doc):
        a = articles.get(doc)
        if a is None:
            continue
        feats.clear()
        tops = [t for t in gp.parse(a.get("text") or "") if t.place is not None and t.reason not in NOT_MAPPED]
        for r in by_doc[doc]:
            over = [t for t in tops if not t.demonym and t.start < r["end"] and r["start"] < t.end]
            if over and (over[0].start, over[0].end) in feats:
                t = over[0]
                rows.append((feats[(t.start, t.end)], _right(r, t.place.lat, t.place.lon), t.score))
    return rows


def fit_scale(rows, iters=50):
    """``a, b`` of ``sigmoid(a * z + b)`` by Newton steps (two parameters: the ranking is kept)."""
    X = np.array([[z, 1.0] for z, _, _ in rows])
    y = np.array([1.0 if ok else 0.0 for _, ok, _ in rows])
    w = np.array([1.0, 0.0])
    for _ in range(iters):
        p = 1 / (1 + np.exp(-X @ w))
        H = (X * (p * (1 - p))[:, None]).T @ X + 1e-6 * np.eye(2)
        w -= np.linalg.solve(H, X.T @ (p - y))
    return w


def fit(rows, l2=1e-2, iters=200):
    X = np.array([r[0] for r in rows], dtype=float)
    y = np.array([1.0 if r[1] else 0.0 for r in rows])
    w = np.zeros(X.shape[1])
    for _ in range(iters):  # Newton steps
        p = 1 / (1 + np.exp(-X @ w))
        g = X.T @ (p - y) + l2 * w
        H = (X * (p * (1 - p))[:, None]).T @ X + l2 * np.eye(len(w))
        w -= np.linalg.solve(H, g)
    return w


def report(rows):
    n = len(rows)
    wrong = sum(1 for r in rows if not r[1])
    print(f"mapped mentions: {n}, wrong: {wrong} ({wrong / max(n, 1):.1%})")
    s = sorted(rows, key=lambda r: r[2])
    # log loss and a reliability table
    ll = -sum(math.log(max(1e-6, r[2] if r[1] else 1 - r[2])) for r in rows) / max(n, 1)
    print(f"log loss of the score as a probability: {ll:.3f}")
    for lo, hi in ((0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 0.95), (0.95, 1.01)):
        b = [r for r in rows if lo <= r[2] < hi]
        if b:
            print(f"  score {lo:.2f}-{min(hi, 1):.2f}: n={len(b):5d}  right {sum(r[1] for r in b) / len(b):.1%}")
    for th in (0.3, 0.4, 0.5, 0.6, 0.7):
        lo = [r for r in s if r[2] < th]
        hi = [r for r in s if r[2] >= th]
        wl = sum(1 for r in lo if not r[1])
        wh = sum(1 for r in hi if not r[1])
        print(
            f"  threshold {th:.1f}: below n={len(lo):5d} wrong {wl / max(len(lo), 1):.1%} "
            f"({wl} of all {wrong} wrong); above n={len(hi):5d} wrong {wh / max(len(hi), 1):.1%}"
        )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--split", choices=["even", "odd", "all"], default="odd")
    ap.add_argument("--fit", action="store_true")
    ap.add_argument(
        "--realnews",
        nargs=2,
        metavar=("GOLD", "SHARED"),
        help="also the real-news gold (benchmarks/gold/realnews.jsonl and the shared JSONL): its tune half with"
        " --split even, its test half with --split odd",
    )
    ap.add_argument("--raw", action="store_true", help="report the resolver's raw probability instead")
    ap.add_argument(
        "--leave-out", nargs="+", metavar="SAMPLE", help="with --samples: leave out the mentions also judged in these"
    )
    ap.add_argument(
        "--fit-scale",
        action="store_true",
        help="with --samples and --split odd: fit CONF_SCALE on the held-out pool of GOLD (the calibration samples)",
    )
    ap.add_argument(
        "--samples",
        metavar="SHARED",
        help="GOLD are judged random samples (eval_sample.py) of this real-news file: report their mentions of the"
        " tune pool with --split even (--fit: fit CONF_W there), of the held-out pool with --split odd",
    )
    a = ap.parse_args()
    if a.samples:
        if a.fit and a.split != "even":
            ap.error("--fit only on the tune pool (--split even); --fit-scale on held-out calibration samples")
        if a.fit_scale and a.split != "odd":
            ap.error("--fit-scale on the held-out pool (--split odd) of the calibration samples only")
        srows = sample_rows(a.samples, a.gold, "tune" if a.split == "even" else "held-out", a.leave_out or ())
        print(f"CONF_SCALE now: {Geoparser.CONF_SCALE}")
        report([(None, ok, sc) for _, ok, sc in srows])
        if a.fit:
            w = fit(srows)
            print("CONF_W = (" + ", ".join(f"{x:.3f}" for x in w) + ")")
            report([(f, ok, float(1 / (1 + math.exp(-float(np.dot(w, f)))))) for f, ok, _ in srows])
        if a.fit_scale:
            zs = [(float(np.dot(Geoparser.CONF_W, f)), ok, sc) for f, ok, sc in srows]
            w = fit_scale(zs)
            print(f"CONF_SCALE = ({w[0]:.3f}, {w[1]:.3f})")
            report([(None, ok, float(1 / (1 + math.exp(-(w[0] * z + w[1]))))) for z, ok, _ in zs])
        return 0
    if a.fit and a.split != "even":
        ap.error("--fit only on the even (tuning) documents")
    collect.raw = a.raw
    rows = collect(a.gold, a.split, a.realnews)
    if a.fit:
        w = fit(rows)
        print("CONF_W = (" + ", ".join(f"{x:.3f}" for x in w) + ")")
        rows = [(f, ok, float(1 / (1 + math.exp(-float(np.dot(w, f)))))) for f, ok, _ in rows]
    report(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
