"""Issue 15: the geoparser's shortcuts (a faster tokenizer, work shared between the two resolution
passes and between texts) give exactly what the plain computation gives."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
