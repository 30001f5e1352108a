"""Score the geoparser on a gold JSON-lines file.

Gold format, one document per line: ``{"id", "text", "toponyms": [{"start", "end", "name",
"lat", "lon", ...}]}``. The metrics are those of the development sets' scorer:

* recognition P/R/F1 with exact spans and with overlapping spans (one-to-one, greedy: exact
  matches first, then overlaps);
* resolution over gold toponyms that have coordinates: ``matched`` (only those the system found
  and placed) and ``end to end`` (missed or unplaced ones count as the maximum error,
  20,039 km): acc@161 km, mean and median error, AUC (normalised area under the log-error curve,
  lower is better).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from mapapp.geo.distance import haversine_km

MAX_ERROR_KM = 20039.0


def geo_metrics(errors: list[float]) -> dict[str, Any]:
    if not errors:
        return {"n": 0}
    e = sorted(errors)
    n = len(e)
    logs = [math.log1p(x) for x in e]
    auc = sum((logs[i] + logs[i + 1]) / 2 for i in range(n - 1)) / (math.log(MAX_ERROR_KM) * max(n - 1, 1))
    med = e[n // 2] if n % 2 else (e[n // 2 - 1] + e[n // 2]) / 2
    return {
        "n": n,
        "acc@161": round(sum(x < 161 for x in e) / n, 4),
        "mean_km": round(sum(e) / n, 1),
        "median_km": round(med, 2),
        "AUC": round(auc, 4),
    }


def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = round(2 * p * r / (p + r), 4) if p + r else 0.0
    return {"P": round(p, 4), "R": round(r, 4), "F1": f1, "tp": tp, "fp": fp, "fn": fn}


def score(gold: dict[str, dict], pred: dict[str, dict]) -> dict[str, Any]:
    """Scores of predictions against gold, both ``{doc id: {"toponyms": [...]}}``."""
    ex = [0, 0, 0]
    le = [0, 0, 0]
    matched: list[float] = []
    e2e: list[float] = []
    for did, g in gold.items():
        gt = g["toponyms"]
        pt = pred.get(did, {}).get("toponyms", [])
        gs = {(t["start"], t["end"]) for t in gt}
        ps = {(t["start"], t["end"]) for t in pt}
        tp = len(gs & ps)
        ex[0] += tp
        ex[1] += len(ps) - tp
        ex[2] += len(gs) - tp
        used: set[int] = set()
        link: dict[int, int] = {}
        for phase in (0, 1):  # exact matches first, then overlaps
            for j, p in enumerate(pt):
                if j in used:
                    continue
                for i, t in enumerate(gt):
                    if i in link:
                        continue
                    if phase == 0:
                        ok = (p["start"], p["end"]) == (t["start"], t["end"])
                    else:
                        ok = p["start"] < t["end"] and t["start"] < p["end"]
                    if ok:
                        link[i] = j
                        used.add(j)
                        break
        le[0] += len(link)
        le[1] += len(pt) - len(link)
        le[2] += len(gt) - len(link)
        for i, t in enumerate(gt):
            if t.get("lat") is None or t.get("lon") is None:
                continue
            p = pt[link[i]] if i in link else None
            if p is not None and p.get("lat") is not None and p.get("lon") is not None:
                err = haversine_km(t["lat"], t["lon"], float(p["lat"]), float(p["lon"]))
                matched.append(err)
                e2e.append(err)
            else:
                e2e.append(MAX_ERROR_KM)
    return {
        "docs": len(gold),
        "recognition_exact": prf(*ex),
        "recognition_lenient": prf(*le),
        "resolution_matched": geo_metrics(matched),
        "resolution_end_to_end": geo_metrics(e2e),
    }


def _gold_problem(d: Any) -> str | None:
    """Why a gold line cannot be scored (None: it can): the scorer reads these fields only."""
    if not isinstance(d, dict):
        return f"not an object (got {type(d).__name__})"
    if not isinstance(d.get("id"), (str, int)) or isinstance(d.get("id"), bool):
        return 'no "id" (a string)'
    text = d.get("text")
    if not isinstance(text, str):
        return 'no "text" (a string)'
    tops = d.get("toponyms")
    if not isinstance(tops, list):
        return 'no "toponyms" (a list)'
    for i, t in enumerate(tops):
        if not isinstance(t, dict):
            return f"toponym {i + 1}: not an object"
        s, e = t.get("start"), t.get("end")
        if not (type(s) is int and type(e) is int and 0 <= s < e <= len(text)):
            return f'toponym {i + 1}: "start" and "end" must be offsets into the text, start < end'
        for k in ("lat", "lon"):
            v = t.get(k)
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v)):
                return f'toponym {i + 1}: "{k}" must be a number or null'
    return None


def read_jsonl(path: str | Path, keep: set[str] | None = None) -> dict[str, dict]:
    """The gold documents by id. A line that cannot be scored is a ``ValueError`` naming the file
    and the line (a gold file is the user's yardstick: half of it scored would mislead)."""
    out: dict[str, dict] = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}: line {n}: malformed JSON ({exc.msg} at column {exc.colno})") from None
            why = _gold_problem(d)
            if why is not None:
                raise ValueError(f"{path}: line {n}: {why}")
            d["id"] = str(d["id"])
            if keep is None or d["id"] in keep:
                out[d["id"]] = d
    return out


def toponym_json(t) -> dict[str, Any]:
    p = t.place
    return {
        "start": t.start,
        "end": t.end,
        "name": t.name,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "place": p.id if p else None,
        "country": p.country if p else None,
        "feature": p.kind if p else None,
        "score": t.score,
        "reason": t.reason,
        # the senses it beat, or (unplaced: too unsure to map) its guess first
        "alternatives": [list(a) for a in t.alternatives],
        **({"demonym": True} if t.demonym else {}),
    }


def predict(docs: Iterable[dict], parser, demonyms: bool = False) -> Iterator[dict]:
    for d in docs:
        ts = parser.parse(d.get("text") or "", demonyms=demonyms)
        yield {"id": d["id"], "toponyms": [toponym_json(t) for t in ts]}


def evaluate(
    gold_path: str | Path, parser=None, demonyms: bool = False, docs: set[str] | None = None
) -> dict[str, Any]:
    """Geoparse every document of a gold file and score it."""
    if parser is None:
        from mapapp.geo.geoparse import Geoparser

        parser = Geoparser()
    gold = read_jsonl(gold_path, docs)
    pred = {p["id"]: p for p in predict(gold.values(), parser, demonyms=demonyms)}
    return score(gold, pred)


__all__ = ["evaluate", "score", "predict", "haversine_km", "geo_metrics", "prf", "read_jsonl", "toponym_json"]
