"""``mapapp ingest / export / serve`` as real subprocesses on real files."""

from __future__ import annotations

import argparse
import collections
import csv
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from mapapp.cli import build_parser, serve_command

from factories import run_cli

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


run = run_cli


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store.sqlite"
    res = run("ingest", str(SEEDS), "--db", str(path), "--no-progress")
    assert res.returncode == 0, res.stderr
    assert "new articles" in res.stderr
    return path


def test_ingest_twice_and_progress_bar(db, tmp_path):
    res = run("ingest", str(SEEDS), "--db", str(db))  # with the progress bar (on stderr)
    assert res.returncode == 0 and "5 already ingested" in res.stderr and "0 new articles" in res.stderr
    assert "file/s" in res.stderr or "it/s" in res.stderr or "100%" in res.stderr
    assert res.stdout == ""
    env_db = tmp_path / "env.sqlite"
    res = run("ingest", str(SEEDS / sorted(os.listdir(SEEDS))[0]), "--no-progress", env={"MAPAPP_DB": str(env_db)})
    assert res.returncode == 0 and env_db.exists()  # --db defaults to the setting


def test_export_geojson_to_file(db, tmp_path):
    out = tmp_path / "m.geojson"
    res = run("export", "--db", str(db), "--format", "geojson", "-o", str(out), "--undated")
    assert res.returncode == 0, res.stderr
    fc = json.loads(out.read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection" and fc["features"]
    f = fc["features"][0]
    assert f["geometry"]["type"] == "Point" and len(f["geometry"]["coordinates"]) == 2
    assert {
        "name",
        "place",
        "country",
        "event_date",
        "date_precision",
        "published",
        "article",
        "title",
        "source",
        "excerpt",
        "start",
        "end",
    } <= set(f["properties"])
    assert f"{len(fc['features'])} mentions" in res.stderr
    assert not list(tmp_path.glob(".mapapp-export-*"))  # no temporary file left behind


def test_export_csv_to_stdout_with_filters(db):
    all_rows = list(csv.DictReader(io.StringIO(run("export", "--db", str(db), "--format", "csv", "--undated").stdout)))
    assert all_rows
    dated = [r for r in all_rows if r["event_date"]]
    some = sorted(r["event_date"] for r in dated)[len(dated) // 2]
    res = run("export", "--db", str(db), "--format", "csv", "--from", some, "--to", some, "--no-undated")
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert res.returncode == 0 and rows and all(r["event_date"] == some for r in rows)
    country = all_rows[0]["country"] or "AZ"
    rows = list(
        csv.DictReader(
            io.StringIO(
                run("export", "--db", str(db), "--format", "csv", "--undated", "--country", country.lower()).stdout
            )
        )
    )
    assert rows and {r["country"] for r in rows} == {country}
    rows = list(
        csv.DictReader(
            io.StringIO(
                run("export", "--db", str(db), "--format", "csv", "--undated", "--source", "No Such Outlet").stdout
            )
        )
    )
    assert rows == []
    place = all_rows[0]["place"]
    res = run("export", "--db", str(db), "--format", "csv", "--undated", "--place", place, "--search", "the")
    assert res.returncode == 0 and {r["place"] for r in csv.DictReader(io.StringIO(res.stdout))} <= {place}


def test_export_defaults_are_the_apps_undated_mentions_included(db):
    """The app maps undated mentions by default (hollow markers); an export without filters
    must hold the same mentions, and ``--no-undated`` or the setting leaves them out."""

    def ids(*args: str, env: dict[str, str] | None = None) -> list[str]:
        res = run("export", "--db", str(db), "--format", "csv", *args, env=env)
        assert res.returncode == 0, res.stderr
        return [r["mention_id"] for r in csv.DictReader(io.StringIO(res.stdout))]

    default, with_undated, dated = ids(), ids("--undated"), ids("--no-undated")
    assert default == with_undated and len(dated) < len(default)
    assert ids(env={"MAPAPP_INCLUDE_UNDATED": "0"}) == dated
    assert ids("--undated", env={"MAPAPP_INCLUDE_UNDATED": "0"}) == with_undated


def test_export_refuses_bad_options(db, tmp_path):
    res = run("export", "--db", str(db), "--from", "2020-02-30")
    assert res.returncode == 2 and "Traceback" not in res.stderr
    # the command stops: the value is refused, not "Ignored" as the app's address says of it
    assert "mapapp export: refused 'from': '2020-02-30' is not a date" in res.stderr, res.stderr
    res = run("export", "--db", str(db), "--country", "Azerbaijan")
    assert res.returncode == 2 and "country" in res.stderr
    res = run("export", "--db", str(tmp_path / "missing.sqlite"))
    assert res.returncode == 2 and "no store" in res.stderr and not (tmp_path / "missing.sqlite").exists()
    assert run("export", "--format", "xml").returncode == 2  # argparse


def test_export_min_score_leaves_out_less_confident_mentions(db):
    """``--min-score`` is the app's "Hide uncertain places" (URL ``min_score``) for exports and
    snapshots: only mentions resolved at least that surely, and a bad value is refused."""

    def rows(*args: str) -> list[dict[str, str]]:
        res = run("export", "--db", str(db), "--format", "csv", *args)
        assert res.returncode == 0, res.stderr
        return list(csv.DictReader(io.StringIO(res.stdout)))

    every = rows()
    scores = sorted(float(r["score"]) for r in every)
    cut = scores[len(scores) // 2]
    kept = rows("--min-score", f"{cut}")
    assert kept and len(kept) < len(every)
    assert {r["mention_id"] for r in kept} == {r["mention_id"] for r in every if float(r["score"]) >= cut}
    for bad in ("2", "nan", "high"):
        res = run("export", "--db", str(db), "--min-score", bad)
        assert res.returncode == 2 and "min_score" in res.stderr and "Traceback" not in res.stderr


def test_every_url_filter_has_a_cli_flag():
    """Each filter a permalink can carry (``filters.PARAM_KEYS``) is a flag of the commands that
    take the app's filters, and the flag changes the filters it names."""
    from mapapp.store.filters import PARAM_KEYS, UNCERTAIN_BELOW, Filters, from_args

    flags = {
        "from": ["--from", "2020-01-02"],
        "to": ["--to", "2020-01-03"],
        "undated": ["--no-undated"],
        "sources": ["--source", "Some Outlet"],
        "countries": ["--country", "az"],
        "places": ["--place", "Tovuz"],
        "q": ["--search", "ceasefire"],
        "demonyms": ["--demonyms"],
        "min_score": ["--min-score", "0.5"],
    }
    missing = [key for key in PARAM_KEYS if key not in flags]
    assert not missing, "URL filters without a CLI flag: " + ", ".join(missing)
    parser = build_parser()
    for command in ("export", "snapshot", "events"):
        for key in PARAM_KEYS:
            f, notices = from_args(parser.parse_args([command, *flags[key]]))
            assert not notices and f != Filters.defaults(), (command, key)
    assert from_args(parser.parse_args(["export", "--min-score", "0.5"]))[0].min_score == UNCERTAIN_BELOW
    export = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices["export"]
    assert f"{UNCERTAIN_BELOW:g}" in export.format_help()  # the help names the app's threshold


def test_ingest_bad_path_exit_code(tmp_path):
    res = run("ingest", str(tmp_path / "does-not-exist"), "--db", str(tmp_path / "x.sqlite"), "--no-progress")
    assert res.returncode == 1 and "does-not-exist" in res.stderr and "Traceback" not in res.stderr


def test_cli_mirrors_the_api():
    p = build_parser()
    a = p.parse_args(
        ["ingest", "a", "b", "--db", "x", "--workers", "3", "--scheduler", "tcp://h:8786", "--no-progress"]
    )
    assert (a.paths, a.db, a.workers, a.scheduler, a.no_progress) == (["a", "b"], "x", 3, "tcp://h:8786", True)
    cmd = serve_command("/data/s.sqlite", 8600, "0.0.0.0")
    assert cmd[:4] == [sys.executable, "-m", "streamlit", "run"] and cmd[4].endswith("mapapp/ui/server.py")
    for flag, value in (
        ("--server.port", "8600"),
        ("--server.address", "0.0.0.0"),
        ("--server.headless", "true"),
        ("--browser.gatherUsageStats", "false"),
        ("--server.enableStaticServing", "true"),
    ):
        assert cmd[cmd.index(flag) + 1] == value
    assert cmd[cmd.index("--") :] == ["--", "--db", "/data/s.sqlite"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_starts_streamlit_on_the_store(db):
    if not (REPO / "mapapp" / "app.py").exists():
        pytest.skip("mapapp/app.py is not written yet")
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mapapp.cli", "serve", "--db", str(db), "--port", str(port), "--host", "127.0.0.1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        cwd=tempfile.gettempdir(),
    )
    try:
        deadline = time.monotonic() + 60
        body = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    body = r.read().decode()
                    break
            except OSError:
                time.sleep(0.5)
        assert body is not None and "ok" in body, f"streamlit did not answer (exit code {proc.poll()})"
        psutil = pytest.importorskip("psutil")
        procs = [psutil.Process(proc.pid)] + psutil.Process(proc.pid).children(recursive=True)
        st = next(c for c in (p.cmdline() for p in procs) if "streamlit" in c)
        assert st[st.index("--") :] == ["--", "--db", str(db)]
        # SIGTERM to the process we started stops the server (no Streamlit left behind).
        proc.terminate()
        proc.wait(timeout=20)
        time.sleep(0.5)
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
    finally:
        import signal

        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def test_serve_refuses_a_bad_port(tmp_path):
    res = run("serve", "--db", str(tmp_path / "s.sqlite"), "--port", "70000")
    assert res.returncode == 2 and "port" in res.stderr


def test_serve_hides_error_details_and_refuses_foreign_hosts(monkeypatch):
    monkeypatch.delenv("MAPAPP_ALLOWED_HOSTS", raising=False)
    cmd = serve_command("/data/s.sqlite", 8600, "127.0.0.1")
    for flag, value in (
        ("--client.showErrorDetails", "none"),
        ("--client.toolbarMode", "minimal"),  # no "Deploy" button
        ("--server.enableXsrfProtection", "true"),
        ("--server.enableCORS", "true"),
    ):
        assert cmd[cmd.index(flag) + 1] == value
    hosts = [cmd[i + 1] for i, a in enumerate(cmd) if a == "--server.allowedHosts"]
    assert sorted(hosts) == ["127.0.0.1", "::1", "localhost"]
    monkeypatch.setenv("MAPAPP_ALLOWED_HOSTS", "maps.example.org, proxy.local")
    cmd = serve_command("/data/s.sqlite", 8600, "0.0.0.0", ["other.example"])
    hosts = [cmd[i + 1] for i, a in enumerate(cmd) if a == "--server.allowedHosts"]
    assert {"localhost", "maps.example.org", "proxy.local", "other.example", socket.gethostname().lower()} <= set(hosts)
    assert "0.0.0.0" not in hosts and "*" not in hosts
    assert build_parser().parse_args(["serve", "--allow-host", "a.example"]).allow_host == ["a.example"]


def test_version_says_whether_the_geoparser_runs_compiled():
    """``mapapp --version`` names the build: a checkout runs the sources (setup.py compiles only a
    regular install made with MAPAPP_COMPILE=1)."""
    import mapapp

    res = run("--version")
    assert res.returncode == 0, res.stderr
    built = "compiled with mypyc" if mapapp.compiled() else "pure Python"
    assert res.stdout.strip() == f"mapapp {mapapp.__version__} ({built})"


def test_a_setting_that_does_not_parse_is_named_before_any_work(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Protest in Baku today.", encoding="utf-8")
    db = tmp_path / "m.sqlite"
    res = run_cli("ingest", str(docs), "--db", str(db), "--no-progress", env={"MAPAPP_MAP_FLOOR": "abc"})
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "MAPAPP_MAP_FLOOR='abc'" in res.stderr and not db.exists()
    res = run_cli("export", "--db", str(db), env={"MAPAPP_MIN_SCORE": "lots"})
    assert res.returncode == 2 and "MAPAPP_MIN_SCORE='lots'" in res.stderr and "Traceback" not in res.stderr


@pytest.mark.parametrize(
    "env, said",
    [
        # before: each was taken as given: no marker ever drawn, every guess unplaced, no file ever
        # timed out, every file refused, the online geocoder silently off, the online base map
        ({"MAPAPP_MIN_SCORE": "7"}, "not a number from 0 to 1"),
        ({"MAPAPP_MAP_FLOOR": "2"}, "not a number from 0 to 1"),
        ({"MAPAPP_FILE_TIMEOUT": "nan"}, "not a number, 0 or more"),
        ({"MAPAPP_MAX_FILE_MB": "0"}, "not a number above 0"),
        ({"MAPAPP_WORKERS": "-5"}, "not a whole number, 0 or more"),
        ({"MAPAPP_ONLINE_GEOCODER": "google"}, "not one of off, nominatim"),
        ({"MAPAPP_BASE_LAYER": "satellite"}, "not one of osm, offline"),
    ],
)
def test_a_setting_out_of_its_range_is_named_before_any_work(tmp_path, env, said):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Protest in Baku today.", encoding="utf-8")
    db = tmp_path / "m.sqlite"
    res = run_cli("ingest", str(docs), "--db", str(db), "--no-progress", env=env)
    ((name, value),) = env.items()
    assert res.returncode == 2 and f"{name}={value!r}: {said}" in res.stderr and "Traceback" not in res.stderr
    assert not db.exists()


def test_a_choice_setting_is_read_in_any_case(monkeypatch):
    from mapapp import settings

    monkeypatch.setenv("MAPAPP_BASE_LAYER", " Offline ")
    assert settings.get("base_layer") == "offline" and settings.problems() == []


def test_counts_of_one_are_said_in_the_singular(db, tmp_path):
    # "mapapp export: 1 mentions as csv", "saved s1 (1 mentions at 1 places)"
    rows = list(csv.DictReader(io.StringIO(run("export", "--db", str(db), "--format", "csv", "--undated").stdout)))
    once = sorted(p for p, n in collections.Counter(r["place"] for r in rows).items() if n == 1)
    assert once, "the seeds name some place once"
    res = run("export", "--db", str(db), "--format", "csv", "--undated", "--place", once[0])
    assert res.returncode == 0 and "mapapp export: 1 mention as csv" in res.stderr, res.stderr
    out = tmp_path / "one.html"
    res = run("snapshot", "make", "--db", str(db), "--undated", "--place", once[0], "-o", str(out))
    assert res.returncode == 0 and "1 mention at 1 place -> " in res.stderr, res.stderr
