"""Hostile data through ``mapapp ingest`` (a child process, a real SQLite file): file names that
are not UTF-8, oversized metadata, deeply nested JSON, refused files that must not switch on
bulk mode, and a full disk. Each case: one clear line or handled, the rest stored, no traceback."""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from mapapp.models import printable

import factories

GOOD = "Heavy rain flooded Lankaran on 2 June 2021, officials said.\n"

# ingests here are bigger than the default timeout allows for
run_cli = functools.partial(factories.run_cli, timeout=180)


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as c:
        return c.execute(sql).fetchall()


# --- file names that are not UTF-8 ------------------------------------------------------------


def _bname(folder: Path, raw: bytes) -> Path:
    return Path(os.fsdecode(os.fsencode(folder) + b"/" + raw))


@pytest.mark.parametrize("workers", ["1", "2"])
def test_file_names_that_are_not_utf8_are_stored_and_reported_escaped(tmp_path, workers):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    _bname(corpus, b"caf\xe9 \xff news.txt").write_text("A storm reached Ganja on 3 June 2021.\n", encoding="utf-8")
    sub = _bname(corpus, b"sub\xfe")
    sub.mkdir()
    (sub / "story.txt").write_text("Talks were held in Baku on 4 June 2021.\n", encoding="utf-8")
    (sub / "story.txt.meta.json").write_text(json.dumps({"title": "Talks"}), encoding="utf-8")
    with _bname(corpus, b"records\xfe.jsonl").open("w", encoding="utf-8") as fh:  # > 64 KB: read in batches
        for i in range(60):
            fh.write(json.dumps({"id": f"r{i}", "text": "Floods hit Sumgait on 5 June 2021. " * 40}) + "\n")
    _bname(corpus, b"broken\xfe.json").write_text("{", encoding="utf-8")
    db = tmp_path / "n.sqlite"
    res = run_cli("ingest", str(corpus), "--db", str(db), "--no-progress", "--workers", workers)
    assert "Traceback" not in res.stderr and "UnicodeEncodeError" not in res.stderr, res.stderr
    assert res.returncode == 1, res.stderr  # the broken JSON, and only that
    bad = [ln for ln in res.stderr.splitlines() if "broken" in ln]
    assert len(bad) == 1 and "broken\\xfe.json: malformed JSON" in bad[0], res.stderr
    files = dict(rows(db, "SELECT path, status FROM files"))
    root = printable(str(corpus.resolve()))
    assert files[f"{root}/caf\\xe9 \\xff news.txt"] == "done"
    assert files[f"{root}/sub\\xfe/story.txt"] == "done"
    assert files[f"{root}/records\\xfe.jsonl"] == "done"
    assert files[f"{root}/broken\\xfe.json"] == "error"
    assert rows(db, f"SELECT title FROM articles WHERE path = '{root}/sub\\xfe/story.txt'") == [("Talks",)]
    assert rows(db, "SELECT count(*) FROM articles")[0][0] == 3 + 60
    again = run_cli("ingest", str(corpus), "--db", str(db), "--no-progress", "--workers", workers)
    assert "4 already ingested" in again.stderr, again.stderr  # the escaped names are found again


def test_lone_surrogates_in_record_fields_are_stored_escaped(tmp_path):
    f = tmp_path / "r.jsonl"
    f.write_text(
        json.dumps({"id": "a\ud800", "title": "T\udfff", "source": "S\ud800", "text": "Floods hit Baku.\ud800"})
        + "\n"
        + json.dumps({"id": "b", "text": GOOD})
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.sqlite"
    res = run_cli("ingest", str(f), "--db", str(db), "--no-progress", "--workers", "1")
    assert res.returncode == 0, res.stderr
    got = dict((i.rpartition("#")[2], (t, s)) for i, t, s in rows(db, "SELECT id, title, source FROM articles"))
    assert got["a\\ud800"] == ("T\\udfff", "S\\ud800") and "b" in got


# --- what is stored is capped -------------------------------------------------------------------


def test_huge_metadata_is_cut_when_read_and_a_huge_url_dropped(tmp_path):
    from mapapp.limits import MAX_AUTHOR, MAX_SOURCE, MAX_TITLE

    corpus = tmp_path / "c"
    corpus.mkdir()
    with (corpus / "big.jsonl").open("w", encoding="utf-8") as fh:
        fh.write(
            json.dumps(
                {
                    "id": "huge",
                    "text": GOOD,
                    "title": "T" * 2_000_000,
                    "source": "S" * 1_000_000,
                    "url": "https://example.org/" + "u" * 1_000_000,
                    "author": "A" * 1_000_000,
                }
            )
            + "\n"
        )
        fh.write(json.dumps({"id": "ok", "text": GOOD, "title": "Floods", "url": "https://example.org/a"}) + "\n")
    (corpus / "story.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "story.txt.meta.json").write_text(
        json.dumps({"title": "Z" * 500_000, "source": "Trend"}), encoding="utf-8"
    )
    db = tmp_path / "m.sqlite"
    res = run_cli("ingest", str(corpus), "--db", str(db), "--no-progress", "--workers", "1")
    assert res.returncode == 0, res.stderr
    got = {i.rpartition("/")[2]: r for i, *r in rows(db, "SELECT id, title, source, url, author FROM articles")}
    title, source, url, author = got["big.jsonl#huge"]
    assert len(title) == MAX_TITLE and title.endswith("…") and title.startswith("TTT")
    assert len(source) == MAX_SOURCE and source.endswith("…")
    assert len(author) == MAX_AUTHOR and author.endswith("…")
    assert url is None
    assert got["big.jsonl#ok"][:3] == ["Floods", None, "https://example.org/a"]
    assert len(got["story.txt"][0]) == MAX_TITLE and got["story.txt"][1] == "Trend"
    assert max(len(s) for (s,) in rows(db, "SELECT sentence FROM mentions")) <= 2 * 600


# --- deeply nested JSON ---------------------------------------------------------------------------


def test_a_deeply_nested_sidecar_or_record_costs_only_itself(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "story.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "story.txt.meta.json").write_text(deep, encoding="utf-8")
    (corpus / "deep.json").write_text('{"text": "Baku.", "x": ' + deep + "}", encoding="utf-8")
    (corpus / "lines.jsonl").write_text(
        json.dumps({"id": "a", "text": GOOD}) + "\n" + '{"text": ' + deep + "}\n", encoding="utf-8"
    )
    (corpus / "page.html").write_text(
        "<html><head><title>Floods</title><script type='application/ld+json'>"
        + deep
        + "</script></head><body><p>"
        + GOOD
        + "</p></body></html>",
        encoding="utf-8",
    )
    db = tmp_path / "d.sqlite"
    res = run_cli("ingest", str(corpus), "--db", str(db), "--no-progress", "--workers", "1")
    assert "Traceback" not in res.stderr and "RecursionError" not in res.stderr, res.stderr
    assert res.returncode == 1, res.stderr
    lines = res.stderr.splitlines()[:-1]  # the last is the summary
    assert any(
        "story.txt.meta.json: sidecar is not valid JSON (nested too deeply); article read without it" in ln
        for ln in lines
    ), res.stderr
    assert any("deep.json: malformed JSON (nested too deeply)" in ln for ln in lines), res.stderr
    assert any("lines.jsonl: line 2: malformed JSON (nested too deeply)" in ln for ln in lines), res.stderr
    assert len(lines) == 3, res.stderr
    ids = {i.rpartition("/")[2] for (i,) in rows(db, "SELECT id FROM articles")}
    assert ids == {"story.txt", "lines.jsonl#a", "page.html"}


# --- a refused file does not switch bulk mode on -----------------------------------------------------


def test_a_refused_oversize_file_does_not_switch_on_bulk_mode(tmp_path):
    """A record file over max_file_mb is read in chunks (the limit holds per record); a plain
    text file over it is refused, and its size must not count towards bulk mode."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "big.txt").write_text(GOOD.strip() + " " + "x" * 1_100_000, encoding="utf-8")
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    bulk_said = "building the mention indexes"
    env = {"MAPAPP_MAX_FILE_MB": "1", "MAPAPP_BULK_MIN_ARTICLES": "100"}
    db = tmp_path / "b.sqlite"
    res = run_cli("ingest", str(corpus), "--db", str(db), "--workers", "1", env=env)
    assert res.returncode == 1, res.stderr
    assert [ln for ln in res.stderr.splitlines() if "big.txt" in ln and "file too large" in ln], res.stderr
    assert bulk_said not in res.stderr, res.stderr
    assert rows(db, "SELECT count(*) FROM articles")[0][0] == 1
    # a CSV of the same size is read (in chunks), and is big enough for bulk mode: the check can fail
    (corpus / "big.txt").unlink()
    with (corpus / "big.csv").open("w", encoding="utf-8") as fh:
        fh.write("id,text\n")
        for i in range(1700):  # about 1.1 MB: an estimate of about 500 articles
            fh.write(f'{i},"{GOOD.strip()} {"x" * 560}"\n')
    db2 = tmp_path / "b2.sqlite"
    res2 = run_cli("ingest", str(corpus), "--db", str(db2), "--workers", "1", env=env)
    assert res2.returncode == 0, res2.stderr
    assert bulk_said in res2.stderr
    assert rows(db2, "SELECT count(*) FROM articles")[0][0] == 1701


# --- a full disk ------------------------------------------------------------------------------------

# ``mapapp ingest`` in a child process whose store cannot grow past a few pages beyond its empty
# schema: SQLite's ``max_page_count`` answers SQLITE_FULL exactly as a full disk does.
_FULL_DISK = """
import sys
import mapapp.store as store
_init = store.Store.__init__
def _init_small(self, *a, **k):
    _init(self, *a, **k)
    (n,) = self.conn.execute("PRAGMA page_count").fetchone()
    self.conn.execute(f"PRAGMA max_page_count = {n + int(sys.argv[1])}")
store.Store.__init__ = _init_small
from mapapp.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_full_disk_is_one_line_naming_the_store_and_leaves_it_consistent(tmp_path, workers):
    from benchmarks import gen_corpus

    corpus = tmp_path / "c"
    gen_corpus.generate(300, corpus, seed=3)
    db = tmp_path / "full.sqlite"
    res = subprocess.run(
        [
            sys.executable,
            "-c",
            _FULL_DISK,
            "150",
            "ingest",
            str(corpus),
            "--db",
            str(db),
            "--no-progress",
            "--workers",
            workers,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tempfile.gettempdir(),
    )
    assert res.returncode == 2, res.stderr
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(db) in lines[0] and "disk full" in lines[0], res.stderr
    assert "FOREIGN KEY" not in res.stderr and "Traceback" not in res.stderr
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []
        kept = c.execute("SELECT count(*) FROM articles").fetchone()[0]
        # every file recorded as done has its article: nothing half written
        assert (
            c.execute(
                "SELECT count(*) FROM files f WHERE status = 'done' AND NOT EXISTS "
                "(SELECT 1 FROM articles a WHERE a.path = f.path)"
            ).fetchone()[0]
            == 0
        )
    assert kept < 300
    again = run_cli("ingest", str(corpus), "--db", str(db), "--no-progress", "--workers", workers, timeout=600)
    assert again.returncode == 0, again.stderr
    assert rows(db, "SELECT count(*) FROM articles")[0][0] == 300


# --- texts whose shape made the parse grow faster than their size -------------------------------


def test_names_joined_by_hyphens_or_in_one_long_list_are_read_within_the_time_budget(tmp_path):
    # "London-Paris-Berlin-..." of 12 KB took 55 s (a regex re-read the whole run from each name, with
    # two nested choices: cubic), a list of 32,000 names 21 s (the story's evidence scanned per name,
    # a lenders' list walked to its end from each name); with a budget of 20 s a file the parse cannot
    # finish is skipped, so before, these articles were lost. Sizes grow four times, time as much
    # (benchmarks/geoparse_shapes.py prints the figures).
    words = ["London", "Paris", "Berlin", "Springfield", "Georgia", "Jordan", "Victoria", "New", "York", "North"]
    run = [words[(i * 7) % len(words)] for i in range(32_000)]
    d = tmp_path / "shapes"
    d.mkdir()
    (d / "hyphens.txt").write_text("-".join(run) + ".\n", encoding="utf-8")
    (d / "list.txt").write_text(", ".join(run) + ".\n", encoding="utf-8")
    # "in X, Y, in Z, W, ...": one endless sentence of frames, each walked to the text's end (15 s at
    # 16,000 names)
    # "the English city of X" over and over: each cue's name checked against every name found (63 s at
    # 16,000)
    (d / "cued.txt").write_text(" ".join(f"the English city of {w}" for w in run[:16_000]) + ".\n", encoding="utf-8")
    (d / "frames.txt").write_text(
        ", ".join(f"in {a}, {b}" for a, b in zip(run[::2], run[1::2])) + ".\n", encoding="utf-8"
    )
    db = tmp_path / "s.sqlite"
    res = run_cli(
        "ingest", str(d), "--db", str(db), "--no-progress", "--workers", "1", env={"MAPAPP_FILE_TIMEOUT": "20"}
    )
    assert res.returncode == 0 and "file_timeout" not in res.stderr, res.stderr
    assert {Path(p).name for (p,) in rows(db, "SELECT path FROM articles")} == {
        "hyphens.txt",
        "list.txt",
        "frames.txt",
        "cued.txt",
    }
