"""Nothing in the data may stop or swamp ingest: inputs built to make the reader, the geoparser
or the date finder scan quadratically finish in about the time of a normal file of their size,
a mention's sentence is bounded, and a file that still overruns the per-file time budget
(setting ``file_timeout``) is reported and skipped while the batch goes on.

The bounds asserted here are hang detectors (seconds where the fixed code takes a fraction of
one and the old code took minutes), not benchmarks."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest

from mapapp.geo.geoparse import Geoparser
from mapapp.limits import MAX_SENTENCE
from mapapp.models import Article
from mapapp.reading import read_file

from factories import run_cli

# name -> (suffix, text of about 200-260 KB); each took from 55 s to minutes before the fix
PATHOLOGICAL = {
    "dots_between_names": (".txt", "Title\n\nx" + ".Tovuz" * 34_133),  # was 161 s: a rescan per name
    "markdown_link_then_spaces": (".md", "[a](" + " " * 262_144 + "x"),  # was minutes: regex backtracking
    "markdown_link_at_end": (".md", "Title\n\n[a](" + " " * 262_144),
    "spaces_inside_a_line": (".txt", "Baku" + " " * 262_144 + "Ganja"),
    "html_unclosed_then_stray_end_tags": (
        ".html",
        "<html><body><p>Baku</p>" + "<div>" * 40_000 + "</span>" * 40_000,
    ),  # was 55 s
    "run_of_dots": (".txt", "Baku met Ganja " + "." * 200_000 + "x"),
    "run_of_marks_and_brackets": (".txt", "Baku met Ganja " + "!" * 100_000 + ")" * 100_000 + "x"),
    "no_sentence_punctuation": (
        ".txt",
        "Title\n\n" + "people of Baku and Tovuz met in Ganja on Monday July 2020 said " * 4000,
    ),
}
NORMAL = (".txt", "Title\n\n" + "People of Baku and Tovuz met in Ganja on Monday, 6 July 2020, officials said. " * 3300)


@pytest.fixture(scope="module")
def parser() -> Geoparser:
    return Geoparser()


def _read_and_parse(path: Path, parser: Geoparser) -> tuple[float, int]:
    t = time.monotonic()
    n = 0
    for a in read_file(path):
        if isinstance(a, Article):
            n += len(parser.mentions(a))
    return time.monotonic() - t, n


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_a_pathological_file_costs_about_what_a_normal_one_does(name, parser, tmp_path):
    suffix, text = PATHOLOGICAL[name]
    normal = tmp_path / ("normal" + NORMAL[0])
    normal.write_text(NORMAL[1], encoding="utf-8")
    bad = tmp_path / (name + suffix)
    bad.write_text(text, encoding="utf-8")
    t_normal, _ = _read_and_parse(normal, parser)
    t_bad, _ = _read_and_parse(bad, parser)
    # a generous hang detector: minutes before the fixes, well under a second after
    assert t_bad < max(10.0, 5 * t_normal), f"{name}: {t_bad:.1f} s (a normal file of that size: {t_normal:.1f} s)"


def test_text_without_sentence_punctuation_gets_bounded_sentences(parser, tmp_path):
    """A 256 KB file without sentence punctuation made a 58 MB store: every mention carried a
    6,000-character "sentence". Now a sentence is at most MAX_SENTENCE characters (two pieces for
    a name astride a split) and the store grows with the text, not with mentions x text."""
    text = "Title\n\n" + "people of Baku and Tovuz met in Ganja on Monday July 2020 said " * 4100
    p = tmp_path / "run_on.txt"
    p.write_text(text, encoding="utf-8")
    (art,) = [a for a in read_file(p) if isinstance(a, Article)]
    mentions = parser.mentions(art)
    assert len(mentions) > 1000
    assert max(len(m.sentence) for m in mentions) <= 2 * MAX_SENTENCE
    for m in mentions[:50]:  # each sentence still holds its mention, at the right offset
        assert art.text[m.sentence_start : m.sentence_start + len(m.sentence)] == m.sentence
        assert m.sentence_start <= m.start and m.end <= m.sentence_start + len(m.sentence)
    # the month-year "July 2020" of each piece dates its mentions (per-piece work, shared)
    assert {m.event_date.isoformat() for m in mentions if m.event_date} == {"2020-07-01"}
    db = tmp_path / "s.sqlite"
    res = _cli("ingest", str(p), "--db", str(db), "--no-progress", "--workers", "1", timeout=120)
    assert res.returncode == 0, res.stderr
    with sqlite3.connect(db) as c:
        (stored,) = c.execute("SELECT sum(length(sentence)) FROM mentions").fetchone()
    assert stored < 40 * len(text)  # was about 230 times the text


_cli = run_cli


def test_ingest_of_pathological_files_finishes_and_stores_them(tmp_path):
    """The user's path: ``mapapp ingest`` on a folder of all of them, in a child process."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, (suffix, text) in PATHOLOGICAL.items():
        (corpus / (name + suffix)).write_text(text, encoding="utf-8")
    db = tmp_path / "p.sqlite"
    t = time.monotonic()
    res = _cli("ingest", str(corpus), "--db", str(db), "--no-progress", "--workers", "2", timeout=240)
    assert "Traceback" not in res.stderr
    assert time.monotonic() - t < 120, res.stderr
    with sqlite3.connect(db) as c:
        paths = {Path(p).stem for (p,) in c.execute("SELECT path FROM files WHERE status = 'done'")}
    # every file was read to the end (some have no article text left, which is an error line)
    assert {"dots_between_names", "no_sentence_punctuation", "html_unclosed_then_stray_end_tags"} <= paths


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_file_over_the_time_budget_is_reported_and_the_rest_stored(tmp_path, workers):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a_good.txt").write_text("Floods hit Lankaran on 2 June 2021, officials said.\n", encoding="utf-8")
    (corpus / "b_slow.txt").write_text(
        "Title\n\n" + "People of Baku and Ganja met on Monday. " * 5_000, encoding="utf-8"
    )
    (corpus / "c_good.txt").write_text("A storm reached Ganja on 3 June 2021.\n", encoding="utf-8")
    db = tmp_path / "t.sqlite"
    res = _cli(
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--no-progress",
        "--workers",
        workers,
        env={"MAPAPP_FILE_TIMEOUT": "0.2"},
    )
    assert res.returncode == 1, res.stderr
    lines = [ln for ln in res.stderr.splitlines() if "b_slow.txt" in ln]
    assert len(lines) == 1 and "file_timeout" in lines[0] and "skipped" in lines[0], res.stderr
    assert "Traceback" not in res.stderr
    with sqlite3.connect(db) as c:
        stored = {Path(p).name for (p,) in c.execute("SELECT path FROM articles")}
        status = dict((Path(p).name, s) for p, s in c.execute("SELECT path, status FROM files"))
    assert stored == {"a_good.txt", "c_good.txt"}
    assert status["b_slow.txt"] == "error"
    # without the tiny budget the next run completes it
    again = _cli("ingest", str(corpus), "--db", str(db), "--no-progress", "--workers", workers)
    assert again.returncode == 0, again.stderr
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM articles").fetchone()[0] == 3


def test_a_record_batch_over_the_time_budget_is_skipped_and_the_rest_stored(tmp_path):
    """A large multi-record file is parsed in chunks, each record under its own budget: an
    overrunning record costs itself only."""
    big = tmp_path / "big.jsonl"
    with big.open("w", encoding="utf-8") as fh:
        for i in range(60):
            text = "People of Baku and Ganja met on Monday. " * (5000 if i == 40 else 3)
            fh.write(json.dumps({"id": f"r{i}", "text": text}) + "\n")
    db = tmp_path / "b.sqlite"
    res = _cli(
        "ingest", str(big), "--db", str(db), "--no-progress", "--workers", "1", env={"MAPAPP_FILE_TIMEOUT": "0.2"}
    )
    assert res.returncode == 1, res.stderr
    lines = [ln for ln in res.stderr.splitlines() if "file_timeout" in ln]
    assert len(lines) == 1 and "big.jsonl#r40: took longer" in lines[0], res.stderr
    with sqlite3.connect(db) as c:
        ids = {i.rpartition("#")[2] for (i,) in c.execute("SELECT id FROM articles")}
    assert ids == {f"r{i}" for i in range(60)} - {"r40"}
