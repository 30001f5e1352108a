"""Big record files (issue 15): cut into chunks of whole records that every worker reads, resumed
per chunk after a kill, re-read only where edited, and reported in records (with line numbers),
with the real reader, geoparser, a real SQLite file and the real CLI in a subprocess."""

from __future__ import annotations

import functools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from benchmarks import gen_corpus
from mapapp.ingest import ingest
from mapapp.models import Article
from mapapp.reading import chunks, read_file
from mapapp.store import Store, events

import factories
from factories import store_content as content

# ingests here are bigger than the default timeout allows for
run_cli = functools.partial(factories.run_cli, timeout=300)


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of 8-64 KB, so a file of a few dozen records has several (the real sizes are
    128 KB-1 MB; the cutting rule is the same)."""
    monkeypatch.setattr(chunks, "MIN_BYTES", 8 * 1024)
    monkeypatch.setattr(chunks, "MAX_BYTES", 64 * 1024)


def _records(f: Path) -> list:
    return [(a.id, a.content_hash) if isinstance(a, Article) else str(a) for a in read_file(f)]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json"])
def test_chunks_hold_whole_records_and_read_back_as_the_whole_file(fmt, tmp_path, small_chunks):
    """Every chunk ends at a record boundary (CSV: never inside a quoted field, and these texts
    hold blank lines), carries the file's own line numbers, and together they read back exactly
    what reading the file whole gives."""
    gen_corpus.generate(120, tmp_path, seed=21, jsonl=120, fmt=fmt)
    f = next(tmp_path.glob(f"*.{fmt}"))
    if fmt == "csv":
        assert "\n\n" in f.read_text(encoding="utf-8")  # quoted fields span lines
    sc = chunks.scan(f)
    cs = list(sc.chunks())
    assert len(cs) >= 4 and not sc.whole
    assert all(a.end <= b.start for a, b in zip(cs, cs[1:]))
    assert all(c.size <= chunks.MAX_BYTES + 8 * 1024 for c in cs)
    got = [
        (a.id, a.content_hash) if isinstance(a, Article) else str(a)
        for c in cs
        for a in chunks.read_chunk(f, str(f), c, {})
    ]
    assert got == _records(f) and len(got) == 120
    if fmt == "csv":  # a chunk starts on the physical line of its first row
        lines = f.read_bytes().split(b"\n")
        for c in cs:
            assert f.read_bytes()[c.start :].startswith(lines[c.first - 1])
            assert lines[c.first - 1].startswith(b"synthetic-")


def test_a_file_edited_after_the_scan_is_reported_not_half_read(tmp_path, small_chunks):
    gen_corpus.generate(40, tmp_path, seed=2, jsonl=40)
    f = next(tmp_path.glob("*.jsonl"))
    cs = list(chunks.scan(f).chunks())
    f.write_bytes(f.read_bytes().replace(b"synthetic-", b"SYNTHETIC-"))
    with pytest.raises(chunks.ChunkChanged, match="changed while being ingested"):
        list(chunks.read_chunk(f, str(f), cs[1], {}))


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_one_big_file_on_two_workers_equals_one_process(fmt, tmp_path, small_chunks):
    d = tmp_path / "c"
    gen_corpus.generate(60, d, seed=4, jsonl=60, fmt=fmt)
    with Store(tmp_path / "one.sqlite") as s1:
        r1 = ingest([d], s1, workers=1, progress=False)
    with Store(tmp_path / "two.sqlite") as s2:
        r2 = ingest([d], s2, workers=2, progress=False)
        chunk_rows = s2.execute("SELECT count(*) FROM file_chunks")[0][0]
        again = ingest([d], s2, workers=2, progress=False)
    assert r1.errors == r2.errors == [] and r1.records_read == r2.records_read == 60
    assert r1.articles_new == r2.articles_new == 60 and chunk_rows >= 3
    assert content(tmp_path / "one.sqlite") == content(tmp_path / "two.sqlite")
    assert again.files_skipped == 1 and again.records_read == 0 and again.articles_new == 0  # a cheap skip


def test_an_edited_big_file_rereads_only_the_changed_chunks(tmp_path, small_chunks):
    d = tmp_path / "c"
    gen_corpus.generate(80, d, seed=8, jsonl=80)
    f = next(d.glob("*.jsonl"))
    db = tmp_path / "e.sqlite"
    with Store(db) as s:
        ingest([d], s, workers=1, progress=False)
        lines = f.read_text(encoding="utf-8").splitlines(keepends=True)
        rec = json.loads(lines[40])
        rec["text"] += " Later the delegation travelled to Ganja."
        lines[40] = json.dumps(rec) + "\n"
        del lines[77]  # a record gone: removed from the store (the lines after it shift)
        f.write_text("".join(lines), encoding="utf-8")
        r = ingest([d], s, workers=2, progress=False)
        n_chunks = s.execute("SELECT count(*) FROM file_chunks")[0][0]
    assert r.errors == [] and r.articles_updated == 1 and r.articles_removed == 1 and r.articles_new == 0
    # the chunks before the edit and between it and the removed line were not read again
    assert 0 < r.records_read and r.records_resumed >= 30, r.summary()
    assert r.records_resumed + r.records_read == 79
    fresh = tmp_path / "fresh.sqlite"
    with Store(fresh) as s:
        ingest([d], s, workers=1, progress=False)
    assert content(db)[:2] == content(fresh)[:2] and n_chunks >= 4


def test_duplicate_ids_across_chunks_keep_the_first_whatever_the_order(tmp_path, small_chunks):
    d = tmp_path / "c"
    gen_corpus.generate(60, d, seed=9, jsonl=60)
    f = next(d.glob("*.jsonl"))
    lines = f.read_text(encoding="utf-8").splitlines(keepends=True)
    first, last = json.loads(lines[0]), json.loads(lines[-1])
    last["id"] = first["id"]  # the last record repeats the first one's id
    lines[-1] = json.dumps(last) + "\n"
    f.write_text("".join(lines), encoding="utf-8")
    reports = []
    for w in (1, 2):
        with Store(tmp_path / f"w{w}.sqlite") as s:
            reports.append(ingest([d], s, workers=w, progress=False))
            stored = s.article(f"{f.resolve()}#{first['id']}")
            assert stored is not None and stored["title"] == first["title"]
            n_mentions = s.execute("SELECT count(*) FROM mentions")[0][0]
        r = reports[-1]
        # the summary counts each record once: 60 read, 59 stored, 1 skipped (before: the repeated
        # record went uncounted, or the first one counted twice, stored and then "updated")
        assert (r.records_read, r.stored, r.articles_updated, r.records_skipped) == (60, 59, 0, 1), r.summary()
        assert r.mentions == n_mentions, r.summary()
    for r in reports:
        assert r.errors == [] and r.records_skipped == 1 and r.articles_new == 59
        assert "duplicate id" in r.skipped[0] and f.name in r.skipped[0]
    assert content(tmp_path / "w1.sqlite") == content(tmp_path / "w2.sqlite")


def _bad_jsonl(path: Path, n: int, empty_every: int) -> list[int]:
    """``n`` records; every ``empty_every``-th has no text. Returns the lines without text."""
    gen_corpus.generate(n, path.parent / "gen", seed=13, jsonl=n)
    src = next((path.parent / "gen").glob("*.jsonl")).read_text(encoding="utf-8").splitlines()
    empty = []
    out = []
    for i, line in enumerate(src, 1):
        if i % empty_every == 0:
            rec = json.loads(line)
            rec["text"] = ""
            line = json.dumps(rec)
            empty.append(i)
        out.append(line)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return empty


def test_skipped_records_are_counted_named_with_lines_and_exit_0_unless_strict(tmp_path):
    f = tmp_path / "news.jsonl"
    empty = _bad_jsonl(f, 90, 10)  # 9 records without text
    db = tmp_path / "r.sqlite"
    res = run_cli("ingest", str(f), "--db", str(db), "--no-progress", "--workers", "2")
    assert res.returncode == 0, res.stderr
    named = [ln for ln in res.stderr.splitlines() if "no text" in ln]
    assert len(named) == 5  # the first few, each with its line number; the rest counted
    assert {int(ln.split("line ")[1].split(":")[0]) for ln in named} <= set(empty)
    summary = res.stderr.splitlines()[-1]
    assert "90 records read: 81 stored" in summary and "9 skipped (4 of them not named above)" in summary, summary
    assert "1 file (0 already ingested, 0 failed)" in summary and "Traceback" not in res.stderr
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM articles").fetchone()[0] == 81
        assert c.execute("SELECT status FROM files").fetchone()[0] == "done"

    strict = run_cli("ingest", str(f), "--db", str(tmp_path / "s.sqlite"), "--no-progress", "--strict")
    assert strict.returncode == 1 and "9 records skipped (--strict)" in strict.stderr, strict.stderr

    # a file that cannot be read at all still fails the run (exit 1), the good one is stored
    (tmp_path / "broken.json").write_text('[{"text": "Baku"}, {"text": ', encoding="utf-8")
    both = run_cli("ingest", str(f), str(tmp_path / "broken.json"), "--db", str(tmp_path / "b.sqlite"), "--no-progress")
    assert both.returncode == 1 and "broken.json: malformed JSON" in both.stderr, both.stderr
    assert "1 failed" in both.stderr.splitlines()[-1]


def test_a_files_article_kept_with_a_remark_is_no_failed_file(tmp_path):
    # a sidecar's date not understood or in the future, a text not in English: the article is
    # stored, as a record's is, but a whole file's was counted "failed", exit 1, and read again at every ingest
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Riots in Paris on Monday.\n", encoding="utf-8")
    (corpus / "a.txt.meta.json").write_text('{"date": "garbage"}', encoding="utf-8")
    (corpus / "b.txt").write_text("Rain in Oslo.\n", encoding="utf-8")
    (corpus / "b.txt.meta.json").write_text('{"date": "2999-01-01"}', encoding="utf-8")
    ru = "В Москве прошла акция протеста у посольства, сообщили очевидцы. Полиция задержала десять человек."
    (corpus / "c.txt").write_text(ru, encoding="utf-8")
    db = tmp_path / "r.sqlite"
    res = run_cli("ingest", str(corpus), "--db", str(db), "--no-progress")
    summary = res.stderr.splitlines()[-1]
    assert res.returncode == 0, res.stderr
    assert (
        "a.txt: date 'garbage' not understood" in res.stderr and "b.txt: date 2999-01-01 is in the future" in res.stderr
    )
    assert "c.txt: not English (Cyrillic script): places are found in English text only" in res.stderr
    assert "3 files (0 already ingested, 0 failed); 3 records stored with a remark" in summary, summary
    again = run_cli("ingest", str(corpus), "--db", str(db), "--no-progress")
    assert again.returncode == 0 and "3 files (3 already ingested, 0 failed)" in again.stderr, again.stderr


def _layout(recs: list[dict], layout: str, d: Path) -> Path:
    """The same records as the exports real users bring write them."""
    if layout == "jq output named .jsonl":  # jq '.[]' without -c, mongoexport --pretty
        f = d / "news.jsonl"
        f.write_text("".join(json.dumps(r, indent=2) + "\n" for r in recs), encoding="utf-8")
    elif layout == "a JSON array named .jsonl":
        f = d / "news.jsonl"
        f.write_text(json.dumps(recs, indent=1), encoding="utf-8")
    elif layout == "JSON lines named .json":
        f = d / "news.json"
        f.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    else:  # Excel's hint line before the header
        import csv

        f = d / "news.csv"
        with open(f, "w", encoding="utf-8", newline="") as fh:
            fh.write("sep=;\r\n")
            w = csv.DictWriter(fh, fieldnames=list(recs[0]), delimiter=";")
            w.writeheader()
            w.writerows(recs)
    return f


LAYOUTS = ["jq output named .jsonl", "a JSON array named .jsonl", "JSON lines named .json", "Excel's sep= line"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_record_files_written_in_other_layouts_read_as_the_same_records(tmp_path, small_chunks, layout):
    # each of these was read as nothing: jq's output as one skipped record per line (exit 0, nothing
    # stored), an array in a .jsonl as one skipped record, JSON lines in a .json as a failed file,
    # Excel's "sep=;" as a CSV without a text column
    gen_corpus.generate(120, tmp_path / "gen", seed=21, jsonl=120)
    plain = next((tmp_path / "gen").glob("*.jsonl"))
    recs = [json.loads(x) for x in plain.read_text(encoding="utf-8").splitlines()]
    f = _layout(recs, layout, tmp_path)

    def key(a: Article | object) -> object:
        return (a.id.split("#")[1], a.content_hash) if isinstance(a, Article) else str(a)

    want = [key(a) for a in read_file(plain)]
    assert len(want) == 120
    assert [key(a) for a in read_file(f)] == want  # read whole
    sc = chunks.scan(f)
    cs = list(sc.chunks())
    if layout != "JSON lines named .json":  # (a .json that is no array is read whole)
        assert len(cs) >= 4 and not sc.whole
        assert [key(a) for c in cs for a in chunks.read_chunk(f, str(f), c, {})] == want


def test_a_broken_record_is_named_by_its_place_in_these_layouts(tmp_path, small_chunks):
    gen_corpus.generate(60, tmp_path / "gen", seed=5, jsonl=60)
    recs = [json.loads(x) for x in next((tmp_path / "gen").glob("*.jsonl")).read_text(encoding="utf-8").splitlines()]
    f = _layout(recs, "Excel's sep= line", tmp_path)
    rows = f.read_bytes().decode("utf-8").split("\r\n")  # (rows end in CRLF, texts hold LF)
    k = next(i for i, row in enumerate(rows) if i > 40 and row.startswith("synthetic-"))
    n = sum(row.count("\n") + 1 for row in rows[:k]) + 1  # the physical line the row starts on
    rows[k] += ";extra"
    f.write_bytes("\r\n".join(rows).encode("utf-8"))
    want = [f"{f}: line {n}: {len(recs[0]) + 1} fields but the header has {len(recs[0])} (record skipped)"]
    assert [str(e) for e in read_file(f) if not isinstance(e, Article)] == want
    cs = list(chunks.scan(f).chunks())
    assert [str(e) for c in cs for e in chunks.read_chunk(f, str(f), c, {}) if not isinstance(e, Article)] == want

    g = _layout(recs, "jq output named .jsonl", tmp_path)  # the 31st object cut short
    text = g.read_text(encoding="utf-8")
    at = [i for i in range(len(text)) if text.startswith("{\n", i)][30]
    g.write_text(text[: at + 2] + text[at + 40 :], encoding="utf-8")
    got = [str(e) for e in read_file(g) if not isinstance(e, Article)]
    assert len(got) == 1 and got[0].startswith(f"{g}: record 31: malformed JSON (")
    assert got[0].endswith("the records after it were not read")
    assert sum(isinstance(a, Article) for a in read_file(g)) == 30
    with Store(tmp_path / "s.sqlite") as s:
        rep = ingest([g], s, workers=1, progress=False)
    assert rep.articles_new >= 30 and any("record 31: malformed JSON" in e for e in rep.errors), rep.errors


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_csv_record_longer_than_128_kb_is_one_article_not_a_broken_file(tmp_path, workers):
    # a transcript, a long report: the csv module's default field limit (128 KB) held in the workers
    # that read the chunks, so the file failed at its line 2 and nothing of it was stored
    import csv

    f = tmp_path / "long.csv"
    with open(f, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text", "date"])
        w.writerow(["long", "Clashes in Tovuz, Azerbaijan, on 12 July 2020. " + "More of the transcript. " * 9000, ""])
        w.writerow(["short", "A rally in London, England, on 5 May 2020.", "2020-05-05"])
    db = tmp_path / "c.sqlite"
    res = run_cli("ingest", str(f), "--db", str(db), "--no-progress", "--workers", workers)
    assert res.returncode == 0 and "2 records read: 2 stored" in res.stderr, res.stderr
    with sqlite3.connect(db) as c:
        lengths = dict(c.execute("SELECT id, length(text) FROM articles").fetchall())
    assert lengths[f"{f}#long"] > 200_000 and f"{f}#short" in lengths


def _chunks_done(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=2) as c:
            return c.execute("SELECT count(*) FROM file_chunks").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_a_killed_ingest_of_one_big_file_resumes_at_the_chunks_it_had_not_written(tmp_path):
    d = tmp_path / "c"
    gen_corpus.generate(700, d, seed=17, jsonl=700)  # about 1.2 MB: several real-sized chunks
    f = next(d.glob("*.jsonl"))
    ref = tmp_path / "ref.sqlite"
    with Store(ref) as s:
        full = ingest([f], s, workers=2, progress=False)
    assert full.errors == [] and full.articles_new == 700
    db = tmp_path / "killed.sqlite"
    cmd = [sys.executable, "-m", "mapapp.cli", "ingest", str(f), "--db", str(db), "--no-progress", "--workers", "2"]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, cwd=tempfile.gettempdir()
    )
    try:
        deadline = time.monotonic() + 240
        while proc.poll() is None and time.monotonic() < deadline and _chunks_done(db) == 0:
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its workers, mid-file
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    with sqlite3.connect(db) as c:
        stored = c.execute("SELECT count(*) FROM articles").fetchone()[0]
        done_files = c.execute("SELECT count(*) FROM files WHERE status = 'done'").fetchone()[0]
    assert 0 < stored < 700 and done_files == 0, "killed too late: make the file larger"
    with Store(db) as s:
        r = ingest([f], s, workers=2, progress=False)
    assert r.errors == [] and r.records_resumed > 0, r.summary()
    assert r.records_resumed + r.records_read == 700  # finished chunks were not read again
    assert r.articles_new + r.articles_unchanged == 700 and r.articles_new <= 700 - r.records_resumed
    assert content(db) == content(ref)  # nothing lost, nothing duplicated


def test_a_utf16_record_file_is_read_whole(tmp_path):
    d = tmp_path / "c"
    gen_corpus.generate(50, d, seed=3, jsonl=50)
    f = next(d.glob("*.jsonl"))
    f.write_bytes(f.read_text(encoding="utf-8").encode("utf-16"))
    assert chunks.scan(f).whole
    with Store(tmp_path / "u.sqlite") as s:
        r = ingest([d], s, workers=2, progress=False)
    assert r.errors == [] and r.articles_new == 50 and r.records_read == 50


def test_a_big_file_broken_half_way_keeps_its_good_chunks_and_names_the_break(tmp_path, small_chunks):
    """An unterminated JSON array, or a CSV row the csv module refuses: the chunks before the
    break read as usual; the rest is one chunk whose reading says what is wrong and where."""
    gen_corpus.generate(60, tmp_path / "j", seed=5, jsonl=60, fmt="json")
    j = next((tmp_path / "j").glob("*.json"))
    j.write_bytes(j.read_bytes().rstrip().rstrip(b"]"))  # the array never closes
    cs = list(chunks.scan(j).chunks())
    assert len(cs) >= 3 and all(not c.broken for c in cs[:-1]) and "not closed" in cs[-1].broken
    good = [a for c in cs[:-1] for a in chunks.read_chunk(j, str(j), c, {})]
    assert len(good) >= 20 and all(isinstance(a, Article) for a in good)
    with pytest.raises(chunks.BadFile, match="not closed"):
        list(chunks.read_chunk(j, str(j), cs[-1], {}))

    gen_corpus.generate(60, tmp_path / "c", seed=5, jsonl=60, fmt="csv")
    c = next((tmp_path / "c").glob("*.csv"))
    lines = c.read_bytes().split(b"\n")
    row = [i for i, ln in enumerate(lines) if ln.startswith(b"synthetic-00000030,")][0]
    lines[row] = b'"' + lines[row]  # a quote that closes mid-field: the csv module refuses the row
    c.write_bytes(b"\n".join(lines))
    cs = list(chunks.scan(c).chunks())
    assert len(cs) >= 2 and cs[-1].broken.startswith("malformed CSV") and not cs[0].broken
    last = list(chunks.read_chunk(c, str(c), cs[-1], {}))
    assert "malformed CSV" in str(last[-1]) and "the rest of the file was not read" in str(last[-1])


def _events_table(db: Path) -> list[tuple]:
    """The whole events table as a user reads it (ids, labels, kinds, terms, counts), in id order."""
    with sqlite3.connect(db) as c:
        return c.execute(
            "SELECT id, family, place_id, date, date_precision, label, kind, terms, n_mentions, n_articles, "
            "n_sources, first_reported, last_reported FROM events ORDER BY id"
        ).fetchall()


def test_events_do_not_depend_on_workers_or_the_order_records_are_written(tmp_path, small_chunks):
    """Issue 15: an event's id, label (earliest report) and the order of its equal-count terms
    used to follow the order the chunks finished in. The same corpus ingested with one worker,
    with two, and with its records written in reverse order (one worker: every article stored
    in the opposite order) gives the identical events table; the rebuild in two processes too."""
    src = tmp_path / "gen"
    gen_corpus.generate(150, src, seed=15, jsonl=150)
    f = next(src.glob("*.jsonl"))
    lines = f.read_text(encoding="utf-8").splitlines(keepends=True)
    tables = {}
    for name, w, body in (("w1", 1, lines), ("w2", 2, lines), ("reversed", 1, lines[::-1])):
        d = tmp_path / "corpus"  # the same path each time: the same article ids
        d.mkdir(exist_ok=True)
        (d / f.name).write_text("".join(body), encoding="utf-8")
        db = tmp_path / f"{name}.sqlite"
        with Store(db) as s:
            r = ingest([d], s, workers=w, progress=False)
            assert r.errors == [] and r.articles_new == 150
        tables[name] = _events_table(db)
        (d / f.name).unlink()
    with sqlite3.connect(tmp_path / "w1.sqlite") as c:  # a corpus with ties to break
        tied = c.execute(
            "SELECT count(*) FROM (SELECT em.event_id FROM event_mentions em JOIN articles a ON a.id = em.article_id "
            "WHERE em.is_primary = 1 GROUP BY em.event_id HAVING count(DISTINCT em.article_id) > "
            "count(DISTINCT a.published))"
        ).fetchone()[0]
    assert tied > 0 and len(tables["w1"]) > 100
    assert tables["w2"] == tables["w1"]
    assert tables["reversed"] == tables["w1"]
    with Store(tmp_path / "reversed.sqlite") as s:
        events.rebuild(s, parts=2)  # new ids (never reused), in the same order
    assert [r[1:] for r in _events_table(tmp_path / "reversed.sqlite")] == [r[1:] for r in tables["w1"]]


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the events regroup uses one process on one core")
def test_workers_bound_the_events_regroup_too(tmp_path, monkeypatch, capsys):
    """Issue 15: ``--workers 1`` means one core. The regroup at the end of a big ingest used to
    pick its own processes (two on any 2-core machine) whatever the run's workers; now it uses
    at most as many as the run, and says how many."""
    monkeypatch.setattr(events, "PARALLEL_MIN_MENTIONS", 0)  # this small store counts as big
    monkeypatch.setenv("MAPAPP_BULK_MIN_ARTICLES", "1")  # a bulk ingest: it reports the regroup
    gen_corpus.generate(40, tmp_path / "gen", seed=3, jsonl=40)
    f = next((tmp_path / "gen").glob("*.jsonl"))
    said = {}
    for w in (1, 2):
        with Store(tmp_path / f"w{w}.sqlite") as s:
            r = ingest([f], s, workers=w, progress=False)
            assert r.errors == [] and r.articles_new == 40
        said[w] = [x for x in capsys.readouterr().err.splitlines() if " events from " in x]
    assert len(said[1]) == 1 and said[1][0].endswith("(one process)"), said
    assert len(said[2]) == 1 and said[2][0].endswith("(2 processes)"), said
    assert _events_table(tmp_path / "w1.sqlite") == _events_table(tmp_path / "w2.sqlite")


def test_a_rebuild_finishes_each_event_as_a_refresh_from_the_store_would(tmp_path, monkeypatch):
    """Issue 15: a rebuild computes an event's place, date, label, kind, terms and counts in the
    process that linked it, as soon as no later report can join it (its reports evicted), instead
    of reading every event back at the end. Recomputing every event from what is stored
    (``_refresh``, what an incremental update does) changes nothing: with one process and small
    chunks (events finished between chunks; merges across chunks: tests/test_events.py), with two
    processes, and in a store in memory."""
    monkeypatch.setattr(events, "CHUNK_ROWS", 300)  # this process's chunks: evictions between them
    gen_corpus.generate(150, tmp_path / "gen", seed=7, jsonl=150)
    f = next((tmp_path / "gen").glob("*.jsonl"))
    db = tmp_path / "s.sqlite"
    with Store(db) as s:
        assert ingest([f], s, workers=1, progress=False).errors == []
    tables = {}
    for parts in (1, 2):
        with Store(db) as s:
            r = events.rebuild(s, parts=parts)
            assert r.processes == parts
            tables[parts] = _events_table(db)
            with s.transaction() as conn:
                events._refresh(conn, [t[0] for t in tables[parts]])
            assert _events_table(db) == tables[parts]
    # the same events and ids (counted from each rebuild's first: a rebuild takes new ids): the
    # other process is given this one's chunk size (new events are numbered chunk by chunk; it
    # used to read chunks of the usual size, so only the ids differed)
    same = {p: [(t[0] - tables[p][0][0], *t[1:]) for t in tables[p]] for p in (1, 2)}
    assert same[1] == same[2]
    merged = [t for t in tables[1] if t[9] > 1]  # n_articles: events across articles
    assert len(merged) > 10 and len(tables[1]) == r.events_touched
    with Store(":memory:") as mem:
        assert ingest([f], mem, workers=2, progress=False).errors == []
        rows = mem.execute(
            "SELECT family, place_id, date, date_precision, label, kind, terms, n_mentions, n_articles, "
            "n_sources, first_reported, last_reported FROM events ORDER BY id"
        )
    assert [tuple(x) for x in rows] == [t[1:] for t in tables[1]]
