"""Bad input never raises: each bad file gives one clear ReadError naming it; good files beside
it still read. The committed corpus lives in tests/hostile/ (small); big files are made here."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapapp.models import Article, ReadError
from mapapp.reading import iter_files, read_file, read_path

HOSTILE = Path(__file__).resolve().parent / "hostile"

# file -> words the single ReadError's reason must contain
ONE_ERROR = {
    "binary_nul.txt": "binary file",
    "empty.txt": "empty file",
    "whitespace_only.md": "empty file",
    "boilerplate_only.txt": "no article text",
    "malformed.json": "malformed JSON (Unterminated string starting at line 1, column 27)",
    "deep_nesting.json": "nested too deeply",
    "no_text.json": "no text",
    "no_text_column.csv": "no text column",
    "script_only.html": "no article text",
    "unsupported.pdf": "unsupported file type",
}


@pytest.fixture()
def hostile(tmp_path) -> Path:
    dst = tmp_path / "hostile"
    shutil.copytree(HOSTILE, dst)
    return dst


@pytest.mark.parametrize("name,words", sorted(ONE_ERROR.items()))
def test_bad_file_gives_one_clear_error(hostile, name, words):
    out = list(read_file(hostile / name))
    assert len(out) == 1 and isinstance(out[0], ReadError), out
    err = out[0]
    assert err.path == str((hostile / name).resolve())
    assert words in err.reason
    assert str(err).startswith(err.path + ": ")
    assert "\n" not in str(err)


@pytest.mark.parametrize(
    "name,expected",
    [
        ("good.txt", "Heavy rain flooded Lankaran on 2 June 2021, officials said."),
        ("cp1251.txt", "Встреча прошла в Москве, Россия, в понедельник."),
        ("latin1.txt", "La réunion a eu lieu à Besançon, près de Genève."),
        ("utf16_bom.txt", "Talks were held in Baku, Azerbaijan."),
        ("script_in_text.txt", 'The page said <script>alert("x")</script> near Sumgait.'),
    ],
)
def test_good_files_decode_correctly(hostile, name, expected):
    out = list(read_file(hostile / name))
    assert len(out) == 1 and isinstance(out[0], Article), out
    assert out[0].text.endswith(expected)


def test_mixed_jsonl_bad_records_reported_rest_read(hostile):
    out = list(read_file(hostile / "mixed.jsonl"))
    arts = [o for o in out if isinstance(o, Article)]
    errs = [o.reason for o in out if isinstance(o, ReadError)]
    assert [a.id.rsplit("#", 1)[1] for a in arts] == ["ok1", "ok2"]
    assert errs[0].startswith("line 2: duplicate id 'ok1'")
    assert errs[1].startswith("line 3: malformed JSON")
    assert errs[2].startswith("line 4: no text")
    assert errs[3].startswith("line 5: not an object")
    assert errs[4].startswith("line 6: date 'not a date' not understood")
    assert arts[1].published is None  # kept, without the bad date


def test_invalid_utf8_line_in_utf8_jsonl(hostile):
    out = list(read_file(hostile / "bad_utf8_line.jsonl"))
    assert [type(o) for o in out] == [Article, ReadError, Article]
    assert out[0].text == "Quake near İzmir." and out[2].text == "Aftershocks felt in Muğla."
    assert "line 2: invalid UTF-8" in out[1].reason


def test_malformed_csv(hostile):
    out = list(read_file(hostile / "unclosed_quote.csv"))
    assert isinstance(out[0], Article) and out[0].text == "Rally in Tbilisi."
    assert (
        len(out) == 2
        and isinstance(out[1], ReadError)
        and "malformed CSV" in out[1].reason
        and "line 3" in out[1].reason
    )
    out = list(read_file(hostile / "extra_fields.csv"))
    assert [type(o) for o in out] == [Article, ReadError, Article]
    assert "line 3: 4 fields but the header has 2" in out[1].reason


def test_json_array_of_non_objects(hostile):
    out = list(read_file(hostile / "not_objects.json"))
    assert all(isinstance(o, ReadError) for o in out) and len(out) == 3
    assert [o.reason.split(":")[0] for o in out] == ["record 1", "record 2", "record 3"]


def test_broken_sidecar_reported_article_still_read(hostile):
    out = list(read_file(hostile / "sidecar_broken.txt"))
    errs = [o for o in out if isinstance(o, ReadError)]
    arts = [o for o in out if isinstance(o, Article)]
    assert (
        len(errs) == 1 and errs[0].path.endswith("sidecar_broken.txt.meta.json") and "not valid JSON" in errs[0].reason
    )
    assert len(arts) == 1 and arts[0].published.isoformat() == "2021-05-03"


def test_folder_of_hostile_files_never_raises_and_good_files_read(hostile):
    out = list(read_path(hostile))
    arts = {Path(o.path).name for o in out if isinstance(o, Article)}
    assert {"good.txt", "cp1251.txt", "latin1.txt", "utf16_bom.txt", "script_in_text.txt", "mixed.jsonl"} <= arts
    errs = {Path(o.path).name for o in out if isinstance(o, ReadError)}
    # every bad file is named, except the .pdf, which a folder walk skips (not an article type)
    assert set(ONE_ERROR) - {"unsupported.pdf"} <= errs
    assert "unsupported.pdf" not in errs and "sidecar_broken.txt.meta.json" in errs


def test_file_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("MAPAPP_MAX_FILE_MB", "40")
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # 50 MB, sparse: made in an instant
        fh.truncate(50 * 1024 * 1024)
    (tmp_path / "small.txt").write_text("Talks in Baku.", encoding="utf-8")
    out = list(read_path(tmp_path))
    assert isinstance(out[0], ReadError) and out[0].path.endswith("big.txt")
    assert "file too large (50.0 MB" in out[0].reason and "max_file_mb" in out[0].reason
    assert isinstance(out[1], Article) and out[1].text == "Talks in Baku."


def test_file_disappearing_between_listing_and_reading(tmp_path):
    for n in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / n).write_text(f"Talks in Baku ({n}).", encoding="utf-8")
    listed = list(iter_files([tmp_path]))
    (tmp_path / "b.txt").unlink()
    out = [o for p in listed for o in read_file(p)]
    assert [type(o) for o in out] == [Article, ReadError, Article]
    assert out[1].path.endswith("b.txt") and "file disappeared" in out[1].reason


def test_missing_path_and_folder_given_as_file(tmp_path):
    (err,) = list(read_file(tmp_path / "nope.txt"))
    assert isinstance(err, ReadError) and "file disappeared" in err.reason
    (err,) = list(read_file(tmp_path))
    assert isinstance(err, ReadError) and "folder" in err.reason


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(tmp_path):
    f = tmp_path / "locked.txt"
    f.write_text("Talks in Baku.", encoding="utf-8")
    f.chmod(0)
    try:
        (err,) = list(read_file(f))
        assert isinstance(err, ReadError) and "permission denied" in err.reason
    finally:
        f.chmod(0o644)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    data=st.one_of(
        st.binary(max_size=600),
        st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.sampled_from(
            [
                b"[",
                b"{}",
                b"[{}]",
                b'{"text": 5}',
                b'[{"text": "x", "id": [1]}]',
                b'text\n"',
                b"\xef\xbb\xbf",
                b"\xff\xfe",
                b"\xfe\xff\x00",
                b"text,id\n,\n",
                b'{"text":"a"}\n{"text":"a","id":1}\n{"id":1,"text":"b"}',
            ]
        ),
    ),
    suffix=st.sampled_from([".txt", ".json", ".jsonl", ".csv", ".html", ".md"]),
)
def test_reader_never_raises_on_arbitrary_bytes(tmp_path, data, suffix):
    f = tmp_path / ("x" + suffix)
    f.write_bytes(data)
    out = list(read_file(f))
    assert out, "something is always said about a file"
    for o in out:
        assert isinstance(o, (Article, ReadError))
        if isinstance(o, ReadError):
            assert o.path.endswith("x" + suffix) and o.reason
        else:
            assert o.text.strip() and o.id.startswith(str(f.resolve()))
            assert o.published is None or o.published.year >= 1600


def test_bad_metadata_csv_reported_once_per_file_only_in_its_folder(tmp_path):
    (tmp_path / "metadata.csv").write_text("name,comment\nx,y\n", encoding="utf-8")  # not our format
    sub = tmp_path / "news"
    sub.mkdir()
    (sub / "a.txt").write_text("Talks in Baku.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Talks in Ganja.", encoding="utf-8")
    # a stray table in a folder above says nothing
    assert [type(o) for o in read_file(sub / "a.txt")] == [Article]
    # the table of the file's own folder is reported, and the article is still read
    out = list(read_file(tmp_path / "b.txt"))
    assert [type(o) for o in out] == [ReadError, Article]
    assert out[0].path.endswith("metadata.csv") and "'file' column" in out[0].reason


@pytest.mark.parametrize("encoding", ["cp1251", "utf-16"])
def test_record_files_in_legacy_and_utf16_encodings(tmp_path, encoding):
    f = tmp_path / "ru.jsonl"
    f.write_bytes(
        '{"id": "1", "text": "Встреча прошла в Москве."}\n{"id": "2", "text": "Переговоры в Баку."}\n'.encode(encoding)
    )
    assert [a.text for a in read_file(f)] == ["Встреча прошла в Москве.", "Переговоры в Баку."]
    g = tmp_path / "ru.csv"
    g.write_bytes('id,text\n1,"Встреча прошла в Москве."\n2,Переговоры в Баку.\n'.encode(encoding))
    assert [a.text for a in read_file(g)] == ["Встреча прошла в Москве.", "Переговоры в Баку."]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_written_without_a_bom_is_read_not_called_binary(tmp_path, encoding):
    # some Windows exports write UTF-16 with no BOM: "binary file (contains NUL bytes)" before
    t = tmp_path / "export.txt"
    t.write_bytes("Talks were held in Baku, Azerbaijan – at the café.".encode(encoding))
    assert [a.text for a in read_file(t)] == ["Talks were held in Baku, Azerbaijan – at the café."]
    f = tmp_path / "export.jsonl"
    f.write_bytes('{"id": "1", "text": "Talks in Baku."}\n{"id": "2", "text": "A rally in Ganja."}\n'.encode(encoding))
    assert [a.text for a in read_file(f)] == ["Talks in Baku.", "A rally in Ganja."]
    g = tmp_path / "export.csv"
    g.write_bytes("id,text\n1,Talks in Baku.\n".encode(encoding))
    assert [a.text for a in read_file(g)] == ["Talks in Baku."]
    # NUL bytes anywhere else still make a binary file
    b = tmp_path / "blob.txt"
    b.write_bytes(bytes(range(256)) * 8)
    (err,) = read_file(b)
    assert isinstance(err, ReadError) and "binary file" in err.reason


# --- special files and symbolic links, through the command a user runs --------------------------
def _ingest(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``mapapp ingest`` in a child process with a timeout, so a hang fails instead of blocking."""
    return subprocess.run(
        [sys.executable, "-m", "mapapp.cli", "ingest", "--no-progress", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )


def _stored_paths(db: Path) -> list[str]:
    import sqlite3

    with sqlite3.connect(db) as c:
        return sorted(Path(p).name for (p,) in c.execute("SELECT path FROM articles"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_and_device_files_are_skipped_and_the_batch_goes_on(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    (d / "good.txt").write_text("Talks in Baku ended on Monday.", encoding="utf-8")
    os.mkfifo(d / "pipe.txt")
    (d / "zero.txt").symlink_to("/dev/zero")
    for workers in ("1", "2"):
        db = tmp_path / f"s{workers}.sqlite"
        r = _ingest(
            [str(d), str(d / "zero.txt"), "--db", str(db), "--workers", workers], tmp_path, MAPAPP_FOLLOW_SYMLINKS="1"
        )
        assert r.returncode == 1, r.stderr
        assert "pipe.txt: not a regular file (a FIFO)" in r.stderr
        assert "/dev/zero: not a regular file (a device)" in r.stderr
        assert _stored_paths(db) == ["good.txt"]


def test_symlinks_out_of_the_folder_are_not_followed(tmp_path):
    secret = tmp_path / "private" / "notes.txt"
    secret.parent.mkdir()
    secret.write_text("The password for the Baku office is hunter2.", encoding="utf-8")
    d = tmp_path / "corpus"
    (d / "sub").mkdir(parents=True)
    (d / "story.txt").write_text("Talks in Baku ended on Monday.", encoding="utf-8")
    (d / "leak.txt").symlink_to(secret)
    (d / "sub" / "private").symlink_to(secret.parent, target_is_directory=True)
    (d / "alias.txt").symlink_to(d / "story.txt")  # inside the folder: fine
    db = tmp_path / "s.sqlite"
    r = _ingest([str(d), "--db", str(db)], tmp_path)
    assert r.returncode == 1
    assert "leak.txt: a symbolic link to outside the folder being ingested: not followed" in r.stderr
    assert "private: a symbolic link to outside the folder" in r.stderr
    assert "notes.txt" not in _stored_paths(db) and "story.txt" in _stored_paths(db)

    # naming the file on purpose, or the setting, lets it in
    r = _ingest([str(d / "leak.txt"), "--db", str(db)], tmp_path)
    assert r.returncode == 0, r.stderr
    assert "notes.txt" in _stored_paths(db)


def test_listing_reports_refused_links(tmp_path):
    (tmp_path / "out.txt").write_text("Talks in Baku.", encoding="utf-8")
    d = tmp_path / "d"
    d.mkdir()
    (d / "link.txt").symlink_to(tmp_path / "out.txt")
    (err,) = list(read_path(d))
    assert isinstance(err, ReadError) and "not followed" in err.reason and err.path.endswith("link.txt")
