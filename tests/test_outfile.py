"""Files the user names with ``-o`` / ``--png``: modes, symbolic links, FIFOs, devices, failures.

Through ``mapapp export`` and ``mapapp snapshot`` (``mapapp.cli.main``) on a real store; the
helper itself (``mapapp.outfile``) for a write that fails half-way. No test ever names a real
``/dev`` path as the output (a regression would replace it on this machine): links in tmp_path
lead there instead.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mapapp import cli
from mapapp.outfile import open_output

from factories import one_article_store


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return one_article_store(tmp_path_factory.mktemp("outfile") / "store.sqlite")


@pytest.fixture()
def umask022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _export(db: str, out: str | Path) -> int:
    return cli.main(["export", "--db", db, "--format", "geojson", "-o", str(out)])


def _no_temp_files(folder: Path) -> None:
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


def test_new_export_and_snapshot_files_get_the_umask_mode(db, tmp_path, umask022, capsys):
    assert _export(db, tmp_path / "m.geojson") == 0
    assert stat.S_IMODE(os.stat(tmp_path / "m.geojson").st_mode) == 0o644
    assert json.loads((tmp_path / "m.geojson").read_text())["features"][0]["properties"]["name"] == "Baku"
    assert cli.main(["snapshot", "--db", db, "-o", str(tmp_path / "map.html")]) == 0
    assert stat.S_IMODE(os.stat(tmp_path / "map.html").st_mode) == 0o644  # was 0600
    assert "Baku" in (tmp_path / "map.html").read_text()
    _no_temp_files(tmp_path)


def test_an_existing_file_keeps_its_mode(db, tmp_path, umask022, capsys):
    out = tmp_path / "m.geojson"
    out.write_text("old")
    os.chmod(out, 0o640)
    assert _export(db, out) == 0
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o640
    assert "Baku" in out.read_text()


def test_a_symlinked_output_writes_the_target_and_keeps_the_link(db, tmp_path, capsys):
    real = tmp_path / "real" / "map.html"
    real.parent.mkdir()
    real.write_text("old")
    os.chmod(real, 0o604)
    link = tmp_path / "link.html"
    link.symlink_to(real)
    assert cli.main(["snapshot", "--db", db, "-o", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "Baku" in real.read_text() and stat.S_IMODE(os.stat(real).st_mode) == 0o604
    _no_temp_files(tmp_path)
    _no_temp_files(real.parent)


def test_a_dangling_link_creates_its_target(db, tmp_path, capsys):
    link = tmp_path / "out.geojson"
    link.symlink_to(tmp_path / "made.geojson")
    assert _export(db, link) == 0
    assert link.is_symlink() and "Baku" in (tmp_path / "made.geojson").read_text()


def test_a_fifo_is_written_in_place(db, tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert _export(db, fifo) == 0
    reader.join(10)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still a FIFO, not replaced by a file
    assert json.loads(got[0])["features"][0]["properties"]["name"] == "Baku"


def test_a_link_to_a_character_device_writes_the_device(db, tmp_path, capsys):
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    assert _export(db, link) == 0
    assert link.is_symlink() and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    _no_temp_files(tmp_path)


def test_a_link_to_dev_stdout_writes_standard_output(db, tmp_path):
    """``-o /dev/stdout``: what reaches the pipe is the export; the link is left alone."""
    link = tmp_path / "stdout"
    link.symlink_to("/dev/stdout")
    r = subprocess.run(
        [sys.executable, "-m", "mapapp.cli", "export", "--db", db, "-o", str(link)], capture_output=True, timeout=120
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["features"][0]["properties"]["name"] == "Baku"
    assert link.is_symlink() and os.readlink(link) == "/dev/stdout"


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path):
    out = tmp_path / "map.html"
    out.write_text("old map")
    with pytest.raises(RuntimeError):
        with open_output(out) as fh:
            fh.write("half a ma")
            raise RuntimeError("disk gone")
    assert out.read_text() == "old map"
    _no_temp_files(tmp_path)


def test_a_directory_as_output_is_one_line(db, tmp_path, capsys):
    assert _export(db, tmp_path) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(tmp_path) in err[0] and "Traceback" not in err[0]


def test_the_png_goes_through_the_same_helper(db, tmp_path, umask022, capsys, monkeypatch):
    """``snapshot --png`` through a symbolic link: the target gets the PNG, the link stays, the
    mode is the umask's (headless Chromium; skipped without it)."""
    from mapapp.web import png

    exe = os.environ.get("MAPAPP_BROWSER") or "/usr/bin/chromium"
    if not png.browser_available(exe):
        pytest.skip("no Chromium/Playwright")
    monkeypatch.setenv("MAPAPP_BROWSER", exe)
    real = tmp_path / "shots" / "map.png"
    real.parent.mkdir()
    link = tmp_path / "map.png"
    link.symlink_to(real)
    assert cli.main(["snapshot", "--db", db, "--png", str(link), "--width", "300", "--height", "200"]) == 0
    assert link.is_symlink() and real.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert stat.S_IMODE(os.stat(real).st_mode) == 0o644
    _no_temp_files(tmp_path)
    _no_temp_files(real.parent)


def test_snapshot_o_with_a_png_name_writes_a_png(db, tmp_path, capsys, monkeypatch):
    """``snapshot -o map.png`` is what a user types for a picture: a PNG, not HTML named .png."""
    from mapapp.web import png

    exe = os.environ.get("MAPAPP_BROWSER") or "/usr/bin/chromium"
    if not png.browser_available(exe):
        pytest.skip("no Chromium/Playwright")
    monkeypatch.setenv("MAPAPP_BROWSER", exe)
    out = tmp_path / "map.PNG"
    assert cli.main(["snapshot", "--db", db, "-o", str(out), "--width", "300", "--height", "200"]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "300x200 PNG" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["map.PNG"]  # no HTML written beside it


# --- ``replacing``: the same rules for writers that need a path (the gazetteer index, place counts)
def test_replacing_gives_a_new_file_the_umask_mode_and_keeps_a_link(tmp_path, umask022):
    from mapapp.outfile import replacing

    real = tmp_path / "cache" / "index.sqlite"
    real.parent.mkdir()
    link = tmp_path / "index.sqlite"
    link.symlink_to(real)
    with replacing(link, suffix=".sqlite") as tmp:
        assert Path(tmp).parent == real.parent and tmp.endswith(".sqlite")
        Path(tmp).write_bytes(b"index")
    assert link.is_symlink() and real.read_bytes() == b"index"
    assert stat.S_IMODE(os.stat(real).st_mode) == 0o644  # mkstemp's 0600 before
    _no_temp_files(real.parent)


def test_replacing_keeps_the_old_file_when_the_writer_fails(tmp_path):
    from mapapp.outfile import replacing

    out = tmp_path / "counts.npz"
    out.write_bytes(b"old")
    os.chmod(out, 0o640)
    with pytest.raises(RuntimeError):
        with replacing(out) as tmp:
            Path(tmp).write_bytes(b"half")
            raise RuntimeError("killed")
    assert out.read_bytes() == b"old"
    _no_temp_files(tmp_path)
    with replacing(out) as tmp:
        Path(tmp).write_bytes(b"new")
    assert out.read_bytes() == b"new" and stat.S_IMODE(os.stat(out).st_mode) == 0o640


def test_replacing_refuses_a_special_file(tmp_path):
    from mapapp.outfile import replacing

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(ValueError, match="not a regular file"):
        with replacing(fifo):
            pass
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_no_module_renames_a_temporary_file_itself():
    """No module renames a temporary file itself: ``mapapp.outfile`` is the one home of it."""
    import re

    pkg = Path(__file__).resolve().parent.parent / "mapapp"
    offenders = [
        str(p.relative_to(pkg))
        for p in pkg.rglob("*.py")
        if p.name != "outfile.py"
        and re.search(r"os\.replace\(|os\.rename\(|mkstemp\(|NamedTemporaryFile\(", p.read_text())
    ]
    assert offenders == []
