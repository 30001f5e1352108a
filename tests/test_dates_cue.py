"""The cheap cue test before the big date regex (issue 15) never changes what is found.

``find_dates`` skips a stretch of text in which ``_CUE`` finds nothing (no digit, month or
weekday name, nor any word a relative expression needs). That is only right while every
expression ``_EXPR`` can match consumes a cue: these tests compare ``find_dates`` with the
unfiltered ``_find_dates`` on texts made of every kind of expression, odd capitalisations
included, whole and in slices."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mapapp.geo import dates
from mapapp.geo.dates import _find_dates, find_dates

# One or more examples of every branch of _EXPR (and of _FAR), in several cases, the words
# they lead with on their own, and filler a news sentence is made of.
PIECES = [
    "2020-07-12",
    "12.07.2020",
    "12th July 2020",
    "Tuesday, 21st July",
    "on the 3rd of March",
    "July 4, 2019",
    "Sept. 9",
    "March 2020",
    "in May",
    "since early June",
    "mid-August",
    "yesterday",
    "Yesterday",
    "TODAY",
    "ToNight",
    "tomorrow",
    "this morning",
    "THIS AFTERNOON",
    "this evening",
    "earlier today",
    "Later Today",
    "last night",
    "LAST NIGHT",
    "three days ago",
    "an hour ago",
    "Two Weeks ago",
    "10 years ago",
    "last week",
    "Next Month",
    "the previous year",
    "later this year",
    "on Monday",
    "next Friday",
    "On Last Sunday",
    "Black Friday",
    "in 1994",
    "by 2025",
    "end of 2019",
    "winter 2021",
    "44 BC",
    "AD 79",
    "the year 9999",
    "in 1066.",
    "١٢ July ٢٠٢٠",
    "toDAY",
    "ſunday",
    "K",
    "in",
    "the",
    "on",
    "of",
    "and",
    "a",
    "The",
    "Baku",
    "Ganja",
    "officials met",
    "said",
    "will be held",
    ",",
    ".",
    "\n",
    "days",
    "Day",
    "weekly",
    "monthly",
    "yearly",
    "May",
    "may",
    "march",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14), st.integers(0, 200), st.integers(0, 200))
def test_cue_never_hides_an_expression(pieces: list[str], a: int, b: int) -> None:
    text = " ".join(pieces)
    assert find_dates(text) == _find_dates(text)
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    assert find_dates(text, start, end) == _find_dates(text, start, end)


def test_every_piece_with_a_date_has_a_cue() -> None:
    """What the generator above relies on: the pieces do exercise expressions."""
    found = [p for p in PIECES if _find_dates(f"It happened {p} in Baku.")]
    assert len(found) >= 35
    for p in found:
        assert dates._CUE.search(f"It happened {p} in Baku.")


def test_a_sentence_without_cues_is_skipped_and_has_no_date() -> None:
    s = "The meeting between representatives of Kazan and Juba focused on water supply."
    assert dates._CUE.search(s) is None
    assert find_dates(s) == [] == _find_dates(s)
    t = "German volunteers gathered in Yevlakh on 17 April 2022 to discuss the harvest."
    assert [x.text for x in find_dates(t)] == ["17 April 2022"]
