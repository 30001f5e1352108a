"""Issue 15: the geoparser's shortcuts (a faster tokenizer, work shared between the two resolution
passes and between texts) give exactly what the plain computation gives."""

from __future__ import annotations

import re
import sqlite3

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapapp.geo import gazetteer as gaz_module
from mapapp.geo import geoparse as gp
from mapapp.geo.gazetteer import Gazetteer
from mapapp.geo.geoparse import _CAP_TOKEN, CONNECTORS

_WORDS = [
    "Stoke-on-Trent",
    "St. Louis",
    "Ste. Marie",
    "Mt. Everest",
    "U.S.",
    "U.K.'s",
    "of",
    "and",
    "the",
    "de",
    "del",
    "los",
    "y",
    "Isle",
    "Man",
    "Bosnia",
    "Herzegovina",
    "Xocalı",
    "Ağdam",
    "čɫc",
    "d'Ivoire",
    "O'Hare",
    "Baku’s",
    "rock'n'roll",
    "Rio",
    "Janeiro",
    "Nagorno-Karabakh",
    "Russia-brokered",
    "Foo-de-Bar",
    "über",
    "Ébène",
    "and/or",
    "-",
    "'",
    "’",
    ".",
    ",",
    "\n",
    "St.",
    "Pt.",
    "Ft.",
    "Stt.",
]


def _plain(text: str) -> list[tuple[int, int, str]]:
    """The tokens as the one regex ``_CAP_TOKEN`` finds them (the definition ``_tokens`` speeds up)."""
    return [
        (m.start(), m.end(), m.group())
        for m in _CAP_TOKEN.finditer(text)
        if m.group()[0].isupper() or m.group() in CONNECTORS
    ]


def test_tokens_are_the_plain_regex_tokens(parser):
    text = (
        "Stoke-on-Trent and the Isle of Man; U.S. and U.K.'s envoys met in St. Louis, Ste. Marie and "
        "Mt. Everest. Rio de Janeiro, Bosnia and Herzegovina, Côte d'Ivoire, Xocalı y Ağdam. "
        "The Nagorno-Karabakh talks, Russia-brokered, were de facto over; they'd said of it: no. "
        "čɫc-of-Baku and Foo-de-Bar, O'Hare and rock'n'roll, Pt. Reyes, Ft. Worth, St.Louis"
    )
    got = [(t.s, t.e, t.text) for t in parser._tokens(text)]
    assert got == _plain(text)
    assert (0, len("Stoke-on-Trent"), "Stoke-on-Trent") in got  # its "on" is not a token of its own
    assert any(t[2] == "of" for t in got) and not any(t[2] == "on" for t in got)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_WORDS), max_size=40), st.lists(st.sampled_from([" ", "", "-", " ", "'"]), max_size=40))
def test_tokens_match_the_plain_regex_on_any_mix(parser, words, gaps):
    text = "".join(w + (gaps[i] if i < len(gaps) else " ") for i, w in enumerate(words))
    assert [(t.s, t.e, t.text) for t in parser._tokens(text)] == _plain(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="aAdDeEfFlLmMoOpPsStTuUyY .-'’&čÉ\n", max_size=80))
def test_tokens_match_the_plain_regex_on_any_text(parser, text):
    assert [(t.s, t.e, t.text) for t in parser._tokens(text)] == _plain(text)


# the plain definitions of the three regexes issue 15 made open with a literal: each must find what
# its plain form finds (the match of the fast form includes the comma or "D-" before the name)
_AP_PLAIN = re.compile(
    r"(?:(?<=, )|(?<=\b[DRI]-))("
    + "|".join(re.escape(k) for k in sorted(list(gp._AP_STATES) + list(gp._CA_PROVINCES), key=len, reverse=True))
    + r")\."
)
_POSTAL_PLAIN = re.compile(r"(?<=, )(" + "|".join(sorted(set(gp._AP_STATES.values()))) + r")(?![\w'’-])(?!\.\w)")
_AU_PLAIN = re.compile(r"\b(?:WA|SA|NT|ACT|QLD|Qld)\b")
_ABBR_WORDS = [
    "Md.",
    "Ont.",
    "Calif.",
    "Kan.",
    "Ala.",
    "NY",
    "TX",
    "Texas",
    "WA",
    "SA",
    "NT",
    "ACT",
    "QLD",
    "Qld",
    "Baltimore",
]


def _same_regexes(text: str) -> None:
    assert [(m.start(1), m.end(), m.group(1)) for m in gp._AP_RE.finditer(text)] == [
        (m.start(1), m.end(), m.group(1)) for m in _AP_PLAIN.finditer(text)
    ]
    assert [(m.start(1), m.end()) for m in gp._POSTAL_RE.finditer(text)] == [
        (m.start(1), m.end()) for m in _POSTAL_PLAIN.finditer(text)
    ]
    assert bool(gp._AU_ABBR_CUE.search(text)) == bool(_AU_PLAIN.search(text))


def test_state_abbreviations_found_as_before():
    text = "Baltimore, Md., Sen. Smith, D-Calif., and xD-Calif., R-Kan., Rochester, NY, and Perth, WA.xWA"
    _same_regexes(text)
    assert [m.group(1) for m in gp._AP_RE.finditer(text)] == ["Md", "Calif", "Kan"]
    assert [m.group(1) for m in gp._POSTAL_RE.finditer(text)] == ["NY"]
    assert gp._AU_ABBR_CUE.search("Qld Health") and not gp._AU_ABBR_CUE.search("xWA and SAx")


def test_an_index_of_more_keys_than_the_bound_stores_no_hashes_and_still_answers(tmp_path, monkeypatch):
    """A gazetteer built from a full GeoNames dump has tens of millions of keys: their hashes are not
    stored (every process would hold them), and lookups query the index."""
    path = tmp_path / "big.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(gaz_module.SCHEMA)
    conn.execute("INSERT INTO places VALUES ('gn:1','Baku',40.4,49.9,'city','AZ',2000000,NULL,NULL,'t',8.0)")
    conn.execute("INSERT INTO names VALUES ('baku','gn:1',1)")
    monkeypatch.setattr(gaz_module, "MAX_HASHED_KEYS", 0)
    gaz_module._store_key_hashes(conn, {"baku"})
    conn.commit()
    conn.close()
    gaz = Gazetteer(path)
    (baku,), ran = _queries(gaz, ["baku"])
    assert [c.place.name for c in baku] == ["Baku"] and gaz._hashes is None
    gaz.close()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ABBR_WORDS + [", ", " ", "D-", "R-", "I-", "x", ".", "-"]), max_size=30))
def test_state_abbreviations_match_the_plain_regexes(words):
    _same_regexes("".join(words))


def _queries(gaz: Gazetteer, keys: list[str]) -> tuple[list, list[str]]:
    """The candidates of ``keys`` from a fresh cache, and the SQL statements the index ran."""
    ran: list[str] = []
    gaz._candidates.cache_clear()
    gaz._conn.set_trace_callback(ran.append)
    try:
        got = [gaz.candidates(k) for k in keys]
    finally:
        gaz._conn.set_trace_callback(None)
    return got, ran


def test_every_key_of_the_index_is_in_its_hashes_and_a_missing_one_costs_no_query(parser):
    """The hashes stored with the index miss no key of it (or a name would go unfound), and a
    lookup of a key no name has ("Paris and Berlin", a person's name) runs no query."""
    gaz = Gazetteer(parser.gazetteer.path)
    with gaz._lock:
        every = [r[0] for r in gaz._conn.execute("SELECT DISTINCT key FROM names")]
    assert len(every) > 400_000
    assert all(gaz.holds(k) for k in every)
    assert gaz._hashes is not None and len(gaz._hashes) == len(set(map(gaz_module.key_hash, every)))
    gaz._key_hashes()  # read before counting (it is a query of its own, once)
    misses = ["paris and berlin", "john smith", "boris johnson", "baku on monday", "xqzv", ""]
    got, ran = _queries(gaz, misses)
    assert got == [()] * len(misses) and ran == []
    hits = ["bosnia and herzegovina", "isle of man", "stoke on trent", "the hague", "paris", "azerbaijani"]
    got, ran = _queries(gaz, hits)
    assert all(got) and len(ran) == len(hits)
    gaz.close()
    found = {t.name for t in parser.parse("Talks in Bosnia and Herzegovina, Trinidad and Tobago and the Isle of Man.")}
    assert {"Bosnia and Herzegovina", "Trinidad and Tobago", "Isle of Man"} <= found


def test_an_index_without_key_hashes_asks_for_every_key(tmp_path):
    """An index built before the hashes were stored (opened by its path) still answers: every
    lookup goes to the index."""
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(gaz_module.SCHEMA + "DROP TABLE key_hashes;")
    conn.execute("INSERT INTO places VALUES ('gn:1','Baku',40.4,49.9,'city','AZ',2000000,NULL,NULL,'t',8.0)")
    conn.execute("INSERT INTO names VALUES ('baku','gn:1',1)")
    conn.commit()
    conn.close()
    gaz = Gazetteer(path)
    (baku, none), ran = _queries(gaz, ["baku", "john smith"])
    assert [c.place.name for c in baku] == ["Baku"] and none == ()
    assert sum("WHERE n.key = " in q for q in ran) == 2  # both keys asked
    assert gaz._hashes is None
    gaz.close()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["may", "will", "Reading", "reading", "bath", "e.g", "@", "#", ".", "-", "'", "’", " ", "x", "é", "1", "\n"]
        ),
        max_size=30,
    ),
    st.sampled_from(["may", "will", "reading", "bath", "x", "e", "new york", "Reading"]),
)
def test_lower_words_asked_one_by_one_are_the_listed_ones(words, word):
    text = "".join(words)
    assert (word in gp._LowerWords(text)) == (word in set(gp._LOWER_WORD.findall(text)))


def test_lower_words_of_a_text():
    lw = gp._LowerWords("Reading is fun; we went reading. Bath, bath-time, www.bath.com, bath.com, i.e. may@x.org, May")
    assert "reading" in lw and "is" in lw and "we" in lw
    assert "bath" not in lw  # only in a compound, a web or an e-mail address
    assert "may" not in lw and "e" not in lw and "new york" not in lw


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["city", "town", "xcity", "of", "Of", "Baku", "the", " ", "  ", "-", "B"]), max_size=20)
)
def test_cued_places_test_first_misses_no_text(words):
    text = "".join(words)
    if gp._CUED_OF.search(text) is not None:
        assert gp._CUED_OF_ANY.search(text) is not None
    assert (gp._CUED_OF_ANY.search("the city of Gagnoa") is not None) and gp._CUED_OF_ANY.search(
        "xcity of Baku"
    ) is None


# the same sentences but for the places around the name: the story's context alone decides
_PARIS_US = "Officials in Dallas and Houston said the storm reached Paris on Monday. Texas crews were sent to Paris."
_PARIS_FR = "Officials in Lyon and Marseille said the storm reached Paris on Monday. French crews were sent to Paris."
_GEORGIA_US = "Officials in Atlanta and Savannah said the storm reached Georgia on Monday. Crews were sent to Georgia."
_GEORGIA_GE = "Officials in Tbilisi and Batumi said the storm reached Georgia on Monday. Crews were sent to Georgia."


def _as_json(tops) -> list:
    return [[t.start, t.end, t.name, t.place.id if t.place else None, t.score, t.reason, t.alternatives] for t in tops]


_ALONE = """
import json, sys
from mapapp.geo.geoparse import Geoparser
tops = Geoparser().parse(sys.stdin.read())
print(json.dumps([[t.start, t.end, t.name, t.place.id if t.place else None, t.score, t.reason, t.alternatives]
                  for t in tops]))
"""


def test_nothing_carried_from_one_text_to_the_next(parser):
    """The same names in texts that place them differently: each text gives what it gives parsed
    alone by a new process, whichever texts the parser read before it (a cache that outlives a
    text must not carry its context into the next), and its own sense of the name."""
    import json
    import subprocess
    import sys

    from mapapp.geo.geoparse import Geoparser

    texts = [_GEORGIA_US, _GEORGIA_GE, _PARIS_US, _PARIS_FR]
    alone = [
        json.loads(
            subprocess.run([sys.executable, "-c", _ALONE], input=t, capture_output=True, text=True, check=True).stdout
        )
        for t in texts
    ]
    fresh = Geoparser(parser.gazetteer)
    for text, want in zip(texts, alone):
        for before in texts:
            fresh.parse(before)
            assert json.loads(json.dumps(_as_json(fresh.parse(text)))) == want
    senses = [{t[3] for t in got if t[2] in ("Georgia", "Paris")} for got in alone]
    assert [len(s) for s in senses] == [1, 1, 1, 1] and len(set.union(*senses)) == 4


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b"]), st.floats(-89, 89), st.floats(-179, 179)),
        max_size=30,
    ),
    st.floats(-89, 89),
    st.floats(-179, 179),
)
def test_near_over_anchors_sorted_by_latitude_is_the_plain_loop(anchors, lat, lon):
    """``_near`` looks only at anchors within 1.6 degrees of latitude (sorted, bisect): the same
    answer as testing every anchor."""
    from mapapp.geo.distance import haversine_km

    close = [(k, lat + d, lon + d) for k, d in (("a", 0.3), ("b", 1.49), ("b", -0.9))]  # near the edges too
    for group in (anchors, anchors + close):
        plain = any(abs(a - lat) < 1.5 and k != "a" and 1.0 < haversine_km(lat, lon, a, b) < 150 for k, a, b in group)
        assert gp._near("a", lat, lon, sorted(group, key=lambda x: x[1])) == plain
