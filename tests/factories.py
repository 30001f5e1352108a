"""Test data built the same way in every test file: places, articles, mentions, small stores.

Import what you need (``from factories import BAKU, article, mention``): pytest puts ``tests/`` on
``sys.path`` (``tests/conftest.py`` is the rootdir's conftest). The synthetic corpus generator is
``benchmarks.gen_corpus`` (the repository root is on ``sys.path`` through
``[tool.pytest.ini_options] pythonpath``).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from mapapp.models import Article, Mention, Place
from mapapp.store import Store

# --- places (GeoNames ids, rounded coordinates) ----------------------------------------------
BAKU = Place("gn:587084", "Baku", 40.377, 49.892, "city", "AZ", 2_000_000, "Baku")
GANJA = Place("gn:586523", "Ganja", 40.683, 46.361, "city", "AZ", 300_000, "Ganja")
TBILISI = Place("gn:611717", "Tbilisi", 41.694, 44.834, "city", "GE", 1_100_000, "Tbilisi")
YEREVAN = Place("gn:616052", "Yerevan", 40.181, 44.514, "city", "AM", 1_000_000, "Yerevan")
SHUSHA = Place("gn:585103", "Shusha", 39.76, 46.75, "city", "AZ", 4_000, "Shusha")
TOVUZ = Place("gn:585170", "Tovuz", 40.99, 45.63, "admin2", "AZ", 15_000)
AZERBAIJAN = Place("gn:587116", "Azerbaijan", 40.5, 47.5, "country", "AZ")
NL = Place("gn:2750405", "Netherlands", 52.25, 5.75, "country", "NL")
LONDON = Place("gn:2643743", "London", 51.50853, -0.12574, "city", "GB", 8_961_989)
LIMA = Place("gn:3936456", "Lima", -12.043, -77.028, "city", "PE", 7_700_000)
CASPIAN = Place("cur:caspian-sea", "Caspian Sea", 41.0, 51.0, "water", None, source="curated")


# --- articles and mentions ---------------------------------------------------------------------
def article(
    aid: str,
    text: str,
    *,
    published: date | None = date(2020, 7, 29),
    source: str | None = "Trend",
    title: str | None = None,
    url: str | None = None,
    chash: str | None = None,
) -> Article:
    """An article of ``/corpus/<aid>.txt``; its content hash changes with its id, text and title
    (or is ``chash``)."""
    return Article(
        id=aid,
        path=f"/corpus/{aid}.txt",
        text=text,
        title=title or f"Title {aid}",
        published=published,
        published_how="header" if published else None,
        source=source,
        url=url or f"https://example.org/{aid}",
        content_hash=chash or f"hash-{aid}-{len(text)}-{title}",
    )


def mention(
    a: Article,
    name: str,
    place: Place | None,
    when: date | None,
    precision: str = "day",
    *,
    score: float = 0.9,
    demonym: bool = False,
    alternatives: list | None = None,
    reason: str = "",
) -> Mention:
    """The mention of the first ``name`` in ``a``'s text (its sentence: the whole text)."""
    start = a.text.index(name)
    return Mention(
        article_id=a.id,
        start=start,
        end=start + len(name),
        name=name,
        place=place,
        score=score,
        sentence=a.text,
        sentence_start=0,
        event_date=when,
        date_precision=precision,
        demonym=demonym,
        alternatives=list(alternatives or []),
        reason=reason,
    )


# --- stores --------------------------------------------------------------------------------------
def one_article_store(path: str | Path) -> str:
    """A store at ``path`` with one article ("Protest in Baku today.", 2021-03-03) and its one
    mention of Baku; returns the path as a string."""
    with Store(str(path)) as s:
        a = Article(
            id="a1",
            path="/c/a1.txt",
            text="Protest in Baku today.",
            title="Baku protest",
            published=date(2021, 3, 3),
            published_how="header",
            source="Trend",
        )
        s.upsert_article(a, [mention(a, "Baku", BAKU, date(2021, 3, 3))])
    return str(path)


def store_content(db: str | Path):
    """Everything ingest decides, independent of row ids and timestamps (to compare two ingests)."""
    with sqlite3.connect(db) as c:
        arts = sorted(c.execute("SELECT id, path, content_hash, title, source, published, text FROM articles"))
        ments = sorted(
            c.execute(
                'SELECT article_id, start, "end", name, place_id, round(score, 6), demonym, event_date, '
                "date_precision, sentence, sentence_start, alternatives, reason FROM mentions"
            )
        )
        files = sorted(c.execute("SELECT path, size, content_hash, status FROM files"))
    return arts, ments, files


def place_box(at):  # noqa: ANN001, ANN201 - an AppTest and its selectbox
    """The app's "Selected place" box in an AppTest (its key follows the selection)."""
    return next(s for s in at.selectbox if s.label == "Selected place")


def run_cli(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """``mapapp ARGS`` as a user runs it: a child process, run from a neutral folder (not the checkout)."""
    return subprocess.run(
        [sys.executable, "-m", "mapapp.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        cwd=tempfile.gettempdir(),
    )


# --- geoparsing ----------------------------------------------------------------------------------
def mapped(parser, text: str) -> list[tuple[str, str, str | None]]:
    """What the map shows of ``text``: (name, place name, country) of each mention it draws (names
    holding a place, buildings, planets and the like are reported by the parser but never drawn)."""
    from mapapp.geo.geoparse import NOT_MAPPED

    return [
        (t.name, t.place.name, t.place.country)
        for t in parser.parse(text)
        if t.place is not None and t.reason not in NOT_MAPPED
    ]
