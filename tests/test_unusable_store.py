"""Stores that cannot be used: one clear line on standard error (naming the store and the reason)
and exit code 2 from ``serve``, ``export``, ``snapshot`` and ``ingest``, never a traceback; and
read-only stores that the reading commands still use. Through ``mapapp.cli.main`` and capsys.

Tests run as root, for whom every file is writable; a store or folder without any write bit
(``chmod a-w``) is treated as read-only all the same, so these cases are real, not simulated.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from mapapp import cli
from mapapp.store import known_schema

from factories import one_article_store


def _store(path: Path) -> str:
    return one_article_store(path)


@pytest.fixture()
def no_exec(monkeypatch):
    """``mapapp serve`` would become Streamlit (os.execve): record the command instead."""
    ran: list[list[str]] = []

    def fake_exec(exe, cmd, env):
        assert env["PYTHONPATH"].split(os.pathsep)[0] == str(Path(cli.__file__).resolve().parents[1])
        ran.append(list(cmd))
        raise SystemExit(0)

    monkeypatch.setattr(os, "execve", fake_exec)
    return ran


def _one_line(capsys, *needles: str) -> str:
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for n in needles:
        assert n in lines[0], lines[0]
    return lines[0]


def _garbage(tmp_path: Path) -> str:
    p = tmp_path / "garbage.sqlite"
    p.write_bytes(os.urandom(8192))
    return str(p)


def _newer(tmp_path: Path) -> str:
    db = _store(tmp_path / "newer.sqlite")
    con = sqlite3.connect(db)
    con.execute(
        "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, 'future', 'x')", (known_schema() + 1,)
    )
    con.commit()
    con.close()
    return db


BAD = {
    "garbage": (_garbage, "not an SQLite database"),
    "directory": (lambda t: str(t), "directory"),
    "newer": (_newer, "newer mapapp"),
}
COMMANDS = {
    "export": lambda db, t: ["export", "--db", db, "-o", str(t / "out.geojson")],
    "snapshot": lambda db, t: ["snapshot", "--db", db, "-o", str(t / "map.html")],
    "snapshot list": lambda db, t: ["snapshot", "list", "--db", db],
    "serve": lambda db, t: ["serve", "--db", db],
    "ingest": lambda db, t: ["ingest", "--no-progress", "--workers", "1", "--db", db, str(t / "none.txt")],
}


@pytest.mark.parametrize("kind", list(BAD))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_an_unusable_store_is_one_line_and_exit_code_2(kind, command, tmp_path, capsys, no_exec):
    make, reason = BAD[kind]
    db = make(tmp_path)
    before = Path(db).read_bytes() if os.path.isfile(db) else None
    assert cli.main(COMMANDS[command](db, tmp_path)) == 2
    _one_line(capsys, f"mapapp {command.split()[0]}", db, reason)
    assert no_exec == []
    if before is not None:
        assert Path(db).read_bytes() == before  # not "repaired", not migrated
    assert not (tmp_path / "out.geojson").exists() and not (tmp_path / "map.html").exists()


def test_a_missing_store_is_one_line_for_readers(tmp_path, capsys):
    assert cli.main(["export", "--db", str(tmp_path / "none.sqlite")]) == 2
    _one_line(capsys, "no store there")
    assert not (tmp_path / "none.sqlite").exists()


@pytest.fixture(params=["file", "folder"])
def readonly_db(request, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = _store(folder / "store.sqlite")
    if request.param == "file":
        os.chmod(db, 0o444)
    else:
        os.chmod(folder, 0o555)
    yield db
    os.chmod(folder, 0o755)


def _digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_reading_commands_work_on_a_read_only_store(readonly_db, tmp_path, capsys, no_exec):
    before = _digest(readonly_db)
    out = tmp_path / "out.geojson"
    assert cli.main(["export", "--db", readonly_db, "-o", str(out)]) == 0
    assert json.loads(out.read_text())["features"][0]["properties"]["name"] == "Baku"
    assert cli.main(["snapshot", "--db", readonly_db, "-o", str(tmp_path / "map.html")]) == 0
    assert "Baku" in (tmp_path / "map.html").read_text()
    assert cli.main(["snapshot", "list", "--db", readonly_db]) == 0
    with pytest.raises(SystemExit):
        cli.main(["serve", "--db", readonly_db])
    assert no_exec and no_exec[0][-2:] == ["--db", readonly_db]
    assert _digest(readonly_db) == before


@pytest.mark.parametrize(
    "argv",
    [
        ["snapshot", "--save", "-o", "-"],
        ["snapshot", "delete", "abcdefgh"],
        ["ingest", "--no-progress", "--workers", "1", "NONE"],
    ],
)
def test_writing_to_a_read_only_store_is_one_line(argv, readonly_db, tmp_path, capsys):
    before = _digest(readonly_db)
    argv = [str(tmp_path / "none.txt") if a == "NONE" else a for a in argv]
    assert cli.main([*argv, "--db", readonly_db]) == 2
    _one_line(capsys, readonly_db, "read-only")
    assert _digest(readonly_db) == before


def test_a_truncated_store_is_one_line(tmp_path, capsys):
    """An SQLite header followed by garbage: the store's own error, in one line."""
    db = _store(tmp_path / "store.sqlite")
    data = Path(db).read_bytes()
    Path(db).write_bytes(data[:100] + os.urandom(len(data) - 100))
    assert cli.main(["export", "--db", db, "-o", str(tmp_path / "o.csv"), "--format", "csv"]) == 2
    _one_line(capsys, db)
