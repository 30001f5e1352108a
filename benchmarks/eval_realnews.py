#!/usr/bin/env python3
"""Score mapapp against the real-news gold (benchmarks/gold/realnews.jsonl).

    python benchmarks/eval_realnews.py benchmarks/gold/realnews.jsonl \
        /work/shared/realnews/dm2020_dev.jsonl [--split test|tune|all] [--demonyms] [--errors N]

The gold holds no text: each line is ``{"doc": sha1(id)[:16], "split", "toponyms": [...]}`` (and
``"added"`` naming a later annotation round, printed apart as well) with
offsets into the article's raw ``text`` field (policy: docs/ANNOTATION.md). This script looks the
gold's articles up in the shared JSONL, writes them to a temporary JSONL, runs the real product
through its CLI in child processes (``mapapp ingest`` into a temporary store, then
``mapapp export --format csv --undated --demonyms``), aligns the system's offsets (into mapapp's
cleaned text) back to the raw text, and prints:

* recognition P/R/F1, exact and overlap, over the toponyms (demonyms only with --demonyms);
* acc@161 km and median error over the matched (overlapping) toponyms with gold coordinates;
* the share of mapped system mentions that are the right place (a mapped mention is right
  when it overlaps a gold toponym whose point is within 161 km; over no gold toponym it is
  wrong; over a gold toponym with null coordinates it is unscorable and left out);
* the share of gold mentions with ``sentence_states_day`` whose system event date is that day.

Figures to report are on ``--split test``; ``--errors N`` (false positives, misses, wrong
places, wrong dates) is allowed only with ``--split tune``. Needs only the stdlib and pandas,
and ``mapapp`` on PATH (or ``python -m mapapp.cli``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ACC_KM = 161.0


def doc_key(article_id: str) -> str:
    return hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:16]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


# --- alignment of system offsets (cleaned text) to the raw text -----------------------------


def _name_pattern(name: str) -> re.Pattern[str]:
    """The name with any run of whitespace (incl. NBSP) matching any other, case-insensitive."""
    parts = [re.escape(p) for p in name.split()]
    return re.compile(r"\s+".join(parts) if parts else re.escape(name), re.IGNORECASE)


def align_mentions(raw: str, mentions: list[tuple[str, int, int]]) -> list[tuple[int, int] | None]:
    """Map system mentions ``(name, start, end)`` with offsets into mapapp's cleaned text to
    ``(start, end)`` in ``raw``; None when the name cannot be found in ``raw``.

    Cleaning mostly deletes characters (markup, boilerplate lines, blank lines), so the raw
    position is the cleaned one plus a drift that changes slowly along the text. Mentions are
    taken in cleaned-text order; each goes to the occurrence of its name in ``raw`` (exact
    first, then with flexible whitespace and case) nearest to ``start + drift``, preferring
    occurrences that do not go backwards; the drift is then updated. The name is checked to
    match the raw span by construction."""
    out: list[tuple[int, int] | None] = [None] * len(mentions)
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i][1], mentions[i][2]))
    cache: dict[str, list[tuple[int, int]]] = {}
    drift = 0
    last_start = -1
    for i in order:
        name, start, end = mentions[i]
        if not name or not name.strip():
            continue
        if raw[start + drift : start + drift + len(name)] == name:
            cands = [(start + drift, start + drift + len(name))]
        else:
            if name not in cache:
                occ = [(m.start(), m.end()) for m in re.finditer(re.escape(name), raw)]
                if not occ:
                    occ = [(m.start(), m.end()) for m in _name_pattern(name).finditer(raw)]
                cache[name] = occ
            cands = cache[name]
        if not cands:
            continue
        want = start + drift

        def cost(c: tuple[int, int], last_start: int = last_start, want: int = want) -> tuple[int, int]:
            backwards = 1 if c[0] < last_start else 0
            return (backwards, abs(c[0] - want))

        best = min(cands, key=cost)
        out[i] = best
        drift = best[0] - start
        last_start = best[0]
    return out


# --- matching and metrics -------------------------------------------------------------------


@dataclass
class Gold:
    start: int
    end: int
    lat: float | None
    lon: float | None
    type: str
    date: str | None = None
    date_precision: str | None = None
    sentence_states_day: bool = False
    geonameid: int | None = None

    @property
    def demonym(self) -> bool:
        return self.type == "demonym"

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass
class Sys:
    start: int
    end: int
    lat: float | None
    lon: float | None
    demonym: bool = False
    event_date: str | None = None
    date_precision: str | None = None
    name: str = ""
    place: str = ""
    score: float = 1.0
    place_id: str = ""

    @property
    def mapped(self) -> bool:
        return self.lat is not None and self.lon is not None


def overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


@dataclass
class Counts:
    gold: int = 0
    sys: int = 0
    tp_exact: int = 0
    tp_overlap_gold: int = 0  # gold toponyms overlapped by some system mention
    tp_overlap_sys: int = 0  # system mentions overlapping some gold toponym
    resolved: int = 0  # matched gold toponyms with a point and a mapped system mention
    correct161: int = 0
    errors_km: list[float] = field(default_factory=list)
    mapped: int = 0  # mapped system mentions (scored)
    mapped_right: int = 0
    mapped_unscorable: int = 0
    sure: int = 0  # scored mapped mentions at or above the threshold (what "Hide uncertain places" leaves)
    sure_right: int = 0
    day_gold: int = 0
    day_right: int = 0
    day_right_lenient: int = 0  # also counting a publication-date fallback that equals the day
    day_found: int = 0  # stated-day gold mentions the system found (overlapping mention)
    day_found_right: int = 0

    def add(self, o: Counts) -> None:
        for k, v in vars(o).items():
            if isinstance(v, list):
                getattr(self, k).extend(v)
            else:
                setattr(self, k, getattr(self, k) + v)


def _best_overlap(g: Gold, cands: list[Sys]) -> Sys | None:
    """The system mention overlapping ``g`` the most (exact span first)."""
    best, best_len = None, 0
    for s in cands:
        if s.start == g.start and s.end == g.end:
            return s
        ov = min(g.end, s.end) - max(g.start, s.start)
        if ov > best_len:
            best, best_len = s, ov
    return best


def score_doc(
    gold: list[Gold],
    system: list[Sys],
    demonyms: bool = False,
    errors: list[tuple[str, Any, Any]] | None = None,
    min_score: float = 0.5,
) -> Counts:
    """Counts for one article. Without ``demonyms``, gold demonyms and system demonyms are left
    out on both sides (a system toponym over a gold demonym is not a false positive)."""
    c = Counts()
    if demonyms:
        g_list, s_list = list(gold), list(system)
    else:
        g_list = [g for g in gold if not g.demonym]
        gdem = [g for g in gold if g.demonym]
        s_list = [
            s for s in system if not s.demonym and not any(overlaps(s.start, s.end, g.start, g.end) for g in gdem)
        ]
    c.gold, c.sys = len(g_list), len(s_list)
    exact = {(g.start, g.end) for g in g_list}
    c.tp_exact = sum(1 for s in {(s.start, s.end) for s in s_list} if s in exact)
    for g in g_list:
        over = [s for s in s_list if overlaps(s.start, s.end, g.start, g.end)]
        if over:
            c.tp_overlap_gold += 1
            s = _best_overlap(g, over)
            if g.has_point and s is not None and s.mapped:
                d = haversine_km(g.lat, g.lon, s.lat, s.lon)
                c.resolved += 1
                c.errors_km.append(d)
                if d <= ACC_KM:
                    c.correct161 += 1
                elif errors is not None:
                    errors.append(("wrong place", g, s))
        elif errors is not None:
            errors.append(("miss", g, None))
        if g.sentence_states_day and g.date and g.date_precision == "day":
            c.day_gold += 1
            s = _best_overlap(g, over) if over else None
            if s is not None:
                c.day_found += 1
            if s is not None and s.event_date == g.date:
                if s.date_precision == "day":
                    c.day_right += 1
                    c.day_found_right += 1
                c.day_right_lenient += 1
            if errors is not None and (s is None or s.event_date != g.date or s.date_precision != "day"):
                errors.append(("wrong date", g, s))
    for s in s_list:
        over = [g for g in g_list if overlaps(s.start, s.end, g.start, g.end)]
        if over:
            c.tp_overlap_sys += 1
        elif errors is not None:
            errors.append(("false positive", None, s))
        if not s.mapped:
            continue
        sure = s.score >= min_score
        if not over:
            c.mapped += 1
            c.sure += sure
            continue
        pts = [g for g in over if g.has_point]
        if not pts:
            c.mapped_unscorable += 1
            continue
        c.mapped += 1
        c.sure += sure
        if any(haversine_km(g.lat, g.lon, s.lat, s.lon) <= ACC_KM for g in pts):
            c.mapped_right += 1
            c.sure_right += sure
    return c


def prf(tp_p: int, n_sys: int, tp_r: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_sys if n_sys else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def summary(c: Counts) -> dict[str, Any]:
    pe, re_, fe = prf(c.tp_exact, c.sys, c.tp_exact, c.gold)
    po, ro, fo = prf(c.tp_overlap_sys, c.sys, c.tp_overlap_gold, c.gold)
    return {
        "gold": c.gold,
        "system": c.sys,
        "exact": (pe, re_, fe),
        "overlap": (po, ro, fo),
        "acc161": c.correct161 / c.resolved if c.resolved else None,
        "resolved": c.resolved,
        "median_km": statistics.median(c.errors_km) if c.errors_km else None,
        "mapped_right": c.mapped_right / c.mapped if c.mapped else None,
        "mapped": c.mapped,
        "mapped_unscorable": c.mapped_unscorable,
        "day_right": c.day_right / c.day_gold if c.day_gold else None,
        "day_right_lenient": c.day_right_lenient / c.day_gold if c.day_gold else None,
        "day_gold": c.day_gold,
    }


# --- I/O ------------------------------------------------------------------------------------


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    docs = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                raise SystemExit(f"{path}:{n}: not JSON ({e})") from None
            if not isinstance(d, dict) or "doc" not in d or "toponyms" not in d:
                raise SystemExit(f"{path}:{n}: needs 'doc' and 'toponyms'")
            docs.append(d)
    return docs


def gold_toponyms(d: dict[str, Any]) -> list[Gold]:
    out = []
    for t in d.get("toponyms") or []:
        lat, lon = t.get("lat"), t.get("lon")
        out.append(
            Gold(
                start=int(t["start"]),
                end=int(t["end"]),
                lat=float(lat) if lat is not None else None,
                lon=float(lon) if lon is not None else None,
                type=str(t.get("type") or ""),
                date=t.get("date"),
                date_precision=t.get("date_precision"),
                sentence_states_day=bool(t.get("sentence_states_day")),
                geonameid=t.get("geonameid"),
            )
        )
    return out


def load_articles(shared: str | Path, keys: set[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    with open(shared, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            try:
                a = json.loads(line)
            except json.JSONDecodeError:
                continue
            if not isinstance(a, dict) or not isinstance(a.get("id"), str):
                continue
            k = doc_key(a["id"])
            if k in keys and k not in found:
                found[k] = a
    return found


def _mapapp_cmd() -> list[str]:
    exe = shutil.which("mapapp")
    if exe:
        return [exe]
    return [sys.executable, "-m", "mapapp.cli"]


def run_system(articles: list[dict[str, Any]], workdir: Path) -> Any:
    """Ingest ``articles`` through the CLI into a temporary store and export all mentions as
    CSV (undated and demonyms included). Returns a pandas DataFrame."""
    import pandas as pd

    src = workdir / "articles.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps(a, ensure_ascii=False) + "\n")
    db = workdir / "store.sqlite"
    cmd = _mapapp_cmd()
    env = dict(os.environ)
    r = subprocess.run(cmd + ["ingest", str(src), "--db", str(db)], capture_output=True, text=True, env=env)
    if r.returncode != 0:
        raise SystemExit(f"mapapp ingest failed ({r.returncode}):\n{r.stderr[-2000:]}")
    out = workdir / "mentions.csv"
    r = subprocess.run(
        cmd + ["export", "--db", str(db), "--format", "csv", "--undated", "--demonyms", "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
    )
    if r.returncode != 0:
        raise SystemExit(f"mapapp export failed ({r.returncode}):\n{r.stderr[-2000:]}")
    if not out.exists() or out.stat().st_size == 0:
        return pd.DataFrame(columns=["article_id", "name", "start", "end", "lat", "lon"])
    return pd.read_csv(
        out, dtype={"article_id": str, "name": str, "event_date": str, "date_precision": str}, keep_default_na=True
    )


def _article_of(article_id: Any, ids: set[str]) -> str | None:
    """mapapp's exported article_id for a JSONL record is ``<file>#<id>@<short hash>`` (older
    versions wrote ``<path>#<id>``, or the id itself)."""
    if not isinstance(article_id, str):
        return None
    article_id = re.sub(r"@[0-9a-f]{10}$", "", article_id)
    if article_id in ids:
        return article_id
    if "#" in article_id:
        tail = article_id.split("#", 1)[1]
        if tail in ids:
            return tail
        tail = article_id.rsplit("#", 1)[1]
        if tail in ids:
            return tail
    return None


def _num(v: Any) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _str(v: Any) -> str | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    s = str(v)
    return s if s and s.lower() != "nan" else None


def _bool(v: Any) -> bool:
    if isinstance(v, str):
        return v.strip().lower() in ("true", "1", "yes")
    try:
        return bool(v) and not (isinstance(v, float) and math.isnan(v))
    except Exception:
        return False


def system_by_article(df: Any, articles: dict[str, dict[str, Any]]) -> tuple[dict[str, list[Sys]], int]:
    """System mentions per gold doc key, with raw-text offsets. Returns (mentions, unaligned)."""
    ids = {a["id"]: k for k, a in articles.items()}
    rows: dict[str, list[dict[str, Any]]] = {}
    for rec in df.to_dict("records"):
        aid = _article_of(rec.get("article_id"), set(ids))
        if aid is None:
            continue
        rows.setdefault(ids[aid], []).append(rec)
    out: dict[str, list[Sys]] = {}
    unaligned = 0
    for key, recs in rows.items():
        raw = articles[key].get("text") or ""
        ms = []
        for r in recs:
            s, e = _num(r.get("start")), _num(r.get("end"))
            ms.append((_str(r.get("name")) or "", int(s) if s is not None else 0, int(e) if e is not None else 0))
        spans = align_mentions(raw, ms)
        lst = []
        for r, sp in zip(recs, spans):
            if sp is None:
                unaligned += 1
                continue
            lst.append(
                Sys(
                    start=sp[0],
                    end=sp[1],
                    lat=_num(r.get("lat")),
                    lon=_num(r.get("lon")),
                    demonym=_bool(r.get("demonym")),
                    event_date=_str(r.get("event_date")),
                    date_precision=_str(r.get("date_precision")),
                    name=_str(r.get("name")) or "",
                    place=_str(r.get("place")) or "",
                    score=_num(r.get("score")) if _num(r.get("score")) is not None else 1.0,
                    place_id=_str(r.get("place_id")) or "",
                )
            )
        out[key] = lst
    return out, unaligned


def _fmt(x: float | None, pct: bool = True) -> str:
    if x is None:
        return "n/a"
    return f"{100 * x:.1f}%" if pct else f"{x:.1f}"


def macro_mapped_right(per_doc: list[Counts]) -> float | None:
    """Mean over articles (with at least one scored mapped mention) of the share of mapped mentions
    that are the right place: one long list-like article cannot dominate it."""
    shares = [d.mapped_right / d.mapped for d in per_doc if d.mapped]
    return sum(shares) / len(shares) if shares else None


def print_summary(
    label: str,
    c: Counts,
    ndocs: int,
    file=sys.stdout,
    per_doc: list[Counts] | None = None,
    min_score: float = 0.5,
) -> None:
    s = summary(c)
    pe, re_, fe = s["exact"]
    po, ro, fo = s["overlap"]
    print(f"== {label}: {ndocs} articles, {s['gold']} gold toponyms, {s['system']} system mentions", file=file)
    print(f"  recognition exact    P {_fmt(pe)}  R {_fmt(re_)}  F1 {_fmt(fe)}", file=file)
    print(f"  recognition overlap  P {_fmt(po)}  R {_fmt(ro)}  F1 {_fmt(fo)}", file=file)
    med = s["median_km"]
    print(
        f"  resolution  acc@161 {_fmt(s['acc161'])} of {s['resolved']} matched toponyms with a point;"
        f" median error {'n/a' if med is None else f'{med:.1f} km'}",
        file=file,
    )
    print(
        f"  mapped mentions that are the right place: {_fmt(s['mapped_right'])}"
        f" ({c.mapped_right}/{s['mapped']}; {s['mapped_unscorable']} over gold without a point left out)",
        file=file,
    )
    if per_doc is not None:
        print(f"    mean over articles: {_fmt(macro_mapped_right(per_doc))}", file=file)
    if s["mapped"]:
        print(
            f"    with 'Hide uncertain places' (score >= {min_score:g}): "
            f"{_fmt(c.sure_right / c.sure if c.sure else None)} right ({c.sure_right}/{c.sure}),"
            f" {_fmt(1 - c.sure / s['mapped'])} of mapped mentions hidden"
            f" (of them {_fmt((s['mapped'] - c.mapped_right - (c.sure - c.sure_right)) / (s['mapped'] - c.sure) if s['mapped'] > c.sure else None)} wrong)",
            file=file,
        )
    print(
        f"  stated-day mentions dated to that day: {_fmt(s['day_right'])} ({c.day_right}/{s['day_gold']});"
        f" counting a publication-date fallback that equals it: {_fmt(s['day_right_lenient'])}",
        file=file,
    )
    print(
        f"    of them found by the system: {c.day_found}/{s['day_gold']}, and of those dated to that day:"
        f" {_fmt(c.day_found_right / c.day_found if c.day_found else None)} ({c.day_found_right}/{c.day_found})",
        file=file,
    )


def _desc(raw: str, g: Gold | None, s: Sys | None) -> str:
    parts = []
    if g is not None:
        parts.append(
            f"gold {raw[g.start : g.end]!r}@{g.start} {g.type}"
            + (f" ({g.lat:.2f},{g.lon:.2f})" if g.has_point else " (no point)")
            + (f" date {g.date}" if g.date else "")
        )
    if s is not None:
        parts.append(
            f"system {raw[s.start : s.end]!r}@{s.start} -> {s.place or '-'}"
            + (f" ({s.lat:.2f},{s.lon:.2f})" if s.mapped else " (unmapped)")
            + (f" date {s.event_date}/{s.date_precision}" if s.event_date else "")
        )
        if g is not None and g.has_point and s.mapped:
            parts.append(f"{haversine_km(g.lat, g.lon, s.lat, s.lon):.0f} km")
    return "; ".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("gold")
    ap.add_argument("shared", help="the shared JSONL with the articles' texts (dm2020_dev.jsonl)")
    ap.add_argument("--split", choices=["test", "tune", "all"], default="test")
    ap.add_argument("--demonyms", action="store_true", help="score demonyms too")
    ap.add_argument(
        "--min-score", type=float, default=0.5, help="the 'Hide uncertain places' threshold reported (default 0.5)"
    )
    ap.add_argument(
        "--errors", type=int, default=0, metavar="N", help="list up to N errors of each kind (only with --split tune)"
    )
    args = ap.parse_args(argv)
    if args.errors and args.split != "tune":
        ap.error("--errors is only allowed with --split tune (the test half is for reporting)")

    docs = load_gold(args.gold)
    if args.split != "all":
        docs = [d for d in docs if d.get("split") == args.split]
    if not docs:
        print("no gold articles in this split", file=sys.stderr)
        return 1
    keys = {d["doc"] for d in docs}
    articles = load_articles(args.shared, keys)
    missing = keys - set(articles)
    if missing:
        print(f"warning: {len(missing)} gold articles not found in {args.shared}; left out", file=sys.stderr)
        docs = [d for d in docs if d["doc"] in articles]
    with tempfile.TemporaryDirectory(prefix="eval_realnews_") as tmp:
        df = run_system([articles[d["doc"]] for d in docs], Path(tmp))
    sysm, unaligned = system_by_article(df, articles)
    if unaligned:
        print(f"warning: {unaligned} system mentions could not be aligned to the raw text; left out", file=sys.stderr)

    per_split: dict[str, Counts] = {}
    docs_of: dict[str, list[Counts]] = {}
    nd: dict[str, int] = {}
    total = Counts()
    per_sub: dict[str, Counts] = {}  # a split's articles by annotation round ("added")
    docs_of_sub: dict[str, list[Counts]] = {}
    errs: list[tuple[str, str, Any, Any]] = []
    for d in docs:
        raw = articles[d["doc"]].get("text") or ""
        e: list[tuple[str, Any, Any]] = []
        c = score_doc(
            gold_toponyms(d),
            sysm.get(d["doc"], []),
            demonyms=args.demonyms,
            errors=e if args.errors else None,
            min_score=args.min_score,
        )
        sp = str(d.get("split"))
        per_split.setdefault(sp, Counts()).add(c)
        docs_of.setdefault(sp, []).append(c)
        nd[sp] = nd.get(sp, 0) + 1
        total.add(c)
        sub = f"{sp}, {d.get('added') or 'first 60'}"
        per_sub.setdefault(sub, Counts()).add(c)
        docs_of_sub.setdefault(sub, []).append(c)
        errs.extend((k, raw, g, s) for k, g, s in e)

    print(f"mapapp on the real-news gold ({'with' if args.demonyms else 'without'} demonyms)")
    for sp in sorted(per_split):
        print_summary(f"split {sp}", per_split[sp], nd[sp], per_doc=docs_of[sp], min_score=args.min_score)
    if len(per_sub) > len(per_split):
        for sub in sorted(per_sub):
            print_summary(
                f"split {sub}", per_sub[sub], len(docs_of_sub[sub]), per_doc=docs_of_sub[sub], min_score=args.min_score
            )
    if len(per_split) > 1:
        print_summary(
            "all", total, len(docs), per_doc=[c for v in docs_of.values() for c in v], min_score=args.min_score
        )
    if args.errors:
        for kind, label in (
            ("false positive", "false positives"),
            ("miss", "misses"),
            ("wrong place", "wrong places"),
            ("wrong date", "wrong stated days"),
        ):
            sel = [x for x in errs if x[0] == kind]
            print(f"\n-- {label}: {len(sel)} (showing {min(len(sel), args.errors)})")
            for _, raw, g, s in sel[: args.errors]:
                print("  " + _desc(raw, g, s))
    return 0


if __name__ == "__main__":
    sys.exit(main())
