"""Text from users and articles never becomes template source.

branca compiles the string given to ``folium.Element`` as a Jinja2 template, so a search, a
title or an outlet name holding ``{{ ... }}`` would run on the server. Every field that reaches
the standalone HTML (and so the PNG) is fed template syntax here, through the CLI as a user
types it, through ingested article data, and through a saved snapshot re-rendered later.
"""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

from mapapp import cli
from mapapp.models import Article, Mention
from mapapp.store import Store
from mapapp.store.filters import Filters
from mapapp.web import standalone
from mapapp.web.view import View

from factories import BAKU

# Each expression renders to a word that appears nowhere else if it is ever evaluated.
PAYLOADS = {
    "title": "{{ 'TITLE' ~ 'RAN' }}",
    "search": "{{ 'SEARCH' ~ 'RAN' }}",
    "source": "{{ 'SOURCE' ~ 'RAN' }}",
    "article_title": "{{ 'ARTICLETITLE' ~ 'RAN' }}",
    "text": "{{ 'TEXT' ~ 'RAN' }}",
    "url": "https://example.org/{{ 'URL' ~ 'RAN' }}",
}
BROKEN = "{% if %}{{"  # malformed template syntax: must neither run nor crash


def _store(path: Path) -> Store:
    s = Store(path)
    text = f"Crowds in Baku chanted {PAYLOADS['text']} and {BROKEN} tonight."
    a = Article(
        id="evil",
        path="/corpus/{{ 'PATH' ~ 'RAN' }}.txt",
        text=text,
        title=PAYLOADS["article_title"],
        published=date(2020, 7, 29),
        published_how="header",
        source=PAYLOADS["source"],
        url=PAYLOADS["url"],
    )
    start = text.index("Baku")
    m = Mention(
        article_id=a.id,
        start=start,
        end=start + 4,
        name="Baku",
        place=BAKU,
        score=0.9,
        sentence=text,
        sentence_start=0,
        event_date=date(2020, 7, 27),
        date_precision="day",
    )
    s.upsert_article(a, [m])
    return s


def _assert_inert(html: str) -> None:
    for word in ("TITLERAN", "SEARCHRAN", "SOURCERAN", "ARTICLETITLERAN", "TEXTRAN", "URLRAN", "PATHRAN"):
        assert word not in html, word


def test_cli_snapshot_with_template_syntax_in_every_field(tmp_path, capsys):
    s = _store(tmp_path / "s.sqlite")
    s.close()
    out = tmp_path / "x.html"
    rc = cli.main(
        [
            "snapshot",
            "--db",
            str(tmp_path / "s.sqlite"),
            "-o",
            str(out),
            "--title",
            PAYLOADS["title"],
            "--source",
            PAYLOADS["source"],
            "--place",
            "{{ 'PLACE' ~ 'RAN' }}",
            "--save",
        ]
    )
    cap = capsys.readouterr()
    assert rc == 0, cap.err
    html = out.read_text(encoding="utf-8")
    _assert_inert(html)
    assert "PLACERAN" not in html
    # the user's words are shown as they were typed (escaped), not dropped
    assert "{{ &#x27;TITLE&#x27; ~ &#x27;RAN&#x27; }}" in html
    assert "Sources: {{ &#x27;SOURCE&#x27; ~ &#x27;RAN&#x27; }}" in html

    # the saved snapshot, re-rendered later from its id, is just as inert
    sid = cap.out.strip()
    again = tmp_path / "again.html"
    assert cli.main(["snapshot", "make", sid, "--db", str(tmp_path / "s.sqlite"), "-o", str(again)]) == 0
    _assert_inert(again.read_text(encoding="utf-8"))


def test_cli_search_with_template_syntax(tmp_path, capsys):
    _store(tmp_path / "s.sqlite").close()
    out = tmp_path / "x.html"
    assert (
        cli.main(["snapshot", "--db", str(tmp_path / "s.sqlite"), "-o", str(out), "--search", PAYLOADS["search"]]) == 0
    )
    html = out.read_text(encoding="utf-8")
    _assert_inert(html)
    assert "Search: \u201c{{ &#x27;SEARCH&#x27; ~ &#x27;RAN&#x27; }}\u201d" in html


@pytest.mark.parametrize("field", ["title", "search", "source"])
def test_malformed_template_syntax_neither_runs_nor_crashes(tmp_path, capsys, field):
    _store(tmp_path / "s.sqlite").close()
    out = tmp_path / "x.html"
    args = ["snapshot", "--db", str(tmp_path / "s.sqlite"), "-o", str(out), f"--{field}", BROKEN]
    assert cli.main(args) == 0, capsys.readouterr().err
    assert "{% if %}{{" in out.read_text(encoding="utf-8")


def test_ingested_text_with_template_syntax_in_the_mapped_html(tmp_path):
    """What the app's "Standalone HTML" and "Render PNG" buttons build, for a filtered view."""
    s = _store(tmp_path / "s.sqlite")
    f = Filters(sources=(PAYLOADS["source"],), text="crowds")
    view = View(filters=f)
    html = standalone.standalone_html(s.places(f), s.query(f), view, PAYLOADS["title"])
    _assert_inert(html)
    assert "Baku" in html
    s.close()


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            fn = node.func
            name = fn.attr if isinstance(fn, ast.Attribute) else fn.id if isinstance(fn, ast.Name) else ""
            yield name, node


def test_no_template_is_compiled_from_a_variable():
    """The guard for the future: in mapapp, ``Template`` only ever compiles a string literal, and
    ``folium.Element``/``branca.element.Element``/``Html`` (which compile their argument) are not
    called at all: markup goes through ``escape.RawHTML``."""
    pkg = Path(__file__).resolve().parent.parent / "mapapp"
    bad = []
    for py in pkg.rglob("*.py"):
        tree = ast.parse(py.read_text(encoding="utf-8"))
        for name, node in _calls(tree):
            if name == "Template":
                if not (node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                    bad.append(f"{py.name}:{node.lineno} Template() of a non-literal")
            elif name in ("Element", "Html", "from_string") and node.args:
                bad.append(f"{py.name}:{node.lineno} {name}() compiles its argument")
    assert not bad, bad
