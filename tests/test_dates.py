"""Publication dates, sentences and event dates."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapapp.geo.dates import event_date, find_publication_date, parse_date_string, publication_date, sentence_bounds
from mapapp.models import DATE_PRECISIONS

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _seed_text(prefix: str) -> str:
    (f,) = SEEDS.glob(prefix + "_*.txt")
    return f.read_text(encoding="utf-8")


def ev(text: str, word: str, published: date | None, nth: int = 0):
    i = [m.start() for m in re.finditer(re.escape(word), text)][nth]
    return event_date(text, i, i + len(word), published)


# --- publication dates -----------------------------------------------------------------------


def test_header_date():
    assert find_publication_date(" date 2020-07-29 By Trend", "Text.", NOW) == (date(2020, 7, 29), "header")


def test_metadata_wins_over_header_and_text():
    assert publication_date("2021-01-05", " date 2020-07-29 By Trend", "On 12 July 2020 x.", NOW) == (
        date(2021, 1, 5),
        "metadata",
    )
    assert publication_date(None, " date 2020-07-29 By Trend", "", NOW) == (date(2020, 7, 29), "header")


def test_seed_004_inferred_from_latest_full_date_and_anchored_partials():
    d, how = find_publication_date("", _seed_text("004"), NOW)
    assert how == "inferred"
    # 12 July 2020 is the latest full date; "28th July" (the rally, held: past tense) anchors
    # in 2020 and is later, so the article is from 28 July 2020 or after.
    assert d == date(2020, 7, 28)


@pytest.mark.parametrize("prefix", ["001", "003"])
def test_seeds_without_a_year_stay_undated(prefix):
    assert find_publication_date("", _seed_text(prefix), NOW) == (None, None)


def test_never_after_now_and_no_default_year():
    text = "The summit on 3 March 2030 was a success. Talks on 5 May 2019 failed."
    assert find_publication_date("", text, NOW) == (date(2019, 5, 5), "inferred")
    assert find_publication_date("", "Talks on 5 May failed.", NOW) == (None, None)
    assert find_publication_date(" date 2031-01-01 By X", "Nothing.", NOW) == (None, None)
    assert publication_date("2031-01-01", "", "Nothing.", NOW) == (None, None)


def test_future_sentences_do_not_date_the_article():
    text = "Elections will be held on 1 April 2024. Officials met on 2 March 2023."
    assert find_publication_date("", text, NOW) == (date(2023, 3, 2), "inferred")


def test_partial_with_wrong_weekday_is_not_anchored():
    # 21 July 2020 was a Tuesday: "Friday 21st July" cannot be 2020.
    text = "On 12 July 2020 clashes began. A march took place on Friday 21st July."
    assert find_publication_date("", text, NOW) == (date(2020, 7, 12), "inferred")


@pytest.mark.parametrize(
    "s,expected",
    [
        ("2020-07-29", date(2020, 7, 29)),
        ("2020-07-29T10:00:00Z", date(2020, 7, 29)),
        ("2020-07-29 10:00:00+04:00", date(2020, 7, 29)),
        ("29.07.2020", date(2020, 7, 29)),
        ("July 29, 2020", date(2020, 7, 29)),
        ("29 July 2020", date(2020, 7, 29)),
        # RSS feeds (RFC 2822) and ISO's basic form (GDELT): "not understood" before
        ("Tue, 03 Mar 2020 10:00:00 GMT", date(2020, 3, 3)),
        ("3 Mar 2020 23:30:00 +0000", date(2020, 3, 3)),
        ("20200714", date(2020, 7, 14)),
        ("20200714T100000Z", date(2020, 7, 14)),
        ("20200714100000", date(2020, 7, 14)),
        ("20201345", None),
        ("Tue, 31 Feb 2020 10:00:00 GMT", None),
        ("not a date", None),
        ("2020-02-30", None),
        ("", None),
    ],
)
def test_parse_date_string(s, expected):
    assert parse_date_string(s) == expected


@pytest.mark.parametrize(
    "s,auto,dmy,mdy",
    [
        # 3 April or March 4: read day first, a US export's dates were a month off, silently
        ("03/04/2020", None, date(2020, 4, 3), date(2020, 3, 4)),
        ("3-4-2020", None, date(2020, 4, 3), date(2020, 3, 4)),
        # a day over 12, equal day and month, or dots (day first wherever they are written) say which
        ("07/29/2020", date(2020, 7, 29), date(2020, 7, 29), date(2020, 7, 29)),
        ("29/07/2020", date(2020, 7, 29), date(2020, 7, 29), date(2020, 7, 29)),
        ("05/05/2020", date(2020, 5, 5), date(2020, 5, 5), date(2020, 5, 5)),
        ("03.04.2020", date(2020, 4, 3), date(2020, 4, 3), date(2020, 4, 3)),
        ("13/13/2020", None, None, None),
    ],
)
def test_a_numeric_date_is_read_in_the_order_asked_and_never_guessed(s, auto, dmy, mdy):
    assert (parse_date_string(s), parse_date_string(s, "dmy"), parse_date_string(s, "mdy")) == (auto, dmy, mdy)


# --- sentences -------------------------------------------------------------------------------


def test_sentence_bounds_abbreviations():
    t = (
        "The students of the Moscow State University named after M.V. Lomonosov, Moscow State Medical "
        "University named after I.M. Sechenov took part. U.S. Secretary of State Antony Blinken met Dr. Smith "
        "in Washington on Monday. Next."
    )
    s, e = sentence_bounds(t, t.index("Sechenov"), t.index("Sechenov") + 8)
    assert t[s:e].startswith("The students") and t[s:e].endswith("took part.")
    s, e = sentence_bounds(t, t.index("Washington"), t.index("Washington") + 10)
    assert t[s:e] == "U.S. Secretary of State Antony Blinken met Dr. Smith in Washington on Monday."


def test_sentence_bounds_newlines_are_boundaries():
    t = "A title without a stop\nThe body starts here in Baku. More."
    s, e = sentence_bounds(t, t.index("Baku"), t.index("Baku") + 4)
    assert t[s:e] == "The body starts here in Baku."
    s, e = sentence_bounds(t, 2, 7)
    assert t[s:e] == "A title without a stop"


def test_sentence_bounds_quotes():
    t = "“We must keep peace in Russia,” said Gurbanov. The rallies went on."
    s, e = sentence_bounds(t, t.index("Russia"), t.index("Russia") + 6)
    assert t[s:e] == "“We must keep peace in Russia,” said Gurbanov."


# --- event dates -----------------------------------------------------------------------------

P = date(2020, 12, 6)


@pytest.mark.parametrize(
    "text,word,published,expected",
    [
        # absolute
        ("Forces attacked Tovuz on 12 July 2020.", "Tovuz", P, (date(2020, 7, 12), "day")),
        ("Forces attacked Tovuz on July 12, 2020.", "Tovuz", P, (date(2020, 7, 12), "day")),
        ("Forces attacked Tovuz on 2020-07-12.", "Tovuz", P, (date(2020, 7, 12), "day")),
        ("On 12th July 2020, forces attacked Tovuz.", "Tovuz", P, (date(2020, 7, 12), "day")),
        # partial: the year that puts it on or before publication
        ("On 26 November, Azerbaijan sent notes to France.", "France", P, (date(2020, 11, 26), "day")),
        ("On December 4, the ministry in Baku spoke.", "Baku", P, (date(2020, 12, 4), "day")),
        ("A rally in London on 28th July.", "London", date(2020, 7, 28), (date(2020, 7, 28), "day")),
        ("A rally in London on 28th July.", "London", date(2021, 3, 1), (date(2020, 7, 28), "day")),
        ("They met in Yevlakh on September 21.", "Yevlakh", date(2023, 9, 27), (date(2023, 9, 21), "day")),
        ("They met in Khojaly on 1 March.", "Khojaly", date(2023, 3, 20), (date(2023, 3, 1), "day")),
        # partial in a future sentence: on or after publication
        ("A meeting will be held in Yevlakh on 5 January.", "Yevlakh", date(2020, 12, 20), (date(2021, 1, 5), "day")),
        ("The upcoming summit in Baku on 10 December.", "Baku", P, (date(2020, 12, 10), "day")),
        # relative
        ("Blinken met them in Washington on Monday.", "Washington", date(2023, 5, 3), (date(2023, 5, 1), "day")),
        ("Blinken met them in Washington on Wednesday.", "Washington", date(2023, 5, 3), (date(2023, 5, 3), "day")),
        ("Protesters gathered in Paris yesterday.", "Paris", P, (date(2020, 12, 5), "day")),
        ("Protesters gather in Paris today.", "Paris", P, (date(2020, 12, 6), "day")),
        ("Talks in Minsk collapsed last week.", "Minsk", P, (date(2020, 11, 1), "month")),
        ("Late last year, Aliyev spoke in Baku.", "Baku", date(2023, 4, 10), (date(2022, 1, 1), "year")),
        ("Talks in Minsk collapsed last month.", "Minsk", P, (date(2020, 11, 1), "month")),
        ("Talks in Minsk were held three days ago.", "Minsk", P, (date(2020, 12, 3), "day")),
        # months and years
        ("Clashes in Tovuz in July 2020 killed 12.", "Tovuz", P, (date(2020, 7, 1), "month")),
        (
            "The jet crashed into the Atlantic Ocean in June.",
            "Atlantic",
            date(2009, 7, 30),
            (date(2009, 6, 1), "month"),
        ),
        ("A ceasefire was signed in Bishkek in 1994.", "Bishkek", P, (date(1994, 1, 1), "year")),
        ("The conflict began in 1988 when Armenia made claims.", "Armenia", P, (date(1988, 1, 1), "year")),
        # sentence-initial words, day-first numeric dates, named days, futures after the date
        ("Yesterday, leaders met in Brussels.", "Brussels", P, (date(2020, 12, 5), "day")),
        ("In 1994, a ceasefire was signed in Bishkek.", "Bishkek", P, (date(1994, 1, 1), "year")),
        ("The deal was signed in Moscow on 10.11.2020.", "Moscow", P, (date(2020, 11, 10), "day")),
        ("Markets in New York crashed 20 years ago.", "New York", date(2007, 10, 20), (date(1987, 1, 1), "year")),
        ("Traders in London recalled Black Monday.", "London", date(2007, 10, 20), (date(2007, 10, 20), "published")),
        # a day and month naming an event of another year: not this year's day
        ("Security in New York changed after the September 11 attacks.", "New York", P, (P, "published")),
        ("Survivors of the 7 July bombings met in London.", "London", P, (P, "published")),
        ("Crowds gathered in New York on September 11 to remember.", "New York", P, (date(2020, 9, 11), "day")),
        ("A June 3 hearing in New York has been scheduled.", "New York", date(2009, 5, 14), (date(2009, 6, 3), "day")),
        # nothing in the sentence: the publication date, or nothing at all
        ("Rallies were held in Brussels.", "Brussels", P, (P, "published")),
        ("Rallies were held in Brussels.", "Brussels", None, (None, "unknown")),
    ],
)
def test_event_date_examples(text, word, published, expected):
    assert ev(text, word, published) == expected


def test_nearest_expression_wins():
    t = "On 13 July Blackman submitted a motion to the UK House of Commons, which noted aggression by Armenia overnight on 12 July 2020."
    assert ev(t, "UK", date(2020, 7, 28)) == (date(2020, 7, 13), "day")
    assert ev(t, "Armenia", date(2020, 7, 28)) == (date(2020, 7, 12), "day")


def test_reference_points_are_not_event_times():
    t = "Armenian forces have occupied Azerbaijani land in Karabakh since 1991."
    assert ev(t, "Karabakh", P) == (P, "published")


def test_past_reporting_verb_beats_a_later_will():
    t = "Apple announced Friday in Cupertino that it will give owners a free case."
    assert ev(t, "Cupertino", date(2010, 7, 17)) == (date(2010, 7, 16), "day")


def test_no_year_is_invented_without_publication_date():
    t = "A meeting between representatives in the city of Yevlakh on September 21 ended the conflict."
    assert ev(t, "Yevlakh", None) == (None, "unknown")
    t = "U.S. Secretary of State Blinken met the ministers in Washington on Monday."
    assert ev(t, "Washington", None) == (None, "unknown")
    # but a full date needs no publication date
    assert ev("Talks in Tbilisi on 3 May 2021 failed.", "Tbilisi", None) == (date(2021, 5, 3), "day")


def test_seed_004_event_dates_with_inferred_publication():
    t = _seed_text("004")
    pub, _ = find_publication_date("", t, NOW)
    assert ev(t, "London", pub) == (date(2020, 7, 28), "day")
    assert ev(t, "Tovuz", pub) == (date(2020, 7, 12), "day")
    assert ev(t, "House of Representatives", pub) == (date(2020, 7, 21), "day")


def test_seed_002_event_dates():
    t = _seed_text("002")
    pub = date(2020, 12, 6)
    # "On 26 November and on 4 December, Azerbaijan sent protest notes to France": the nearer one
    assert ev(t, "France", pub, nth=3) == (date(2020, 12, 4), "day")
    assert ev(t, "Azerbaijan sent", pub) == (date(2020, 12, 4), "day")
    assert ev(t, "fighting in Karabakh", pub) == (date(2020, 11, 10), "day")  # "On November 10, ..."
    assert ev(t, "Karabakh is Azerbaijan", pub) == (pub, "published")  # no date in that sentence


# --- properties ------------------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "on",
        "in",
        "the",
        "Baku",
        "Paris",
        "July",
        "12",
        "12th",
        "2020",
        "1994",
        "Monday",
        "yesterday",
        "last",
        "next",
        "week",
        "month",
        "year",
        "will",
        "since",
        "by",
        "May",
        "3",
        "31",
        "February",
        "29",
        ",",
        ".",
        "\n",
        "U.S.",
        "Dr.",
        "ago",
        "two",
        "days",
        "2019-02-29",
        "2021-13-01",
        "1999-12-31",
        "late",
        "of",
        "September",
        "21st",
        "Tuesday",
        "tomorrow",
        "upcoming",
        "0",
        "99",
        "3000",
        "1600",
        "’s",
        "Today",
        "Black",
        "12.07.2020",
        "31.02.2020",
        "a",
        "weeks",
        "20",
        "years",
        "Late",
        "This",
        "deadline",
        "that",
        "said",
        "“",
        "Jan.",
    ]
)
_TEXTS = st.lists(_WORDS, min_size=1, max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=_TEXTS,
    a=st.integers(0, 400),
    b=st.integers(0, 400),
    published=st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))),
)
def test_event_date_never_raises_and_never_invents_a_year(text, a, b, published):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    d, precision = event_date(text, start, end, published)
    assert precision in DATE_PRECISIONS
    if d is None:
        assert precision == "unknown"
        return
    allowed = {int(y) for y in re.findall(r"(?<!\d)\d{4}(?!\d)", text)}
    if published is not None:
        # relative expressions ("yesterday", "last year", "next month") may cross a year boundary
        allowed |= {published.year - 1, published.year, published.year + 1}
        # "20 years ago" counts back from the publication year
        words = {
            "a": 1,
            "an": 1,
            "one": 1,
            "two": 2,
            "three": 3,
            "four": 4,
            "five": 5,
            "six": 6,
            "seven": 7,
            "eight": 8,
            "nine": 9,
            "ten": 10,
            "twenty": 20,
            "thirty": 30,
        }
        for n in re.findall(r"(?i)\b(\d+|[a-z]+) years? ago", text):
            allowed.add(published.year - (int(n) if n.isdigit() else words.get(n.lower(), 0)))
    assert d.year in allowed, (text, d, precision)
    if precision == "month":
        assert d.day == 1
    if precision == "year":
        assert (d.month, d.day) == (1, 1)
    s, e = sentence_bounds(text, start, end)
    assert 0 <= s <= start and end <= e <= len(text)


@settings(max_examples=200, deadline=None)
@given(text=_TEXTS, now=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2030, 1, 1)))
def test_publication_date_never_after_now_nor_invented(text, now):
    d, how = find_publication_date("", text, now)
    if d is None:
        assert how is None
        return
    assert how == "inferred" and d <= now.date()
    assert str(d.year) in text


def test_sentence_bounds_number_abbreviations():
    t = "Resolution No. 822 was adopted in 1993. The talks said no. Then Baku answered."
    s, e = sentence_bounds(t, t.index("822"), t.index("822") + 3)
    assert t[s:e] == "Resolution No. 822 was adopted in 1993."
    s, e = sentence_bounds(t, t.index("Baku"), t.index("Baku") + 4)
    assert t[s:e] == "Then Baku answered."


def test_inferred_date_must_not_contradict_a_later_year():
    text = "On 26 February 1992, hundreds were killed in Khojaly. Commemorations were held in 2010 in Baku."
    assert find_publication_date("", text, NOW) == (None, None)
    text = "On 26 February 1992, hundreds were killed in Khojaly, a ceasefire followed in 1994."
    assert find_publication_date("", text, NOW) == (None, None)
    text = "In 1994 a ceasefire was agreed. On 12 July 2020, clashes broke out in Tovuz."
    assert find_publication_date("", text, NOW) == (date(2020, 7, 12), "inferred")
    text = "On 12 July 2020, clashes broke out in Tovuz. The mandate of the mission runs until 2025."
    assert find_publication_date("", text, NOW) == (date(2020, 7, 12), "inferred")


def test_sentence_ends_after_initials_before_an_opener():
    t = "Talks were held in the U.S. The next day, ministers met in Baku."
    s, e = sentence_bounds(t, t.index("Baku"), t.index("Baku") + 4)
    assert t[s:e] == "The next day, ministers met in Baku."
    t = "The U.S. Secretary of State met them in Washington."
    assert sentence_bounds(t, t.index("Washington"), t.index("Washington") + 10) == (0, len(t))


# --- yearless dates on real news: the occurrence the sentence means (texts written for the tests) ----

PUB = date(2020, 10, 10)  # a Saturday


@pytest.mark.parametrize(
    "text,word,published,expected",
    [
        # announced or scheduled: the next occurrence, also in the present tense of a timetable
        ("The lockdown in Leeds ends on 30 September.", "Leeds", date(2020, 9, 20), (date(2020, 9, 30), "day")),
        ("The curfew in Leeds expires on 2 October.", "Leeds", date(2020, 9, 20), (date(2020, 10, 2), "day")),
        ("The trial in Perth begins on 3 November.", "Perth", PUB, (date(2020, 11, 3), "day")),
        # reported: the last one
        ("The mayor of Leeds resigned on Wednesday.", "Leeds", PUB, (date(2020, 10, 7), "day")),
        ("Ministers will meet in Brussels on Thursday.", "Brussels", PUB, (date(2020, 10, 15), "day")),
        # "come Sunday" is the next one (Friday 25 September 2020)
        (
            "Come Sunday, the UFC's Fight Island base in Abu Dhabi hosts the title fight.",
            "Abu Dhabi",
            date(2020, 9, 25),
            (date(2020, 9, 27), "day"),
        ),
        # a plan told in the past: the occurrence nearer publication (Wednesday 2 September 2020) ...
        (
            "The campaign announced Joe Biden would go to Wisconsin on Thursday to hold a meeting in Kenosha.",
            "Kenosha",
            date(2020, 9, 2),
            (date(2020, 9, 3), "day"),
        ),
        # ... but not a plan within the month: history, left to the reported reading
        (
            "Prosecutors said last year that a veteran would face charges over actions in Londonderry on January 30.",
            "Londonderry",
            date(2020, 9, 29),
            (date(2020, 1, 30), "day"),
        ),
        # a sentence opening with a condition in the present is about what is ahead (Friday 11 September)
        (
            "'If you arrive in England from these destinations after 4am Saturday, you will need to isolate.",
            "England",
            date(2020, 9, 11),
            (date(2020, 9, 12), "day"),
        ),
        # an embedded "if" (whether) is no condition: the shooting was last Tuesday
        (
            "It is not known if the murders are linked to a shooting in nearby Cradley Heath on Tuesday.",
            "Cradley Heath",
            date(2020, 10, 1),
            (date(2020, 9, 29), "day"),
        ),
        # a possibility ("could", "is unlikely to") takes the occurrence nearer publication: ahead here
        # (Friday 11 September; Wednesday 2 September) ...
        (
            "The introduction of the limit in England on Monday could lead to a long winter for pubs.",
            "England",
            date(2020, 9, 11),
            (date(2020, 9, 14), "day"),
        ),
        (
            "The admission is unlikely to deter Saturday's march at Melbourne's Shrine of Remembrance.",
            "Melbourne",
            date(2020, 9, 2),
            (date(2020, 9, 5), "day"),
        ),
        # ... and behind here: "could" told of the past
        (
            "Like New York City, bars only offered outdoor seating after they could reopen in June.",
            "New York City",
            date(2020, 8, 31),
            (date(2020, 6, 1), "month"),
        ),
        # a state that began on a day ("since last Wednesday", "since August 1") is dated by that day,
        # a comparison's "since" is no day of the event ("the highest since May 12")
        (
            "Moorman has been in Colorado hunting for his sister since last Wednesday.",
            "Colorado",
            date(2020, 9, 28),
            (date(2020, 9, 23), "day"),
        ),
        (
            "At airports in France, compulsory testing has been in operation since August 1.",
            "France",
            date(2020, 9, 3),
            (date(2020, 8, 1), "day"),
        ),
        (
            "Cases in France rose to the highest daily total since May 12.",
            "France",
            date(2020, 9, 3),
            (date(2020, 9, 3), "published"),
        ),
        # a span opened by "between" with words before its first day takes that day
        (
            "Between the first day of classes on August 24 and September 1, 350 cases were reported in Whitman County.",
            "Whitman County",
            date(2020, 9, 9),
            (date(2020, 8, 24), "day"),
        ),
        # a day after "and" with a place of its own is that place's: Belfast's rally was on Thursday
        (
            "It follows similar rallies on Thursday night in Belfast and on Friday in Derry.",
            "Belfast",
            date(2020, 8, 31),
            (date(2020, 8, 27), "day"),
        ),
        (
            "It follows similar rallies on Thursday night in Belfast and on Friday in Derry.",
            "Derry",
            date(2020, 8, 31),
            (date(2020, 8, 28), "day"),
        ),
    ],
)
def test_yearless_dates_take_the_occurrence_the_sentence_means(text, word, published, expected):
    assert ev(text, word, published) == expected


def test_a_stated_weekday_agrees_with_the_day_and_year():
    # 15 October 2020 is a Thursday: a past sentence published in January 2021 still means 2020
    assert ev("Ministers met in Brussels on Thursday, 15 October.", "Brussels", date(2021, 1, 20)) == (
        date(2020, 10, 15),
        "day",
    )
    # the next 15 October that is a Friday is in 2021
    assert ev("Ministers will meet in Brussels on Friday, 15 October.", "Brussels", PUB) == (date(2021, 10, 15), "day")
    # no year near publication puts 15 October on a Monday: not dated rather than misdated
    assert ev("Ministers met in Brussels on Monday, 15 October.", "Brussels", PUB) == (None, "unknown")


def test_a_day_anchored_by_another_expression_of_its_sentence():
    # a caption's "MARCH 18: ... on March 18, 2015": the same day written in full gives the year
    text = "WASHINGTON, DC - MARCH 18: Ruth Bader Ginsburg attends a dinner on March 18, 2015 in Washington, DC."
    assert ev(text, "WASHINGTON", date(2020, 9, 20)) == (date(2015, 3, 18), "day")
    assert ev("Four years ago, on 13 September, she moved to Leeds.", "Leeds", PUB) == (date(2016, 9, 13), "day")
    assert ev("Last year on 2 May she arrived in Leeds.", "Leeds", PUB) == (date(2019, 5, 2), "day")
    assert ev("In 2012, on 4 July, a storm hit Denver.", "Denver", PUB) == (date(2012, 7, 4), "day")


@pytest.mark.parametrize(
    "text,word,expected",
    [
        ("Caesar died in Rome in 44 BC.", "Rome", (None, "unknown")),
        ("Vesuvius buried Pompeii in AD 79.", "Pompeii", (None, "unknown")),
        ("In the year 9999 Leeds will be gone.", "Leeds", (None, "unknown")),
        ("Fires burned London in 1666.", "London", (date(1666, 1, 1), "year")),
        ("The Normans landed at Hastings in 1066.", "Hastings", (date(1066, 1, 1), "year")),
        ("A plague struck London on 7 June 1665.", "London", (date(1665, 6, 7), "day")),
    ],
)
def test_any_date_is_survivable(text, word, expected):
    assert ev(text, word, PUB) == expected
    for published in (None, date(1, 1, 1), date(9999, 12, 31)):
        d, prec = ev(text, word, published)
        assert prec in DATE_PRECISIONS


@pytest.mark.parametrize(
    "text,word,expected",
    [
        # a decade or a century gives no day: these were dated to publication, as if news of the day
        ("Troops entered Berlin in the 1940s.", "Berlin", (None, "unknown")),
        ("The cathedral in Cologne was built in the 13th century.", "Cologne", (None, "unknown")),
        ("She moved to Paris in the early '60s.", "Paris", (None, "unknown")),
        ("The Egyptians left Canaan in the middle of the 12th century BC.", "Canaan", (None, "unknown")),
        ("Born in Dublin in the 1950s, he moved to Boston on 3 May 1980.", "Dublin", (None, "unknown")),
        ("Born in Dublin in the 1950s, he moved to Boston on 3 May 1980.", "Boston", (date(1980, 5, 3), "day")),
        # a bound, a comparison, an age or a thing named by its era leaves the sentence its own date
        ("Crime in London has fallen since the 1990s, police said on Monday.", "London", (date(2020, 11, 30), "day")),
        ("Debt in Britain reached levels last seen in the early 1960s.", "Britain", (P, "published")),
        ("He lived in Rome in his 60s.", "Rome", (P, "published")),
        ("The 16th-century castle in Stirling opened last year.", "Stirling", (date(2019, 1, 1), "year")),
        ("The 16th Century Falcon Inn in Stratford opened last year.", "Stratford", (date(2019, 1, 1), "year")),
    ],
)
def test_a_decade_or_century_is_no_day_of_the_news(text, word, expected):
    assert ev(text, word, P) == expected


def test_a_yearless_day_is_the_occurrence_near_publication():
    # no future tense, but 25 October 2019 would be eleven months before a text of 30 September 2020
    assert ev("The final is played in Sydney on October 25.", "Sydney", date(2020, 9, 30)) == (
        date(2020, 10, 25),
        "day",
    )
    assert ev(
        "When Hoover is sentenced in Columbia on October 2, he could face years.", "Columbia", date(2020, 9, 4)
    ) == (date(2020, 10, 2), "day")
    # a "will" in the sentence does not move a day ten days back into next year
    assert ev("A mother was shot in the Bronx on August 23 and police will appeal.", "Bronx", date(2020, 9, 2)) == (
        date(2020, 8, 23),
        "day",
    )


def test_a_past_clause_before_the_date_beats_a_will_after_it():
    t = "Officials flew to the Gold Coast on Tuesday ahead of the announcement the stadium will host the final."
    assert ev(t, "Gold Coast", date(2020, 9, 2)) == (date(2020, 9, 1), "day")


def test_a_timeline_entry_dates_its_line():
    t = "September 2: Bolton and Trafford were due to be taken out of lockdown."
    assert ev(t, "Bolton", date(2020, 9, 11)) == (date(2020, 9, 2), "day")
    assert ev("The talks in Oslo start at 2:30 on Monday.", "Oslo", date(2020, 9, 11))[1] == "day"
    # timelines in capitals
    pub = date(2020, 9, 5)
    assert ev("FEBRUARY 28: New Zealand records its first infection.", "New Zealand", pub) == (date(2020, 2, 28), "day")
    text = "TUESDAY MAY 26: Nathan Turner was found dead at his home in Blackwater."
    assert ev(text, "Blackwater", pub) == (date(2020, 5, 26), "day")


def test_a_rule_from_a_weekday_starts_ahead():
    pub = date(2020, 9, 11)  # a Friday
    assert ev("From Monday, the new rule will come into force across the UK.", "UK", pub) == (date(2020, 9, 14), "day")
    assert ev("Most people in England are being forced into stricter rules from Monday.", "England", pub) == (
        date(2020, 9, 14),
        "day",
    )
    assert ev("Pubs in Leeds closed from Monday.", "Leeds", pub) == (date(2020, 9, 7), "day")
    # the verb nearest the date decides, not an earlier past verb of the sentence
    t = "The news came as it emerged most people in York are being forced into new rules from Monday."
    assert ev(t, "York", pub) == (date(2020, 9, 14), "day")
    assert ev("Pubs in Bolton closed from Monday after cases rose.", "Bolton", pub) == (date(2020, 9, 7), "day")


def test_a_sentence_opening_with_its_start_month_takes_the_tense_of_its_verb():
    """ "From November, firms ... will face higher fees" is next November, however far the verb
    lies after the comma; "From March, cases rose" is last March."""
    pub = date(2020, 9, 2)
    t = "From November, firms from Spain, Austria and Turkey which advertise on its platforms will face higher fees."
    assert ev(t, "Turkey", pub) == (date(2020, 11, 1), "month")
    assert ev("From March, cases rose steadily in Leeds.", "Leeds", pub) == (date(2020, 3, 1), "month")


def _dated(text: str, name: str, published: date) -> tuple[date | None, str]:
    i = text.index(name)
    return event_date(text, i, i + len(name), published)


def test_the_next_sentences_future_does_not_move_this_one_to_next_year():
    # a caption of last July followed by a sentence about what will happen
    pub = date(2020, 9, 8)
    text = "A man waves from a tower in Melbourne in July.\n\nThe state will reopen on Friday."
    assert _dated(text, "Melbourne", pub) == (date(2020, 7, 1), "month")
    text = "Police arrested a man in Emu Plains on Friday. He will appear in court on Monday."
    assert _dated(text, "Emu Plains", date(2020, 9, 26)) == (date(2020, 9, 25), "day")  # a Saturday's story
    # the sentence's own future still looks ahead
    assert _dated("The summit in Paris will be held in October.", "Paris", pub) == (date(2020, 10, 1), "month")


def test_a_plan_seen_from_the_past_takes_the_occurrence_nearest_publication():
    pub = date(2020, 8, 31)
    text = "We were due to fly to Canada on July 1, but the trip was cancelled."
    assert _dated(text, "Canada", pub) == (date(2020, 7, 1), "day")
    text = "Mr Morris had been due to take up the post in Fiji in July."
    assert _dated(text, "Fiji", pub) == (date(2020, 7, 1), "month")
    # still ahead when that is nearer: postponed, or not yet come
    text = "The match in Leeds was due to start in October but has been moved."
    assert _dated(text, "Leeds", pub) == (date(2020, 10, 1), "month")
    text = "The show in Leeds was set to open on September 20."
    assert _dated(text, "Leeds", pub) == (date(2020, 9, 20), "day")


def test_a_bound_is_not_the_time_of_the_event():
    pub = date(2020, 9, 23)
    # a target or a limit: the sentence's event is the pledge, dated by its own day or by publication
    text = "Xi pledged that China will peak emissions before 2030 during a Tuesday speech."
    assert _dated(text, "China", pub) == (date(2020, 9, 22), "day")
    text = "Rolls Royce said it would close its site in Annesley, Nottinghamshire, by the end of 2022."
    assert _dated(text, "Nottinghamshire", pub) == (pub, "published")
    text = "Britain pledged to hit a capacity of 500,000 tests by the end of October."
    assert _dated(text, "Britain", pub) == (pub, "published")  # was October of the year before
    text = "Kiwis who came to Australia before September 1, 1994 can apply."
    assert _dated(text, "Australia", pub) == (pub, "published")
    # a day's own event after "before" or "after" still dates the sentence
    text = "The boy was taken to hospital in Chapel Hill after Wednesday's shooting."
    assert _dated(text, "Chapel Hill", date(2020, 9, 20)) == (date(2020, 9, 16), "day")


def test_a_week_is_dated_to_the_month_that_holds_most_of_it():
    # Tuesday 8 September 2020: last week ran from Monday 31 August to Sunday 6 September
    text = "The spokesman said last week that Germany had sent Moscow no evidence."
    assert _dated(text, "Moscow", date(2020, 9, 8)) == (date(2020, 9, 1), "month")
    # Wednesday 30 September: next week (5 to 11 October) is October, this week September
    assert _dated("Talks in Paris resume next week.", "Paris", date(2020, 9, 30)) == (date(2020, 10, 1), "month")
    assert _dated("Talks in Paris went on this week.", "Paris", date(2020, 9, 30)) == (date(2020, 9, 1), "month")


@pytest.mark.parametrize(
    "text, word",
    [
        ("Shares in the Glasgow lender fell to 2060p after the results.", "Glasgow"),  # pence, not a year
        ("Turnout in Leeds rose to 1990ish levels.", "Leeds"),
    ],
)
def test_a_number_glued_to_a_unit_is_not_a_year(text, word):
    assert ev(text, word, date(2020, 3, 4)) == (date(2020, 3, 4), "published")


def test_a_year_before_a_comma_still_dates_the_sentence():
    assert ev("Flooding hit Leeds in 2019, the council said.", "Leeds", date(2020, 3, 4)) == (date(2019, 1, 1), "year")


@pytest.mark.parametrize(
    "text, word, expected",
    [
        # a span of days is dated by its first day, however it is written
        (
            "Between August 24 and September 1, there were 350 new cases in Whitman County.",
            "Whitman County",
            date(2020, 8, 24),
        ),
        ("The data was gathered from 2,083 UK adults online between August 14-16.", "UK", date(2020, 8, 14)),
        ("Cases with an unknown source from September 6-19 are 45 for Melbourne.", "Melbourne", date(2020, 9, 6)),
        ("On the night between 7-8 September, in Marconia, a villa was raided.", "Marconia", date(2020, 9, 7)),
        ("Footage from May 8 to May 10 was taken from businesses in Broomfield.", "Broomfield", date(2020, 5, 8)),
        ("Between Monday and Wednesday, protests drew crowds in Leeds.", "Leeds", date(2020, 9, 21)),
    ],
)
def test_a_span_of_days_takes_its_first_day(text, word, expected):
    assert ev(text, word, date(2020, 9, 22)) == (expected, "day")


def test_two_dates_that_are_not_a_span_keep_the_nearest():
    # no "between" or "from": two days, each its own; nor is a score a span
    text = "The storm hit York on 4 August and Leeds on 9 August."
    assert ev(text, "Leeds", date(2020, 9, 22)) == (date(2020, 8, 9), "day")
    assert ev("Leeds won 3-1 on August 4.", "Leeds", date(2020, 9, 22)) == (date(2020, 8, 4), "day")


def test_a_written_day_beats_a_period_counted_from_publication():
    # published 1 October: "earlier this month" would be October, the day written beside it is the date
    text = (
        "Earlier this month North Yorkshire's deputy head Dave Clark died walking his dog in a field on September 21."
    )
    assert ev(text, "North Yorkshire", date(2020, 10, 1)) == (date(2020, 9, 21), "day")
    # a weekday or "yesterday" beside a period is often another clause's (the figures' release): not taken
    text = "Shootings in New York City were up 166 percent last month, according to statistics released Wednesday."
    assert ev(text, "New York City", date(2020, 9, 2)) == (date(2020, 8, 1), "month")


def test_a_no_break_space_after_a_full_stop_ends_the_sentence():
    # news pages put "\xa0" after full stops: the next sentence's date must not leak across it
    text = "Cases in Missouri rose in the last week.\xa0Cases in Oklahoma rose, with 1,000 reported on Tuesday."
    i = text.index("Oklahoma")
    assert text[slice(*sentence_bounds(text, i, i + 8))].startswith("Cases in Oklahoma")
    assert ev(text, "Oklahoma", date(2020, 9, 17)) == (date(2020, 9, 15), "day")
    assert ev(text, "Missouri", date(2020, 9, 17)) == (date(2020, 9, 1), "month")


def test_that_year_takes_the_year_the_text_named_before():
    # "that year" and "the same year" point back: the publication's year would be an invented one
    text = "She found him in her bedroom in 1988. On February 15 that year she was asleep at home in Huntingdale."
    assert ev(text, "Huntingdale", date(2020, 9, 24)) == (date(1988, 2, 15), "day")
    text = "Wales had a tremor on May 29, 2013, and on August 25 of the same year Blackpool was shaken."
    assert ev(text, "Blackpool", date(2020, 10, 1)) == (date(2013, 8, 25), "day")
    # no year told before it: the day stays undated rather than put in the publication's year
    assert ev("Five more followed that year, in Rutland (April 12 and 18).", "Rutland", date(2020, 10, 1)) == (
        None,
        "unknown",
    )
    # without "that year" a yearless day is still this year's
    assert ev("The fair opens in Leeds on September 12.", "Leeds", date(2020, 9, 1)) == (date(2020, 9, 12), "day")


def test_next_to_is_a_place_not_the_future():
    # published Friday 4 September: "next to" a cycle lane says nothing of time; Tuesday is the last one
    text = "Cars queue along Upper Street in Islington, next to an empty cycle lane at 5pm on Tuesday"
    assert ev(text, "Islington", date(2020, 9, 4)) == (date(2020, 9, 1), "day")
    assert ev("The fair comes to Leeds next Tuesday.", "Leeds", date(2020, 9, 4)) == (date(2020, 9, 8), "day")


def test_a_day_or_period_a_figure_is_compared_with_does_not_date_the_sentence():
    # published Wednesday 2 September: "last week" and "this time last year" are what Tube use is
    # compared with; yesterday is when it was counted
    text = "London transport is barely busier than last week, with Tube use yesterday 70 per cent down on this time last year"
    assert ev(text, "London", date(2020, 9, 2)) == (date(2020, 9, 1), "day")
    text = "Passenger numbers in Europe were down 95 per cent compared to last year, the airport said."
    assert ev(text, "Europe", date(2020, 9, 11)) == (date(2020, 9, 11), "published")
    # a weekend is dated by its first day; "similar temperatures to today and tomorrow" is a comparison
    text = (
        "Saturday and Sunday are set to be dry for England and Wales, with similar temperatures to today and tomorrow"
    )
    assert ev(text, "Wales", date(2020, 9, 24)) == (date(2020, 9, 26), "day")
    # a day's own scene is no comparison point
    text = "Monday's streets were busy compared to today's desolate London scenes"
    assert ev(text, "London", date(2020, 9, 1)) == (date(2020, 9, 1), "day")


def test_a_weekday_of_a_named_week_and_a_day_ahead_of_an_event():
    # published Saturday 19 September: "Monday last week" is the 7th, not the 14th
    text = "The video was captured at Maidstone Services in Kent on Monday last week."
    assert ev(text, "Kent", date(2020, 9, 19)) == (date(2020, 9, 7), "day")
    assert ev("The fair opens in Leeds on Tuesday next week.", "Leeds", date(2020, 9, 19)) == (date(2020, 9, 22), "day")
    # published Tuesday 8 September: "ahead of Sunday's elections" is the coming Sunday
    text = "The party holds 33 of Novosibirsk council's 50 seats ahead of Sunday's elections."
    assert ev(text, "Novosibirsk", date(2020, 9, 8)) == (date(2020, 9, 13), "day")
    # "ahead of" another event leaves a day of its own as it was: the Saturday just gone
    text = "Judge Barrett is captured leaving her home in South Bend Saturday ahead of the announcement"
    assert ev(text, "South Bend", date(2020, 9, 27)) == (date(2020, 9, 26), "day")


def test_a_written_day_restating_yesterday_is_the_day():
    # published just after midnight on 1 October: the reporter's "yesterday" was the 29th, as written
    text = "Meanwhile England's cases hit a ceiling of 7,143 yesterday, September 29, up from 398 on July 14."
    assert ev(text, "England", date(2020, 10, 1)) == (date(2020, 9, 29), "day")
    text = "Figures for Wales were published today (September 30)."
    assert ev(text, "Wales", date(2020, 10, 1)) == (date(2020, 9, 30), "day")
    # a bare "yesterday" still counts from publication
    text = "Officials in Ohio confirmed the deaths yesterday."
    assert ev(text, "Ohio", date(2020, 10, 1)) == (date(2020, 9, 30), "day")


def test_a_day_inside_a_bracket_dates_the_places_inside_it():
    text = "Regional Victoria will enter the Third Step at 11.59pm on Wednesday night (Melbourne residents pictured on Monday)"
    assert ev(text, "Melbourne", date(2020, 9, 16)) == (date(2020, 9, 14), "day")
    assert ev(text, "Victoria", date(2020, 9, 16)) == (date(2020, 9, 16), "day")


def test_a_place_in_the_clause_of_n_days_after_a_written_day_is_that_many_days_off():
    text = "Her body was found in a ditch on September 24 1999, five days after she was last seen in Felixstowe."
    assert ev(text, "Felixstowe", date(2020, 9, 17)) == (date(1999, 9, 19), "day")
    text = "He died on March 30 after he was taken off life support, seven days after the encounter with police in Rochester"
    assert ev(text, "Rochester", date(2020, 9, 3)) == (date(2020, 3, 23), "day")
    text = "Andrews will unveil the roadmap on Sunday, a week before Melbourne's restrictions were due to end."
    assert ev(text, "Melbourne", date(2020, 9, 2)) == (date(2020, 9, 13), "day")
    # the offset's clause ends at a comma, and a day that opens the sentence governs the main clause
    text = "On Tuesday, two weeks after the election, Trump visited Georgia."
    assert ev(text, "Georgia", date(2020, 9, 10)) == (date(2020, 9, 8), "day")
    text = "On July 8, 10 days after the cast returned to work she wrote to the City of Anaheim."
    assert ev(text, "Anaheim", date(2020, 9, 10)) == (date(2020, 7, 8), "day")


def test_as_of_a_day_is_the_day_of_the_count():
    # published Friday 4 September (docs/ANNOTATION.md: "as of Monday" is the day of the count)
    text = "As of Monday there were only 764 people in hospital with Covid-19 in the UK."
    assert ev(text, "UK", date(2020, 9, 4)) == (date(2020, 8, 31), "day")
    # a bound is still a bound
    assert ev("Cases in Leeds are the highest since May 12.", "Leeds", date(2020, 9, 4))[1] == "published"


def test_holidays_ordinal_days_slashed_dates_and_fortnights_are_read():
    """Fixed-day holidays after a preposition, "on the 11th", "11/10/2020", "the day before
    yesterday" and "a fortnight ago" fell back to the publication date (or, for the day before
    yesterday, to yesterday). Each is now its day; what cannot be told apart stays undated."""
    pub = date(2020, 10, 14)  # a Wednesday
    cases = {
        "He was arrested in Paris the day before yesterday.": (date(2020, 10, 12), "day"),
        "He visited Paris a fortnight ago.": (date(2020, 9, 30), "day"),
        "He was in Paris on Boxing Day.": (date(2019, 12, 26), "day"),
        "He will fly to Paris on Christmas Eve.": (date(2020, 12, 24), "day"),
        "He met her in Paris on New Year's Eve 1999.": (date(1999, 12, 31), "day"),
        "He was in Paris on Valentine's Day last year.": (date(2019, 2, 14), "day"),
        "He was arrested in Paris on the 11th.": (date(2020, 10, 11), "day"),
        "He will be in Paris on the 30th, when the talks open.": (date(2020, 10, 30), "day"),
        "He was arrested in Paris on 25/12/2019.": (date(2019, 12, 25), "day"),
        # 11 October has passed, November 10 has not: a reported arrest is the one before publication
        "He was arrested in Paris on 11/10/2020.": (date(2020, 10, 11), "day"),
        # 3 April or March 4, both past and a month apart: no guess
        "He was arrested in Paris on 3/4/2020.": (None, "unknown"),
        # no dates: a floor, a season's costumes
        "He lives on the 11th floor in Paris.": (pub, "published"),
        "Halloween costumes are selling out in Paris.": (pub, "published"),
    }
    got = {text: ev(text, "Paris", pub) for text in cases}
    assert got == cases


def test_a_limit_being_extended_lies_ahead_whatever_the_tense_of_the_call():
    """From the tune pool's event-day sample dates150s: "Gordon Brown today called on Rishi Sunak to
    extend the furlough scheme beyond the end of October" (published 11 September 2020) was dated
    October 2019, the last October, because the call is in the past; the month being extended to is
    ahead. "was extended to March 3" may be long past and keeps the last one."""
    pub = date(2020, 9, 11)
    text = (
        "Gordon Brown called on Rishi Sunak to extend the furlough scheme beyond the end of October as "
        "he warned the UK is facing a tsunami of unemployment."
    )
    assert ev(text, "UK", pub) == (date(2020, 10, 1), "month")
    assert ev("The lockdown in Wales was extended to March 3, officials said.", "Wales", pub) == (
        date(2020, 3, 3),
        "day",
    )


def test_a_rank_before_a_name_a_time_before_the_day_and_an_ago_before_a_full_date():
    """From the tune pool's event-day sample dates150s: "Fort Hood soldier, Pfc. Gregory Morales, was
    reported missing ... a year ago on August 20, 2019" was cut at "Pfc." (no sentence, no date) and,
    whole, took the vague "a year ago" over the full date right after it; "From 11.59pm on Sunday,
    restrictions in New Zealand's most populous city will be eased" (published on a Monday) was
    last Sunday: the opener rule knew "From Sunday," but not a time before the day."""
    pub = date(2020, 9, 2)
    text = "Fort Hood soldier, Pfc. Gregory Morales, was reported missing a year ago on August 20, 2019."
    assert ev(text, "Fort Hood", pub) == (date(2019, 8, 20), "day")
    nz = "From 11.59pm on Sunday, restrictions in New Zealand's most populous city will be eased."
    assert ev(nz, "New Zealand", date(2020, 8, 31)) == (date(2020, 9, 6), "day")
    assert ev("From 6pm on Friday, pubs in Wales closed early.", "Wales", pub) == (date(2020, 8, 28), "day")


def test_a_day_in_the_clause_after_a_sayings_day_dates_the_place():
    """From the tune pool's event-day sample dates150t: "Boris Johnson announced today that pubs and
    restaurants in England will be subject to a 10pm curfew from Thursday" dated England by the
    announcement; the day ahead in the clause after "announced today that" is England's. A comparison
    in that clause ("like we had in March") does not take over."""
    pub = date(2020, 9, 22)
    text = "Boris Johnson announced today that pubs in England will be subject to a 10pm curfew from Thursday."
    assert ev(text, "England", pub) == (date(2020, 9, 24), "day")
    mps = "MPs warned this afternoon that the UK cannot afford a full lockdown like we had in March."
    assert ev(mps, "UK", pub) == (date(2020, 9, 22), "day")


def test_rules_that_come_into_effect_on_a_weekday_start_on_the_next_one():
    """From the tune pool's event-day sample dates150u: "the new restrictions, which come into effect in
    England on Monday" (published on a Tuesday) was the day before; "comes into force" was known as
    scheduled, the plural not. What "came into force" on a weekday is still the last one."""
    pub = date(2020, 9, 22)
    text = "Weddings will avoid the new restrictions, which come into effect in England on Monday."
    assert ev(text, "England", pub) == (date(2020, 9, 28), "day")
    assert ev("The rules came into force in Wales on Monday.", "Wales", pub) == (date(2020, 9, 21), "day")
