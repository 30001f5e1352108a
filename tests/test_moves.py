"""Moving a corpus folder does not duplicate it, ``mapapp prune`` forgets files that are gone,
and exports carry no server path. Through ``mapapp`` in child processes, on a real SQLite file."""

from __future__ import annotations

import functools
import json
import os
import sqlite3
from pathlib import Path

import factories

# ingests here are bigger than the default timeout allows for
run_cli = functools.partial(factories.run_cli, timeout=300)


def q(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as c:
        return c.execute(sql).fetchall()


def _corpus(root: Path) -> Path:
    d = root / "news"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text("Heavy rain flooded Lankaran on 2 June 2021, officials said.\n", encoding="utf-8")
    (d / "sub" / "b.txt").write_text("A storm reached Ganja on 3 June 2021.\n", encoding="utf-8")
    (d / "sub" / "b.txt.meta.json").write_text(json.dumps({"title": "Storm"}), encoding="utf-8")
    with (d / "big.jsonl").open("w", encoding="utf-8") as fh:  # > 64 KB: read in record batches
        for i in range(40):
            fh.write(json.dumps({"id": f"r{i}", "text": "Floods hit Sumgait and Baku on 5 June 2021. " * 40}) + "\n")
    return d


def test_a_moved_folder_is_not_stored_twice_and_an_edit_still_replaces(tmp_path):
    src = _corpus(tmp_path / "old")
    db = tmp_path / "m.sqlite"
    assert run_cli("ingest", str(src), "--db", str(db), "--no-progress", "--workers", "2").returncode == 0
    before = q(
        db, "SELECT a.id, start, name, place_id, event_date FROM mentions m JOIN articles a ON a.id = m.article_id"
    )
    mention_ids = sorted(q(db, "SELECT id FROM mentions"))
    n_articles = q(db, "SELECT count(*) FROM articles")[0][0]
    assert n_articles == 42

    dst = tmp_path / "new" / "news"
    dst.parent.mkdir()
    os.rename(src, dst)
    res = run_cli("ingest", str(dst), "--db", str(db), "--no-progress", "--workers", "2")
    assert res.returncode == 0, res.stderr
    assert "0 new articles" in res.stderr and "3 files moved" in res.stderr, res.stderr
    assert q(db, "SELECT count(*) FROM articles")[0][0] == n_articles
    assert sorted(q(db, "SELECT id FROM mentions")) == mention_ids  # the same rows, not new ones
    paths = {p for (p,) in q(db, "SELECT path FROM articles")} | {p for (p,) in q(db, "SELECT path FROM files")}
    assert all(p.startswith(str(dst.resolve())) for p in paths), paths
    after = q(
        db, "SELECT a.id, start, name, place_id, event_date FROM mentions m JOIN articles a ON a.id = m.article_id"
    )
    old, new = str(src.resolve()), str(dst.resolve())
    assert sorted((i.replace(old, new, 1), *r) for i, *r in before) == sorted(after)
    assert q(db, "SELECT title FROM articles WHERE path LIKE '%b.txt'") == [("Storm",)]

    (dst / "a.txt").write_text("Heavy rain flooded Shaki on 2 June 2021.\n", encoding="utf-8")
    res = run_cli("ingest", str(dst), "--db", str(db), "--no-progress", "--workers", "1")
    assert res.returncode == 0 and "1 updated" in res.stderr, res.stderr
    names = {
        n
        for (n,) in q(
            db, "SELECT name FROM mentions m JOIN articles a ON a.id = m.article_id WHERE a.path LIKE '%/a.txt'"
        )
    }
    assert "Shaki" in names and "Lankaran" not in names


def test_prune_removes_articles_whose_files_are_gone(tmp_path):
    src = _corpus(tmp_path)
    db = tmp_path / "p.sqlite"
    assert run_cli("ingest", str(src), "--db", str(db), "--no-progress", "--workers", "1").returncode == 0
    (src / "big.jsonl").unlink()
    (src / "sub" / "b.txt").unlink()
    res = run_cli("prune", "--db", str(db))
    assert res.returncode == 0, res.stderr
    assert "2 files gone from disk, 41 of their articles removed" in res.stderr, res.stderr
    assert [Path(p).name for (p,) in q(db, "SELECT path FROM articles")] == ["a.txt"]
    assert [Path(p).name for (p,) in q(db, "SELECT path FROM files")] == ["a.txt"]
    assert q(db, "SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)") == [(0,)]
    again = run_cli("prune", "--db", str(db))
    assert "0 files gone from disk" in again.stderr


def test_exports_carry_no_server_path(tmp_path):
    src = _corpus(tmp_path)
    db = tmp_path / "e.sqlite"
    assert run_cli("ingest", str(src), "--db", str(db), "--no-progress", "--workers", "1").returncode == 0
    for fmt in ("geojson", "csv"):
        out = run_cli("export", "--db", str(db), "--format", fmt, "--undated", "--demonyms")
        assert out.returncode == 0, out.stderr
        assert "Lankaran" in out.stdout and "a.txt" in out.stdout
        assert str(tmp_path) not in out.stdout and "/sub/" not in out.stdout
    feats = json.loads(run_cli("export", "--db", str(db), "--undated").stdout)["features"]
    ids = {f["properties"]["article_id"] for f in feats}
    assert any(i.startswith("big.jsonl#r3@") for i in ids) and any(i.startswith("a.txt@") for i in ids)
