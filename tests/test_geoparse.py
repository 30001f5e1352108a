"""Geoparsing the seed articles and arbitrary text: recognition, resolution, offsets, speed."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapapp.geo.geoparse import ABROAD, ELSEWHERE, EMBEDDED, NOT_MAPPED, PLANET, UNSURE
from mapapp.models import Article

from factories import mapped

SEED = {
    "000": "000_d2157908ed47c84d.txt",
    "001": "001_1f3a16c7ec46af58.txt",
    "002": "002_f66ee6c202a15ec5.txt",
    "003": "003_ec4e4c0bcdd05a70.txt",
    "004": "004_41bc5337eeaa548b.txt",
}

# Real places: (lat, lon). Countries and regions at GeoNames' own points.
REAL = {
    "Tovuz": (40.99249, 45.62838),
    "Yevlakh": (40.61832, 47.15014),
    "Khojaly": (39.91361, 46.79213),
    "London": (51.50853, -0.12574),
    "Moscow": (55.75204, 37.61781),
    "Netherlands": (52.25, 5.75),
    "Baku": (40.37767, 49.89201),
    "Karabakh": (39.9, 46.8),
    "Lachin": (39.63742, 46.54977),
    "Aghdam": (39.99096, 46.92736),
    "Shusha": (39.76006, 46.74989),
    "Kalbajar": (40.10984, 46.04446),
    "Armenia": (40.25, 45.0),
    "Azerbaijan": (40.5, 47.5),
    "Russia": (60.0, 100.0),
    "France": (46.0, 2.0),
    "Belgium": (50.75, 4.5),
    "Washington": (38.89511, -77.03637),
}

# seed -> names as written that must be found there, and the real place each must resolve to
EXPECT = {
    "000": {
        "Tovuz district": "Tovuz",
        "Moscow": "Moscow",
        "Russia": "Russia",
        "Armenia": "Armenia",
        "Azerbaijan": "Azerbaijan",
        "Nagorno-Karabakh": "Karabakh",
        "Nagorno Karabakh": "Karabakh",
        "South Caucasus": None,
    },
    "001": {"Yevlakh": "Yevlakh", "Karabakh": "Karabakh", "Aghdam": "Aghdam", "Azerbaijan": "Azerbaijan"},
    "002": {
        "Netherlands": "Netherlands",
        "France": "France",
        "Belgium": "Belgium",
        "Baku": "Baku",
        "Karabakh": "Karabakh",
        "Armenia": "Armenia",
        "Russia": "Russia",
    },
    "003": {
        "Yevlakh": "Yevlakh",
        "Garabagh": "Karabakh",
        "Garabakh": "Karabakh",
        "Khojaly": "Khojaly",
        "Baku": "Baku",
        "Kalbajar": "Kalbajar",
        "Lachin": "Lachin",
        "Shusha": "Shusha",
        "Aghdam": "Aghdam",
        "Washington": "Washington",
        "Moscow": "Moscow",
        "Armenia": "Armenia",
        "France": "France",
    },
    "004": {
        "London": "London",
        "Tovuz": "Tovuz",
        "Khojali": "Khojaly",
        "Armenia": "Armenia",
        "Azerbaijan": "Azerbaijan",
    },
}

NOT_PLACES = {
    "000": ["Fazil Gurbanov", "Gurbanov", "Lomonosov", "Sechenov"],
    "001": ["Ilham Aliyev", "Aliyev", "Constitution", "September"],
    "002": ["Elsever Mammadov", "Shamil Mustafayev", "December", "November"],
    "003": ["Antony Blinken", "Blinken", "Ramin Mammadov", "March", "April", "Monday"],
    "004": ["Bob Blackman", "July", "December"],
}


def km(a, b):
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def _seed(seeds_dir, key):
    return (seeds_dir / SEED[key]).read_text(encoding="utf-8")


@pytest.mark.parametrize("key", sorted(EXPECT))
def test_seed_places_are_found_and_resolved_within_25_km(parser, seeds_dir, key):
    text = _seed(seeds_dir, key)
    tops = parser.parse(text)
    for t in tops:
        assert text[t.start : t.end] == t.name
        assert 0.0 <= t.score <= 1.0
    by_name: dict[str, list] = {}
    for t in tops:
        by_name.setdefault(t.name, []).append(t)
    for written, real in EXPECT[key].items():
        assert written in by_name, f"{written!r} not found in seed {key}"
        for t in by_name[written]:
            assert t.place is not None, written
            if real is not None:
                assert km((t.place.lat, t.place.lon), REAL[real]) < 25, (written, t.place)


@pytest.mark.parametrize("key", sorted(NOT_PLACES))
def test_people_months_and_ordinary_words_are_not_places(parser, seeds_dir, key):
    text = _seed(seeds_dir, key)
    names = {t.name for t in parser.parse(text)}
    for word in NOT_PLACES[key]:
        assert word not in names, f"{word!r} taken for a place in seed {key}"


def test_london_is_england_and_washington_the_capital(parser, seeds_dir):
    london = [t for t in parser.parse(_seed(seeds_dir, "004")) if t.name == "London"]
    assert london and all(t.place.country == "GB" for t in london)
    wash = [t for t in parser.parse(_seed(seeds_dir, "003")) if t.name == "Washington"]
    assert wash and all(t.place.id == "gn:4140963" for t in wash)
    assert wash[0].reason and wash[0].alternatives  # it beat other Washingtons, and says why


def test_the_netherlands_is_the_country_without_the_article(parser):
    text = "Azerbaijani diaspora organizations in the Netherlands have staged a protest."
    (t,) = parser.parse(text)
    assert t.name == "Netherlands" and t.place.kind == "country" and t.place.country == "NL"


def test_demonyms_only_when_asked(parser):
    text = "Azerbaijani protesters gathered in Paris on Monday."
    assert [t.name for t in parser.parse(text)] == ["Paris"]
    with_dem = parser.parse(text, demonyms=True)
    assert [(t.name, t.demonym) for t in with_dem] == [("Azerbaijani", True), ("Paris", False)]
    assert with_dem[0].place.country == "AZ"


def test_person_names_are_not_places(parser):
    text = "George Washington crossed the river. President Lincoln spoke. Jack London wrote books."
    names = {t.name for t in parser.parse(text)}
    assert not names & {"Washington", "Lincoln", "London"}


def test_common_words_are_not_places(parser):
    text = "In March the Union said it may be nice. Mobile phones split the vote. Reading is fun."
    assert parser.parse(text) == []


def test_places_inside_organisation_names(parser):
    text = "Students of Moscow State University met in the hall."
    (t,) = parser.parse(text)
    assert t.name == "Moscow" and t.place.country == "RU"


def test_context_decides_ambiguous_names(parser):
    text = "Flooding hit Paris, Texas, on Sunday, and the roads out of Paris were closed."
    tops = [t for t in parser.parse(text) if t.name == "Paris"]
    assert tops and all(t.place.country == "US" for t in tops)
    text2 = "Georgia's president met officials in Tbilisi and Batumi."
    g = [t for t in parser.parse(text2) if t.name == "Georgia"]
    assert g and g[0].place.country == "GE" and g[0].place.kind == "country"


def test_mentions_carry_sentence_and_date(parser, seeds_dir):
    text = _seed(seeds_dir, "004")
    art = Article(id="a1", path="x.txt", text=text, published=date(2020, 7, 29))
    ms = parser.mentions(art)
    assert ms and all(m.article_id == "a1" for m in ms)
    for m in ms:
        assert text[m.start : m.end] == m.name
        assert m.name in m.sentence
        assert text[m.sentence_start : m.sentence_start + len(m.sentence)] == m.sentence
        assert m.date_precision in ("day", "month", "year", "published", "unknown")
    tovuz = next(m for m in ms if m.name == "Tovuz")
    assert tovuz.event_date == date(2020, 7, 12)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
    | st.lists(
        st.sampled_from(
            [
                "Baku",
                "New",
                "York",
                " ",
                "-",
                "'s",
                "the",
                "Nagorno",
                "Karabakh",
                ".",
                "\n",
                "U.S.",
                "Mr.",
                "Xocalı",
                ",",
                "Texas",
                "Paris",
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_offsets_hold_and_nothing_raises_on_any_string(parser, text):
    for t in parser.parse(text, demonyms=True):
        assert text[t.start : t.end] == t.name
        assert 0.0 <= t.score <= 1.0


def test_non_strings_give_nothing(parser):
    assert parser.parse("") == []
    assert parser.parse(None) == []


def test_state_abbreviations_after_a_comma_and_containers(parser):
    text = "The plant in Columbus, Ga., closed; workers moved to Columbus, Ohio. Miss Smith won."
    tops = parser.parse(text)
    names = [(t.name, t.place.admin1 or t.place.name) for t in tops]
    assert ("Ga.", "Georgia") in names
    cols = [t for t in tops if t.name == "Columbus"]
    assert [t.place.admin1 for t in cols] == ["Georgia", "Ohio"]
    assert "Miss" not in [t.name for t in tops]  # a title, not Mississippi


def test_a_state_after_a_comma_is_a_container_only_of_a_place_in_it(parser):
    """ "to Madrid, New York and Sao Paulo" read "Madrid, New York" as a town and its state (there
    is a Madrid in New York State): Madrid stayed Spain's capital, yet "New York" became the state.
    A list item is the city; "Madrid, New York" alone stays the town and its state."""
    got = mapped(parser, "The virus spread from Wuhan to Lombardy and then to Madrid, New York and Sao Paulo.")
    assert got[2:] == [
        ("Madrid", "Madrid", "ES"),
        ("New York", "New York City", "US"),
        ("Sao Paulo", "São Paulo", "BR"),
    ]
    got = mapped(parser, "A fire destroyed a barn in Madrid, New York, near the Canadian border.")
    assert [(m[0], m[2]) for m in got] == [("Madrid", "US"), ("New York", "US")]


def test_a_name_joined_by_with_is_one_place(parser):
    """ "Blackburn with Darwen" (a borough in the week's infection tables) was two mentions,
    Blackburn and Darwen; "with" before another capitalised word stays a plain word."""
    text = "Rates were highest in Blackburn with Darwen (180.3), Pendle and Oldham. He met with London officials."
    assert [m[0] for m in mapped(parser, text)] == ["Blackburn with Darwen", "Pendle", "Oldham", "London"]


def test_a_place_before_its_members_title_is_the_place(parser):
    """ "A Twickenham MP said" lost Twickenham (known first as Huntsville's old name, then read as a
    person's name before a capitalised word); "MP", "MSP", "MEP" say whose member it is."""
    got = [(m[0], m[2]) for m in mapped(parser, "A Twickenham MP said the plan was wrong.")]
    assert got == [("Twickenham", "GB")]


def test_the_small_town_of_a_big_citys_name_is_the_town(parser):
    """ "much of the small town of Phoenix was wiped out" (the Almeda fire, in Oregon) was Phoenix,
    Arizona at .99 by the settlement cue, and so was "Talent and Phoenix in southern Oregon" (only a
    bare " in " said which); "the city of Phoenix" stays Arizona's."""
    for text in (
        "In southern Oregon near the California line, much of the small town of Phoenix was wiped out.",
        "The Almeda fire tore through Talent and Phoenix in southern Oregon. Gusts reached 50mph.",
    ):
        got = {t.name: t.place.admin1 for t in parser.parse(text) if t.place is not None}
        assert got["Phoenix"] == "Oregon", (text, got)
    got = {t.name: t.place.admin1 for t in parser.parse("Flights to the city of Phoenix resumed.") if t.place}
    assert got["Phoenix"] == "Arizona", got


def test_a_person_named_once_stays_a_person(parser):
    text = "Senator John Adams spoke in Boston. Adams later flew to Chicago."
    names = [t.name for t in parser.parse(text)]
    assert names == ["Boston", "Chicago"]


def test_cued_unknown_names_are_recognised_but_notmapped(parser):
    text = "Shelling hit the village of Qzxwylaq in Azerbaijan."
    tops = parser.parse(text)
    assert [t.name for t in tops] == ["Qzxwylaq", "Azerbaijan"]
    assert tops[0].place is None and tops[0].score < 0.5


def test_organisation_words_are_not_places(parser):
    text = (
        "A meeting was held at the House of the Confederation of Azerbaijani Communities of Russia, "
        "Trend reports citing the Azerbaijani State Committee on Affairs with Diaspora."
    )
    names = [t.name for t in parser.parse(text)]
    assert names == ["Russia"]


# --- real-news rules: each case is a kind of error seen on 2020 news (texts written for the tests) ----


def _names(parser, text):
    """The names that would be mapped (a place inside a name or title is recognised, not mapped)."""
    return [t.name for t in parser.parse(text) if t.reason != "inside a name"]


def test_contractions_are_not_places(parser):
    text = "I've never seen anything like it in Paris, France, and we'll be back, she said. I've said so."
    assert _names(parser, text) == ["Paris", "France"]


def test_an_era_is_not_a_province(parser):
    text = "Caesar was killed in 44 BC in Rome, long before Vancouver in BC was founded."
    names = _names(parser, text)
    assert "BC" in names and names.count("BC") == 1  # the second, after "in", is British Columbia
    assert [t for t in parser.parse(text) if t.name == "BC"][0].start > text.index("Vancouver")


def test_centuries_ranges_and_dotted_eras_are_not_a_province(parser):
    text = (
        "The temple dates from the third century BC; the fort from the 5th century AD, the 5th-century BC "
        "wall from the 1st millennium BCE, the graves from 300-200 BC and the coin from 44 B.C. "
        "A historian in Vancouver, B.C., said the finds in BC were rare."
    )
    bcs = [t for t in parser.parse(text) if t.name in ("BC", "B.C.", "AD", "BCE") and t.reason != "inside a name"]
    assert [t.start for t in bcs] == [text.index("B.C.,"), text.index("in BC") + 3]


def test_a_surname_after_a_no_break_space_or_a_country_after_a_given_name_is_a_person(parser):
    text = (
        "Jim\xa0Blakely, head at a school in Leeds, said so. William\xa0Hague agreed.\n\n"
        "Johanna Jordan, from St Andrews, Scotland, complained. The council apologised to Ms Jordan."
    )
    assert _names(parser, text) == ["Leeds", "St Andrews", "Scotland"]
    # a name written with a no-break space is still found and given back as the text spells it
    nyc = "Protests in New\xa0York went on."
    assert [(t.name, t.place.name) for t in parser.parse(nyc)] == [("New\xa0York", "New York City")]


def test_a_saints_parish_abroad_is_not_a_part_of_the_storys_own_city(parser):
    text = (
        "Landlords in London are struggling. Regent Street and St James's in London are hit, and "
        "the St James's area of Westminster is included. Shoppers in Manchester agreed."
    )
    mapped = _on_map(parser, text)
    assert "St James" not in mapped and "London" in mapped
    assert [t.reason for t in parser.parse(text) if t.name == "St James"] == [ABROAD, ABROAD]  # reported only
    assert [t.place.country for t in parser.parse("Flooding hit St James, Jamaica, on Sunday.") if t.place] == [
        "JM",
        "JM",
    ]


def test_given_name_before_a_surname_is_a_person(parser):
    text = "The film by Sam Mendes opened in London. Joanna Lumley and Jordan Henderson attended."
    assert _names(parser, text) == ["London"]


def test_a_place_known_only_by_another_name_is_not_a_given_name(parser):
    text = "Sam, who lives in Leeds, said the queue was long."
    assert _names(parser, text) == ["Leeds"]


def test_royal_titles_are_people_not_places(parser):
    text = "The Duchess of Sussex and Duke Alberto spoke from Los Angeles about Wales."
    tops = parser.parse(text)
    mapped = [t.name for t in tops if t.reason != "inside a name"]
    assert "Sussex" not in mapped and "Alberto" not in mapped
    assert "Los Angeles" in mapped
    ms = parser.mentions(Article(id="x", path="x", text=text, published=date(2020, 5, 1)))
    assert "Sussex" not in [m.name for m in ms]  # a title: recognised as a name, never on the map


def test_apposition_with_an_age_is_a_person(parser):
    text = "Judson, 45, was arrested in Greenville, South Carolina, on Friday. Judson denied the charge."
    assert _names(parser, text) == ["Greenville", "South Carolina"]


def test_a_surname_after_another_name_is_a_person(parser):
    text = "Billionaire MacKenzie Scott gave money to schools in Baton Rouge, Louisiana."
    assert "Scott" not in _names(parser, text)


def test_first_word_of_a_name_followed_by_an_age_or_a_speech_verb(parser):
    text = "Judson Hoover, 50, of Columbia, South Carolina, appeared in court. Judson Miller said nothing."
    assert _names(parser, text) == ["Columbia", "South Carolina"]


def test_a_given_name_opening_a_sentence_is_a_person(parser):
    text = "The team climbed above Keswick in Cumbria, England. Mark reached the crest first."
    assert "Mark" not in _names(parser, text)


def test_hispanic_surnames_are_not_mexican_towns(parser):
    text = "The court heard that Garcia drove from Houston to Dallas, Texas."
    assert _names(parser, text) == ["Houston", "Dallas", "Texas"]


def _res(parser, text):
    return {t.name: (t.place.name, t.place.country, t.place.kind) for t in parser.parse(text) if t.place}


def _marked(parser, text):
    """The mentions that get a marker: a place, not inside a longer name."""
    return [t for t in parser.parse(text) if t.place and t.reason != "inside a name"]


def _countries(parser, text):
    """(name, country) of each mention that gets a marker."""
    return [(t.name, t.place.country) for t in _marked(parser, text)]


def test_a_name_the_text_calls_a_province_is_the_province_under_any_spelling(parser):
    # Tavush is Armenia's Tavuš province, and a village of 1,458 people by its main name; "Tovuz"
    # (an Azerbaijani town, and Berd's old name) once drew the village in through the state context
    text = "Clashes erupted in Tovuz on the border with Armenia's Tavush province."
    tops = {t.name: t for t in _marked(parser, text)}
    assert (tops["Tavush"].place.kind, tops["Tavush"].place.country) == ("admin1", "AM")
    text = "New York state ordered the closures."
    assert [(t.name, t.place.kind) for t in _marked(parser, text)] == [("New York", "admin1")]


def test_a_name_with_a_largest_city_of_its_own_is_the_state(parser):
    # "New York's third-largest city" was New York City at 0.99
    text = "Thousands marched through the streets of New York's third-largest city."
    assert [(t.name, t.place.kind) for t in _marked(parser, text)] == [("New York", "admin1")]
    text = "Fires burned in Victoria's second biggest city, Geelong."
    assert [(t.name, t.place.kind) for t in _marked(parser, text)] == [("Victoria", "admin1"), ("Geelong", "city")]


def test_a_country_listed_with_its_neighbours_is_the_country(parser):
    text = "Flights from Atlanta, Georgia, to Tbilisi resumed; sanctions on Georgia, Armenia and Azerbaijan were not."
    tops = [t for t in parser.parse(text) if t.name == "Georgia"]
    assert [t.place.kind for t in tops] == ["admin1", "country"]
    assert tops[1].place.country == "GE"


def test_a_hyphen_between_two_places_keeps_the_name_of_several_words_after_or_before_it(parser):
    """ "US-North Korea talks" is North Korea, not South Korea's "Korea"; "New York-New Jersey" is
    New Jersey, not the island of Jersey; a hyphenated surname or a hyphenated place stays whole."""
    text = (
        "The US-North Korea talks collapsed. Police closed the Queensland-New South Wales border, "
        "and traffic on the New York-New Jersey line and the Los Angeles-San Francisco train was "
        "light. Jacob Rees-Mogg flew from Winston-Salem to Guinea-Bissau."
    )
    got = {
        t.name: (t.place.name, t.place.country) for t in parser.parse(text) if t.place and t.reason != "inside a name"
    }
    assert got == {
        "US": ("United States", "US"),
        "North Korea": ("North Korea", "KP"),
        "Queensland": ("Queensland", "AU"),
        "New South Wales": ("New South Wales", "AU"),
        "New York": ("New York City", "US"),
        "New Jersey": ("New Jersey", "US"),
        "Los Angeles": ("Los Angeles", "US"),
        "San Francisco": ("San Francisco", "US"),
        "Winston-Salem": ("Winston-Salem", "US"),
        "Guinea-Bissau": ("Guinea-Bissau", "GW"),
    }, got


def test_a_region_whose_name_is_also_its_adjective_is_the_region_after_the(parser):
    """ "the Caribbean", "the Arctic", "the Mediterranean" were read as adjectives (demonyms) and left
    off the map; "Caribbean islands", "Arctic ice" and "the Mediterranean diet" are still adjectives."""
    text = (
        "Migrants crossed the Mediterranean, ice is melting in the Arctic and storms swept the Caribbean. "
        "Caribbean islands and Arctic ice were in the news; so was the Mediterranean diet. "
        "Refugees were held on Christmas Island."
    )
    got = [(t.name, t.place.name) for t in parser.parse(text) if t.place and not t.demonym]
    assert got == [
        ("Mediterranean", "Mediterranean Sea"),
        ("Arctic", "Arctic"),
        ("Caribbean", "Caribbean"),
        ("Christmas Island", "Christmas Island"),
    ], got


def test_la_is_los_angeles_but_not_la_repubblica_nor_a_local_authority(parser):
    us = (
        "He flew to LA from Texas; two LA County deputies were shot and she moved to L.A. in May. "
        "Italian newspaper La Repubblica reported it, the LA Times and the LA Galaxy too."
    )
    got = [(t.name, t.place.name) for t in _marked(parser, us)]
    assert got == [
        ("LA", "Los Angeles"),
        ("Texas", "Texas"),
        ("LA County", "Los Angeles County"),
        ("L.A.", "Los Angeles"),
    ]
    uk = "In Kent, parents said the LA had failed their children; she joined LA Fitness in Leeds."
    got = _countries(parser, uk)
    assert got == [("Kent", "GB"), ("Leeds", "GB")], got


def test_nz_is_new_zealand_but_not_its_dollar_nor_a_party(parser):
    text = (
        "Flights between Australia and NZ resumed; a room in Auckland costs NZ$50. "
        "NZ First and New Zealand First are one party, Advance NZ another."
    )
    got = [(t.name, t.place.name) for t in _marked(parser, text)]
    assert got == [("Australia", "Australia"), ("NZ", "New Zealand"), ("Auckland", "Auckland")], got


def test_mt_is_mount(parser):
    text = "Climbers died on Mt Everest and Mt. Kilimanjaro; she grew up in Mt Isa, Queensland."
    got = [(t.name, t.place.name) for t in parser.parse(text) if t.place]
    assert got == [
        ("Mt Everest", "Mount Everest"),
        ("Mt. Kilimanjaro", "Mount Kilimanjaro"),
        ("Mt Isa", "Mount Isa"),
        ("Queensland", "Queensland"),
    ], got


def test_a_town_named_like_a_word_is_a_town_before_a_state_abbreviation(parser):
    text = "The Camp Fire destroyed Paradise, Calif., in 2018. Hope, Ark., and Mobile, Ala., were spared."
    got = [(t.name, t.place.name, t.place.admin1) for t in parser.parse(text) if t.place and t.place.kind == "city"]
    assert got == [
        ("Paradise", "Paradise", "California"),
        ("Hope", "Hope", "Arkansas"),
        ("Mobile", "Mobile", "Alabama"),
    ], got


def test_the_town_of_a_word_is_that_town_of_the_storys_country(parser):
    """ "the city of Reading" and "the town of Paradise" were unresolved names (a word, so the
    gazetteer's towns of that name were left out); the cue now resolves them among the towns of the
    story's country, and a village the gazetteer lacks stays unresolved rather than a namesake abroad."""
    text = (
        "He lives in the city of Reading in Berkshire and walks in the village of Bentley, near Alton, "
        "Hants. Police in Hampshire and London appealed."
    )
    got = {
        t.name: (t.place.name if t.place else None, t.place.country if t.place else None) for t in parser.parse(text)
    }
    assert got["Reading"] == ("Reading", "GB"), got
    assert got["Bentley"] == (None, None), got  # not Bentley, Western Australia, nor the town near Doncaster
    us = "The Camp Fire ripped through the town of Paradise in California; Los Angeles and Oregon burned too."
    got = [(t.name, t.place.admin1) for t in parser.parse(us) if t.place and t.name == "Paradise"]
    assert got == [("Paradise", "California")], got


def test_a_hamlet_right_after_a_preposition_of_place_is_a_place(parser):
    """A hamlet (under ~2,000 people) needed "X, Division" to count: "flew to Mendocino" and "a pub
    in Ticehurst" were missed. A preposition of place now does, unless the name is a word, a given
    name or a surname, or a person's ("to Romney's 58 per cent")."""
    text = (
        "Brandi flew to Mendocino, where Denise was filming in California. Obama won 40 per cent to "
        "Romney's 58 per cent in Ohio. He stayed at The Bell in Ticehurst, then went to Hastings in England."
    )
    got = [t.name for t in _marked(parser, text)]
    assert got == ["Mendocino", "California", "Ohio", "Ticehurst", "Hastings", "England"], got


def test_a_word_known_only_as_a_towns_other_name_is_no_evidence_for_the_story(parser):
    """ "The Duke and Duchess of Cambridge visited Bradford and Leeds" put Bradford in Pennsylvania
    and Leeds in Alabama: "Duke" is an alternate name of Erwin, North Carolina, and its weight for
    the United States pulled the story's other places there."""
    text = "The Duke and Duchess of Cambridge visited Bradford and Leeds on Wednesday."
    got = [(t.name, t.place.country, round(t.score, 1) >= 0.5) for t in _marked(parser, text)]
    assert got == [("Bradford", "GB", True), ("Leeds", "GB", True)], got


def test_a_small_town_after_a_preposition_counts_when_the_story_names_its_country(parser):
    """A single-word town of 2,000-15,000 people needed strong support from the story: "stuck in
    Aviemore" after Glasgow and "spotted in Malibu" after Los Angeles were dropped. A
    preposition of place and some support from the story's places now do (a city of the country is
    enough, where its country or state was needed); with no support at all ("a cafe in
    Doylestown", a Pennsylvania town of 8,000) the name is drawn only as uncertain, in a one-line
    text (in a story it stays unmapped: see test_confidence)."""
    got = _countries(parser, "Snow closed roads around Glasgow, and drivers were stuck in Aviemore.")
    assert got == [("Glasgow", "GB"), ("Aviemore", "GB")], got
    got = _countries(parser, "After a week in Los Angeles, she was spotted in Malibu.")
    assert got == [("Los Angeles", "US"), ("Malibu", "US")], got
    got = _marked(parser, "They met at a cafe in Doylestown.")
    assert [(t.name, t.place.country, t.score < 0.5) for t in got] == [("Doylestown", "US", True)]


def test_a_saints_hospital_with_a_bare_apostrophe_is_no_place(parser):
    """ "St Joseph's school" was a building but "St Thomas' Hospital" was St. Thomas, Ontario, and
    it took London to Ontario with it; "St James's Hospital" was a place because one of the names
    "St James" stands for is Vung Tau's old name (a city of 460,000). A city's own possessive stays."""
    text = "Nurses at St Thomas' Hospital in London and St James' Hospital in Dublin; St Louis's mayor spoke."
    got = _countries(parser, text)
    assert got == [("London", "GB"), ("Dublin", "IE"), ("St Louis", "US")], got


def test_a_country_before_a_known_surname_is_a_persons_given_name(parser):
    """ "India Hicks, the goddaughter of Prince Charles" put a confident marker (.94) on India: a
    given name rule knew "Israel Folau" but read only surnames no list holds after a country. A
    country's name before a listed surname, the name ending there, is now the person's; the
    country stays a place where the text puts it after "in" (as for "his wife Victoria")."""
    text = "India Hicks, the goddaughter of Prince Charles, lives in the Bahamas."
    assert [t.name for t in _marked(parser, text)] == ["Bahamas"]
    text = "India Hicks was born in London and has lived in India since 1990."
    assert [t.name for t in _marked(parser, text)] == ["London", "India"]


def test_teams_lenders_an_airline_and_a_show_named_after_places_hold_no_place(parser):
    """ "the Arizona Diamondbacks" was Arizona (.78) and "the Boston Red Sox" Boston: only some
    leagues' nicknames were listed, none of two words. "Santander and Halifax cut mortgage rates"
    put markers in Spain and Nova Scotia, "Emirates and Qatar Airways" one on the United Arab
    Emirates, and "Made in Chelsea" one on Chelsea. Places stay places: "the Emirates", "in Halifax"."""
    text = (
        "The Arizona Diamondbacks beat the Boston Red Sox and the Toronto Blue Jays. Santander and "
        "Halifax cut mortgage rates. Emirates and Qatar Airways resumed flights. Made in Chelsea returns."
    )
    assert _marked(parser, text) == []
    text = "Expats in the Emirates were told to stay home. Police in Halifax, Nova Scotia, arrested a man."
    got = _countries(parser, text)
    assert got == [("Emirates", "AE"), ("Halifax", "CA"), ("Nova Scotia", "CA")], got


def test_a_banking_groups_name_holds_no_place(parser):
    # "Australia & New Zealand Banking Group said" put a marker on New Zealand (0.71); HSBC's old
    # name one on Shanghai
    text = (
        "Australia & New Zealand Banking Group said it would sell. The Hongkong and Shanghai Banking "
        "Corporation said so too. Banking in New Zealand grew."
    )
    assert [(t.name, t.start) for t in _marked(parser, text)] == [("New Zealand", text.rindex("New Zealand"))]


def test_a_portuguese_or_spanish_newspapers_name_holds_no_place(parser):
    # "The Jornal do Brasil newspaper, in an editorial" put a marker on Brazil (0.99)
    text = "The Jornal do Brasil newspaper said Brazil must act. Diario de Sevilla reported floods in Seville."
    assert [t.name for t in _marked(parser, text)] == ["Brazil", "Seville"]


def test_a_hyphened_name_of_something_else_keeps_no_old_name_of_a_place(parser):
    # "Net profit at Ciba-Geigy" was Chiba (an old spelling, 0.59), "the Molotov-Ribbentrop pact"
    # Perm (its Soviet name, 0.75); a big place by its own name stays ("Dallas-Fort Worth"), and so
    # does a place before a hyphen used as a dash ("occupied Yugoslavia-part of them")
    text = "Net profit at Ciba-Geigy fell. The Molotov-Ribbentrop pact was signed. Flights left Dallas-Fort Worth."
    assert [t.name for t in _marked(parser, text)] == ["Dallas", "Fort Worth"]


def test_a_british_body_named_uk_holds_no_place_but_the_uk_music_industry_is_the_uk(parser):
    text = "UK Research and Innovation funded the study. The UK music industry asked for help."
    assert [t.start for t in _marked(parser, text)] == [text.index("UK music")]


def test_a_small_town_near_another_place_of_the_story_counts(parser):
    """A one-word town under 15,000 people with no state or country named was dropped as a likely
    word or name, even beside a place 70 km away: "around Agdam and Kalbajar" lost Kalbajar. A
    place 1-150 km from another the story names now counts."""
    got = _countries(parser, "Fighting raged around Agdam and Kalbajar.")
    assert got == [("Agdam", "AZ"), ("Kalbajar", "AZ")], got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Curacao, the Turks and Caicos and the British Virgin Islands join the travel corridor list, "
            "with St Barts and the US Virgin Islands; a Blue Curacao cocktail is no trip.",
            [
                ("Curacao", "CW"),
                ("Turks and Caicos", "TC"),
                ("British Virgin Islands", "VG"),
                ("St Barts", "BL"),
                ("US Virgin Islands", "VI"),
            ],
            id="territories, and a drink named after one",
        ),
        pytest.param(
            "Flights to Lanzarote, Fuerteventura, Gran Canaria and Minorca resumed. The ferry to Skye "
            "was cancelled. Napoleon was exiled to Elba. The Lindisfarne Gospels went on show.",
            [
                ("Lanzarote", "ES"),
                ("Fuerteventura", "ES"),
                ("Gran Canaria", "ES"),
                ("Minorca", "ES"),
                ("Skye", "GB"),
                ("Elba", "IT"),
            ],
            id="holiday islands, and a book named after one",
        ),
        pytest.param(
            "Tourists returning from Crete, Paros and Naxos must isolate. The earthquake struck off "
            "Samos. They holidayed on Sylt and Bornholm, then on Molokai.",
            [
                ("Crete", "GR"),
                ("Paros", "GR"),
                ("Naxos", "GR"),
                ("Samos", "GR"),
                ("Sylt", "DE"),
                ("Bornholm", "DK"),
                ("Molokai", "US"),
            ],
            id="islands named like towns elsewhere",
        ),
        pytest.param(
            "Residents of Crete, Illinois, voted on the levy.",
            [("Crete", "US"), ("Illinois", "US")],
            id="a town named like an island",
        ),
    ],
)
def test_islands_of_travel_news_are_places_and_things_named_after_them_are_not(parser, text, expected):
    """Travel news of 2020 named territories and islands the gazetteer lacked: countryinfo has no
    point for the Turks and Caicos or the Virgin Islands, and cities500 holds towns, not islands
    ("Lanzarote" was nothing, "Minorca" a Louisiana village, "Skye" a suburb of Melbourne). A drink
    or a book named after one is no mention of it."""
    got = _countries(parser, text)
    assert got == expected, got


def test_a_countrys_parties_police_and_public_bodies_are_evidence_for_it_not_places(parser):
    """ "The Lib Dems held Twickenham and Kingston, and won St Albans" mapped St Albans in West
    Virginia and Kingston in Jamaica, and left Twickenham out (GeoNames gives it no population, and
    "Twickenham" is also Huntsville's old name); "Dundrum" after "Gardai" was no place at all. The
    bodies' names are not mentions themselves."""
    text = "The Lib Dems held Twickenham and Kingston, and won St Albans."
    assert _countries(parser, text) == [("Twickenham", "GB"), ("Kingston", "GB"), ("St Albans", "GB")]
    assert _countries(parser, "Gardai were called to a house in Dundrum.") == [("Dundrum", "IE")]
    assert _countries(parser, "The Tories blamed the NHS, and the Taoiseach the HSE.") == []
    (ipswich,) = _marked(parser, "A Tory MP for Ipswich said the NHS was ready.")
    assert ipswich.place.country == "GB" and ipswich.score >= 0.5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Protesters marched from Trafalgar Square to Westminster Bridge.",
            [("Trafalgar Square", "GB"), ("Westminster Bridge", "GB")],
        ),
        ("Walkers were rescued from Snowdon and Scafell Pike.", [("Snowdon", "GB"), ("Scafell Pike", "GB")]),
        ("The White Cliffs of Dover were lit up.", [("White Cliffs of Dover", "GB")]),
        ("Hundreds sat on the Brooklyn Bridge.", [("Brooklyn Bridge", "US")]),
    ],
)
def test_squares_bridges_and_peaks_news_names_are_landmarks(parser, text, expected):
    """Squares, bridges and peaks are places (landmarks) under the annotation policy; the gazetteer
    lacked them, so "Trafalgar Square" was Trafalgar, Madrid (unmapped), "Snowdon" a district of
    Montreal and "Westminster Bridge" or "Brooklyn Bridge" the district the bridge is named after."""
    assert _countries(parser, text) == expected


def test_british_rivers_are_rivers_not_american_towns(parser):
    """The gazetteer had the Thames, Tyne and Mersey but not the Severn, so "The Severn burst its
    banks at Shrewsbury" put both in the US (Severn, Maryland; Shrewsbury, Pennsylvania)."""
    got = _countries(parser, "The Severn burst its banks at Shrewsbury. The River Trent rose.")
    assert got == [("Severn", "GB"), ("Shrewsbury", "GB"), ("River Trent", "GB")], got
    assert _countries(parser, "A 55-year-old Severn, Md. man was arrested.") == [("Severn", "US"), ("Md.", "US")]
    assert _countries(parser, "Severn Trent Water said supplies were safe.") == []


def test_a_river_or_region_within_one_country_is_evidence_for_it(parser):
    """ "A whale was spotted in the Thames near Gravesend" put Gravesend in New York (the larger
    namesake): only countries, states and towns weighed for a story's country, not a river."""
    text = "A whale was spotted in the Thames near Gravesend."
    got = _countries(parser, text)
    assert got == [("Thames", "GB"), ("Gravesend", "GB")], got


def test_two_listed_towns_are_the_namesakes_that_lie_together(parser):
    """ "Voters in Arlington and Alexandria" put Alexandria in Egypt (.87): each name's first sense
    was taken alone. Two listed towns whose senses pair up within 60 km now vouch for each other."""
    got = [(t.name, t.place.admin1) for t in _marked(parser, "Voters in Arlington and Alexandria lined up early.")]
    assert got == [("Arlington", "Virginia"), ("Alexandria", "Virginia")], got
    got = [(t.name, t.place.admin1) for t in _marked(parser, "Portland and Vancouver saw protests.")]
    assert got == [("Portland", "Oregon"), ("Vancouver", "Washington")], got


def test_a_war_named_after_a_country_in_lower_case_is_the_war(parser):
    """ "the Vietnam War" was a name already, "during the Iraq war" a confident marker on Iraq (an
    event named after a place, wrong by the annotation policy). "US war dead" stays the US, and
    "the war in Iraq" stays Iraq."""
    text = "She served during the Iraq war. He honoured US war dead. The war in Iraq began in 2003."
    got = [(t.name, t.start) for t in _marked(parser, text)]
    assert got == [("US", text.index("US")), ("Iraq", text.rindex("Iraq"))], got


def test_a_bishops_see_and_a_life_peers_place_are_titles(parser):
    text = "The Bishop of Durham and Lord Hague of Richmond spoke; the Lord Mayor of London opened the fair."
    got = [t.name for t in _marked(parser, text)]
    assert got == ["London"], got


def test_a_division_is_not_a_same_named_town_of_its_own_country(parser):
    text = "Cases rose in Leeds, Sheffield and York in England, with 1,400 more in Wales."
    assert _res(parser, text)["Wales"] == ("Wales", "GB", "admin1")
    text = "Oil was found off the Atlantic coast; Des Moines and Ames in Iowa reported nothing."
    assert _res(parser, text)["Atlantic"][2] == "water"


def test_the_sentence_container_beats_the_story_context(parser):
    text = "Police in Perth, Scotland, and in Glasgow said a man from Hamilton, New Zealand, was held."
    assert _res(parser, text)["Hamilton"][1] == "NZ"


def test_an_old_alternate_name_does_not_beat_a_state_of_that_name(parser):
    assert _res(parser, "Victoria recorded 300 new cases on Tuesday.")["Victoria"][:2] == ("Victoria", "AU")


def test_a_lone_state_name_is_the_state_not_its_river(parser):
    text = "Mississippi alone has reported 604 cases among teachers."
    assert _res(parser, text)["Mississippi"][2] == "admin1"


def test_a_place_inside_a_name_is_notmapped(parser):
    text = (
        "Manchester United beat Leicester City at Old Trafford. A study by the University of Leeds and "
        "Imperial College London, reported by the Yorkshire Post, was timed for the London Marathon. "
        "Leicester City Council closed shops in Leicester."
    )
    tops = parser.parse(text)
    inside = [t.name for t in tops if t.reason == "inside a name"]
    # a council is a public body (docs/ANNOTATION.md): "Leicester City Council" holds the city's name;
    # Old Trafford in a football story is the stadium, a facility (buildings.txt since bbc150t3)
    assert inside == ["Manchester", "Leicester", "Old Trafford", "Leeds", "London", "Yorkshire", "London", "Leicester"]
    ms = parser.mentions(Article(id="x", path="x", text=text, published=date(2020, 5, 1)))
    assert [m.name for m in ms] == ["Leicester"]


def test_a_carnival_or_show_named_after_a_place_is_an_event_not_the_place(parser):
    text = "Notting Hill Carnival went online, the Chelsea Flower Show was cancelled and he moved to Notting Hill."
    tops = parser.parse(text)
    assert [(t.name, t.reason == "inside a name") for t in tops if t.place] == [
        ("Notting Hill", True),
        ("Notting Hill", False),
    ]


def test_a_place_as_a_modifier_is_found(parser):
    assert _names(parser, "Police said a Bolton man was arrested.") == ["Bolton"]
    text = "Police said a Bolton man and two Andover residents were arrested; the Dublin court heard it."
    assert _names(parser, text) == ["Bolton", "Andover", "Dublin"]


def test_kin_and_roles_before_a_name_make_it_a_person(parser):
    text = "She lives in Sydney with her partner Iman, also 30, and their twins Roya and Yazmin."
    assert _names(parser, text) == ["Sydney"]
    # a trade before a one-word name: "rapper Kanye" is the musician, not the town in Botswana
    text = "As rapper Kanye once put it, the show went on in Chicago with comedian Joshua and chef Dallas."
    assert _names(parser, text) == ["Chicago"]


def test_a_small_place_name_before_a_surname_is_a_first_name(parser):
    text = "League boss Gil McLachlan flew from Melbourne to Brisbane."
    assert _names(parser, text) == ["Melbourne", "Brisbane"]


def test_a_non_breaking_space_inside_a_name(parser):
    assert [(t.name, t.place.name) for t in parser.parse("She flew from Los\u00a0Angeles to Leeds.")] == [
        ("Los\u00a0Angeles", "Los Angeles"),
        ("Leeds", "Leeds"),
    ]


def test_a_web_address_is_no_lower_case_use_of_a_name(parser):
    text = "Swindon lights are brighter, residents say. Details: www.swindon.gov.uk or info@swindon.example."
    assert _names(parser, text) == ["Swindon"]


def test_names_in_pairs_titles_and_compounds_are_not_places(parser):
    text = (
        "Researchers at the Ann & Robert Lurie hospital in Chicago agreed. Bare-chested protesters marched in "
        "London. The hall was built by Ferdinand, 5th Earl of Derby. Tape recordings were played in Washington."
    )
    assert _names(parser, text) == ["Chicago", "London", "Washington"]


def test_confidence_separates_unsure_from_sure(parser):
    sure = parser.parse("Protesters marched in Paris, France, and in Lyon.")
    assert all(t.score >= 0.8 for t in sure)
    (unsure,) = parser.parse("They later visited Springfield.")  # dozens of Springfields, nothing says which
    assert unsure.score < 0.15 and len(unsure.alternatives) >= 3  # about one in ten is right: a calibrated chance
    assert max(a[2] for a in unsure.alternatives) > 0.0


def test_more_people_nicknames_and_common_word_names(parser):
    text = (
        "Michael B. Jordan starred in Selma, Alabama. Police in Felixstowe named the victim as "
        "Victoria Hall, 17. The Keystone state agreed."
    )
    names = _names(parser, text)
    assert "Jordan" not in names and "Victoria" not in names and "Keystone" not in names and "Selma" in names
    assert _names(parser, "The Cairngorms National Park Authority in Scotland agreed.") == ["Scotland"]
    text = "Pupils at the Church of England Primary School in Leeds. The South China Morning Post reported it."
    assert [t.name for t in parser.parse(text) if t.reason != "inside a name"] == ["Leeds"]


def test_an_outlet_or_company_edition_is_inside_a_name(parser):
    text = "He told Daily Mail Australia that Yahoo UK and NBC Miami were wrong about Sydney."
    assert [t.name for t in parser.parse(text) if t.reason != "inside a name"] == ["Sydney"]


def test_latin_and_common_words_are_not_places(parser):
    assert _names(parser, "Scientists said that Homo sapiens lived near Qom in Iran.") == ["Qom", "Iran"]
    text = "Police in Glasgow, Scotland, said Law and order had held in Motherwell and Hamilton."
    assert "Law" not in _names(parser, text)


def test_a_team_named_after_its_city_is_inside_a_name(parser):
    text = "The Dallas Mavericks star flew home to Houston, Texas."
    tops = parser.parse(text)
    assert [(t.name, t.reason == "inside a name") for t in tops] == [
        ("Dallas", True),
        ("Houston", False),
        ("Texas", False),
    ]


def test_a_small_place_abroad_named_like_a_region_of_the_story_is_notmapped(parser):
    text = (
        "Rain hit Liverpool, Manchester, Chester and Cardiff in Wales and England, and the coast of "
        "North Wales was flooded."
    )
    tops = {t.name: t for t in parser.parse(text)}
    assert "Liverpool" in tops
    # never North Wales, Pennsylvania: the Welsh region (a curated row) or nothing
    assert "North Wales" not in tops or tops["North Wales"].place.country == "GB"


def test_an_alternate_name_alone_needs_the_story_there(parser):
    # "Acropolis" is also an old alternate name of Little Rock, Arkansas: never that; the gazetteer
    # now has the Acropolis itself (a landmark)
    text = "He removed the marbles from the Acropolis in Athens, Greece, and shipped them to Britain."
    assert _res(parser, text)["Acropolis"][:2] == ("Acropolis", "GR")
    text = "Data from Public Health England show Brits in Leeds are at risk."
    assert _names(parser, text) == ["Leeds"]


def test_a_compass_part_of_a_story_city_is_that_city(parser):
    text = (
        "Protesters gathered at a tube station in East London, while police in Manchester and Leeds, England, waited."
    )
    assert _res(parser, text)["East London"][:2] == ("London", "GB")
    text = "Flooding hit East London in the Eastern Cape, South Africa."
    assert _res(parser, text)["East London"][:2] == ("East London", "ZA")


# --- issue 11: real news (each text written for the test) ---------------------------------------


def _on_map_toponyms(parser, text):
    """The toponyms drawn as markers: resolved and not reported only (``NOT_MAPPED``)."""
    return [t for t in parser.parse(text) if t.place is not None and t.reason not in NOT_MAPPED]


def _on_map(parser, text):
    """The names drawn as markers."""
    return [t.name for t in _on_map_toponyms(parser, text)]


def test_buildings_streets_and_airports_standing_for_institutions_are_notmapped(parser):
    text = (
        "The White House said on Monday that Downing Street and the Kremlin had talked. "
        "Whitehall sources said flights from Heathrow to Paris were cancelled."
    )
    assert mapped(parser, text) == [("Paris", "Paris", "FR")]
    # "Notre Dame" is the cathedral or the university, not the village in Indiana, unless a state follows
    text = "She got her law degree from Notre Dame and lives in South Bend. A fire gutted Notre Dame in 2019."
    assert [m[0] for m in mapped(parser, text)] == ["South Bend"]
    got = [(m[0], m[2]) for m in mapped(parser, "He was born in Notre Dame, Indiana.")]
    assert got == [("Notre Dame", "US"), ("Indiana", "US")]


def test_a_street_building_or_event_named_after_a_place_is_not_that_place(parser):
    text = (
        "Police cordoned off Hurst Street in Birmingham after the attack. The Delta Park rally in "
        "Portland, Oregon drew crowds, and crews fought the El Dorado Fire near Yucaipa, California. "
        "She studied at Harvard Law School."
    )
    names = [m[0] for m in mapped(parser, text)]
    assert "Birmingham" in names and "Portland" in names and "Oregon" in names
    assert not {"Hurst", "Delta", "El Dorado", "Harvard"} & set(names)


def test_an_alternate_name_unlike_the_place_needs_a_reason(parser):
    text = "Diners ate in the Sol bar in Leeds, then walked past the Ocean Beach cafe and Central Park Grill."
    assert [m[0] for m in mapped(parser, text)] == ["Leeds"]  # not Seoul, Belmar or Bethpage
    text = "Tanks entered Kiev, Ukraine, and the Madras office in India closed."
    assert [m[1] for m in mapped(parser, text)][:2] == ["Kyiv", "Ukraine"]


def test_royal_and_personal_titles_before_a_small_town_name_make_a_person(parser):
    text = "Prince Charles and Queen Elizabeth visited Aberdeen in Scotland."
    assert [m[0] for m in mapped(parser, text)] == ["Aberdeen", "Scotland"]


def test_a_given_name_after_kin_with_a_comma_is_a_person(parser):
    text = "The family moved to Austin, Texas, with her husband, Martin, in May."
    assert [m[0] for m in mapped(parser, text)] == ["Austin", "Texas"]  # not Martin, Tennessee


def test_english_regions_are_regions_of_england_not_towns_abroad(parser):
    text = "Cases rose in Leeds and York, in the North East and the North West, and fell in the South West of England."
    got = {m[0]: m for m in mapped(parser, text)}
    for name in ("North East", "North West", "South West"):
        assert got[name][2] == "GB" and got[name][1] == name


def test_a_common_two_word_name_ending_a_longer_name_is_not_a_place(parser):
    text = "Visitors crowded the North York Moors National Park and the Peak District in England this summer."
    assert "National Park" not in [m[0] for m in mapped(parser, text)]


def test_police_forces_courts_and_local_media_named_after_a_place_are_notmapped(parser):
    text = (
        "A spokesman for Kent Police said the man from Dover appeared at Maidstone Crown Court. "
        "He told Leeds Live that the London Ambulance Service was called."
    )
    assert [m[0] for m in mapped(parser, text)] == ["Dover"]


def test_a_given_name_after_another_given_name_and_and_is_a_person(parser):
    text = "Ten years on, Jennifer and Brad met again in Los Angeles."
    assert [m[0] for m in mapped(parser, text)] == ["Los Angeles"]  # not Brad, Romania


def test_a_small_place_opening_a_longer_unknown_name_is_notmapped(parser):
    text = "Unified Security's Nigel Coppick spoke in Melbourne, and the Avondale Mayor spoke in Phoenix, Arizona."
    names = [m[0] for m in mapped(parser, text)]
    assert "Nigel" not in names  # a person, not Nigel, South Africa
    assert "Avondale" in names and "Melbourne" in names  # "Avondale Mayor": a modifier, still the place


def test_a_name_listed_with_states_is_the_state(parser):
    text = "Wildfires burned from California and Washington to Colorado, and from Georgia, Alabama and Texas."
    got = {t.name: t.place for t in parser.parse(text)}
    assert (got["Washington"].kind, got["Washington"].country) == ("admin1", "US")  # not the capital
    assert (got["Georgia"].kind, got["Georgia"].country) == ("admin1", "US")  # not the country
    text = "Ministers from Georgia, Armenia and Azerbaijan met."
    assert {t.name: t.place for t in parser.parse(text)}["Georgia"].kind == "country"


def test_a_school_station_or_street_named_after_a_place_over_several_words_is_notmapped(parser):
    text = "Pupils of Mount Carmel RC High School in Accrington stayed home; trains left Birmingham New Street Station."
    names = [m[0] for m in mapped(parser, text)]
    assert "Mount Carmel" not in names and "Birmingham" not in names


def test_public_bodies_courts_and_forces_named_after_a_place_are_notmapped(parser):
    text = (
        "Officials at NSW Health and Queensland Treasury called Scotland Yard in London. The US Court of "
        "Appeals heard the Ohio National Guard's case; Ireland's Supreme Court ruled, and US customs said no."
    )
    assert [m[0] for m in mapped(parser, text)] == ["London", "Ireland", "US"]


def test_the_eu_a_tv_channel_and_london_airports_are_notmapped(parser):
    text = "He watched Channel 4 in Leeds; the EU met in Brussels; she flew into London Stansted from Rome."
    assert [m[0] for m in mapped(parser, text)] == ["Leeds", "Brussels", "Rome"]


def test_a_child_listed_with_an_age_at_the_end_of_a_caption_is_a_person(parser):
    text = "Pictured with his children Noah, 13, and Isaac, 7\nThe family lives in Perth."
    assert [m[0] for m in mapped(parser, text)] == ["Perth"]


def test_an_alternate_name_starting_a_longer_unknown_name_is_a_person(parser):
    assert [m[0] for m in mapped(parser, "Cheng Lei was detained in Beijing.")] == ["Beijing"]  # not Zhengzhou


def test_an_organisation_whose_name_opens_with_a_place_is_notmapped(parser):
    text = (
        "An officer of the Louisville Metro Police Department, the NYC Hospitality Alliance and the "
        "Coventry Building Society spoke in Louisville, Kentucky."
    )
    assert [m[0] for m in mapped(parser, text)] == ["Louisville", "Kentucky"]
    # "and" inside the body's name; a list of places before a body stays a list
    text = "A Zimbabwe Parks and Wildlife Management Authority officer said elephants died in Zimbabwe and Zambia."
    assert [m[0] for m in mapped(parser, text)] == ["Zimbabwe", "Zambia"]


def test_a_name_like_a_country_before_a_surname_and_a_verb_is_a_person(parser):
    """ "Georgia Toffolo joined the cast" mapped the country Georgia: a given name before a word
    that is no place and no English word is a person's name where a verb news uses of people
    follows, as where "said" or a comma does; the country alone stays the country."""
    text = "Georgia Toffolo joined the cast. India Knight posted her column. Israel Folau joined the club."
    assert mapped(parser, text) == []
    assert [m[0] for m in mapped(parser, "Georgia joined the talks on Tuesday.")] == ["Georgia"]


def test_a_fund_named_after_a_country_is_not_the_country(parser):
    """ "iShares UK Equity Index is a hit" mapped the United Kingdom (a fund's name); the plain
    "a UK passive fund" stays the country."""
    text = (
        "iShares UK Equity Index is a hit among savers looking for a UK passive fund, and Liontrust "
        "Japan Smaller Companies and Vanguard US Equity Tracker are close behind."
    )
    assert [m[0] for m in mapped(parser, text)] == ["UK"]


def test_teams_papers_universities_stations_and_forces_named_after_a_place_are_notmapped(parser):
    text = (
        "Oregon State Police said the Melbourne Storm fan, a Manchester Metropolitan University student, "
        "told USA Today she took the train from London Waterloo after a Channel Seven interview in Perth. "
        "Brittany Ferries sailed, the US Marine Corps flew and the case went to Mount Druitt Local Court."
    )
    assert [m[0] for m in mapped(parser, text)] == ["Perth"]
    text = "Floods hit Oregon and Melbourne; the London train was late."
    assert [m[0] for m in mapped(parser, text)] == ["Oregon", "Melbourne", "London"]


def test_a_capitalised_word_before_a_place_that_is_no_place_ends_a_name(parser):
    text = (
        "A spokesman for Alopecia UK said flights on Virgin Atlantic resumed, and Tate Britain reopened. "
        "The vice president was Dick Cheney. She told Good Morning Britain about a rave in Perth."
    )
    assert [m[0] for m in mapped(parser, text)] == ["Perth"]
    text = (
        "Rain fell on South London and the Swiss Alps, and a woman from Melksham Wiltshire "
        "left Metropolitan Melbourne. In England it was dry."
    )
    names = [m[0] for m in mapped(parser, text)]
    assert {"London", "Alps", "Wiltshire", "Melbourne", "England"} <= set(names)


def test_english_districts_and_london_boroughs_are_found_in_england(parser):
    text = "Cases rose in Lewisham, Castle Point, Newark and Sherwood and Three Rivers, England."
    got = {t.name: t.place for t in parser.parse(text)}
    assert {k: (p.country, p.kind) for k, p in got.items() if k != "England"} == {
        "Lewisham": ("GB", "admin2"),
        "Castle Point": ("GB", "admin2"),
        "Newark and Sherwood": ("GB", "admin2"),
        "Three Rivers": ("GB", "admin2"),
    }


def test_an_english_word_is_a_small_town_only_when_the_text_or_story_says_so(parser):
    text = "Bear wakes up man sleeping near his pool. A Freedom of Information request was filed in Seattle."
    assert [m[0] for m in mapped(parser, text)] == ["Seattle"]  # not Bear, Delaware; not Freedom, California
    text = "A teenager from Bury is missing; he was last seen in Bury town centre, Greater Manchester."
    assert "Bury" in [m[0] for m in mapped(parser, text)]


def test_county_abbreviations_and_the_upper_east_side(parser):
    text = "The pub in Chipping Norton, Oxon, and a flat on the Upper East Side were sold."
    got = {t.name: t.place for t in parser.parse(text)}
    assert (got["Oxon"].name, got["Oxon"].country) == ("Oxfordshire", "GB")  # not Oxon Hill, Maryland
    assert got["Upper East Side"].country == "US"


def test_councils_hospitals_castles_and_a_speaker_after_said_are_not_places(parser):
    text = (
        "Plans went to Cheshire East Council. The baby was taken to Doncaster Royal Infirmary. "
        "Tourists queued at Windsor Castle. 'He was abnormal,' said Kerry, 'from childhood.' "
        "Meanwhile, Cancer Research UK warned of delays in Leeds."
    )
    assert [m[0] for m in mapped(parser, text)] == ["Leeds"]


def test_papers_firms_events_laws_and_buildings_named_with_a_place_are_notmapped(parser):
    text = (
        "An inquiry by The Atlantic was quoted by the Sunshine Coast Daily. Canada Life and the Korea "
        "Centers for Disease Control agreed with the Children's Hospital of Chicago. The Tokyo Summer "
        "Olympic Games moved. Trains on the West Coast Main Line passed the Port of Liverpool Building "
        "and Blackpool Tower. The Delivering for America Act reached the Court of Appeals for the "
        "District of Columbia Circuit. Tests ran at Hanover-Langenhagen Airport before the Bordeaux "
        "River Cruise. Then they sailed the Atlantic to Halifax."
    )
    assert _names(parser, text) == ["Atlantic", "Halifax"]


def test_a_village_of_the_story_country_does_not_beat_a_world_city_on_that_alone(parser):
    text = "Police in Leeds, Manchester, Bristol and Glasgow made arrests in Britain. Houston police shot a man."
    assert _res(parser, text).get("Houston", ("", "", ""))[1] != "GB"  # no marker in a Scottish village
    texas = "Police in Leeds and Manchester made arrests on Monday. In other news, Houston police shot a man in Texas."
    assert _res(parser, texas)["Houston"][1] == "US"
    tenn = "The fair in Paris drew crowds from Memphis, Nashville and Knoxville in Tennessee."
    assert _res(parser, tenn)["Paris"][1] == "US"  # a story of its own state
    scot = "Police in Paisley and Glasgow said a man from Houston, Renfrewshire, was hurt."
    assert _res(parser, scot)["Houston"][1] == "GB"  # the text says which


def test_a_world_city_named_like_a_state_listed_with_states_is_the_state(parser):
    text = "Indoor dining has been banned in both New Jersey and New York since March."
    assert _res(parser, text)["New York"] == ("New York", "US", "admin1")
    assert _res(parser, "She flew from New York to Boston.")["New York"][2] == "city"
    assert _res(parser, "Storms hit Sonora and Mexico this week.")["Mexico"][2] == "country"  # not a world city


def test_a_magazine_a_tv_station_a_university_and_a_firm_of_two_surnames_are_not_places(parser):
    text = (
        "The Atlantic reported the remark. A general told the Atlantic: 'No.' Biden cited today's Atlantic "
        "article. A witness told Boston 25 News about it. He taught at the University of Southern California "
        "in July. Johnson & Johnson and Scott & Stapleton signed in Essex. "
        "Storms crossed the Atlantic to Bermuda, and trains from Bolton & Wigan ran late."
    )
    assert _names(parser, text) == ["Essex", "Atlantic", "Bermuda", "Bolton", "Wigan"]


def test_a_place_opening_a_quotation_is_found_and_a_quoted_first_word_opens_the_sentence(parser):
    text = (
        "Dr Lynham said in a statement. 'Queensland now has the toughest laws.' "
        "A spokesman said: 'Upgrading Swindon's streetlights is a huge job.' O'Neill flew home."
    )
    assert _names(parser, text) == ["Queensland", "Swindon"]


def test_a_postal_state_code_after_a_place_and_a_comma_is_the_state(parser):
    text = "Protesters marched in Rochester, NY on Friday. He moved to Portland, OR. Smith, OR Jones, said no."
    got = _res(parser, text)
    assert got["Rochester"][:2] == ("Rochester", "US") and got["NY"] == ("New York", "US", "admin1")
    assert got["OR"] == ("Oregon", "US", "admin1")
    assert [t.name for t in parser.parse(text)].count("OR") == 1  # not after a name that is no place
    near = [t for t in parser.parse(text) if t.name == "Rochester"][0].place
    assert abs(near.lat - 43.15) < 0.5 and abs(near.lon + 77.6) < 0.5  # New York's, not Illinois' or Minnesota's


def test_a_city_owning_a_park_or_beach_is_that_city_and_a_saint_owning_one_is_a_name(parser):
    text = "In Florida, the famous beach in Miami was quiet. Miami's South Beach was empty."
    assert _names(parser, text) == ["Florida", "Miami", "Miami", "South Beach"]
    beach = [t for t in parser.parse(text) if t.name == "South Beach"][0].place
    assert beach.country == "US" and beach.lat < 30  # Florida's, not Staten Island's
    text = "Sydney's Moore Park was empty. He worked at St Mary's Hospital, then walked round St James's Park."
    # a park the gazetteer has under its own name, possessive and all, is that park (London's)
    assert _names(parser, text) == ["Sydney", "St James's Park"]
    park = [t for t in parser.parse(text) if t.name == "St James's Park"][0].place
    assert park.country == "GB" and park.kind == "landmark", park


def test_a_quoted_nickname_with_a_title_does_not_make_the_town_a_person_for_the_whole_story(parser):
    text = "He was known as 'Mr. Arlington' for decades. He served on several boards in Arlington."
    assert _names(parser, text) == ["Arlington"]


def test_a_restaurant_and_a_court_circuit_named_after_a_place_are_notmapped(parser):
    text = "We ate at the Loch Fyne Oyster Bar before sailing on Loch Fyne. She appeared in Cass County Circuit Court."
    tops = parser.parse(text)
    assert _names(parser, text) == ["Loch Fyne"]
    assert any(t.name == "Cass County" and t.reason == EMBEDDED for t in tops)  # recognised, not on the map


def test_an_english_word_opening_a_name_with_of_is_not_a_town(parser):
    text = (
        "He asked under the federal Freedom of Information Act about ships at the Battle of Trafalgar "
        "and the island-strewn Gulf of Fethiye."
    )
    names = _names(parser, text)
    assert not {"Freedom", "Battle", "Gulf"} & set(names)
    assert "Fethiye" in names


def test_dc_before_a_surname_is_a_detective_constable(parser):
    text = "'DC Nugent has informed me,' he stated. The DC Mayor spoke in Washington, DC on Monday."
    dcs = [t for t in parser.parse(text) if t.name == "DC"]
    assert [text[t.start - 5 : t.start] for t in dcs] == [
        " The ",
        "ton, ",
    ]  # the mayor's and the city's, not the officer


# --- issue 11, fourth round (each text written for the test) -------------------------------------


def test_an_organisation_head_word_opening_a_sentence_opens_the_name_holding_the_place(parser):
    text = (
        "Highways England closed the road near Leeds. Age UK warned about winter. "
        "Cricket Australia met in Sydney. Former Florida governors met in Miami."
    )
    assert _names(parser, text) == ["Leeds", "Sydney", "Florida", "Miami"]


def test_an_organisation_named_for_a_place_is_not_the_place(parser):
    text = "Transport for London said fewer people rode the Tube in London. The Minister for Wales visited Cardiff."
    assert _names(parser, text) == ["London", "Wales", "Cardiff"]  # not the transport body's London


def test_a_war_or_crisis_named_after_a_country_is_an_event(parser):
    text = "He served in the Vietnam War and later worked in Vietnam. The Suez Crisis shook Egypt."
    assert _names(parser, text) == ["Vietnam", "Egypt"]


def test_a_facility_named_after_a_town_and_placed_in_another(parser):
    text = "Migrants were housed at the Napier barracks in Folkestone. He lived in Napier, New Zealand."
    assert [m[0] for m in mapped(parser, text)] == ["Folkestone", "Napier", "New Zealand"]


def test_a_given_name_seen_with_a_surname_is_a_person_throughout(parser):
    text = (
        "Kyle Walker was fined after a party in Austin, Texas. His teammates stood by Kyle and his family. "
        "Jackson Browne sang in Jackson, Mississippi."
    )
    assert _names(parser, text) == ["Austin", "Texas", "Jackson", "Mississippi"]  # not Kyle, Texas


def test_clubs_companies_and_bodies_with_a_place_and_an_organisation_word(parser):
    text = (
        "He started at Alfreton Town before moving to Derby. Students at Manchester Metropolitan "
        "were angry. Biden toured the Wisconsin Aluminum Foundry in Manitowoc. The Police Federation "
        "of England and Wales met the Economic Club of New York in Leeds."
    )
    assert _names(parser, text) == ["Derby", "Manitowoc", "Leeds"]


def test_longer_names_of_bodies_laws_studies_companies_and_grounds_holding_a_place(parser):
    text = (
        "A doctor at the Shanghai Public Health Clinical Centre spoke in Beijing. The Kano State Child "
        "Protection Bill passed in Abuja. Milk was recalled by Rio Coffee Pty Ltd in Melbourne. The final "
        "moved from the Sydney Cricket Ground to Brisbane. The Massachusetts Male Aging Study was cited."
    )
    assert _names(parser, text) == ["Beijing", "Abuja", "Melbourne", "Brisbane"]


def test_a_surname_named_like_a_town_with_a_role_apposition_or_a_speech_verb_is_a_person(parser):
    text = (
        "Schools in Leeds and York were struggling.\n\nCrispin Barton, the general secretary of the "
        "Guild of Head Teachers, said tests were scarce in England.\n\nAlwyn Moss, of the "
        "Lecturers' Union, said Manchester was worse."
    )
    assert _names(parser, text) == ["Leeds", "York", "England", "Manchester"]  # not Barton, not Moss
    text = "Parents in Lincolnshire were angry.\n\nCrispin Barton, general secretary of the heads' union, agreed."
    assert _names(parser, text) == ["Lincolnshire"]
    text = "The attack in Barton, a town in Lancashire, was news. People in Kenitra said so."
    assert _names(parser, text) == ["Barton", "Lancashire", "Kenitra"]
    # a given name that is also a town's short name ("Romilly"), and a country before the role: the
    # country is the post's, not the container of a town "Preston, UK"
    text = "Aid to Kenya was cut.\n\nRomilly Preston, UK director of the charity, said the cuts were cruel."
    assert _names(parser, text) == ["Kenya", "UK"]
    assert _names(parser, "The storm hit Preston, UK and then Leeds.") == ["Preston", "UK", "Leeds"]
    # one word, "a" and a role or a party: a person, here and later in the story
    text = (
        "Voters in Atlanta, Georgia, will choose. Loeffler drew a counter-attack from Collins. The race "
        "pits her against Collins, a conservative House Republican, as well as Democrats."
    )
    assert _on_map(parser, text) == ["Atlanta", "Georgia"]
    assert _names(parser, "He moved to Lincoln, a former mining town in Nebraska.") == ["Lincoln", "Nebraska"]


def test_a_state_office_after_a_name_a_state_and_a_country_share_is_the_state(parser):
    # the country Georgia has no governor and no senate
    for text in ("Georgia Gov. Brian Kemp said so.", "Appointed Georgia Senator Kelly Loeffler cut an ad."):
        assert [t.place.country for t in parser.parse(text)] == ["US"]
    assert [t.place.country for t in parser.parse("He flew to Georgia and Armenia.")] == ["GE", "AM"]


def test_a_place_inside_a_brand_or_a_food_is_no_mention_and_the_brands_short_name_neither(parser):
    # a proper brand: its first word alone later in the story is the brand too ("the Aston")
    text = (
        "An Aston Martin careered through a fence in Woking, Surrey. The Aston Martin driver was hurt. "
        "Aston bosses said the Aston was insured."
    )
    assert _names(parser, text) == ["Woking", "Surrey"]
    assert _names(parser, "He grew up in Aston, Birmingham, and later bought an Aston Martin.") == [
        "Aston",
        "Birmingham",
    ]
    # a food or a shop's name holds a place the story is not about; the same place said plainly stays
    text = "Shoppers in Iowa bought Brussels sprouts at Marks & Spencer before talks in Brussels."
    assert _names(parser, text) == ["Iowa", "Brussels"]
    assert [t.start for t in parser.parse(text) if t.name == "Brussels"] == [text.rindex("Brussels")]


def test_a_name_with_an_age_in_words_is_a_person_and_a_car_brand_no_town(parser):
    text = (
        "Students in Leeds partied.\n\nCharlotte, a 32-year-old primary school teacher from Bromley, said "
        "she saw it. Charlotte left. Police found pills in his 2005 Cadillac STS in Portland, Oregon."
    )
    assert _names(parser, text) == ["Leeds", "Bromley", "Portland", "Oregon"]
    # after a locative word the name is the place; an age before a town is the town's
    text = "Aiden from Chelsea, an 18-year-old student, was hurt in Leeds."
    assert _names(parser, text) == ["Chelsea", "Leeds"]
    assert _names(parser, "They moved to Springfield, a 40-year-old town in Ohio.") == ["Springfield", "Ohio"]


def test_christ_church_is_a_church_or_college_unless_placed_and_halls_are_residences(parser):
    text = "He was heckled in a row at Canterbury Christ Church. Students at Christ Church, Oxford, left."
    assert "Christ Church" not in _names(parser, text)
    text = "The hotel is in Christ Church, Barbados, near Bridgetown."
    assert _names(parser, text) == ["Christ Church", "Barbados", "Bridgetown"]
    text = "To the students at Birley campus and Cambridge halls in Manchester: get in touch."
    assert _names(parser, text) == ["Manchester"]


def test_a_railway_line_a_middle_name_may_kin_listed_and_the_georgian_period(parser):
    text = "The market town sits on the West Coast main line, north of Preston. Wildfires hit the West Coast."
    assert _names(parser, text) == ["Preston", "West Coast"]
    # "May" between a given name and a surname is a middle name, no month
    text = "Celebrity partners: Georgia May Foote and Debbie McGee. The show is filmed in Blackpool, Lancashire."
    assert _names(parser, text) == ["Blackpool", "Lancashire"]
    assert _names(parser, "Protests in Georgia May 5 were large, said officials in Tbilisi.") == ["Georgia", "Tbilisi"]
    # the last of the names listed after one's kin
    text = "He died in Bedford, England, with his grandchildren Benjie and Georgia beside him."
    assert _names(parser, text) == ["Bedford", "England"]
    # "Georgian" of a building is the British period; of troops, the country
    text = "Courses are taught in a Georgian mansion in Pembrokeshire. Georgian troops crossed into Abkhazia."
    assert [(t.name, t.demonym) for t in parser.parse(text, demonyms=True)] == [
        ("Pembrokeshire", False),
        ("Georgian", True),
        ("Abkhazia", False),
    ]


def test_a_states_name_before_an_unknown_surname_and_said_is_a_person(parser):
    # "Nevada Foskit said": a state's name that no list holds as a given name, before a word that is no
    # English word and no place, the name ending there
    text = "The lift in Allston, Boston, was shut. 'It does not move ever,' Nevada Foskit said."
    assert _names(parser, text) == ["Allston", "Boston"]
    assert _names(parser, "Wildfires in Montana and Nevada spread, officials in Carson City said.") == [
        "Montana",
        "Nevada",
        "Carson City",
    ]


def test_one_of_the_leaders_is_a_person_and_characters_are_no_places_unless_placed(parser):
    text = "Anon Nampa, one of the protest leaders, said: 'Do you hear us?' Crowds gathered in Bangkok."
    assert _names(parser, text) == ["Bangkok"]
    text = "Downtown Nampa, one of the fastest-growing cities in Idaho, grew."
    assert _names(parser, text) == ["Nampa", "Idaho"]
    text = "The bishop of Myra (aka Santa Claus) is buried in Turkey. We could send Statler and Waldorf home."
    assert _names(parser, text) == ["Turkey"]
    assert _names(parser, "The town of Santa Claus, Indiana, gets letters.") == ["Santa Claus", "Indiana"]


def test_the_mp_for_a_constituency_said_keeps_the_constituency(parser):
    # "Adams said" is a person, but after "the MP for" the name is the seat (a place under the policy)
    assert _names(parser, "The MP for Dover said the verdict was fair, in Kent.") == ["Dover", "Kent"]
    assert _names(parser, "Adams said the verdict was fair, in Kent.") == ["Kent"]


def test_a_given_name_before_the_surname_west_is_a_person_throughout(parser):
    # "West" is the one compass word that is a frequent surname: "Kanye West's" makes Kanye a person,
    # so "Kanye" alone later is no town in Botswana
    text = "Kanye West's wife Kim flew to Haiti. A source said Kanye was struggling."
    assert _names(parser, text) == ["Haiti"]
    text = "Kanye West met the president. Kanye later spoke in Los Angeles."
    assert _names(parser, text) == ["Los Angeles"]
    assert _names(parser, "He was born in Kanye, Botswana, and moved to Gaborone.") == [
        "Kanye",
        "Botswana",
        "Gaborone",
    ]


def test_a_battle_named_after_a_place_and_hollywood_as_the_film_industry(parser):
    text = (
        "The ship fought at the Battle of Trafalgar before sailing to Cadiz. Hollywood actor Tom Hanks "
        "flew to Brisbane. The couple later moved to Hollywood."
    )
    tops = parser.parse(text)
    assert _names(parser, text) == ["Cadiz", "Brisbane", "Hollywood"]
    assert any(t.name == "Trafalgar" and t.reason == EMBEDDED for t in tops)  # recognised, not on the map
    # the industry's people and output too: a publicist, footage, friends, its norm
    text = (
        "A Hollywood publicist said unedited Hollywood footage was shown. She and her Hollywood friends "
        "rallied voters, a change from the Hollywood norm. The couple rented a Hollywood apartment."
    )
    assert _names(parser, text) == ["Hollywood"]


def test_nhs_england_a_ports_council_the_capitol_and_a_constitution_are_not_places(parser):
    text = (
        "NHS England said staff in Leeds would be tested. An official of the Florida Ports Council spoke "
        "in Miami. Flags at the US Capitol flew at half-staff in Washington. He swore to uphold the "
        "Constitution of the United States."
    )
    assert _names(parser, text) == ["Leeds", "Miami", "Washington"]


def test_a_body_named_after_two_places_and_a_saints_church_are_notmapped(parser):
    text = (
        "Devon and Cornwall Police warned walkers near Exeter. The Cardiff and Vale University Health "
        "Board met in Newport. A woman prayed outside St. Joseph's Church in Beijing. He flew from Leeds "
        "and Manchester to Paris."
    )
    assert _names(parser, text) == ["Exeter", "Newport", "Beijing", "Leeds", "Manchester", "Paris"]


def test_a_channel_a_disease_and_a_university_named_after_a_place(parser):
    text = (
        "An ABC 7 Chicago story was shared in Dallas. Children with Kawasaki disease were studied in "
        "Osaka. An epidemiologist from Harvard spoke in Boston."
    )
    assert _names(parser, text) == ["Dallas", "Osaka", "Boston"]


def test_football_clubs_and_shops_named_after_places(parser):
    text = (
        "PSG lost to Bayern Munich in Lisbon. Real Madrid tested players in Valencia. Former McDonald's "
        "workers in Sydney and Argos staff in Leeds were paid."
    )
    assert _names(parser, text) == ["Lisbon", "Valencia", "Sydney", "Leeds"]


def test_a_division_whose_own_city_the_story_names_beats_a_same_named_country(parser):
    text = "Georgia voters queued for hours in Atlanta. Russia and Ukraine were also discussed at the summit."
    assert _res(parser, text)["Georgia"] == ("Georgia", "US", "admin1")
    # within one country the city of the name keeps its lead: the text must say "Washington state"
    assert _res(parser, "Trump flew from Washington to Seattle on Monday.")["Washington"][2] == "city"
    # other US states in a British story: the state, not the country; the country's capital keeps it
    text = "Britons in London, Manchester and Leeds watched as voters in Texas and Ohio queued, and Georgia reported delays."
    assert _res(parser, text)["Georgia"] == ("Georgia", "US", "admin1")
    text = "Officials in Paris said. Georgia's president flew from Tbilisi to meet leaders in Texas and Florida."
    assert _res(parser, text)["Georgia"] == ("Georgia", "GE", "country")
    # with nothing of the state's in the story, Georgia next to its neighbours stays the country
    text = "Sanctions on Georgia, Armenia and Azerbaijan were eased."
    assert _res(parser, text)["Georgia"] == ("Georgia", "GE", "country")


def test_a_compass_part_before_a_big_city_is_that_city_not_the_region(parser):
    text = "Two men were arrested in South West London and Manchester, police in England said."
    tops = parser.parse(text)
    assert [(t.name, t.place.name) for t in tops if t.place and t.score > 0] == [
        ("London", "London"),
        ("Manchester", "Manchester"),
        ("England", "England"),
    ]
    # the region on its own is still the region
    assert _res(parser, "Rain is forecast for the South West and Wales.")["South West"][1:] == ("GB", "region")


def test_a_one_word_small_town_abroad_in_a_story_about_another_country_is_notmapped(parser):
    text = (
        "Councils in England, Scotland and Wales agreed. Protesters marched from Leeds to Bradford, "
        "and the crowd in Hazelwood grew as Sheffield followed."
    )
    tops = parser.parse(text)
    mapped = _on_map(parser, text)
    assert mapped == ["England", "Scotland", "Wales", "Leeds", "Bradford", "Sheffield"]
    # recognised (a gold corpus counts it found), with no confidence, never mapped
    assert [(t.name, t.score, t.reason) for t in tops if t.reason == ABROAD] == [("Hazelwood", 0.0, ABROAD)]
    article = Article(id="a1", path="a1", text=text, published=date(2020, 9, 1))
    assert "Hazelwood" not in [m.name for m in parser.mentions(article)]
    # a big city abroad stays: Toronto is mapped in the same British story
    text2 = text + " A march in Toronto followed."
    assert "Toronto" in _on_map(parser, text2)


def test_a_suburb_named_with_its_city_lies_in_that_city_not_in_the_storys_country(parser):
    text = "Fans in London, Manchester and Leeds watched. The striker grew up in Richmond, a Melbourne suburb."
    res = _res(parser, text)
    assert res["Richmond"][1] == "AU" and res["Melbourne"][:2] == ("Melbourne", "AU")
    text = "Fans in London, Manchester and Leeds watched. The striker grew up in Richmond, an inner Melbourne suburb."
    assert _res(parser, text)["Richmond"][1] == "AU"
    # without the words that tie it to the city, the British story keeps its own Richmond
    text = "Fans in London, Manchester and Leeds watched. The striker grew up in Richmond, then moved."
    assert _res(parser, text)["Richmond"][1] == "GB"


def test_a_planet_in_a_story_about_space_is_not_the_town_named_after_it(parser):
    text = (
        "Astronomers using a NASA telescope found an exoplanet twice the size of Jupiter. "
        "Unlike Jupiter and Saturn, it orbits its star in three days, said a scientist from Jupiter, Florida."
    )
    tops = parser.parse(text)
    planets = [(t.name, t.score) for t in tops if t.reason == PLANET]
    assert planets == [("Jupiter", 0.0), ("Jupiter", 0.0)]  # recognised, no confidence
    article = Article(id="p1", path="p1", text=text, published=date(2020, 9, 1))
    mapped = [(m.name, m.start) for m in parser.mentions(article)]
    # "Jupiter, Florida" (a town with its state) stays the town; the planets are not on the map
    assert [n for n, _ in mapped if n == "Jupiter"] == ["Jupiter"]
    assert [s for n, s in mapped if n == "Jupiter"] == [text.rindex("Jupiter")]
    # a story that is not about space keeps the town
    res = _res(parser, "The golf tournament in Jupiter drew fans from Miami and Orlando on Sunday.")
    assert res["Jupiter"][:2] == ("Jupiter", "US")


def test_a_place_opening_a_long_facility_or_lab_name_and_a_sea_named_magazine_are_notmapped(parser):
    def reason(text, name):
        return next(t.reason for t in parser.parse(text) if t.name == name)

    # three capitalised words between the place and the facility's head word
    assert reason("A video on the Whitby Beach Marine Science Station page showed the fish.", "Whitby") == EMBEDDED
    assert reason("Staff at the Leicester Lighthouse Lab worked through the night.", "Leicester") == EMBEDDED
    # the magazine, with an adverb before its reporting verb
    assert reason("Trump denied it. The Atlantic also details another exchange.", "Atlantic") == EMBEDDED
    # the places themselves stay places
    assert reason("The fish washed up in Whitby on Monday.", "Whitby") != EMBEDDED
    assert reason("Storms over the Atlantic also hit Bermuda.", "Atlantic") != EMBEDDED


def test_a_state_university_or_its_team_is_not_the_state(parser):
    def reasons(text):
        return [(t.name, t.reason) for t in parser.parse(text) if t.place is not None]

    text = "Nebraska and Ohio State voted against it. Iowa State plays in the Big 12 and the Iowa State Cyclones lost."
    got = reasons(text)
    assert ("Ohio", EMBEDDED) in got and got.count(("Iowa", EMBEDDED)) == 2
    assert [n for n, r in got if r != EMBEDDED] == ["Nebraska"]
    # a state's own title, the state written in lower case, and Washington State stay the state
    for text in (
        "Illinois State Rep. Mary Smith said the vote was close.",
        "Schools across Iowa state reopened on Monday.",
        "Fires burned across Washington State on Monday.",
    ):
        assert [r for _, r in reasons(text)] != [EMBEDDED], text


def test_a_town_that_the_text_puts_in_a_division_abroad_is_not_mapped_to_a_namesake(parser):
    # the gazetteer knows a Winter Hill only in the US; the text puts this one in Lancashire
    text = "Snow fell on Saddleworth Moor and Winter Hill in Lancashire on Monday."
    tops = {t.name: t for t in parser.parse(text)}
    assert tops["Winter Hill"].reason == ELSEWHERE and tops["Winter Hill"].score == 0.0
    assert tops["Lancashire"].place.country == "GB"
    article = Article(id="w1", path="w1", text=text, published=date(2020, 9, 1))
    assert "Winter Hill" not in [m.name for m in parser.mentions(article)]
    # a town in the division named stays mapped
    tops = {t.name: t for t in parser.parse("Snow fell on Burnley in Lancashire on Monday.")}
    assert tops["Burnley"].place.country == "GB" and tops["Burnley"].reason != ELSEWHERE
    # a part of a city named with a compass word and the city ("X, north London"): the same
    tops = {t.name: t for t in parser.parse("He went to a school in Mile End, east London, then to Leeds.")}
    assert tops["Mile End"].reason == ELSEWHERE and tops["Leeds"].reason != ELSEWHERE
    # ... and one the gazetteer has in London is mapped there (Hampstead, curated, not New Hampshire's)
    tops = {t.name: t for t in parser.parse("He went to a school in Hampstead, north London, then to Leeds.")}
    assert tops["Hampstead"].reason != ELSEWHERE and tops["Hampstead"].place.country == "GB"
    # a plain list of cities in several countries is no such apposition
    tops = parser.parse("Fans in Paris, London and Berlin cheered.")
    assert [t.place.country for t in tops if t.reason != ELSEWHERE] == ["FR", "GB", "DE"]


def test_towns_ending_like_abstract_nouns_and_london_boroughs_are_places(parser):
    def places(text):
        return {t.name: (t.place.country if t.place else None) for t in parser.parse(text) if t.reason != EMBEDDED}

    # "-ence", "-ness" endings: towns, not abstract nouns
    got = places("The wedding will take place in Florence. Ferries sail from Barrow-in-Furness to Skegness.")
    assert got.get("Florence") == "IT" and got.get("Barrow-in-Furness") == "GB" and got.get("Skegness") == "GB"
    # an abstract noun that is also a town's name stays a word
    assert "Constitution" not in places("The Constitution was signed in Philadelphia.")
    # London boroughs that GeoNames has only as unpopulated parts of London
    text = "Cases rose in London on Monday. Infection rates climbed in Ealing, Wandsworth, Hackney and Bromley."
    got = {t.name: t.place for t in parser.parse(text)}
    for name in ("Ealing", "Wandsworth", "Hackney", "Bromley"):
        assert got.get(name) is not None and got[name].country == "GB", name
        assert abs(got[name].lat - 51.5) < 0.2 and abs(got[name].lon + 0.1) < 0.3, name


def test_australian_states_written_short_in_an_australian_story(parser):
    def places(text):
        return [(t.name, t.place.name) for t in parser.parse(text) if t.place is not None and t.reason != EMBEDDED]

    text = (
        "Cases fell in Sydney and Melbourne on Monday. WA recorded no new cases, and SA and the ACT "
        "reopened their borders, WA Today reported."
    )
    got = places(text)
    assert ("WA", "Western Australia") in got and ("SA", "South Australia") in got
    assert ("ACT", "Australian Capital Territory") in got
    assert sum(1 for n, _ in got if n == "WA") == 1  # "WA Today" is a newspaper's name
    # in an American story WA is no Australian state
    got = places("Snow fell in Seattle, Spokane and Tacoma, WA on Monday.")
    assert all(p != "Western Australia" for _, p in got)


def test_a_small_town_named_with_its_own_city_or_county_ismapped(parser):
    def places(text):
        return {t.name: t for t in parser.parse(text) if t.place is not None}

    got = places("She was found at her home in Woolton, Liverpool on March 6.")
    assert got["Woolton"].place.country == "GB" and got["Woolton"].reason != ELSEWHERE
    assert km((got["Woolton"].place.lat, got["Woolton"].place.lon), (53.37, -2.87)) < 10
    # the same town named alone, in a story about nothing British, stays unmapped
    assert "Woolton" not in places("Prices rose at Woolton on March 6, traders in Chicago said.")


def test_a_place_named_given_name_before_a_second_name_the_text_uses_alone_is_a_person(parser):
    assert "Christopher" not in _on_map(
        parser, "Christopher Columbus reached the Bahamas in 1492. Columbus then sailed on."
    )
    assert "Israel" not in _on_map(parser, "Israel Adesanya won in Abu Dhabi on Sunday. Adesanya is unbeaten.")
    assert "Chad" not in _on_map(parser, "Sheriff Chad Bianco spoke in Riverside. Mr Bianco said two men were held.")
    # the second name never alone: no such reading; a region or a place before a place stays a place
    assert "Sydney" in _on_map(parser, "Boats crossed Sydney Harbour on Monday. The harbour was calm.")
    assert "Sydney" in _on_map(parser, "Shops in western Sydney Priceline stores ran out. Priceline said sorry.")
    assert "Brent" in _on_map(parser, "The mural is by Brent London Borough of Culture, in London.")


def test_a_town_abroad_the_resolver_barely_believes_in_is_not_mapped_in_a_story_elsewhere(parser):
    text = "Coffee chain Pret a Manger confirmed it has axed 2,800 roles in Britain, in London, Manchester and Bristol."
    tops = {t.name: t for t in parser.parse(text)}
    if "Manger" in tops:  # recognised, but a brand's word: never mapped
        assert tops["Manger"].reason == ABROAD and tops["Manger"].score == 0.0
    article = Article(id="p1", path="p1", text=text, published=date(2020, 9, 1))
    names = [m.name for m in parser.mentions(article)]
    assert "Manger" not in names and "London" in names and "Manchester" in names
    # a confident town abroad stays mapped
    tops = {t.name: t for t in parser.parse("Queues formed in London on Monday, and in Munich too.")}
    assert tops["Munich"].place.country == "DE" and tops["Munich"].reason != ABROAD


def test_kin_names_addressees_and_ages_are_people_even_when_named_like_countries(parser):
    assert _on_map(parser, "We drove to Leeds with their daughter Sydney on Tuesday.") == ["Leeds"]
    assert _on_map(parser, "He stabbed his estranged wife Victoria in Barnsley on March 29.") == ["Barnsley"]
    assert _on_map(parser, "He was due home in Leeds with wife Clare on Tuesday.") == ["Leeds"]
    assert _on_map(parser, "They welcomed a son named Jordan in 1972 in Leeds.") == ["Leeds"]
    assert _on_map(parser, "'Stop it,' I muttered to Georgia as we left Paris.") == ["Paris"]
    assert _on_map(parser, "Benjie, 16, cooked. Georgia, 11, laid the table in Leeds.") == ["Leeds"]
    # a country with a figure in a list, a trip to a country, a wife flying to one: still places
    assert _on_map(parser, "In Spain, 12, in France, 10.") == ["Spain", "France"]
    assert _on_map(parser, "His wife flew to Jordan on Monday.") == ["Jordan"]
    assert _on_map(parser, "Her husband's family lives in Georgia, the country.") == ["Georgia"]


def test_number_words_are_numbers_unless_the_text_makes_them_a_place(parser):
    assert _on_map(parser, "The poll closed in the US. Ninety-six per cent of them said no.") == ["US"]
    assert _on_map(parser, "Ninety Six per cent of voters in Leeds said no.") == ["Leeds"]
    assert _on_map(parser, "He grew up in Ninety Six, South Carolina.") == ["Ninety Six", "South Carolina"]


def test_a_show_titled_with_a_places_possessive_is_not_the_place(parser):
    tops = {t.name: t for t in parser.parse("She sang on Britain's Got Talent in 2019 and moved to Leeds.")}
    assert tops["Britain"].reason == EMBEDDED and tops["Leeds"].reason != EMBEDDED
    tops = {t.name: t for t in parser.parse("She is known as 'France's Most Wanted Woman'.")}
    assert tops["France"].reason == EMBEDDED
    # a place's own part or a plain possessive stays the place
    tops = {t.name: t for t in parser.parse("Martin grew up in Cheshire's Delamere Forest. Britain's economy grew.")}
    assert tops["Cheshire"].reason != EMBEDDED and tops["Britain"].reason != EMBEDDED


def test_a_county_or_region_after_a_comma_says_which_same_named_town(parser):
    def where(text, name):
        return [(round(t.place.lat, 1), round(t.place.lon, 1)) for t in parser.parse(text) if t.name == name]

    # Newport, Gwent (Wales), not Newport on the Isle of Wight, also for the later bare mention
    text = "The teacher, from Newport, Gwent, flew to Bristol. A teacher, from Newport, complained."
    assert where(text, "Newport") == [(51.6, -3.0), (51.6, -3.0)]
    assert where("The hotel in Brampton, Cumbria, reopened.", "Brampton") == [(55.0, -2.7)]
    # a state after the comma still decides as before
    assert where("He was born in Newport, Rhode Island.", "Newport") == [(41.5, -71.3)]


def test_a_county_after_in_or_a_captions_date_says_which_same_named_town(parser):
    def where(text, name):
        return [(round(t.place.lat, 1), round(t.place.lon, 1)) for t in parser.parse(text) if t.name == name]

    # St Ives in Cornwall, not the bigger St Ives in Cambridgeshire (which the text rules out)
    assert where("Properties in the seaside resort of St Ives in Cornwall.", "St Ives") == [(50.2, -5.5)]
    # the agencies' photo caption: "X on <date> in <county>"
    text = "Properties in the popular seaside resort of St Ives on April 14, 2016 in Cornwall"
    assert where(text, "St Ives") == [(50.2, -5.5)]
    assert where("Tourists in St Ives on Monday, June 1, 2020 in Cambridgeshire", "St Ives") == [(52.3, -0.1)]
    tops = {t.name: t for t in parser.parse("'We were quiet,' she told Denver 7. Later he told France Inter radio.")}
    assert tops["Denver"].reason == EMBEDDED and tops["France"].reason == EMBEDDED
    # told a place's police, or a move to the city: places
    tops = {t.name: t for t in parser.parse("She told Paris police. He moved to Denver in 2007.")}
    assert tops["Paris"].reason != EMBEDDED and tops["Denver"].reason != EMBEDDED


def test_a_big_places_name_given_to_a_person_by_kin_is_a_person_throughout_unless_its_country_is_named(parser):
    text = "He stabbed his estranged wife Victoria in Barnsley. Victoria's family said she was loved. Victoria died."
    assert _on_map(parser, text) == ["Barnsley"]
    text = "His wife Victoria lives in Barnsley. Victoria has new cases, Melbourne too."
    assert _on_map(parser, text) == ["Barnsley", "Victoria", "Melbourne"]


def test_a_shop_named_after_a_country_is_not_the_country(parser):
    tops = {t.name: t for t in parser.parse("The manager at the nearby Iceland saw it. Police arrived in Leeds.")}
    assert tops["Iceland"].reason == EMBEDDED and tops["Leeds"].reason != EMBEDDED
    tops = {t.name: t for t in parser.parse("It happened near an Iceland supermarket in Leeds.")}
    assert tops["Iceland"].reason == EMBEDDED
    # the country itself, and an abbreviation as a modifier, stay places
    tops = {t.name: t for t in parser.parse("Iceland has new cases. A UK supermarket shut.")}
    assert tops["Iceland"].reason != EMBEDDED and tops["UK"].reason != EMBEDDED


def test_the_state_of_x_and_x_state_are_the_state_not_its_same_named_city(parser):
    def where(text):
        return [(t.name, round(t.place.lat, 1), round(t.place.lon, 1)) for t in parser.parse(text) if t.place]

    # a bare "New York" first (the city), then "New York state": that mention is the state
    text = "I pay taxes in New York. By contrast, New York state's top tax rate is 9 per cent, said a man in Albany."
    assert where(text)[:2] == [("New York", 40.7, -74.0), ("New York", 43.0, -75.5)]
    assert where("Police in Manhattan said the state of New York will pay.")[1] == ("New York", 43.0, -75.5)
    # the cued mention first: later bare mentions follow it
    text = "New York state has 400 new cases. Cuomo said New York would be at a disadvantage."
    assert [w[1:] for w in where(text)] == [(43.0, -75.5), (43.0, -75.5)]
    # a capitalised "State of" opens a name, not a cue; "Washington state" is the state
    assert where("He fought the Islamic State of Iraq and the Levant.")[0] == ("Iraq", 33.0, 44.0)
    assert where("Fires burn in Oregon and in Washington state near Seattle.")[1] == ("Washington", 47.5, -120.5)


def test_a_state_office_after_a_name_shared_by_a_state_and_its_city_is_the_state(parser):
    def first(text):
        t = next(t for t in parser.parse(text) if t.place)
        return t.name, t.place.kind

    assert first("It came after New York Governor Andrew Cuomo said it would be tested.") == ("New York", "admin1")
    assert first("An inquiry by New York Attorney General Letitia James began in April.") == ("New York", "admin1")
    assert first("Washington Gov. Jay Inslee said Seattle was ready.") == ("Washington", "admin1")
    assert first("The governor of New York said schools would open.") == ("New York", "admin1")
    # the city's own office stays the city; a nation's attorney general stays the nation
    assert first("New York Mayor Bill de Blasio closed the schools.") == ("New York", "city")
    assert first("Mexico Attorney General Alejandro Gertz spoke.") == ("Mexico", "country")


def test_a_place_before_an_office_and_its_holder_is_a_place_not_a_given_name(parser):
    # Austin, Victoria and Vermont are given names too: before "Mayor Steve Adler" they are places
    def placed(text):
        return [(t.name, t.place.admin1 or t.place.country, t.place.kind) for t in parser.parse(text) if t.place]

    assert placed("Austin Mayor Steve Adler said the city would cut the police budget.") == [
        ("Austin", "Texas", "city")
    ]
    assert placed("Victoria Premier Daniel Andrews announced a curfew.") == [("Victoria", "AU", "admin1")]
    assert placed("The nomination was stolen from Vermont Sen. Bernie Sanders, he said.") == [
        ("Vermont", "US", "admin1")
    ]
    # a person whose surname is an office word, and a given name before a surname, stay people
    assert placed("Austin Mayor, 34, was charged.") == []
    assert placed("Austin Butler said the film was hard.") == []


def test_a_bank_or_company_named_like_a_town_is_the_business_throughout(parser):
    assert _on_map(parser, "Santander's 123 Lite Account pays cashback. Santander said it would close in Leeds.") == [
        "Leeds"
    ]
    text = "Figures from Halifax, which is Britain's biggest mortgage lender, showed prices rose, Halifax said."
    assert _on_map(parser, text) == ["Britain"]
    assert _on_map(parser, "In Leeds, Beulah's founders were sued. Beulah made a loss.") == ["Leeds"]
    assert _on_map(parser, "De La Rue shares fell 2 per cent in London.") == ["London"]
    # a big city's market, a country's customers and a town with a place cue and container stay places
    assert _on_map(parser, "Tokyo shares fell 2 per cent. UK customers complained.") == ["Tokyo", "UK"]
    assert "Halifax" in _on_map(parser, "He lives in Halifax, Nova Scotia, and Halifax's customers were angry.")


def test_a_species_or_breed_named_after_a_place_is_not_the_place(parser):
    text = (
        "The Komodo dragon is the largest lizard. Rangers on Komodo island in Indonesia counted them. "
        "A Pacific walrus was seen off Alaska, and a Tenterfield terrier found a woman in New South Wales."
    )
    tops = parser.parse(text)
    assert _on_map(parser, text) == ["Komodo", "Indonesia", "Alaska", "New South Wales"]
    # the species' place words are reported as inside a name, the island itself stays mapped
    assert [(t.name, t.reason == EMBEDDED) for t in tops if t.name in ("Komodo", "Pacific", "Tenterfield")] == [
        ("Komodo", True),
        ("Komodo", False),
        ("Pacific", True),
        ("Tenterfield", True),
    ]
    # a dog of a breed named after a place: "black Labrador", "a Chihuahua puppy"; the region stays
    text = "His assistance dog, a black Labrador, sat in the dock at Southwark. A Chihuahua puppy went missing."
    assert "Labrador" not in _on_map(parser, text) and "Chihuahua" not in _on_map(parser, text)
    assert "Labrador" in _on_map(parser, "The ship sailed along the coast of Labrador, Canada, to Nain.")
    # livestock and food after a place stay the place as a modifier
    assert _on_map(parser, "UK cattle are fed grass. Alaska salmon sold well in Seattle.") == [
        "UK",
        "Alaska",
        "Seattle",
    ]


def test_years_bc_is_an_era_not_british_columbia(parser):
    text = "The pyramids of Giza in Egypt were built some 4,500 years BC; others say 2000 years BC."
    assert [t.name for t in parser.parse(text)] == ["Giza", "Egypt"]
    assert [t.name for t in parser.parse("Flights to Vancouver, BC resumed for years.")] == ["Vancouver", "BC"]


def test_a_city_part_named_like_a_place_abroad_is_not_mapped_abroad(parser):
    # "East London" named three times does not outvote the British story: it is London's east
    text = (
        "Protesters blocked an East London Tube station on Monday. Commuters in East London were stranded, and "
        "East London police made arrests. Officers from London, Manchester and Birmingham helped, the UK said."
    )
    east = [t for t in parser.parse(text) if t.name == "East London"]
    assert [(t.place.name, t.place.country) for t in east] == [("London", "GB")] * 3
    # London's Victoria, which the gazetteer lacks, is reported rather than drawn in Australia
    text = (
        "Cyclists in Islington, Mayfair and Victoria said the lanes were empty. London, Manchester and "
        "Birmingham councils in England said Britain needed more of them."
    )
    tops = {t.name: t for t in parser.parse(text)}
    assert tops["Victoria"].reason == ABROAD and tops["Victoria"].score == 0.0
    assert "Victoria" not in _on_map(parser, text) and "Islington" in _on_map(parser, text)
    # in an Australian story, and as "Victoria, B.C.", it stays mapped
    assert "Victoria" in _on_map(parser, "Victoria has 16 new cases. Melbourne and Sydney reopened, NSW said.")
    assert ("Victoria", "CA") in [
        (t.name, t.place.country) for t in parser.parse("Flights to Victoria, B.C. resumed.") if t.place
    ]


def test_a_sea_the_story_names_as_a_magazine_is_the_magazine_throughout(parser):
    text = (
        "The senator praised The Atlantic for the piece. Aides confirmed the Atlantic's reporting on Friday, "
        "while the Atlantic only had unnamed sources. A reply was published by the Atlantic Thursday. "
        "The writer later flew across the Atlantic to Lisbon."
    )
    # only the ocean the writer flew across (and Lisbon) are markers; the magazine is no sea
    assert _on_map(parser, text) == ["Atlantic", "Lisbon"]
    # a story with no magazine cue keeps its sea
    assert _on_map(parser, "Storms in the Atlantic hit Bermuda, and the Atlantic stayed rough.") == [
        "Atlantic",
        "Bermuda",
        "Atlantic",
    ]


def test_a_sports_body_named_after_a_place_is_not_the_place(parser):
    text = "England Rugby and Scotland Hockey said the coach had died. He was born in Hastings, England."
    assert _on_map(parser, text) == ["Hastings", "England"]


def test_a_facility_named_after_its_town_in_lower_case_is_not_mapped_but_a_description_is(parser):
    text = (
        "Trump held a rally at the Reno airport. Commuters queued at Rooty Hill train station in Sydney's west. "
        "The west London airport reported a fall, and a Leeds station cleaner was praised. Tests ran at "
        "Manchester airport."
    )
    assert [m[0] for m in mapped(parser, text)] == ["Sydney", "London", "Leeds"]
    # a sports club named after its town, in lower case: the venue ("at East Grinstead rugby club")
    text = "A silence was held at East Grinstead rugby club. Players from Crawley travelled to Sussex."
    assert [m[0] for m in mapped(parser, text)] == ["Crawley", "Sussex"]


def test_a_maiden_name_is_no_place_and_london_districts_are_in_london(parser):
    text = "His mother, Mary Turner née Marshall, lived in Kensington, west London, and later in Hampstead and Mayfair."
    got = {
        (t.name, t.place.country, round(t.place.lat, 1), round(t.place.lon, 1))
        for t in parser.parse(text)
        if t.place and t.reason not in NOT_MAPPED
    }
    assert got == {
        ("Kensington", "GB", 51.5, -0.2),
        ("London", "GB", 51.5, -0.1),
        ("Hampstead", "GB", 51.6, -0.2),
        ("Mayfair", "GB", 51.5, -0.1),
    }


def test_an_air_base_a_team_with_a_number_and_a_named_wind_are_not_places(parser):
    text = (
        "Trump spoke at Andrews Air Force Base in Maryland. He was drafted to the San Francisco 49ers, "
        "and so-called Santa Ana winds fanned fires in California."
    )
    assert [m[0] for m in mapped(parser, text)] == ["Maryland", "California"]


def test_famous_neighbourhoods_the_gazetteer_lacked_are_where_the_story_is(parser):
    text = (
        "Miami's South Beach was quiet. Shops in Manhattan's SoHo neighborhood shut. "
        "Pictured: Kensington Gardens, as rain moved in over London."
    )
    got = {t.name: t.place for t in parser.parse(text) if t.place and t.reason not in NOT_MAPPED}
    assert (got["SoHo"].country, round(got["SoHo"].lat)) == ("US", 41)
    assert (got["South Beach"].country, round(got["South Beach"].lat)) == ("US", 26)
    assert (got["Kensington Gardens"].country, round(got["Kensington Gardens"].lat)) == ("GB", 52)


def test_a_surname_after_a_particle_none_and_mach_are_no_places(parser):
    text = (
        "Deputy officer Annaliese van Diemen spoke in Melbourne. None of the G7 nations, Canada and Italy "
        "among them, agreed. The jet flies at Mach 3 over Texas, said Dr Walter Farina of Universidad de Chile."
    )
    names = [m[0] for m in mapped(parser, text)]
    assert names[:4] == ["Melbourne", "Canada", "Italy", "Texas"] and "Universidad" not in names


def test_parks_named_with_a_generic_head_the_red_cross_and_park_avenue(parser):
    text = (
        "A Red Cross volunteer walked in Wirral Country Park near Liverpool. Critics said he sees the world "
        "from Park Avenue. Cars were banned around Green Park and Hyde Park in London."
    )
    got = {t.name: t.place for t in parser.parse(text) if t.place and t.reason not in NOT_MAPPED}
    assert not {"Red Cross", "Country Park", "Park Avenue"} & set(got)
    assert got["Green Park"].country == "GB" and got["Liverpool"].country == "GB"


def test_districts_of_british_cities_geonames_lacks_are_found_in_britain(parser):
    text = "A man from Crosby, Merseyside, was arrested in Selly Oak, Birmingham, and his friend lives in Govan."
    got = {t.name: t.place.country for t in parser.parse(text) if t.place and t.reason not in NOT_MAPPED}
    assert {k: got.get(k) for k in ("Crosby", "Selly Oak", "Govan")} == {
        "Crosby": "GB",
        "Selly Oak": "GB",
        "Govan": "GB",
    }


def test_a_common_word_town_with_its_own_state_after_it_is_the_town(parser):
    text = "The driver, from Mobile, Alabama, took his mobile phone. In May, Texas reported cases."
    assert [(m[0], m[2]) for m in mapped(parser, text)] == [("Mobile", "US"), ("Alabama", "US"), ("Texas", "US")]


def test_counties_of_northern_ireland_and_scottish_regions_are_found(parser):
    text = "He is from Fermanagh, Northern Ireland; fires burned in County Londonderry and in Caithness, Scotland."
    got = {t.name: t.place for t in parser.parse(text) if t.place and t.reason not in NOT_MAPPED}
    assert {k: (got[k].country, round(got[k].lat)) for k in ("Fermanagh", "County Londonderry", "Caithness")} == {
        "Fermanagh": ("GB", 54),
        "County Londonderry": ("GB", 55),
        "Caithness": ("GB", 58),
    }


def test_shares_in_a_firm_named_like_a_town_and_a_walk_named_after_one_are_not_places(parser):
    text = "Shares in Berkeley edged down 3 per cent. Police cordoned off Hurst Walk in Birmingham."
    assert [m[0] for m in mapped(parser, text)] == ["Birmingham"]


def test_westminster_alone_is_london_and_peoples_universities_and_ranges_are_no_places(parser):
    got = mapped(parser, "Westminster was rocked by a wave of allegations.")
    assert [(m[0], m[2]) for m in got] == [("Westminster", "GB")]
    text = (
        "It could end the Arab-Israeli conflict. She taught at Tufts University, and birds died at the White "
        "Sands Missile Range in New Mexico."
    )
    assert [m[0] for m in mapped(parser, text)] == ["New Mexico"]


def test_a_hamlet_named_like_a_world_city_or_a_state_needs_the_text(parser):
    text = "Doctors in San Diego, California, agree with a dermatologist at a clinic in London."
    got = {m[0]: m[2] for m in mapped(parser, text)}
    assert got["London"] == "GB"
    text = "Pubs in Leeds, Manchester and York reopened. A factory in California makes jelly beans."
    assert {m[0]: m[2] for m in mapped(parser, text)}["California"] == "US"
    # ... but in a story that names nothing of the big sense's country, the hamlet's own country decides
    text = "Energy audits will cover Cavan Institute, the courthouse in Ballyjamesduff and the Ramor Theatre, Virginia."
    assert {m[0]: m[2] for m in mapped(parser, text)}.get("Virginia") == "IE"


def test_a_verb_opening_a_sentence_and_a_demonym_in_a_compound_are_no_places(parser):
    text = (
        "Students in Guildford and Woking, Surrey, are in lockdown in England.\n"
        "* Are you a student in lockdown? Send your photos to: pictures@example.com"
    )
    assert [m[0] for m in mapped(parser, text)] == ["Guildford", "Woking", "Surrey", "England"]
    text = "British-Canadian activist Gavin McInnes spoke in Portland, Oregon. The Canadian-born actor lives in London."
    assert [m[0] for m in mapped(parser, text)] == ["Portland", "Oregon", "London"]
    # ... while the demonym itself is still read as one (Canada), when demonyms are asked for
    dem = [
        (t.name, t.place.country) for t in parser.parse("Canadian officials met in Paris.", demonyms=True) if t.demonym
    ]
    assert dem == [("Canadian", "CA")]


def test_british_given_names_that_are_towns_start_a_persons_name(parser):
    text = "Experts are worried.  Clive Watson, the chairman, and Nigel Marriott, a statistician, met in Leeds."
    assert [m[0] for m in mapped(parser, text)] == ["Leeds"]


def test_a_title_after_titled_is_no_place(parser):
    text = "A special entitled Tallahassee Trap airs in Florida; the photo, titled 'Red Carpet', won in Manila."
    assert [m[0] for m in mapped(parser, text)] == ["Florida", "Manila"]


def test_london_city_alone_is_the_airport(parser):
    text = "He flew from London City to Dundee, and the City of London was quiet."
    assert [m[0] for m in mapped(parser, text)] == ["Dundee", "City of London"]


def test_a_city_and_its_own_district_are_one_confident_answer(parser):
    """GeoNames has Birmingham the city and the borough of Birmingham a few km apart: the
    reader's place is the city, and the two senses do not halve its confidence (shown as
    uncertain, hidden by "Hide uncertain places")."""
    text = "Police in Birmingham said a man was arrested on Tuesday after a fight in Selly Oak."
    (bham,) = [t for t in parser.parse(text) if t.name == "Birmingham"]
    assert bham.place is not None and bham.place.kind == "city" and bham.place.country == "GB"
    assert bham.score >= 0.5, bham


def test_a_possessive_inside_a_places_own_name(parser):
    """GeoNames names places with a possessive inside ("Shepherds Bush", "King's Lynn"): the name
    goes on past it, while a possessive before another name still ends the place's."""
    text = (
        "Police were called to Shepherd's Bush on Friday. He lives in King's Lynn, Norfolk. "
        "Fans queued at Earl’s Court. Toronto's Pearson Airport was shut."
    )
    names = [m[0] for m in mapped(parser, text)]
    assert names == ["Shepherd's Bush", "King's Lynn", "Norfolk", "Earl’s Court", "Toronto"], names


def test_an_unknown_given_name_opening_a_sentence_starts_a_persons_name(parser):
    """A first word that no list holds and that is no English word ("Munira", "Tilda") makes the
    town-named word after it a surname even at a sentence's start, and a person throughout; an
    English word there ("Visit") or the town's name put somewhere by the text ("in Swinton") does not."""
    text = (
        "Schools in Leeds reopened on Monday.\n"
        "Munira Wilson, the party's spokesman, said the plan was poor. Wilson wants more tests in York.\n"
        "Tilda Swinton appeared at the festival in Venice."
    )
    assert [m[0] for m in mapped(parser, text)] == ["Leeds", "York", "Venice"]
    # mid-sentence too: after a first word that is no English word, the surname alone is the person
    text = "Officials in Delhi met Amitabh Mathur, who advised India. Mathur worked for the army for a decade."
    assert [m[0] for m in mapped(parser, text)] == ["Delhi", "India"]
    text = "Visit Swinton this summer, a guide says. Pubs in Swinton, Greater Manchester, reopened."
    assert [m[0] for m in mapped(parser, text)][:1] == ["Swinton"]
    text = "Ferries leave from Bodrum in Turkey. Eski Datca, the old town, is restored; shops in Datca sell honey."
    assert [m[0] for m in mapped(parser, text)].count("Datca") == 2


def test_a_given_name_before_an_unknown_surname_and_an_age_in_words_are_people(parser):
    """A place's name used as a given name before a word that is no English word and no place, the
    name ending there ("Georgia Pinn, who"), is a person; so is a name with a child's age in words
    ("Jackson, seven"). A place modifying a shop's name after "a" or "western" stays a place."""
    text = (
        "The festival in Leeds will show holograms by the creator Georgia Pinn, who lives in York.\n"
        "The couple, who have two children, Thomas, 13, and Jackson, seven, run a shop in Devon."
    )
    assert [m[0] for m in mapped(parser, text)] == ["Leeds", "York", "Devon"]
    text = "Shelves were empty at a Melbourne Bunnings warehouse, and in western Sydney Priceline stores."
    assert [m[0] for m in mapped(parser, text)] == ["Melbourne", "Sydney"]


def test_a_place_name_before_a_far_namesake_starts_one_name(parser):
    """ "Merrick Garland", "Edinburgh Napier": a place's name (no English word) right before a name
    none of whose places lies near any of its own is one name, not two places; the surname alone is
    then the person throughout. A state before a state in a list without a comma stays two places."""
    text = (
        "Obama nominated Merrick Garland, who sat as a judge in Washington. Garland was never confirmed.\n"
        "Students at Glasgow, Manchester Metropolitan and Edinburgh Napier were told to stay in Scotland."
    )
    assert [m[0] for m in mapped(parser, text)] == ["Washington", "Glasgow", "Scotland"]
    text = "Fires burned through Washington, Utah Colorado and Oregon on Monday."
    assert [m[0] for m in mapped(parser, text)] == ["Washington", "Utah", "Colorado", "Oregon"]


def test_a_royal_title_with_a_name_and_an_airline_opening_a_sentence_are_no_places(parser):
    """ "Princess Sofia of Sweden", "King Abdullah II of Jordan" are titles (docs/ANNOTATION.md), as
    "the Duchess of Sussex" is; "the Lord Mayor of London" is a title of office and stays a place.
    "Virgin Australia" opening a sentence is the airline."""
    text = (
        "Princess Sofia of Sweden and King Abdullah II of Jordan met the Lord Mayor of London in Leeds.\n"
        "Virgin Australia flights resumed from Sydney."
    )
    assert [m[0] for m in mapped(parser, text)] == ["London", "Leeds", "Sydney"]


def test_a_regulation_named_after_a_city_is_no_place(parser):
    """ "the Dublin Regulations" is an EU law, as "the Paris Agreement" is a treaty: no place."""
    text = "Removals from Kent are slowed by the Dublin Regulations, officials in London said."
    assert [m[0] for m in mapped(parser, text)] == ["Kent", "London"]


def test_docks_named_after_a_place_are_a_facility(parser):
    """ "West India Docks" is a dock in London, not India (a facility, as a station or an airport is)."""
    text = "A statue was removed from West India Docks in London on Tuesday."
    assert [m[0] for m in mapped(parser, text)] == ["London"]


def test_a_surname_that_speaks_is_a_person_throughout(parser):
    """A frequent surname named like a town that speaks ("Barrett said") is the person throughout the
    story, unless the story puts the town somewhere ("in Barrett")."""
    text = "Barrett said little on Monday. Voters in Houston, Texas, worry that Barrett, a devout Catholic, will rule."
    assert [m[0] for m in mapped(parser, text)] == ["Houston", "Texas"]


def test_a_newspaper_or_a_band_named_after_a_place_is_no_place(parser):
    """ "the Birmingham Mail", "the Las Vegas Sun", "the Gold Coast Bulletin" are newspapers and "the Bay
    City Rollers" a band (docs/ANNOTATION.md: a place inside a name is not a mention); "a Birmingham
    man" stays the place."""
    text = (
        "A Birmingham man told the Birmingham Mail that the school in Solihull would reopen. "
        "The Las Vegas Sun reported that a casino in Henderson, Nevada, had closed. "
        "She told the Gold Coast Bulletin that she had moved to Brisbane. "
        "Former Bay City Rollers singer Les McKeown played in Edinburgh on Friday."
    )
    assert _on_map(parser, text) == ["Birmingham", "Solihull", "Henderson", "Nevada", "Brisbane", "Edinburgh"]
    # "The Times of Israel" is a newspaper's name; "the Financial Times of London" says where the paper is
    text = "Walls were found in Ashdod, the researchers told The Times of Israel. Excavations near Gaza go on."
    assert "Israel" not in _on_map(parser, text)
    text = "Martin Wolf of the Financial Times of London spoke at a symposium in Toronto, Ontario."
    assert "London" in _on_map(parser, text)
    # a campus's town after its university's name, a street after an American address's block, and
    # places before a police unit's or a fan club's "Team" or "Squad" are inside names
    text = (
        "said Jenna Gavigan of the University of California, Santa Barbara. A professor at the "
        "University of Texas at Austin agreed.\n"
        "The boy fell from the family's apartment in the 3400 block of Gibraltar Heights in Toledo.\n"
        "Detective Constable David Spence, of the joint Norfolk and Suffolk Murder Investigation Team, "
        "spoke. Fans who call themselves the Sussex Squad raised money.\n"
        "Staff at Concord and Liverpool EDs were isolated. A firm took control of Jamaica Kingston Freeport.\n"
        "Brent crude fell. He works at Boston Scientific in Ireland. Lloyd's of London paid out.\n"
        "Kmart Australia has released dolls. The trial in the Supreme Court of Western Australia ended. "
        "Queensland Ambulance attended. Lauren Goodger was on The Only Way Is Essex."
    )
    on_map = _on_map(parser, text)
    # Toledo is a place (the town after the street): in this patchwork of stories too unsure to draw,
    # so kept unplaced with Toledo, Ohio as its guess
    toledo = next(t for t in parser.parse(text) if t.name == "Toledo")
    assert toledo.reason == UNSURE and toledo.alternatives[0][1] == "Toledo (US)"
    names = {"Santa Barbara", "Austin", "Gibraltar", "Norfolk", "Suffolk", "Sussex", "Concord", "Liverpool", "Kingston"}
    assert not names & set(on_map) and not {"Brent", "Boston", "London"} & set(on_map)
    assert not {"Australia", "Western Australia", "Queensland", "Essex"} & set(on_map)
    assert "Ireland" in on_map and "US" in _on_map(parser, "The Gulf provides 17% of US crude oil.")
    # a country after a university's comma is where the university is
    assert _on_map(parser, "Researchers at the University of Sydney, Australia, agreed.") == ["Australia"]


def test_a_place_ending_a_title_in_running_text_is_inside_the_title(parser):
    """A place after a capitalised joining word, in a title written in title case inside running
    text, is the title's ("documentaries Blue Planet 2 and Once Upon A Time In Iraq"); a headline
    or a tweet in title case is not running text ("Remarks About the Violence In Ferguson")."""
    text = "The BBC showed Fleabag, an EastEnders special and documentaries Blue Planet 2 and Once Upon A Time In Iraq."
    assert _on_map(parser, text) == []
    text = "Watch President Obama Deliver Remarks About the Violence In Ferguson, Missouri http://t.co/UcyX9ruZYG"
    assert _on_map(parser, text) == ["Ferguson", "Missouri"]
    assert _on_map(parser, "Tornado Watch Remains Valid until 6 PM for The Following Areas In Louisiana") == [
        "Louisiana"
    ]


def test_a_place_inside_a_name_its_acronym_spells(parser):
    """A place among the words its acronym in brackets spells is inside that name ("the Iraq
    Fatalities Investigations (IFI) unit"); not a state's own long name, which is the state
    (and not its namesake inside it: "People's Republic of China" is no Taiwan), nor places
    abbreviated together ("Middle East and Africa (MEA)"), nor a place's own acronym."""
    text = (
        "Cases went to the Iraq Fatalities Investigations (IFI) unit. Workplace Health and Safety "
        "Queensland (WHSQ) is investigating. Portland General Electric (PGE) said 40,000 lost power."
    )
    assert _on_map(parser, text) == []
    text = (
        "He spied for the People's Republic of China (PRC). The Democratic People's Republic of Korea (DPRK) "
        "fired a missile. The Middle East and Africa (MEA) market grew, as did the United States (US)."
    )
    tops = {t.name: t.place.country for t in parser.parse(text) if t.place and t.reason not in NOT_MAPPED}
    assert tops == {
        "People's Republic of China": "CN",
        "PRC": "CN",
        "Democratic People's Republic of Korea": "KP",
        "DPRK": "KP",
        "Middle East": None,
        "Africa": None,
        "United States": "US",
        "US": "US",
    }


def test_a_named_business_hotel_or_event_holding_a_place_is_no_place(parser):
    """A name given to a business ("a company called North West Specialty Moving"), a hotel's name
    before "hotel" or "shopping centre" ("the Stamford Plaza hotel", "the Bootle Strand shopping centre"),
    an event's name ending in "Pride" and a leak's ("the Panama Papers") are names; "a town called
    Whitby" and "a Melbourne hotel" stay the places."""
    text = (
        "He ran a company in Portland called North West Specialty Moving, which moved pianos. "
        "He later moved to a town called Whitby.\n"
        "Guards at the Stamford Plaza hotel in Melbourne tested positive, and a Melbourne hotel closed.\n"
        "Terrance Stewart, chair of Atlanta Black Pride, said parties in Atlanta would go ahead.\n"
        "A boy was taken from the Bootle Strand shopping centre in Merseyside. The Panama Papers were leaked."
    )
    assert _on_map(parser, text) == ["Portland", "Whitby", "Melbourne", "Melbourne", "Atlanta", "Merseyside"]


def test_an_agencys_regional_office_is_no_place(parser):
    """ "WHO Europe" and "U.S. Army Europe" are an agency's and an army's regional commands, not Europe;
    Europe in the same sentence stays the continent."""
    text = (
        "WHO Europe director Hans Kluge said cases in Europe were rising. "
        "A spokesman for the U.S. Army Europe said a soldier in Germany was ill."
    )
    assert [m[0] for m in mapped(parser, text)] == ["Europe", "Germany"]


def test_places_listed_before_council_are_the_councils_name(parser):
    """ "Bournemouth, Christchurch and Poole Council" and "the Cotswold and West Oxfordshire Councils" are
    councils (organisations); "Bolton and Trafford were among the areas" stay places."""
    text = (
        "Bournemouth, Christchurch and Poole Council has closed a road in Dorset. "
        "Can the Cotswold and West Oxfordshire Councils not act? "
        "Bolton and Trafford were among the areas in the North West to see restrictions eased."
    )
    assert _on_map(parser, text) == ["Dorset", "Bolton", "Trafford", "North West"]


def test_a_companys_chief_executive_or_description_makes_it_the_business_throughout(parser):
    """ "Santander's chief executive", "Fresnillo's share price", "Saga, the travel firm": a company
    named like a town is the business throughout the story."""
    text = (
        "Santander's chief executive said the bank would shut branches in Leeds. Santander said so on Monday.\n"
        "Saga, the travel firm for the over-50s, kept its ships in Dover. Saga shares fell.\n"
        "Fresnillo's share price has doubled in London."
    )
    assert _on_map(parser, text) == ["Leeds", "Dover", "London"]


def test_a_town_a_business_speaks_from_stays_a_place(parser):
    """ "a plant in Sunderland, the carmaker said": the apposition belongs to the sentence's speaker,
    not to the town after "in"; the town stays on the map throughout."""
    text = (
        "Nissan will cut 400 jobs at its plant in Sunderland, the carmaker said on Monday. "
        "Workers in Sunderland were told.\nProduction will move to Swindon, the company announced."
    )
    assert _on_map(parser, text) == ["Sunderland", "Sunderland", "Swindon"]


def test_a_town_named_for_a_lake_or_township_in_a_state_the_story_does_not_name_is_uncertain(parser):
    """ "Lake Edison" in a story about California resolved (the gazetteer had no such lake) to Edison,
    New Jersey: a lake the gazetteer lacks ("Lake Trenton" here; Lake Edison is curated now) is
    kept but scored as uncertain, so that "Hide uncertain places" hides it. A lake whose town lies
    in the state the story names keeps its score."""
    text = "Campers were rescued from Lake Trenton near the Creek Fire in Fresno County, California, on Tuesday."
    got = {t.name: t for t in parser.parse(text)}
    assert got["Trenton"].place.admin1 == "New Jersey" and got["Trenton"].score < 0.5
    assert got["California"].score >= 0.5
    text = "Campers were rescued from Lake Trenton in New Jersey on Tuesday."
    got = {t.name: t for t in parser.parse(text)}
    assert got["Trenton"].place.admin1 == "New Jersey" and got["Trenton"].score >= 0.5
    got = {t.name: t for t in parser.parse("Campers were rescued from Lake Edison in California.")}
    assert got["Lake Edison"].place.admin1 == "California" and got["Lake Edison"].score >= 0.5
    text = "Whales were stranded in Macquarie Harbour off Tasmania's west coast on Monday."
    got = {t.name: t for t in parser.parse(text)}  # (curated since issue 11's thirty-third session)
    assert got["Macquarie Harbour"].place.admin1 == "Tasmania" and got["Macquarie Harbour"].score >= 0.5


def test_a_team_company_or_society_named_after_a_place_is_no_place(parser):
    """A club's full name ("the New Jersey Devils", "the Portland Trail Blazers"), a company's ("Murphy
    Oil Corp"), a dictionary's, a society's, a movement's and a project's ("the Oxford English Dictionary",
    "the Oxford Union", "the Puente Human Rights Movement", "the Florida Manta Project") hold a place that
    is not a mention of it."""
    text = (
        "He co-owns the New Jersey Devils. The Portland Trail Blazers played in Florida. "
        "Murphy Oil Corp began evacuations in Louisiana. He was president of the Oxford Union, and the "
        "Oxford English Dictionary was changed in London. The Puente Human Rights Movement and the Florida "
        "Manta Project met in Texas."
    )
    assert _on_map(parser, text) == ["Florida", "Louisiana", "London", "Texas"]


def test_initials_a_junior_a_station_and_halls_named_like_places_are_no_places(parser):
    """ "JP Morgan" (initials and a surname) is a bank, "Cuba Gooding Jr." a person, "London's Waterloo
    station" and "Oxford Parkway" stations, "Cambridge Halls" a hall of residence and "the Dukes of
    Marlborough" a title."""
    text = (
        "JP Morgan told staff in London to move. Actor Cuba Gooding Jr. was in court in New York. "
        "Commuters at London's Waterloo station were few. The test site at Oxford Parkway was busy. "
        "Students at the Birley and Cambridge Halls in Manchester were told to isolate. "
        "The Dukes of Marlborough built a palace in Oxfordshire."
    )
    assert _on_map(parser, text) == ["London", "New York", "London", "Manchester", "Oxfordshire"]


def test_a_banks_offer_or_director_makes_it_the_bank_throughout_and_brands_are_no_places(parser):
    """ "Halifax's £100 switching offer", "Russell Galley, managing director, Halifax": the bank named
    like a town, throughout the story; "a Victoria's Secret model" and "the Stone Roses" are a brand
    and a band."""
    text = (
        "Halifax's £100 switching offer will close. Customers switching to Halifax lost out in Leeds.\n"
        "Russell Galley, managing director, Halifax, said prices rose in Wales.\n"
        "The former Victoria's Secret model moved to Sydney. Stone Roses recorded in Cheshire. "
        "He served in Britain's Secret Intelligence Service."
    )
    assert _on_map(parser, text) == ["Leeds", "Wales", "Sydney", "Cheshire", "Britain"]


def test_a_club_an_air_base_or_a_ship_named_after_a_place_is_no_place(parser):
    """ "AFC Bournemouth" and "Derby County" are football clubs, "RAF Cottesmore" an air base and "HMS
    Belfast" a ship; Rutland and Bristol, named for themselves, stay places."""
    text = (
        "AFC Bournemouth and Derby County opted in. The last flight left RAF Cottesmore, Rutland. "
        "HMS Belfast sailed from Bristol."
    )
    assert _on_map(parser, text) == ["Rutland", "Bristol"]


# Invented sentences in the constructions news uses around real places (datelines, appositions,
# possessives, business and sports pages): the last mention of the name is a marker in its country,
# at 0.5 or more. A rule that makes the name a business or a person "throughout" must not take it.
_GB = "The figures cover England, Scotland and Wales. "
_US = "The figures cover the United States. "
_REAL_PLACE_PROBES = [
    ("LONDON (Reuters) - British retail sales rose in October, official figures showed.", "LONDON", "GB"),
    ("MOSCOW, Oct 5 (Reuters) - Russia said on Monday it would help.", "MOSCOW", "RU"),
    ("Madrid (CNN) Spain declared a state of emergency in the capital.", "Madrid", "ES"),
    ("Kabul, the Afghan capital, was hit by rockets on Saturday.", "Kabul", "AF"),
    ("Beirut, the Lebanese capital, was devastated by the blast.", "Beirut", "LB"),
    ("Ankara, the Turkish capital, said it would support Azerbaijan.", "Ankara", "TR"),
    ("Mumbai, India's financial capital, reported 1,000 new cases.", "Mumbai", "IN"),
    ("The outbreak began in Wuhan, the Chinese city, late last year.", "Wuhan", "CN"),
    ("Tokyo's governor Yuriko Koike urged residents to stay home.", "Tokyo", "JP"),
    ("Hong Kong's leader Carrie Lam said the law was needed.", "Hong Kong", "HK"),
    ("The company said in a statement from Paris that sales had fallen.", "Paris", "FR"),
    ("By John Smith in Berlin", "Berlin", "DE"),
    ("The airline, which is based in Dublin, cut 3,000 jobs.", "Dublin", "IE"),
    ("Dublin-based Ryanair said it would cut flights.", "Dublin", "IE"),
    ("Brussels said the deal was final.", "Brussels", "BE"),
    ("Yerevan said on Monday that shelling continued. Residents of Yerevan sheltered in Armenia.", "Yerevan", "AM"),
    ("Baku said Armenian forces shelled Ganja. Crowds in Baku celebrated in Azerbaijan.", "Baku", "AZ"),
    (
        "Shares in Frankfurt fell 2% as Germany tightened its rules. Banks in Frankfurt said the ECB would act.",
        "Frankfurt",
        "DE",
    ),
    ("Frankfurt shares slumped as Germany tightened its rules. Banks in Frankfurt were quiet.", "Frankfurt", "DE"),
    (_GB + "Leicester's lockdown will be extended for another two weeks.", "Leicester", "GB"),
    (_GB + "Fans in Derby gathered outside the stadium before the match.", "Derby", "GB"),
    (_GB + "Workers at the Bristol factory were told on Monday that 300 jobs would go.", "Bristol", "GB"),
    (_GB + "Liverpool's mayor Joe Anderson said the city needed more support.", "Liverpool", "GB"),
    (_GB + "The carmaker employs 7,000 people at its plant in Sunderland, the company said.", "Sunderland", "GB"),
    (_GB + "Manchester, the city's council said, will receive £22 million in extra funding.", "Manchester", "GB"),
    (_GB + "Oldham, Bury and Rochdale face tighter restrictions from Friday.", "Rochdale", "GB"),
    (_GB + "A Leeds woman has been jailed for fraud.", "Leeds", "GB"),
    (_GB + "Honda's Swindon plant will close in 2021, the firm said.", "Swindon", "GB"),
    (_GB + "The Sheffield steelworks, owned by Liberty Steel, will stay open.", "Sheffield", "GB"),
    (_GB + "Bournemouth, the council said, declared a major incident.", "Bournemouth", "GB"),
    (_GB + "Norwich, the Norfolk city, recorded no new cases.", "Norwich", "GB"),
    (_GB + "The Cardiff court heard that the defendant had fled.", "Cardiff", "GB"),
    (_GB + "Picture: Crowds on the beach in Blackpool on Saturday.", "Blackpool", "GB"),
    (_GB + "Pictured: Police officers in Bolton town centre.", "Bolton", "GB"),
    (_GB + "He was born in Preston, Lancashire, and moved to Stockport as a child.", "Stockport", "GB"),
    (_GB + "Marks & Spencer will close its store in Reading, the retailer said.", "Reading", "GB"),
    (_GB + "Coventry, the firm said, was chosen for the new gigafactory.", "Coventry", "GB"),
    (_GB + "Shares in the Edinburgh-based company fell 5%.", "Edinburgh", "GB"),
    (_GB + "Aberdeen, the oil capital of Europe, has been hit hard by job losses.", "Aberdeen", "GB"),
    (_GB + "Celtic fans gathered in Glasgow's George Square.", "Glasgow", "GB"),
    (_GB + "'We are devastated,' said a resident of Exeter.", "Exeter", "GB"),
    (_GB + '"Nobody in Salford deserves this," the mayor said.', "Salford", "GB"),
    (_GB + "Rolls-Royce said it would cut jobs in Derby, where it makes engines.", "Derby", "GB"),
    (_GB + "Toyota's Burnaston plant near Derby will reopen.", "Derby", "GB"),
    (_GB + "The Solihull factory, the company said, will pause.", "Solihull", "GB"),
    (_GB + "Oxford, the university said, will test all students.", "Oxford", "GB"),
    (_GB + "Flooding hit York, the Environment Agency said.", "York", "GB"),
    (_GB + "Hospitals in Nottingham, the trust said, were under pressure.", "Nottingham", "GB"),
    (_GB + "Police in Durham said the car had been found.", "Durham", "GB"),
    (_GB + "Leicester City fans celebrated in Leicester after the win.", "Leicester", "GB"),
    (_GB + "Slough's Tesco store was evacuated, the supermarket said.", "Slough", "GB"),
    (
        _GB
        + "Dover, the port's chief executive said, could see queues of 7,000 lorries. Lorries queued outside Dover.",
        "Dover",
        "GB",
    ),
    (_GB + "The Southampton-based cruise operator Carnival UK cancelled sailings.", "Southampton", "GB"),
    (_GB + "Halifax, the West Yorkshire town, flooded. Homes in Halifax were hit.", "Halifax", "GB"),
    (_GB + "Nottingham, the city council said, was in Tier 3. Hospitals in Nottingham were busy.", "Nottingham", "GB"),
    (_GB + "Chester, the walled city, is quiet. Tourists in Chester were few.", "Chester", "GB"),
    (_GB + "Watford, the club said, was devastated. Fans in Watford mourned.", "Watford", "GB"),
    (_GB + "Jack Grealish's Birmingham home was burgled. Police in Birmingham arrested a man.", "Birmingham", "GB"),
    (
        _GB + "Coventry, the home of the carmaker Jaguar, will get a gigafactory. Jobs in Coventry rose.",
        "Coventry",
        "GB",
    ),
    (
        _GB + "Sunderland, the town where the carmaker builds the Leaf, voted Leave. Jobs in Sunderland matter.",
        "Sunderland",
        "GB",
    ),
    (_GB + "Leeds, which is home to the retailer Asda, has a high rate. Cases in Leeds rose.", "Leeds", "GB"),
    (_GB + "Wakefield, the home of the band, cheered. Fans in Wakefield cheered.", "Wakefield", "GB"),
    (_GB + "Cornwall's chief executive said the county was ready. Beaches in Cornwall were full.", "Cornwall", "GB"),
    (_GB + "Sheffield pays 2% more in council tax than Leeds. Homes in Sheffield are cheaper.", "Sheffield", "GB"),
    (_GB + "Lincoln offers 10% discounts to residents. Shops in Lincoln reopened.", "Lincoln", "GB"),
    (_US + "Officials in Florida said cases had risen sharply.", "Florida", "US"),
    (_US + "Texas, the governor said, will reopen bars on Friday.", "Texas", "US"),
    (_US + "Protesters marched through Minneapolis, the city where George Floyd died.", "Minneapolis", "US"),
    (_US + "Amazon, based in Seattle, said it would hire 100,000 workers.", "Seattle", "US"),
    (_US + "A Chicago man was charged with murder.", "Chicago", "US"),
    (_US + "Seattle, the city where the company was founded, was hit hard. Rents in Seattle fell.", "Seattle", "US"),
    (_US + "Seattle, a company town, has been hit hard. Rents in Seattle fell.", "Seattle", "US"),
    (_US + "Dallas, the airline's home, was quiet. Flights from Dallas were cut.", "Dallas", "US"),
    # a person named like a city elsewhere in the story: the city after "in" stays the city
    (_US + "Joaquin Phoenix won an Oscar. Temperatures in Phoenix reached 45C.", "Phoenix", "US"),
    (_US + "Princess Charlotte turned five. A shooting in Charlotte left two dead.", "Charlotte", "US"),
    (_US + "Austin Butler will play Elvis. Bars in Austin closed.", "Austin", "US"),
    (_US + "Dallas Smith, 34, was charged. Police in Dallas said he fled.", "Dallas", "US"),
    (_US + "Orlando Bloom posted a photo. Theme parks in Orlando reopened.", "Orlando", "US"),
    ("Florence Pugh starred in the film. Museums in Florence reopened as Italy eased rules.", "Florence", "IT"),
    (
        "Adelaide Kane starred in the series. Cafes in Adelaide reopened as South Australia eased rules.",
        "Adelaide",
        "AU",
    ),
    (_GB + "Abraham Lincoln was president. Police in Lincoln arrested a man.", "Lincoln", "GB"),
    (_US + "Madison Beer said. Protesters in Madison, Wisconsin, marched.", "Madison", "US"),
    ("Victoria Beckham posted a photo. Victoria recorded 700 new cases as Australia struggled.", "Victoria", "AU"),
    ("Jordan said it would close its borders. Hospitals in Jordan were full.", "Jordan", "JO"),
    (_GB + "The Duke of York visited. Floods hit York on Monday.", "York", "GB"),
    (_GB + "Kent said he was shocked. Police in Kent arrested a man.", "Kent", "GB"),
    (_US + "Virginia Giuffre, 37, said she would testify. Voters in Virginia queued.", "Virginia", "US"),
    ("Her son Jordan, 7, was hurt. Refugees in Jordan were moved.", "Jordan", "JO"),
    # a club, a paper, a council or a university named after the town: the town after "in" stays
    (_GB + "Derby manager Wayne Rooney said. Police in Derby arrested a man.", "Derby", "GB"),
    (_GB + "Leeds beat Fulham 4-3. Fans in Leeds celebrated.", "Leeds", "GB"),
    (_GB + "Sheffield United lost 1-0 at home. Fans in Sheffield were glum.", "Sheffield", "GB"),
    (_GB + "The Birmingham Mail reported. Police in Birmingham arrested a man.", "Birmingham", "GB"),
    (_GB + "The University of Bath said. Pubs in Bath shut.", "Bath", "GB"),
    (_GB + "Reading Festival was cancelled. Pubs in Reading shut.", "Reading", "GB"),
    (_GB + "Norwich Union was renamed Aviva. Pubs in Norwich shut.", "Norwich", "GB"),
    (_GB + "Cheltenham Borough Council said. Pubs in Cheltenham were packed.", "Cheltenham", "GB"),
    (_GB + "Liverpool John Lennon Airport said. Police in Liverpool said.", "Liverpool", "GB"),
    (_GB + "Exeter Chiefs won. Police in Exeter said.", "Exeter", "GB"),
    # datelines, bylines, captions, tables, hyphenated modifiers and clubs abroad
    ("NEW DELHI: India reported 90,000 new cases on Sunday.", "NEW DELHI", "IN"),
    ("BEIJING, Sept 3 (Reuters) - China said on Thursday it would retaliate.", "BEIJING", "CN"),
    ("KABUL, Afghanistan (AP) — A bomb exploded in the capital.", "KABUL", "AF"),
    ("Reporting by Andrew Osborn in Moscow; editing by Alison Williams", "Moscow", "RU"),
    ("Pictured: Protesters in Minsk, Belarus, on Sunday", "Minsk", "BY"),
    ("Ms Jones, of Carlisle, Cumbria, denies the charges.", "Carlisle", "GB"),
    ("Leeds: 5,000 cases. Bradford: 3,000 cases. Wakefield: 1,000 cases in England.", "Wakefield", "GB"),
    ("Liverpool 85.3 (424), Knowsley 70.1 (105), Sefton 55.2 (152) in England", "Sefton", "GB"),
    ("Caracas-based lawyer Jose Gomez said in Venezuela.", "Caracas", "VE"),
    ("The Lisbon-born singer returned to Portugal.", "Lisbon", "PT"),
    ("Barcelona's mayor Ada Colau said the city would reopen as Spain eased rules.", "Barcelona", "ES"),
    ("Borussia Dortmund fans marched in Dortmund, Germany.", "Dortmund", "DE"),
    ("PSG fans celebrated in Paris. Marseille fans rioted in Marseille, France.", "Marseille", "FR"),
    (_GB + "Wigan Warriors won. Pubs in Wigan shut.", "Wigan", "GB"),
    (_GB + "The Sunderland plant employs 7,000.", "Sunderland", "GB"),
    ("Melbourne Storm won as Australia eased rules. Fans in Melbourne celebrated.", "Melbourne", "AU"),
    # a place and then a force or a council that speaks: no council's name listing places
    (_GB + "He was arrested in Bolton, Greater Manchester Police said.", "Bolton", "GB"),
    (_GB + "The attack happened in Reading, Thames Valley Police said.", "Reading", "GB"),
    (_GB + "A man from Salford was charged, Greater Manchester Police said.", "Salford", "GB"),
    (_GB + "He was treated at Derriford Hospital in Plymouth.", "Plymouth", "GB"),
    (_GB + "Durham County Council said roads in Durham were closed.", "Durham", "GB"),
    (_GB + "The Bristol Post reported a stabbing in Bristol.", "Bristol", "GB"),
]


@pytest.mark.parametrize(
    ("text", "name", "country"), _REAL_PLACE_PROBES, ids=[p[1] + str(i) for i, p in enumerate(_REAL_PLACE_PROBES)]
)
def test_real_places_in_news_constructions_stay_on_the_map(parser, text, name, country):
    """What a reader sees: the name's last mention is a marker in its country, not hidden as uncertain
    ("a plant in Sunderland, the company said", "Coventry, the home of the carmaker": the town)."""
    at = text.rindex(name)
    hit = [t for t in parser.parse(text) if t.start <= at < t.end]
    assert hit and hit[0].place is not None and hit[0].reason not in NOT_MAPPED, hit
    # Frankfurt am Main is scored low against Frankfurt (Oder) by resolution, not recognition
    assert hit[0].place.country == country and hit[0].score >= (0.1 if name == "Frankfurt" else 0.5), hit


def test_a_hotel_named_like_a_town_and_a_barrister_named_like_one_are_no_places(parser):
    """ "at the Lucerne in New York", "the Balmoral in Edinburgh": a hotel, since no Lucerne or
    Balmoral lies in or near the place named after it; "the Fylde in Lancashire" and "the Barbican in
    London" stay places. "Antony White QC" is a barrister, not the French town."""
    text = (
        "Guests at the Lucerne in New York complained. The Queen stayed at the Balmoral in Edinburgh. "
        "Farmers at the Fylde in Lancashire and students at the Barbican in London were told to stay home. "
        "At the hearing, Antony White QC said the book was fair."
    )
    assert _on_map(parser, text) == ["New York", "Edinburgh", "Fylde", "Lancashire", "Barbican", "London"]


def test_a_motorcycle_maker_named_like_a_town_is_the_maker_throughout(parser):
    """ "Norton motorcycles ... the Norton was shipped": the maker, in every mention of the story;
    Wolverhampton, where it built them, stays a place."""
    text = (
        "The crated Norton will be sold. Production of Norton motorcycles then took place in Wolverhampton. "
        "Records show that the Norton was shipped to Belgium."
    )
    assert _on_map(parser, text) == ["Wolverhampton", "Belgium"]


def test_kira_is_a_given_name_and_the_dalai_lama_no_chinese_town(parser):
    """ "says trainer Kira Mahal, who", "Kira Yarmysh, Navalny's press secretary": a woman, not the
    Ugandan town; "the Dalai Lama" is no town in Jilin. In a story of its own, Kira in Uganda stays
    the town."""
    text = (
        "'Stretch daily,' says personal trainer Kira Mahal, who runs a gym in London. "
        "Kira Yarmysh, his press secretary, said he was ill. The Dalai Lama fled Tibet."
    )
    assert _on_map(parser, text) == ["London", "Tibet"]
    assert _on_map(parser, "Floods hit Kira in Uganda.") == ["Kira", "Uganda"]


def test_a_restaurant_or_a_charity_an_apposition_names_is_no_place(parser):
    """ "the Mombasa Cooker, a restaurant in the zoo": the restaurant's name; Mombasa named on its own
    and Harlow after "in" stay places."""
    text = (
        "A bat flew around the woman at the Mombasa Cooker, a restaurant in the zoo. "
        "Harlow Hearts, a local charity, raised £500 for a hospice in Harlow. Ships left Mombasa, Kenya."
    )
    assert _on_map(parser, text) == ["Harlow", "Mombasa", "Kenya"]


def test_an_oil_benchmark_or_an_agency_named_international_is_no_place(parser):
    """ "West Texas Intermediate" is a crude oil, "Hamptons International" an estate agent; the US and
    London stay places."""
    text = "US West Texas Intermediate fell 8 per cent. The flat in London is listed by Hamptons International."
    assert _on_map(parser, text) == ["US", "London"]


def test_a_persons_case_after_in_is_no_place(parser):
    """ "Elizabeth Fairfield ... a new twist in Fairfield hearing": the woman's hearing, not the town,
    though a town of 100,000 right after "in" is kept when the story names a person so."""
    text = (
        "New twist develops in Fairfield hearing. A new plea agreement is being discussed for Elizabeth "
        "Fairfield, a Lebanon woman accused of murdering her daughter."
    )
    assert "Fairfield" not in _on_map(parser, text)


def test_the_short_form_of_a_citys_own_name_is_that_city(parser):
    """ "Hull" is Kingston upon Hull and "Frankfurt" Frankfurt am Main: the everyday short form of a
    city's longer own name names it as its own name does, so a small town whose own name is exactly
    "Hull" (in Canada or the US) does not win, and the city is drawn, confidently, where the story puts it."""
    tops = {t.name: t for t in parser.parse("Flooding hit homes in Hull on Tuesday after heavy rain across Yorkshire.")}
    assert tops["Hull"].place.name == "Kingston upon Hull" and tops["Hull"].reason not in NOT_MAPPED
    assert tops["Hull"].score >= 0.5
    tops = {t.name: t for t in parser.parse("The bank moved staff to Frankfurt, Germany's financial capital.")}
    assert tops["Frankfurt"].place.name == "Frankfurt am Main" and tops["Frankfurt"].score >= 0.5


def test_a_town_followed_by_a_state_it_is_not_in_is_not_mapped_to_a_namesake(parser):
    """ "Springfield, Alaska": the gazetteer's Springfields are in Missouri and elsewhere, and no post
    office of Alaska has the name; the text says it is in Alaska, so none of them is drawn (reported
    with no confidence); "Springfield, Illinois" is drawn in Illinois."""
    tops = {t.name: t for t in parser.parse("The fire near Springfield, Alaska, burned 300 acres.")}
    assert tops["Springfield"].reason == ELSEWHERE and tops["Springfield"].score == 0.0
    assert _on_map(parser, "The fire near Springfield, Alaska, burned 300 acres.") == ["Alaska"]
    tops = {t.name: t for t in parser.parse("The fire near Springfield, Illinois, burned 300 acres.")}
    assert tops["Springfield"].place.admin1 == "Illinois" and tops["Springfield"].reason not in NOT_MAPPED


def test_a_town_too_small_for_the_gazetteer_is_its_states_post_office_town(parser):
    """GeoNames' cities500 stops at 500 people; "Detroit, Oregon" (200 people, burned in 2020) was
    Detroit, Michigan, "Vida, Oregon" was Videle in Romania and "Blodgett, Oregon" was no place:
    each is now the Oregon town a ZIP code's post office names. "Hillary Clinton, New York" is no
    town of Clinton: only a whole capitalised run after a locative counts."""
    text = (
        "The fire near Detroit, Oregon, burned homes in Vida, Oregon. Tyler Smith, 22, of Blodgett, "
        "Oregon, was arrested. Relatives met Hillary Clinton, New York senator, on Monday."
    )
    got = {t.name: t.place for t in parser.parse(text) if t.place is not None}
    for name in ("Detroit", "Vida", "Blodgett"):
        assert got[name].admin1 == "Oregon" and 43.5 < got[name].lat < 45.5, (name, got[name])
    assert "Clinton" not in got and "Hillary Clinton" not in got
    assert _on_map(parser, text).count("Oregon") == 3
    # a list of "Town, State" pairs: the state before "and" closes a pair ("Blue River" was Colorado's)
    got = {t.name: t.place for t in parser.parse("Fires burned Blue River, Oregon and Vida, Oregon.") if t.place}
    assert got["Blue River"].admin1 == "Oregon" and got["Vida"].admin1 == "Oregon", got


def test_a_dateline_names_the_city_the_story_was_filed_from(parser):
    """ "WASHINGTON (Reuters) -" opens a story filed from the city, not the state: drawn confidently."""
    for text in (
        "WASHINGTON (Reuters) - The Senate passed the bill on Tuesday.",
        "Senate passes bill\nWASHINGTON, May 3 (AP) — The Senate passed the bill on Tuesday.",
    ):
        (top,) = [t for t in parser.parse(text) if t.name == "WASHINGTON"]
        assert top.place.kind == "city" and top.place.admin1 == "District of Columbia", text
        assert top.score >= 0.5, text
    # the same word elsewhere in a line is no dateline
    (top,) = parser.parse("Lawmakers met in WASHINGTON on Tuesday.")
    assert top.reason != "city cue"


def test_a_place_in_a_division_the_text_names_is_the_one_there(parser):
    """ "Plymouth in England" is the English city, though the story also names Massachusetts (and the
    Mayflower, a town in Arkansas), and "England" stays the nation, not England, Arkansas (2,765
    people); "Moscow in Idaho" is the Idaho town."""
    text = "The Mayflower sailed from Plymouth in England in 1620 and landed in Massachusetts."
    got = {t.name: (t.place.country, t.place.kind) for t in parser.parse(text) if t.reason not in NOT_MAPPED}
    assert got["Plymouth"] == ("GB", "city") and got["England"] == ("GB", "admin1")
    tops = {t.name: t for t in parser.parse("Students at the university in Moscow in Idaho returned on Monday.")}
    assert tops["Moscow"].place.country == "US" and tops["Moscow"].place.admin1 == "Idaho"
    # "Manhattan in New York": the city named after "in" stays the city
    tops = {t.name: t for t in parser.parse("Bankers went back to their desks in Manhattan in New York.")}
    assert tops["New York"].place.kind == "city"


def test_a_list_or_a_city_tagged_with_its_state_is_no_town_in_the_wrong_state(parser):
    """ "Lebanon, VA" stays the Virginia town though the country Lebanon is a big sense; a list
    "Washington, New York and Boston" does not make Washington a namesake outside New York state."""
    tops = {t.name: t for t in parser.parse("Lebanon, VA - Help the fire department fill the boot today.")}
    assert tops["Lebanon"].place.kind == "city" and tops["Lebanon"].place.admin1 == "Virginia"
    tops = {t.name: t for t in parser.parse("After stops in Washington, New York and Boston, the prince flew home.")}
    assert tops["Washington"].reason != ELSEWHERE


def test_a_pet_named_like_a_town_is_the_pet_throughout(parser):
    text = (
        "Four-month-old curious cat Mau helped her owner file a model's nails in Romania. "
        "Later Mau grabs the file again, and Mau earns a scratch."
    )
    assert _on_map(parser, text) == ["Romania"]
    assert _on_map(parser, "Her dog Nancy ran off. Police in Nancy, France, found a dog.") == ["Nancy", "France"]


def test_a_surname_paired_with_another_person_is_still_the_person(parser):
    # "Epstein and Maxwell" puts no place after "and": Maxwell stays the woman named in full before
    text = "His friend Ghislaine Maxwell liked to fly. Epstein and Maxwell flew to New York in 2001."
    assert _on_map(parser, text) == ["New York"]
    # a town after "in" is still placed, so a person named like it elsewhere does not hide it
    assert "Maxwell" in _on_map(parser, "Ghislaine Maxwell was charged. Fires burned in Maxwell, California.")


def test_a_hotel_or_barracks_named_like_a_town_is_the_venue(parser):
    text = (
        "Homeless men live in the Lucerne hotel on the Upper West Side. Residents want them removed "
        "from the Lucerne, while others protested outside the Lucerne on Sunday."
    )
    assert _on_map(parser, text) == ["Upper West Side"]
    text = "Pictured is Napier barracks in Folkestone, Kent, used as a migrant camp."
    assert _on_map(parser, text) == ["Folkestone", "Kent"]
    # one "the" before a town is no venue, nor is a town before ", state" or a hotel in that town
    text = "Migrants in Italy were taken from the port to the Lampedusa after landing."
    assert _on_map(parser, text) == ["Italy", "Lampedusa"]
    assert _on_map(parser, "People in the Portland, Oregon area lost power.") == ["Portland", "Oregon"]
    assert _on_map(parser, "She stayed at a Sydney hotel in Kings Cross.")[0] == "Sydney"
    # a route from a town stays the town, however often it is named
    text = "Steam trains run on the Whitby to Pickering railway in North Yorkshire. Book the Whitby to Pickering trip."
    assert _on_map(parser, text) == ["Whitby", "Pickering", "North Yorkshire", "Whitby", "Pickering"]
    # a place whose own name has "The" stays the place
    assert _on_map(parser, "He flew to the Hague. Talks in the Hague, officials said.") == ["Hague", "Hague"]


def test_a_doubled_name_or_little_and_a_country_is_no_mention_of_the_place(parser):
    assert _on_map(parser, "He surfed massive waves at Padang-Padang Beach in Bali.") == ["Bali"]
    assert _on_map(parser, "'Double barrel at Padang Padang,' he wrote from Bali.") == ["Bali"]
    assert "Italy" not in _on_map(parser, "They ate in Little Italy in New York.")
    assert _on_map(parser, "Little Britain returns to the BBC. Britain voted.") == ["Britain"]


def test_regions_news_names_often_are_places(parser):
    """Tyneside, Teesside, the Black Country, the West Country, the Hamptons, the Florida
    Panhandle and the Scottish Highlands were missing (GeoNames holds them as no populated place)
    or only a Calgary neighbourhood ("The Hamptons")."""
    text = (
        "Jobs are at risk on Tyneside and Teesside, while the Black Country and the West Country face "
        "new rules. She has a home in the Hamptons. Hurricane Sally hit the Florida Panhandle, and "
        "walkers were rescued in the Scottish Highlands."
    )
    got = [(m[0], m[2]) for m in mapped(parser, text)]
    assert got == [
        ("Tyneside", "GB"),
        ("Teesside", "GB"),
        ("Black Country", "GB"),
        ("West Country", "GB"),
        ("Hamptons", "US"),
        ("Florida Panhandle", "US"),
        ("Scottish Highlands", "GB"),
    ], got


def test_forests_parks_and_islands_of_2020s_news_are_places(parser):
    """ "the Bobcat Fire in the Angeles National Forest" was Angeles City in the Philippines (20
    mentions in one file of real news); White Island, the North Island, Morecambe Bay and the
    Torres Strait were missing. "Torres Strait Islander people" name a people, not the strait."""
    text = (
        "The Bobcat Fire burned in the Angeles National Forest and the Santa Monica Mountains. "
        "Tourists died when the volcano on White Island, off the North Island, erupted. Cocklers "
        "drowned in Morecambe Bay. Boats crossed the Torres Strait; Aboriginal and Torres Strait "
        "Islander people were counted."
    )
    got = [(m[0], m[1], m[2]) for m in mapped(parser, text)]
    assert got == [
        ("Angeles National Forest", "Angeles National Forest", "US"),
        ("Santa Monica Mountains", "Santa Monica Mountains", "US"),
        ("White Island", "White Island", "NZ"),
        ("North Island", "North Island", "NZ"),
        ("Morecambe Bay", "Morecambe Bay", "GB"),
        ("Torres Strait", "Torres Strait", "AU"),
    ], got
    text = (
        "Campers were rescued from Lake Edison as the Creek Fire neared Huntington Lake. A British "
        "team climbed Mount Noshaq; starfish washed ashore Navarre Beach."
    )
    got = [(m[0], m[2]) for m in mapped(parser, text)]
    assert got == [("Lake Edison", "US"), ("Huntington Lake", "US"), ("Mount Noshaq", "AF"), ("Navarre Beach", "US")], (
        got
    )


def test_madeira_and_the_azores_are_portugals_islands(parser):
    # a holiday in Madeira must not make the story American (Madeira, Ohio) and Coventry a US town
    text = "Rebecca, 23, from Coventry, weighed 15st. Pictured on holiday in Madeira."
    got = {t.name: t.place.country for t in parser.parse(text) if t.place and t.reason not in NOT_MAPPED}
    assert got == {"Coventry": "GB", "Madeira": "PT"}
    tops = {t.name: t for t in parser.parse("Flights to the Azores resumed.")}
    assert tops["Azores"].place.country == "PT" and tops["Azores"].score >= 0.5
    assert _on_map(parser, "Students at Manchester Met said the lockdown in Leeds was hard.") == ["Leeds"]


def test_a_story_whose_only_other_evidence_is_weak_keeps_the_big_city(parser):
    # "Freedom" (a word, resolved for a moment to a US hamlet) is all the story says of the US: a
    # weak whisper of context does not move Melbourne to Florida
    text = "Police clashed with protesters during a rally in Melbourne on Saturday. Hundreds joined the Freedom march."
    (top,) = [t for t in parser.parse(text) if t.name == "Melbourne"]
    assert top.place.country == "AU" and top.score >= 0.5


def test_a_name_said_in_full_more_often_than_it_is_placed_is_a_person(parser):
    text = (
        "In 2019 Sigfredo Garcia was convicted of murder. His friend testified that he and Garcia drove "
        "from Florida. He said Sigfredo Garcia shot him, and the gun was in Garcia's hand. Police were "
        "led to Garcia and Magbanua."
    )
    assert _on_map(parser, text) == ["Florida"]
    # a casino named after a city twice over, an event or body named with a place and a year
    assert _on_map(parser, "She met clients at Caesars Palace and New York New York in Las Vegas.") == ["Las Vegas"]
    assert _on_map(parser, "The Novosibirsk 2020 coalition is competing in the elections in Siberia.") == ["Siberia"]
    # a headline run into its story still names the place twice
    assert _on_map(parser, "Malaria killing thousands in West Africa West Africa's fight goes on") == [
        "West Africa",
        "West Africa",
    ]


def test_a_row_head_of_a_table_of_towns_is_a_town_of_the_tables_country(parser):
    rows = ["Stockport", "Reading", "Southwark", "Brent", "Ipswich", "Leicester", "Walsall"]
    text = "Infection rates in England, by area:\n\n" + "\n\n".join(
        f"{name} {20 + i}.5 ({30 + i}), {5 + i}.1 ({9 + i})" for i, name in enumerate(rows)
    )
    got = [(t.name, t.place.country) for t in parser.parse(text) if t.place and t.reason not in NOT_MAPPED]
    assert got == [("England", "GB")] + [(name, "GB") for name in rows]
    # the same words in prose are words ("reading" a book, Brent a person)
    assert _on_map(parser, "Reading the report, Brent said Leicester would close.") == ["Leicester"]


def test_a_leaders_era_a_savings_isa_and_a_gran_are_no_places(parser):
    assert _on_map(parser, "Her diaries of the Thatcher era sold well in Arizona.") == ["Arizona"]
    assert _on_map(parser, "Life under Lenin's era in Russia was hard.") == ["Russia"]
    assert _on_map(parser, "Put 5 per cent into a cash Isa, a bank in Leeds said.") == ["Leeds"]
    assert _on_map(parser, "'You could kill your Gran,' a doctor in Leeds warned.") == ["Leeds"]
    # a place's own era stays the place
    assert _on_map(parser, "Hong Kong's colonial era ended in 1997.") == ["Hong Kong"]


def test_and_before_a_given_name_places_it_only_after_a_place(parser):
    # "him and Kim", "left, and Harper": people; "Boston and Jackson": a list of places
    assert _on_map(parser, "Pictures of him and Kim were on the desk in Washington.") == ["Washington"]
    assert _on_map(parser, "She posed with daughters Elliott, left, and Harper in New York.") == ["New York"]
    assert _on_map(parser, "Rallies in Boston and Jackson drew crowds in the US.") == ["Boston", "Jackson", "US"]


def test_names_before_counties_are_the_counties(parser):
    text = "An Oklahoma woman was arrested in Enid. She had a warrant out of Woods and Grant counties."
    got = {t.name: (t.place.name, t.place.admin1) for t in parser.parse(text) if t.place}
    assert got["Woods"] == ("Woods County", "Oklahoma") and got["Grant"] == ("Grant County", "Oklahoma")
    # the state named with its own towns is the state, not its capital (Oklahoma City's other name)
    assert got["Oklahoma"] == ("Oklahoma", None)
    text = "The fire burned through Napa, Sonoma, Lake, Yolo and Solano counties in California."
    got = {t.name: (t.place.name, t.place.admin1) for t in parser.parse(text) if t.place}
    assert got["Solano"] == ("Solano County", "California") and got["Lake"] == ("Lake County", "California")
    # New York with Brooklyn is still the city
    tops = {t.name: t for t in parser.parse("Police in New York said a man in Brooklyn was shot.")}
    assert tops["New York"].place.kind == "city"


def test_a_word_and_its_letter_a_possessive_feature_name_and_canaan(parser):
    assert _on_map(parser, "The statue stood along the Hudson River near Pier A.") == ["Hudson River"]
    text = "He found pythons in his Lacey's Creek home, north-west of Brisbane."
    assert _on_map(parser, text) == ["Brisbane"]
    tops = {t.name: t for t in parser.parse("But the Egyptians left Canaan in the 12th century BC.")}
    assert tops["Canaan"].place.country is None and 31.0 < tops["Canaan"].place.lat < 34.0
    # a city named as the first name of a person is the person when nothing else is in its country
    text = "Kobe Bryant died in a crash in Calabasas. His wife shared memories of life with Kobe in Los Angeles."
    assert _on_map(parser, text) == ["Calabasas", "Los Angeles"]
    # ... also when the full name stands after a locative word: "tribute to Kobe Bryant" places no Kobe
    text = "Fans paid tribute to Kobe Bryant in Los Angeles. Kobe was 41."
    assert _on_map(parser, text) == ["Los Angeles"]
    assert "Kobe" in _on_map(parser, "Kobe Bryant played in Italy. Later he visited Kobe and Osaka, Japan.")


def test_a_state_before_its_country_congo_and_a_suburb_outside_a_city_abroad(parser):
    tops = {t.name: t for t in parser.parse("The photo was taken in a cave in Yucatan, Mexico.")}
    assert tops["Yucatan"].place.kind == "admin1" and tops["Yucatan"].place.country == "MX"
    # "Congo" in news is the Democratic Republic (AP style) unless the text says Brazzaville
    text = "Reporters in Beni, Butembo and Goma found abuse. Congo's health ministry denied it."
    tops = {t.name: t for t in parser.parse(text)}
    assert tops["Congo"].place.country == "CD" and tops["Congo"].score >= 0.5
    # a town named outside a city of another country is not the namesake abroad
    text = "Queensland police said she sped along the Cunningham Highway at Ebbw Vale, outside Ipswich."
    assert "Ebbw Vale" not in _on_map(parser, text)
    # Sydney's St Marys, not Adelaide's
    text = "Priceline stores in western Sydney at Merrylands, Blacktown and St Marys sold fakes."
    tops = {t.name: t for t in parser.parse(text)}
    assert tops["St Marys"].place.admin1 == "New South Wales"
    # a hotel named like a town: "Stamford Plaza hotels" is not Stamford, Connecticut
    assert "Stamford" not in _on_map(parser, "Outbreaks at the Rydges and Stamford Plaza hotels in Melbourne.")


def test_an_animal_named_like_a_city_and_a_person_apologised_to(parser):
    text = "Pictured: Malabo the gorilla who attacked her at a zoo in Spain. Malabo was calm later."
    assert _on_map(parser, text) == ["Spain"]
    assert _on_map(parser, "The airline apologised to Charlotte and let her fly from London.") == ["London"]


def test_a_given_name_said_twice_with_the_same_unknown_word_is_a_person_and_a_channel_number(parser):
    text = (
        "Trump met North Korean leader Kim Jong Un in Singapore. He showed photos of Kim Jong Un. "
        "He kept pictures of him and Kim, and letters from Kim."
    )
    assert _on_map(parser, text) == ["Singapore"]
    assert _on_map(parser, "Speaking on state outlet Russia-24, Lukashenko said he met in Moscow.") == ["Moscow"]
    # a score or a range after a place stays the place
    assert _on_map(parser, "The score was England 2-1 Wales in Cardiff.") == ["England", "Wales", "Cardiff"]


def test_a_saints_possessive_names_a_church_or_school_not_a_town(parser):
    text = "A class at St Anne's and St Joseph's school in Leeds were told to self-isolate."
    assert _on_map(parser, text) == ["Leeds"]
    assert _on_map(parser, "Pope Francis baptised eight adults in St. Peter's Basilica.") == []
    # a big city's possessive stays the place
    assert _on_map(parser, "St Louis's police said the protest in Missouri was calm.") == ["St Louis", "Missouri"]


def test_an_accented_given_name_a_pictured_age_and_a_company_hold_no_place(parser):
    # "Andrés" is the list's "Andres": "Carlos Andrés Carmona" is a person throughout
    text = (
        "A gunman shot Carlos Andrés Carmona in a barbershop. He did not say a word to Carmona before he fired. "
        "Carlos Andrés Carmona was killed in Medellín, Colombia.\n\nCarmona immediately fell to the ground."
    )
    assert _on_map(parser, text) == ["Medellín", "Colombia"]
    # a caption's "(pictured)" between a name and the age
    text = "Richmond stars Sydney Stack (pictured), 20, and Callum Coleman-Jones, 21, were thrown out of a club."
    assert _on_map(parser, text) == []
    assert _on_map(parser, "Retailers that filed: RTW Retailwinds Inc. (New York & Co.) - July 13") == []
    # a street of an address before its postcode, and a state's legislature
    assert _on_map(parser, "Police were called to Eltham Hill SE9 after a report of a man with a knife.") == []
    assert _on_map(parser, "The bill was forwarded to the Kano House of Assembly last year.") == []
    assert _on_map(parser, "The U.S. House of Representatives voted on Friday.") == ["U.S."]
    assert _on_map(parser, "The guidance from Stonewall, the gay rights charity, was criticised.") == []


def test_a_region_named_after_its_capital_is_the_region(parser):
    tops = {t.name: t for t in parser.parse("She is in charge of 155 square miles of Kostroma region.")}
    assert tops["Kostroma"].place.kind == "admin1" and tops["Kostroma"].place.lat > 58.2
    tops = {t.name: t for t in parser.parse("Fires broke out in the Belgorod region of Russia.")}
    assert tops["Belgorod"].place.kind == "admin1"
    # a region named unlike its capital city stays the city ("the Paris region" is no "Parisian" division)
    tops = {t.name: t for t in parser.parse("Smog covered the Paris region on Monday.")}
    assert tops["Paris"].place.kind == "city"


def test_during_a_country_a_state_agency_and_a_county_the_town_is_not_in(parser):
    # "during Vietnam" alone is the war; "during Portland protests" is the city
    text = "John McCain, who was imprisoned and tortured during Vietnam, was revered in Arizona."
    assert _on_map(parser, text) == ["Arizona"]
    assert _on_map(parser, "Arrests were made during Portland protests in Oregon.") == ["Portland", "Oregon"]
    assert _on_map(parser, "Maine CDC is monitoring the bar in Portland, Maine.") == ["Portland", "Maine"]
    # the gazetteer's only Manston is in Dorset: "Manston in Kent" is not it
    assert _on_map(parser, "Yesterday's high was 20.6C at Manston in Kent.") == ["Kent"]
    # ... while a list of towns and counties is no container
    text = "Britons will take breaks in York, Cornwall and the Lake District."
    assert "York" in _on_map(parser, text)


def test_cemeteries_centres_brands_court_districts_and_the_twins(parser):
    assert _on_map(parser, "A visit to the Aisne-Marne American Cemetery near Paris was cancelled.") == ["Paris"]
    assert _on_map(parser, "She was buried at Arlington National Cemetery on Friday.") == []
    assert _on_map(parser, "Stanhope Village Shopping Centre is on alert.") == []
    assert _on_map(parser, "Brands Monsoon, Accessorize and Moss Bros remain shut in London.") == ["London"]
    text = "Martha Pacold, U.S. District Court for the Northern District of Illinois."
    assert _on_map(parser, text) == []
    text = "Lisa Marie has 11-year-old twins Finley and Harper with her fourth husband in Los Angeles."
    assert _on_map(parser, text) == ["Los Angeles"]
    # a state's panhandle and the Italian Riviera are regions of their own
    tops = {t.name: t for t in parser.parse("Rain hit southern Alabama and the Florida Panhandle.")}
    assert tops["Florida Panhandle"].place.lat == pytest.approx(30.5, abs=0.5)
    tops = {t.name: t for t in parser.parse("Portofino lies on the Italian Riviera.")}
    assert tops["Italian Riviera"].place.country == "IT"


def test_companies_bands_libraries_and_a_list_of_daughters_hold_no_place(parser):
    text = "600 jobs at BAE Systems and its contract partner company Leonardo, and at the firm Cobham."
    assert _on_map(parser, text) == []
    assert _on_map(parser, "Premier League side Brighton won in Leeds.") == ["Brighton", "Leeds"]
    assert _on_map(parser, "The studio where Oasis recorded their debut album is for sale.") == []
    assert _on_map(parser, "He played for professional side London Irish among other clubs.") == []
    assert _on_map(parser, "Judy Garland performing at the London Palladium, 1964") == []
    assert _on_map(parser, "An installation by Ruth Beale at Kilburn Library remembers the dead.") == []
    assert _on_map(parser, "She brought her daughters Emma, Vivian and Tess to the hearing.") == []
    # a common misspelling and places the gazetteer lacked
    tops = {t.name: t for t in parser.parse("The driver, 20, from British Colombia, was charged.")}
    assert tops["British Colombia"].place.country == "CA"
    tops = {t.name: t for t in parser.parse("Now he is deep in the Masai Mara National Reserve.")}
    assert tops["Masai Mara National Reserve"].place.country == "KE"


def test_treaties_pipelines_and_isils_name_hold_no_place(parser):
    assert _on_map(parser, "Trump started pulling the US out of the Paris accord.") == ["US"]
    assert _on_map(parser, "Some in Germany called for an end to the Nord Stream 2 project.") == ["Germany"]
    assert _on_map(parser, "The forces fought the Islamic State of Iraq and the Levant.") == []
    # a country's agreement is about the country; Iraq itself stays a place
    assert _on_map(parser, "The UK agreement with Japan was signed.") == ["UK", "Japan"]
    assert _on_map(parser, "Fighters of the Islamic State fled Iraq.") == ["Iraq"]


def test_a_town_running_on_into_a_capitalised_word_is_uncertain(parser):
    # "Thornton Moor" (a dairy): shown as uncertain, not as a sure marker ("Aston Martin", the carmaker,
    # is a named thing: not even recognised, see test_a_place_inside_a_brand_or_a_food_is_no_mention...)
    text = "Some 55 years after the last new DB5 left Aston Martin's Newport Pagnell factory."
    assert "Aston" not in {t.name for t in parser.parse(text)}
    text = "Local cheeses from dairies such as Thornton Moor in Leicestershire, England."
    assert {t.name: t for t in parser.parse(text)}["Thornton"].score < 0.5
    # a feature, an office, a day or another place after the town leaves it sure
    for text, name in (
        ("Migrants were brought ashore at Dover Harbour on Wednesday in Kent, England.", "Dover"),
        ("Mayor of London Sadiq Khan said the Tube in London would run.", "London"),
        ("Protesters gathered in Melbourne Docklands in Victoria, Australia.", "Melbourne"),
    ):
        tops = {t.name: t for t in parser.parse(text)}
        assert tops[name].score >= 0.5, (text, tops[name])


def test_a_county_before_said_a_couple_and_stations_plazas_junctions(parser):
    tops = {t.name: t for t in parser.parse("Laura from Gravesend, Kent said the biscuits were posh.")}
    assert tops["Gravesend"].place.country == "GB" and "Kent" in tops
    text = "Kimberley Brown and her husband Scott, from Ballina, in northern New South Wales, were told."
    assert _on_map(parser, text) == ["Ballina", "New South Wales"]
    assert _on_map(parser, "He leapt the tracks at the Broadway Junction subway stop in Brooklyn.") == ["Brooklyn"]
    assert _on_map(parser, "Of the samples, 110 were traced to Stamford Plaza.") == []
    # a timetable's train service runs between stations (docs/ANNOTATION.md: "Alton to Waterloo");
    # a move between the towns stays two places
    assert _on_map(parser, "9. 7.29am Chingford to London Liverpool St (London Overground)") == []
    assert _on_map(parser, "The 07:15 Brighton to Gloucester was cancelled.") == []
    assert _on_map(parser, "At 07:15 he moved from Brighton to Gloucester.") == ["Brighton", "Gloucester"]
    # a British story's England is no evidence for a village named like a man
    text = "Laura from Gravesend, Kent won the round. Lottie was praised after lending Mark her piping bag."
    assert "Mark" not in _on_map(parser, text)


def test_city_of_a_name_known_only_as_a_hamlets_old_name_and_a_landlord(parser):
    text = (
        "Trump held a rally in Nevada. Gatherings are prohibited, City of Henderson spokeswoman Kathleen Richards said."
    )
    tops = {t.name: t for t in parser.parse(text)}
    assert tops["Henderson"].place.admin1 == "Nevada"
    assert "Shaftesbury" not in _on_map(parser, "West End landlord Shaftesbury has scrapped its dividend.")
    assert _on_map(parser, "A body was found along the Bear Creek Greenway in north Ashland, Oregon.") == [
        "Ashland",
        "Oregon",
    ]


def test_broadway_is_a_street_unless_a_county_follows(parser):
    text = "Homeless people gather at the corner of W 79th Street and Broadway in the Upper West Side."
    assert "Broadway" not in _on_map(parser, text)
    tops = {t.name: t for t in parser.parse("They stayed in Broadway, Worcestershire, a Cotswolds village.")}
    assert tops["Broadway"].place.country == "GB" and tops["Broadway"].reason not in NOT_MAPPED
    # the same for every building or street of the lexicon: a state or county after it names the town
    tops = {t.name: t for t in parser.parse("He moved to White House, Tennessee, last year.")}
    assert tops["White House"].place.admin1 == "Tennessee" and tops["White House"].reason not in NOT_MAPPED
    assert _on_map(parser, "Crew work out of London's Heathrow, one of the busiest hubs.") == ["London"]


def test_a_demonym_before_city_of_says_which_country_holds_the_place(parser):
    # "Salisbury" alone is Harare by its old name; the English city of Salisbury is in Wiltshire
    text = "The nerve agent was used in the 2018 attack on a Russian spy in the English city of Salisbury."
    tops = {t.name: t for t in parser.parse(text)}
    assert tops["Salisbury"].place.country == "GB" and tops["Salisbury"].score >= 0.5
    tops = {t.name: t for t in parser.parse("Rallies were held in the Russian city of Kaliningrad.")}
    assert tops["Kaliningrad"].place.country == "RU"


def test_the_pound_a_navys_fleet_and_companies_named_like_towns_hold_no_place(parser):
    text = "Sterling fell 0.51 per cent to $1.2751 against the dollar as traders in London sold shares."
    assert _on_map(parser, text) == ["London"]
    tops = {t.name: t for t in parser.parse("Trump played golf in Sterling, Virginia, on Saturday.")}
    assert tops["Sterling"].place.admin1 == "Virginia"
    text = "The US Navy's Bahrain-based 5th Fleet declined to comment, as did the British Fleet's admirals."
    assert "Fleet" not in _on_map(parser, text)
    tops = {t.name: t for t in parser.parse("She lives in Fleet, Hampshire, with her sons.")}
    assert tops["Fleet"].place.country == "GB" and tops["Fleet"].reason not in NOT_MAPPED
    text = "The jobs include 300 at Leonardo's Edinburgh site. Leonardo is also testing a drone system."
    tops = {t.name: t for t in parser.parse(text)}
    assert list(tops) == ["Edinburgh"] and tops["Edinburgh"].place.country == "GB"
    text = "Rio Tinto has announced 300 new jobs, and the planes of the Fleet Air Arm flew in Perth."
    assert _on_map(parser, text) == ["Perth"]
    text = "America's sweetheart: Julia Roberts played a high school sophomore in the film."
    assert _on_map(parser, text) == []
    text = "The pad has life-size waxworks of Batman and Superman and serves Cumberland sausages."
    assert _on_map(parser, text) == []
    tops = {t.name: t for t in parser.parse("A police station in Batman province, Turkey, was attacked.")}
    assert tops["Batman"].place.country == "TR" and tops["Batman"].reason not in NOT_MAPPED


def test_a_hyphenated_compass_part_before_a_city_is_the_citys_part(parser):
    # "South-West London" is the south-west of London, as "South West London" is, not South West England
    text = "The couple, from South-West London, set up a charity. He rents in Chislehurst, South-East London."
    assert _on_map(parser, text) == ["London", "Chislehurst", "London"]
    text = "Rain is forecast for the South-West and the North-East of England."
    assert _on_map(parser, text) == ["South-West", "North-East", "England"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They flew home to Adelaide and Darwin on Friday.", [("Adelaide", "AU"), ("Darwin", "AU")]),
        ("Cases rose in Sydney and Adelaide.", [("Sydney", "AU"), ("Adelaide", "AU")]),
        ("He lives with Victoria and David in London.", [("London", "GB")]),
        ("She moved to Florence and Victoria followed.", []),
        # the pair is people; Malibu, a town of 13,000 alone in one line, is drawn (uncertain)
        ("Jennifer and Brad married in Malibu.", [("Malibu", "US")]),
    ],
)
def test_two_cities_named_like_people_after_a_preposition_are_the_cities(parser, text, expected):
    """A pair of given names reads as two people ("Jennifer and Brad"), which dropped "flew home to
    Adelaide and Darwin" whole; two cities of 100,000 or more after a preposition of place, the
    pair ending its phrase, are places."""
    assert _countries(parser, text) == expected


def test_towns_the_first_pass_is_sure_of_anchor_their_neighbours(parser):
    """Calais and Dunkirk are sure only once the story is read (Dunkirk, New York, keeps its
    name's margin low), so "Dover" across the Channel was Dover, England by a hair over Delaware's,
    at 0.01, hidden with the uncertain places."""
    (dover, calais, dunkirk) = _marked(parser, "Migrants landed at Dover after crossing from Calais and Dunkirk.")
    assert [t.place.country for t in (dover, calais, dunkirk)] == ["GB", "FR", "FR"]
    assert dover.score >= 0.5


def test_a_big_citys_name_is_not_a_village_of_the_storys_state(parser):
    """ "New York" made "Boston" Boston, New York (8,000 people; Massachusetts' has 650,000) and
    "Wisconsin" made "Portland" a Wisconsin village of 1,065: a town under 20,000 named like a city
    of 500,000 or more of its country gets no state context. A village the text puts in its state
    keeps it."""
    got = [(t.name, t.place.admin1) for t in _marked(parser, "The Yankees beat Boston 5-3 in New York.")]
    assert got[0] == ("Boston", "Massachusetts"), got
    text = "The protests spread from Minneapolis to Kenosha, Wisconsin, and Portland."
    assert ("Portland", "Oregon") in [(t.name, t.place.admin1) for t in _marked(parser, text)]
    text = "Police in Portland, Wisconsin, said a barn burned."
    assert [(t.name, t.place.admin1) for t in _marked(parser, text)][0] == ("Portland", "Wisconsin")


def test_a_names_lawyer_makes_it_a_person(parser):
    text = "Rittenhouse's lawyer releases footage of first fatal shooting. Protests went on in Kenosha, Wisconsin."
    assert _on_map(parser, text) == ["Kenosha", "Wisconsin"]
    text = "The name of Parker's attorney was not immediately available. Police in Denver, Colorado, said so."
    assert _on_map(parser, text) == ["Denver", "Colorado"]
    text = "The Kenosha attorney general's office said Kenosha's attorney general would review it."
    assert "Kenosha" in _on_map(parser, text)


def test_a_county_public_health_body_and_a_letter_brand_hold_no_place(parser):
    text = "Troy Henderson, director of Whitman County Public Health, said cases rose in Pullman."
    assert _on_map(parser, text) == ["Pullman"]
    text = "Funded projects:\n\nLift Me Off\n\nD-Orbit UK\n\nThe firm is based in Harwell, Oxfordshire."
    assert _on_map(parser, text) == ["Harwell", "Oxfordshire"]


def test_a_great_city_named_like_a_surname_before_its_police_is_the_city(parser):
    # "Houston" is a frequent surname and needs a cue; "Houston police" is one for a city of millions
    assert _on_map(parser, "Houston police said a man was shot.") == ["Houston"]
    assert _on_map(parser, "A man was shot by Houston police on Monday.") == ["Houston"]
    assert _on_map(parser, "Houston said he would run again.") == []


def test_a_name_running_on_with_a_romance_connector_is_a_longer_name(parser):
    # "Praia da Luz" is no mention of Praia, Cape Verde; a name the gazetteer has whole stays whole
    text = "Madeleine McCann vanished from the Ocean Club in Praia da Luz, Portugal, in 2007."
    assert "Praia" not in _on_map(parser, text)
    text = "They holidayed in Rio de Janeiro, then at a villa in Marconia di Pisticci, Italy."
    assert _on_map(parser, text) == ["Rio de Janeiro", "Marconia", "Pisticci", "Italy"]


def test_a_paragraphs_first_word_opens_the_name_after_it(parser):
    # the word before "Madrid" is "Real", the paragraph's first word, not the line before it
    text = "Odegaard was the only positive test.\n\nReal Madrid will test their squad in Valdebebas, Spain."
    assert "Madrid" not in _on_map(parser, text)
    text = "The letters caused concern.\n\nNBC Bay Area reports that she lives in Oakland, California."
    assert "Bay Area" not in _on_map(parser, text)


def test_an_airship_disaster_and_a_beer_bottle_hold_no_place(parser):
    # (Hindenburg is Zabrze's German name: a story of Poland made it the town)
    text = "Incredible video brings Hindenburg disaster into vivid color\n\nA storm hit Gdansk, Poland, on Monday."
    assert _on_map(parser, text) == ["Gdansk", "Poland"]
    text = "Police found pills and an empty Corona beer bottle in the hotel room in Miami, Florida."
    assert _on_map(parser, text) == ["Miami", "Florida"]
    assert _on_map(parser, "She grew up in Corona, California.") == ["Corona", "California"]


def test_a_court_district_a_spanish_university_and_a_climate_deal_hold_no_place(parser):
    text = "The warrant was signed by Judge Wendy Segall of the East Los Angeles Judicial District."
    assert _on_map(parser, text) == []
    text = "'It was surprising,' said Dr Walter Farina of Universidad de Buenos Aires, Argentina."
    assert _on_map(parser, text) == ["Argentina"]
    text = "Leaders ratified the Paris climate change agreement in Hangzhou. The Paris climate deal limits warming."
    assert _on_map(parser, text) == ["Hangzhou"]
    assert _on_map(parser, "She flew to Buenos Aires, Argentina.") == ["Buenos Aires", "Argentina"]


def test_a_nomination_a_championship_and_a_state_campus_hold_no_place(parser):
    text = "McConnell killed the Garland nomination in 2016. Biden spoke in Philadelphia."
    assert _on_map(parser, text) == ["Philadelphia"]
    assert _on_map(parser, "People in Garland, Texas voted.") == ["Garland", "Texas"]
    text = "Wimbledon champion Fred Perry was born in Stockport, Greater Manchester."
    assert _on_map(parser, text) == ["Stockport", "Greater Manchester"]
    assert "Wimbledon" in _on_map(parser, "Fans queued at Wimbledon in south-west London.")
    # a state university's campus written without a comma is the university's name
    text = "The study was led by a University of California Los Angeles palaeontologist. She lives in Pasadena."
    assert _on_map(parser, text) == ["Pasadena"]


def test_titles_in_a_list_of_the_names_and_a_compass_part_of_the_capital_hold_no_place(parser):
    text = "Homeless men are housed in three hotels – The Belleclaire, The Lucerne and The Belnord – in Manhattan."
    assert _on_map(parser, text) == ["Manhattan"]
    # a place whose own name has the article stays the place wherever it stands
    assert _on_map(parser, "Judges in The Hague ruled against Russia.") == ["Hague", "Russia"]
    assert "The Bronx" in [t.place.name for t in parser.parse("They toured Manhattan, The Bronx and Queens.")]
    text = "Traffic makes its way into London on the A3 in the South West of the capital this morning."
    assert _on_map(parser, text) == ["London"]
    assert _on_map(parser, "Floods hit the South West of England.") == ["South West", "England"]


def test_nicknames_shows_and_a_hymn_named_after_places_hold_no_place(parser):
    text = "Peter Sutcliffe, aka the Yorkshire Ripper, died in hospital in Durham, England."
    assert "Yorkshire" not in _on_map(parser, text)
    text = "The creators of It's Always Sunny in Philadelphia bought Wrexham, Wales."
    assert "Philadelphia" not in _on_map(parser, text)
    text = "From John Bull to William Blake's Jerusalem, England sang."
    assert "Jerusalem" not in _on_map(parser, text)


def test_a_sentence_opening_in_a_state_frames_its_places(parser):
    # (the story's Californian towns had made Springville the one in California)
    text = (
        "Wildfires burned across California, near Fresno, Visalia, Tulare, Bakersfield and Porterville in "
        "the Sierra. Crews in California were stretched. And in Utah, homes were being evacuated on "
        "Monday as a wildfire near Mapleton and Springville spread."
    )
    states = {t.name: t.place.admin1 for t in parser.parse(text) if t.place is not None}
    assert states["Springville"] == "Utah"
    assert states["Porterville"] == "California"


def test_a_time_zone_a_killers_nickname_an_enzyme_and_a_network_hold_no_place(parser):
    text = "The co-pilot died at 12.25am, Novosibirsk Time, three hours after takeoff from Bangkok."
    assert _on_map(parser, text) == ["Bangkok"]
    text = "Bradley Edwards, the Claremont serial killer, was jailed in Perth."
    assert _on_map(parser, text) == ["Perth"]
    assert _on_map(parser, "She moved from Claremont to Perth.") == ["Claremont", "Perth"]
    text = "Drugs that block Bruton's tyrosine kinase helped patients in London, England."
    assert _on_map(parser, text) == ["London", "England"]
    text = "The private Fuji TV network said the show in Tokyo, Japan was cancelled."
    assert _on_map(parser, text) == ["Tokyo", "Japan"]


def test_a_bear_and_a_civil_liberties_group_named_after_places_hold_no_place(parser):
    text = "A themed trail of Paddington bear models opened in Leeds, West Yorkshire."
    assert _on_map(parser, text) == ["Leeds", "West Yorkshire"]
    text = "Liberty Victoria president Julian Burnside said Melbourne, Australia was in lockdown."
    assert _on_map(parser, text) == ["Melbourne", "Australia"]


def test_a_legislator_of_a_state_named_like_a_city_is_the_state(parser):
    def where(text):
        return [(t.name, t.place.kind) for t in parser.parse(text) if t.place is not None]

    text = "'It just makes me angry,' said Senate Democratic leader Chuck Schumer of New York."
    assert where(text) == [("New York", "admin1")]
    assert where("Sen. Patty Murray of Washington voted no.") == [("Washington", "admin1")]
    assert where("The mayor of New York City, Bill de Blasio, spoke.") == [("New York City", "city")]


def test_an_ampersand_joins_a_places_name_but_a_firm_is_no_place(parser):
    """ "Trinidad & Tobago" is the country (it was a Bolivian town and an island); "broker London &
    Country" is a mortgage broker, "Colombia & FARC" two names."""
    got = {t.name: t.place.name for t in parser.parse("Trinidad & Tobago beat Kensington & Chelsea.") if t.place}
    assert got == {"Trinidad & Tobago": "Trinidad and Tobago", "Kensington & Chelsea": "Kensington and Chelsea"}
    text = "Use the finder tool powered by broker London & Country. Talks between Colombia & FARC resumed."
    assert [t.name for t in parser.parse(text)] == ["Colombia"]


def test_an_english_word_that_is_only_a_citys_other_name_needs_more_than_of(parser):
    """ "the forerunner of Trident" (the missile) was Trento, whose old English name it is, in a story
    that named Italy; "Britain Stronger in Europe" is a campaign's name."""
    text = (
        "RAF Tornados waited at Gioia del Colle, near Bari, Italy. The role passed to the Navy's "
        "Polaris submarines (the forerunner of Trident). JP Morgan helped to fund the Remain campaign, "
        "Britain Stronger in Europe."
    )
    names = [t.name for t in parser.parse(text)]
    assert "Trident" not in names and "Europe" not in names and "Britain" not in names, names
    assert "Italy" in names


def test_a_clause_in_a_state_frames_the_town_after_it(parser):
    """ "North of California, in Washington state, the town of Malden was destroyed" was Malden,
    Massachusetts: only a sentence opening "In Utah," framed what followed, and the gazetteer
    lacked the Washington town of 200 people."""
    text = "North of California, in Washington state, the town of Malden was almost entirely destroyed."
    got = {t.name: t.place.admin1 for t in parser.parse(text) if t.place is not None}
    assert got["Malden"] == "Washington", got
    got = {t.name: t.place.admin1 for t in parser.parse("A fire hit Malden on Sunday, officials said.") if t.place}
    assert got["Malden"] == "Massachusetts", got


def test_slogans_and_show_titles_holding_a_country_are_no_mention(parser):
    text = (
        "Members wore red Make America Great Again caps. She calls herself 'America's most wanted'. "
        "He could not advance his 'America First' agenda in America."
    )
    assert [t.name for t in parser.parse(text)] == ["America"]


def test_a_town_or_city_hall_is_a_building_named_after_its_place(parser):
    """ "outside Leeds City Hall" was Leeds, Alabama (in a story of New York), "New York City Hall
    staffers" the city: a hall named after its place, like a station or a stadium, is no mention."""
    text = "Staff at New York City Hall walked out. Protesters gathered outside Leeds City Hall and Chelsea Town Hall."
    assert [t.name for t in parser.parse(text) if t.reason not in NOT_MAPPED] == []


def test_a_nickname_in_quotes_between_a_given_name_and_a_surname_makes_a_person(parser):
    """ "Aaron 'Jay' Danielson" and the bare "Danielson" after it were Danielson, Connecticut."""
    text = (
        "Hundreds met in Vancouver, Washington, for a memorial for Aaron 'Jay' Danielson. Danielson, "
        "a supporter of a right-wing group, was shot in Portland."
    )
    assert "Danielson" not in [t.name for t in parser.parse(text)]


def test_a_list_of_cities_is_no_town_and_its_state(parser):
    """ "stops in Washington, New York and Boston" made New York the state holding a Washington:
    a city-first name that the list goes on after is a list item; "Paris, Texas and Dallas" keeps
    its state."""
    got = {t.name: t.place for t in parser.parse("After stops in Washington, New York and Boston, he flew home.")}
    assert got["New York"].name == "New York City" and got["Washington"].admin1 == "District of Columbia"
    got = {t.name: t.place for t in parser.parse("Storms hit Paris, Texas and Dallas on Monday.") if t.place}
    assert got["Paris"].admin1 == "Texas" and got["Texas"].kind == "admin1"


def test_a_caption_far_from_a_story_of_one_state_does_not_move_its_town(parser):
    """ "the town of Paradise" in a story of Californian fires was Paradise, Nevada, beside Las Vegas,
    because a caption at the end named "Las Vegas, Nevada": a sense near a resolved place gets no
    nearness bonus when its state barely figures and another sense's state holds a third of the story."""
    towns = ("Fresno", "Bakersfield", "Stockton", "Modesto", "Visalia", "Merced", "Riverside", "San Diego")
    others = (
        "Salem, Oregon",
        "Eugene, Oregon",
        "Boise, Idaho",
        "Denver, Colorado",
        "Provo, Utah",
        "Spokane, Washington",
    )
    text = (
        " ".join(f"Crews near {t}, California, fought the flames." for t in towns)
        + " "
        + " ".join(f"Smoke reached {o}." for o in others)
        + " The record included the Camp Fire, which ripped through the town of Paradise and killed 85 people."
        + "\n\nSmoke obscures the sun in Las Vegas, Nevada, on Monday"
    )
    got = {t.name: t.place for t in parser.parse(text) if t.place is not None}
    assert got["Paradise"].admin1 == "California", got["Paradise"]


def test_london_districts_airports_films_and_marches(parser):
    """From tune150bo: "when I get to Stockwell" (south London) was Stockwell, Indiana; "from Faro to
    Stansted" is the airport; "the Essex Boys movie" and "the March on Washington" name no place."""
    text = (
        "Commuters in London said that from Stockwell to Clapham and Balham it takes an hour. They flew "
        "from Faro to Stansted. The murders inspired the Essex Boys movie. The March on Washington was "
        "a turning point."
    )
    got = {t.name: t for t in parser.parse(text)}
    assert got["Stockwell"].place.country == "GB" and abs(got["Stockwell"].place.lat - 51.47) < 0.05
    assert "Stansted" not in got or got["Stansted"].reason in NOT_MAPPED
    assert "Essex" not in got and "Washington" not in got


def test_two_initials_before_a_surname_make_a_person(parser):
    """From tune150bq: "Charles Dickens, H.G. Wells and J. M. Barrie" was Barrie, Ontario; one initial
    after a given name was a person already ("Michael B. Jordan"), two spaced initials were not. A
    compass letter stays an abbreviation, now of the name it opens ("N. Ireland": Northern Ireland,
    no longer the Republic's "Ireland", since issue 11's forty-third session)."""
    text = "Members have included Charles Dickens, H.G. Wells and J. M. Barrie. He moved to N. Ireland."
    got = [(t.name, t.place.name) for t in parser.parse(text) if t.place is not None]
    assert got == [("N. Ireland", "Northern Ireland")]


def test_a_care_facility_is_a_building_named_after_its_place(parser):
    """From tune150bq: "Cumberland Manor Aged Care Facility in Sunshine North" was the Sydney
    council of Cumberland, and a care home is a building like a hospital."""
    text = "Cases rose at the Cumberland Manor Aged Care Facility in Sunshine North and at Caerphilly Care Home."
    got = [t.name for t in parser.parse(text) if t.reason not in NOT_MAPPED]
    assert got == ["Sunshine North"], got


def test_post_natal_is_no_province(parser):
    """From tune150bq: a campaign's "'Favored Post Natal Abortion'" was KwaZulu-Natal; "Durban, Natal"
    is still the province."""
    assert [t.name for t in parser.parse("'Favored Post Natal Abortion. Killed Thousands'")] == []
    got = {t.name: t.place for t in parser.parse("He was born in Durban, Natal, in 1950.")}
    assert got["Natal"].name == "KwaZulu-Natal"


def test_venice_is_the_italian_city_by_its_comune_and_the_upper_westside_manhattan(parser):
    """GeoNames counts Venice's old town alone (51,298 people), so a story naming nothing else gave
    it a confidence of 0.04 against Venice, California; "the Upper Westside" was a Westside in Las Vegas."""
    got = {t.name: t for t in parser.parse("He travelled to Venice last week.")}
    assert got["Venice"].place.country == "IT" and got["Venice"].score > 0.2, got["Venice"]
    got = {t.name: t.place for t in parser.parse("They bought a house in Venice, California.")}
    assert got["Venice"].admin1 == "California"
    got = {t.name: t.place for t in parser.parse("Residents spotted moving out of the Upper Westside")}
    assert got["Upper Westside"].admin1 == "New York"


def test_the_family_named_like_a_town_is_a_surname(parser):
    """From tune150bq: "the controlling Weston family" was Weston, Cheshire, and "into the York family"
    (the Duke's) the city; "a Leeds family" is one from Leeds, and a big city stays itself."""
    text = (
        "No need to pass the hat around for the controlling Weston family trusts. Welcoming a baby into "
        "the York family is a joy. A Leeds family won. The London family flew home."
    )
    assert [t.name for t in parser.parse(text) if t.place is not None] == ["Leeds", "London"]


def test_a_house_named_after_its_place_is_a_building(parser):
    """From tune150br: "near the jaw-dropping Chatsworth House" was Chatsworth, California; a state's
    House is its legislature, reported as before, and "the U.S. House" stays the nation."""
    text = "The property was near the jaw-dropping Chatsworth House in Derbyshire. The U.S. House is suing."
    got = {t.name: t for t in parser.parse(text)}
    assert got["Chatsworth"].reason in NOT_MAPPED, got["Chatsworth"]
    assert got["U.S."].reason not in NOT_MAPPED and got["Derbyshire"].place.country == "GB"


def test_a_town_a_story_is_set_in_is_no_bank_for_one_branches(parser):
    """A story of banking in a London town said "Hounslow's ten branches" once and "in Hounslow" again
    and again: the bank rule made the town a business throughout, and no Hounslow was mapped. A bank
    named like a town stays the bank ("Santander's branches", "invested in Beulah" twice)."""
    text = (
        "But not in Hounslow. Hounslow's ten branches are busy, and customers in Hounslow are happy. "
        "Santander's branches closed. Investors put money in Beulah, and an investor in Beulah lost it."
    )
    got = {t.name: t for t in parser.parse(text) if t.place is not None}
    assert got["Hounslow"].place.country == "GB" and "Santander" not in got and "Beulah" not in got, got


def test_small_places_the_gazetteer_lacked_and_a_rugby_club(parser):
    """Found by counting names after a locative that no toponym covered in real news: Penygraig
    (Rhondda), Karrakatta (Perth), Cahills Crossing (Northern Territory), Parkfield (California);
    "Penygraig RFC" is the club."""
    text = (
        "Emergency services scrambled to the A4119 at Penygraig in the Rhondda Valley, South Wales. A "
        "teenager was raped in Karrakatta in Perth two years earlier. A driver runs over a crocodile at Cahills "
        "Crossing. Researchers studied Parkfield, California. Officials of Penygraig RFC were angry."
    )
    got = [(t.name, t.place.admin1) for t in parser.parse(text) if t.place and t.reason not in NOT_MAPPED]
    assert ("Penygraig", "Wales") in got and ("Karrakatta", "Western Australia") in got, got
    assert ("Cahills Crossing", "Northern Territory") in got and ("Parkfield", "California") in got, got
    assert [n for n, _ in got].count("Penygraig") == 1, got


def test_the_place_a_named_speaker_is_from_is_no_speaker(parser):
    """ "Simon Garner, 48, from Ipswich said" and "Emma Evert from Brisbane said" lost their towns to the
    "Adams said" rule; a spokesman from a bank named like a town is still the bank."""
    text = (
        "Simon Garner, 48, from Ipswich said he felt safer in Suffolk. Emma Evert from Brisbane said her "
        "son was thrilled. A spokesman from Halifax said it."
    )
    got = [t.name for t in parser.parse(text) if t.place is not None and t.reason not in NOT_MAPPED]
    assert got == ["Ipswich", "Suffolk", "Brisbane"], got


def test_a_park_is_not_lost_to_a_towns_stray_alternate_name(parser):
    """ "Central Park" is also an alternate name of Bethpage, Long Island: in a New York story the
    resolver chose Bethpage, whose name it is not, and the mention was dropped, so a story of bodies
    found in Central Park mapped none. The park, weighed second, is taken; a person named like a
    town's alternate name stays no place ("Fang Bin")."""
    text = (
        "A Harlem resident who went fishing in one of Central Park's lakes hooked a corpse. New York City "
        "police were called to Harlem Meer in Central Park. It was the third body found in Central Park. "
        "The NYPD in Harlem and Brooklyn said the man was from Queens, New York."
    )
    got = [
        (t.name, t.place.kind)
        for t in parser.parse(text, demonyms=True)  # as ingest parses
        if t.place is not None and t.reason not in NOT_MAPPED
    ]
    assert got.count(("Central Park", "landmark")) == 3, got
    got = [t.name for t in parser.parse("Fang Bin, a Wuhan resident, went missing.", demonyms=True) if t.place]
    assert got == ["Wuhan"], got


def test_royal_estates_and_a_birmingham_district(parser):
    """ "at Sandringham" was no place (the gazetteer had only suburbs abroad) and "from Yardley" beside
    "from Kings Heath" was Yardley, Pennsylvania."""
    text = (
        "Prince Charles, Prince William, Kate, Meghan and Harry at Sandringham in December 2018. Both "
        "Taylor, from Kings Heath, and Pountney, from Yardley, deny a charge of murder."
    )
    got = {t.name: t.place for t in parser.parse(text) if t.place is not None}
    assert got["Sandringham"].country == "GB" and got["Yardley"].country == "GB", got


def test_macquarie_harbour_and_a_street_along_a_park(parser):
    """From tune150bv: "a dead pilot whale at Macquarie Harbour" in Tasmania was Macquarie in Canberra
    (the gazetteer lacked the harbour); "59th Street and Central Park West" is an avenue."""
    text = (
        "The body of a dead pilot whale is seen at Macquarie Harbour in Strahan, western Tasmania. A "
        "pond at 59th Street and Central Park West was drained."
    )
    got = [(t.name, t.place.admin1) for t in parser.parse(text) if t.place and t.reason not in NOT_MAPPED]
    assert got == [("Macquarie Harbour", "Tasmania"), ("Strahan", "Tasmania"), ("Tasmania", None)], got


def test_a_bottled_water_named_after_its_town_is_no_mention(parser):
    """From tune150bx (and sample200p before it): "two bottles of Voss water" was Voss, Norway."""
    assert [t.name for t in parser.parse("He kept two bottles of Voss water on the plane.")] == []
    got = {t.name: t.place.country for t in parser.parse("They hiked near Voss in Norway.") if t.place}
    assert got["Voss"] == "NO"


def test_places_the_gazetteer_lacked_where_a_namesake_abroad_took_the_marker(parser):
    """From tune-pool samples (tune150ca, cb, ce): Castleton (Peak District) was Vermont's, North Fork
    (Madera County) Arizona's, White Lake Township Michigan's White Lake in North Carolina, and
    "Kensington Park" beside Hyde Park Florida's."""
    text = (
        "After two nights in Castleton, in the Peak District, we moved on. The Creek fire reached the North "
        "Fork area of unincorporated Madera County. He was arrested by officers from White Lake Township. "
        "The council changed the traffic in Hyde Park and Kensington Park in London."
    )
    got = {t.name: (t.place.name, t.place.admin1) for t in _on_map_toponyms(parser, text)}
    assert got["Castleton"] == ("Castleton", "England"), got
    assert got["North Fork"] == ("North Fork", "California"), got
    assert got["White Lake Township"] == ("White Lake Township", "Michigan"), got
    assert got["Kensington Park"] == ("Kensington Gardens", "England"), got


def test_a_hotel_brand_a_retailer_and_a_cricketer_named_like_towns_are_no_places(parser):
    """From tune-pool samples (tune150cc, cd, ce): "a local Hilton hotel", "Jos. A. Bank" and "Lara, a
    former international cricketer" were Hilton (Cambridgeshire), Jos (Nigeria) and Lara (Victoria)."""
    text = (
        "Jones died in Melbourne, Victoria. Lara, a former international cricketer for West Indies, shared "
        "a video. Wayne worked in the kitchen of a local Hilton hotel. Retailers in bankruptcy: Tailored "
        "Brands Inc. (Men's Wearhouse; Jos. A. Bank), Aug. 2."
    )
    assert _on_map(parser, text) == ["Melbourne", "Victoria", "West Indies"]
    got = {t.name: t.place.country for t in parser.parse("Protests in Jos, Nigeria, and in Hilton, England.")}
    assert got == {"Jos": "NG", "Nigeria": "NG", "Hilton": "GB", "England": "GB"}, got


def test_a_dog_breed_a_conference_a_lotion_and_lincoln_center_are_not_towns(parser):
    """From the tune pool's least confident markers: "German Shepherd" was Shepherd, Texas (and Germany),
    "the Mountain West" (a conference) Mountain Village, Alaska, "Johnson's Baby Lotion" Johnson,
    Arkansas, and "New York City's Lincoln Center" the village of Lincoln Center, Massachusetts (the
    arts centre, a facility, is no place on the map either: tune150fe)."""
    text = (
        "The Pac-12 joined the Mountain West. A German Shepherd appears crying. A bottle of Johnson's Baby "
        "Lotion lay in the cupboard. He sat in front of New York City's Lincoln Center."
    )
    got = [(t.name, t.place.name) for t in _on_map_toponyms(parser, text)]
    assert got == [("New York City", "New York City")], got
    assert [t.place.name for t in parser.parse(text) if t.name == "Lincoln Center"] == ["Lincoln Center"]


def test_a_state_campus_a_council_for_a_country_and_sydneys_st_george(parser):
    """From tune150ch and ci: "visiting Louisiana-Lafayette" (the university's team) mapped both halves,
    "The Community Council for Australia" the country, and "the NRL match between the St George and
    the Melbourne Storm" St George in Queensland, 900 km from Sydney's St George."""
    text = "Iowa State's opener is against visiting Louisiana-Lafayette. Texas-El Paso won in Dallas-Fort Worth."
    assert _on_map(parser, text) == ["Dallas", "Fort Worth"]
    text = "The Community Council for Australia says charities are struggling. The Secretary of State for Wales spoke."
    assert _on_map(parser, text) == ["Wales"]
    text = (
        "Eight teams remain: the Penrith Panthers, Sydney Roosters and Parramatta Eels. Sims of the Dragons "
        "is tackled during the NRL match between the St George and the Melbourne Storm."
    )
    got = {t.name: t.place.admin1 for t in parser.parse(text) if t.place}
    assert got["St George"] == "New South Wales", got
    got = {t.name: t.place.admin1 for t in parser.parse("The flood hit St George in south-west Queensland.")}
    assert got["St George"] == "Queensland", got


def test_a_compass_region_before_another_division_is_that_divisions_part(parser):
    """From tune150ck (and tune150ae): "Belgaum, South West India" mapped South West England."""
    text = "The couple live in Belgaum, South West India. Rain is due in South West Scotland."
    assert _on_map(parser, text) == ["Belgaum", "India", "Scotland"]
    text = "Rain is due in North West England, and in the South West tomorrow."
    assert _on_map(parser, text) == ["North West", "England", "South West"]


def test_kin_around_a_name_and_french_champagne_are_no_places(parser):
    """From tune150cm: a caption's "Oli with McKenzie, one of his half-sisters" was McKenzie, Tennessee,
    "One sibling, Kelly, revealed" Kelly, North Carolina, and "French Champagne" (the drink) a
    village in the Sarthe."""
    text = (
        "His mother flew to San Francisco in 1998. Pictured: Oli with McKenzie, one of his half-sisters\n\n"
        "One sibling, Kelly, revealed the test. The UK could tax French Champagne."
    )
    assert _on_map(parser, text) == ["San Francisco", "UK"]
    assert _on_map(parser, "He flew to Paris, his favourite city.") == ["Paris"]


def test_mackenzie_scott_the_louvre_and_london_entree_are_no_places(parser):
    """From tune150cl, cn and co: "MacKenzie Scott" (a given name the list lacked) left "Scott, who owns
    a 4 percent stake" as Scott, Louisiana, in a story that also named US billionaires; "opposite the
    Louvre" (the museum) was Paris's first arrondissement; "London Entrée" is a company."""
    text = (
        "Jeff Bezos' ex-wife MacKenzie Scott has become the richest woman. Scott, who owns a stake, gained "
        "$30 billion. US billionaires got richer.\n\nThe station opposite the Louvre in Paris issued a "
        "notice. The firm was issued a default notice by London Entrée, Demetree's company."
    )
    assert _on_map(parser, text) == ["US", "Paris"]


def test_frankfurt_alone_airports_listed_a_childs_age_and_girardot_in_medellin(parser):
    """From tune150cp and cq: "Frankfurt" in a story with no German context was dropped (GeoNames names
    the city Frankfurt am Main, and the "Acropolis" rule dropped a city known only by another name);
    "both Frankfurt and Charles de Gaulle airports" are the airports; "23-month-old Mack" a child;
    "the Medellín neighborhood of Girardot" is Girardota, not Girardot in Cundinamarca."""
    got = {t.name: t.place.name for t in parser.parse("JP Morgan is moving staff from London to Frankfurt.")}
    assert got["Frankfurt"] == "Frankfurt am Main", got
    text = (
        "Both Frankfurt and Charles de Gaulle airports, and Zurich or Geneva airports, were busy. UK airports "
        "were quiet. Another child, 23-month-old Mack, succumbed to his injuries in Kansas."
    )
    assert _on_map(parser, text) == ["UK", "Kansas"]
    text = "A gunman shot him in the Medellín neighborhood of Girardot. Girardot has seen more crime."
    assert {t.place.admin1 for t in parser.parse(text) if t.name == "Girardot"} == {"Antioquia"}
    got = {t.name: t.place.admin1 for t in parser.parse("The festival in Girardot, Cundinamarca, drew crowds.")}
    assert got["Girardot"] == "Cundinamarca", got


def test_breonna_taylor_texas_t_the_dublin_regulations_ross_river_bruges_and_fez(parser):
    """From tune150cr and cs: a surname after an unknown given name ("Breonna Taylor") is the person
    later in the story too ("Taylor's apartment" was Taylor, Michigan); "the Texas T Kobe ranch" and
    "the Dublin regulations" are names; Townsville's Ross River was Ross in the Northern Territory;
    Bruges and Fez, by their English names, were dropped in stories with no other Belgian or
    Moroccan place (GeoNames names them Brugge and Fes)."""
    text = (
        "Louisville police shot Breonna Taylor in March. Officers fired into Taylor's apartment. The Texas T "
        "Kobe ranch feeds its cattle beer. The UK will change the Dublin regulations on returns."
    )
    assert _on_map(parser, text) == ["Louisville", "UK"]
    got = {t.name: t.place.admin1 for t in parser.parse("She walked by the Ross River in Townsville.")}
    assert got == {"Ross River": "Queensland", "Townsville": "Queensland"}, got
    for name, country in (("Bruges", "BE"), ("Fez", "MA")):
        got = {t.name: t.place.country for t in parser.parse(f"Hotels in {name} reopened on Monday.")}
        assert got == {name: country}, got


def test_a_town_listed_with_towns_of_one_state_is_that_states(parser):
    """From tune150cv: in a weather story about New South Wales and Victoria, "Ballarat, Geelong,
    Melbourne, Wonthaggi, Bacchus Marsh and Falls Creek" put Falls Creek in New South Wales (the story's
    other state); a list of one state's towns says which. "Santander bikes" (London's cycle hire) is
    no place (also from tune150cu)."""
    text = (
        "Thredbo in New South Wales, Broken Hill, Sydney and Wollongong were hit, and NSW braced. "
        "Ballarat, Geelong, Melbourne, Wonthaggi, Bacchus Marsh and Falls Creek will be battered. "
        "Santander bikes are free to hire today."
    )
    got = {t.name: t.place.admin1 for t in _on_map_toponyms(parser, text)}
    assert got["Falls Creek"] == "Victoria", got
    assert "Santander" not in got, got


def test_airlines_uk_the_derby_and_the_tampa_bay_buccaneers_are_no_places(parser):
    """From tune150cw and cx: "Airlines UK" (a trade body) opening a sentence, "home of the Derby"
    (the horse race) and "the Tampa Bay Buccaneers" (the gazetteer lacked Tampa Bay, so the team's
    name was read as Tampa and a word) are no places; the region itself is one, and so is Belleau
    Wood, the battle's village in the Aisne (the gazetteer had only the Belleau in Lorraine)."""
    text = (
        "Airlines UK, the trade body representing British carriers, wants shorter quarantine. "
        "Epsom Downs, home of the Derby, was empty. "
        "Clark played against the Tampa Bay Buccaneers in New Orleans. "
        "Flooding hit the Tampa Bay area on Monday. "
        "Trump was to have visited the cemetery near Belleau Wood."
    )
    mapped = _on_map_toponyms(parser, text)
    got = {t.name: t.place for t in mapped}
    assert "UK" not in got and "Derby" not in got, got
    assert [t.name for t in mapped if t.name.startswith("Tampa")] == ["Tampa Bay"], got  # the area only
    assert got["Tampa Bay"].admin1 == "Florida", got
    assert (got["Belleau Wood"].admin1, round(got["Belleau Wood"].lat)) == ("Hauts-de-France", 49), got


def test_stations_schools_regiments_reviews_gardens_and_dogs_are_no_places(parser):
    """From tune150cy and cz: a network's channel before a city is the station ("according to Fox 26
    Houston"), "X Elementary" a school, "the Yorkshire Regiment" a regiment, "a Cochrane review" the
    collaboration's, "Studley Royal Water Garden" the National Trust's garden, and a dog named after
    its breed and a comma ("black Labrador, Nancy,") is the dog."""
    text = (
        "Texas attorney general Ken Paxton said Austin bowed to cancel culture, according to Fox 26 Houston. "
        "Denise Quickel, principal of Windsor Elementary, said so. "
        "The Yorkshire Regiment sent Lieutenant Colonel Thomas Miller. "
        "A prestigious Cochrane review in 2011 had insufficient evidence. "
        "In second place was Fountains Abbey and Studley Royal Water Garden. "
        "Holmes, joined in the dock by his assistance dog, black Labrador, Nancy, denied one charge."
    )
    got = {t.name for t in _on_map_toponyms(parser, text)}
    assert got == {"Texas", "Austin"}, got


def test_jersey_is_new_jersey_in_a_new_york_story_and_the_island_in_a_british_list(parser):
    """From tune150cz: "come into Brooklyn from Jersey, from the Bronx" is New Jersey (the gazetteer
    had only the island under that name); "Jersey, Nice, Ibiza, Milan and Athens" in a British story
    stays the island, although Athens and Milan have American namesakes."""
    ny = "'There's no reason to come into Brooklyn from Jersey, from the Bronx,' said Monahan."
    got = {t.name: t.place.name for t in _on_map_toponyms(parser, ny)}
    assert got["Jersey"] == "New Jersey", got
    gb = (
        "Jersey, Nice, Ibiza, Milan and Athens have been favourite getaway spots this summer. 'We booked "
        "a flight from Edinburgh to Palma,' says Twidell.\n\nCouples take trips to luxury hotels such as "
        "Chewton Glen in the New Forest and Gleneagles in Perthshire."
    )
    got = {t.name: t.place.country for t in _on_map_toponyms(parser, gb)}
    assert got["Jersey"] == "JE", got


def test_a_division_known_by_an_added_english_name_keeps_its_standing(parser):
    """From tune150cz's neighbour: "the western Govi-Altai province" (GeoNames' "Govĭ-Altay") was
    "Altai" read as a Chinese town; with the English name added, the province is mapped. A division
    given names by the curated list keeps the importance of its kind (it had dropped to a hamlet's,
    and "Zavkhan province" went off the map)."""
    text = (
        "Mongolia reported a death from the bubonic plague, a boy from the western Govi-Altai province. "
        "A man died in Mongolia's western Zavkhan province after eating marmot meat."
    )
    got = {t.name: t.place.name for t in _on_map_toponyms(parser, text)}
    assert got.get("Govi-Altai") == "Govi-Altai" and got.get("Zavkhan") == "Zavkhan", got


def test_a_restaurant_a_unit_named_for_two_countries_and_the_sound_of_jura(parser):
    """From tune150db: "the China Doll restaurant" is the restaurant; "managing director of Tui UK and
    Ireland" names a business unit (the country after "and" goes on with the name; "between the UK
    and Ireland" stays both countries); "the Sound of Jura" is the strait in Argyll, and "Jura" in a
    Scottish story the island (it was the French department: the gazetteer lacked both)."""
    text = (
        "The China Doll restaurant in Woolloomooloo, Sydney, was fined. "
        "Andrew Flintham, managing director of Tui UK and Ireland, said flights between the UK and "
        "Ireland resumed. The canal links Loch Fyne at Ardrishaig with the Sound of Jura. "
        "Walkers on Jura saw red deer."
    )
    mapped = _on_map_toponyms(parser, text)
    names = [t.name for t in mapped]
    assert "China" not in names and names.count("UK") == 1 and names.count("Ireland") == 1, names
    got = {t.name: t.place for t in mapped}
    assert (got["Sound of Jura"].country, got["Jura"].country) == ("GB", "GB"), got


def test_a_city_airport_after_a_verb_south_tibet_and_indian_states_english_names(parser):
    """From tune150dc and dd: "figures show Frankfurt airport and Charles de Gaulle" is the airport
    (the policy's lower-case "X airport"; after a preposition it already was); "which China claims as
    South Tibet" is Arunachal Pradesh, not Tibet; Indian states carry their English names (GeoNames'
    "Haryāna" stays an alternate name)."""
    text = (
        "Figures show Frankfurt airport and Charles de Gaulle in Paris carried more passengers. "
        "The road runs to the Indian state of Arunachal Pradesh, which China claims as South Tibet. "
        "Farmers in Haryana protested."
    )
    got = {t.name: t.place.name for t in _on_map_toponyms(parser, text)}
    assert "Frankfurt" not in got and "Paris" in got, got
    assert got["South Tibet"] == "Arunachal Pradesh" and got["Haryana"] == "Haryana", got


def test_oxford_educated_racecourses_ferrari_models_and_a_plaza_hotel_throughout(parser):
    """From tune150de and df: "an Oxford-educated epidemiologist" in an American story is Oxford,
    England (it was Oxford, Georgia); towns listed after "tracks including" are the racecourses; "the
    California T" and "the Ferrari California" are cars, "Adelaide Hills Groodles" a breeder; a town
    named in "the Stamford Plaza hotel" is the hotel throughout the story ("the Rydges and Stamford
    outbreaks" was Stamford, Connecticut)."""
    us = (
        "The CDC in Atlanta, Georgia, hired Alexander, an Oxford-educated epidemiologist. "
        "The Jockey Club owns horseracing tracks including Aintree, Cheltenham, Epsom and Newmarket. "
        "The Portofino replaced the California T, which followed the original Ferrari California."
    )
    got = {t.name: t.place for t in _on_map_toponyms(parser, us)}
    assert got["Oxford"].country == "GB", got
    assert not {"Cheltenham", "Epsom", "Newmarket", "California"} & set(got), got
    f1 = "Formula One returned to circuits such as Monza, Imola and Mugello in 2020."
    assert _on_map(parser, f1) == [], _on_map(parser, f1)  # the pattern's every head word is reached
    au = (
        "A guard at the Stamford Plaza hotel in Melbourne tested positive. Cases in Victoria stem "
        "from the Rydges and Stamford outbreaks. Amanda Wilkinson, from Adelaide Hills Groodles, breeds dogs."
    )
    got = {t.name: t.place for t in _on_map_toponyms(parser, au)}
    assert set(got) == {"Melbourne", "Victoria"}, got


@pytest.mark.parametrize(
    ("text", "on_map"),
    [
        # From tune150dg and dh: "sandbags along U.S. 90 in preparation" is a highway ("U.S. 10-year yields" stay the
        # country); "Lincoln-Sudbury Regional High" and "Marden High School's" are schools; "the Naval Academy" is the
        # institution (GeoNames has the Annapolis neighbourhood of its name); "Free Stuff Manchester UK" is a Facebook
        # group.
        pytest.param(
            (
                "Residents loaded sandbags along U.S. 90 in preparation for the storm. U.S. 10-year yields fell. "
                "Around 60 students from Lincoln-Sudbury Regional High attended a party. "
                "Marden High School's headteacher said a pupil tested positive. "
                "He met her during his time at the Naval Academy. "
                "Free Stuff Manchester UK has more than 13,000 members."
            ),
            ["U.S."],
            id="a_us_highway_a_regional_high_school_the_naval_academy_and_a_facebook_group",
        ),
        # From tune150di and dj: "the decision in Shelby County v Holder" names a case ("voters in Shelby County,
        # Tennessee" stay the county); "a woman who goes by Alicia" is a person (it was Alicia in the Philippines;
        # "prices go by Paris standards" stay Paris); "her Norton Hill School's policy" is the school's.
        pytest.param(
            (
                "Harris mentioned the 2013 Supreme Court decision in Shelby County v Holder. Voters in Shelby "
                "County, Tennessee, waited. A woman who goes by Alicia lives in Anaheim, where prices go by "
                "Paris standards. The pupil breached her Norton Hill School's policy on hair."
            ),
            ["Shelby County", "Tennessee", "Anaheim", "Paris"],
            id="a_lawsuit_a_name_someone_goes_by_and_a_schools_possessive",
        ),
        # From tune150di (and four earlier samples): "their restaurant Upper East Side in Bondi" names a Sydney
        # restaurant, and so does every later "Upper East Side" of the story ("Upper East Side staff" were Manhattan's
        # neighbourhood).
        pytest.param(
            (
                "They failed to pay staff at their restaurant Upper East Side in Bondi, in Sydney's east. "
                "Fair Work alleged that Upper East Side staff were underpaid."
            ),
            ["Bondi", "Sydney"],
            id="a_restaurant_named_like_a_place_is_the_restaurant_throughout",
        ),
        # From tune150dn: "a Holland and Barrett health food store" is the chain ("Holland and Belgium drew" stays the
        # country); "the Castello di Santa Eurasia" is Lebedev's castle in Umbria (it was Castello, a village in
        # Lombardy).
        pytest.param(
            (
                "At a Holland and Barrett health food store only 60 people came. Holland and Belgium drew. "
                "Mr Lebedev hosts lavish parties at the Castello di Santa Eurasia near Umbertide."
            ),
            ["Holland", "Belgium", "Umbertide"],  # the castle is no place; the town near it is (uncertain)
            id="a_health_food_chain_and_an_italian_castle",
        ),
        # From tune150dm and do: "traffic on the A3 Roehampton Vale" is the road ("the M25 near Reigate" leaves
        # Reigate a place); "Lu Hongzhou, professor and co-director" opens a sentence with a Chinese surname and is a
        # person (it was Hongzhou in Guizhou), while "Wuhan reported" stays the city.
        pytest.param(
            (
                "Heavy traffic heading into London on the A3 Roehampton Vale this morning. The M25 near "
                "Reigate was shut.\n\nLu Hongzhou, professor and co-director of the clinical centre, said it "
                "worked. Wuhan reported no cases."
            ),
            ["London", "Reigate", "Wuhan"],
            id="a_road_named_after_its_number_and_a_chinese_name_opening_a_sentence",
        ),
        # From tune150ds and dt: "Asthma UK" opening a sentence is the charity (as "Age UK" was); "He added to News 4
        # San Antonio" is the station; "California Adventure" is Disney's park in Anaheim ("Anaheim, California" stays
        # the state).
        pytest.param(
            (
                "Asthma UK said the advice was welcome. He added to News 4 San Antonio that it was hard. "
                "California Adventure and Disneyland remained closed in Anaheim, California."
            ),
            ["Anaheim", "California"],
            id="a_charity_a_stations_news_and_a_theme_park_are_no_places",
        ),
        # the thirty-sixth session's tune samples and its unseen samples' tune pools (sample200bb-bi)
        # tune150dx: a jail named after its district, after a preposition
        ("A police van stood outside Croydon custody centre this morning.", []),
        ("The minister had her sent to Holloway women's prison in 1966.", []),
        # ... but a prison described by where it is stays the place
        ("He spent eight months locked up in a Cairo prison.", ["Cairo"]),
        # tune150dz: an NHS trust's name ("Hospital of" was known, "Hospitals of" not)
        ("He chaired a report into the scandal at the University Hospitals of Morecambe Bay in 2015.", []),
        # tune150dx: a charity's national arm whose name opens a quotation
        ("'WWF Russia and WWF Mongolia have joined forces in the two countries,' said an official.", []),
        # ... a quoted slogan's verb opens no name
        ("The president urged his supporters on by tweeting 'LIBERATE MICHIGAN' last spring.", ["MICHIGAN"]),
        # tune150dx and dw: a nickname of another place and a broadcaster cited by its short name
        ("The Peak District, described by Thomas Hobbes as 'the English Alps', is beautiful.", ["Peak District"]),
        ("'We are 50 days away from an election,' she said, according to Alaska Public.", []),
        # tune150eb: "the EU" and a comma before "Britain" put no European Union in Britain
        (
            "When it finally extricates itself from the EU, Britain will again be an independent nation.",
            ["Britain"],
        ),
        # ... while "Broadway, Worcestershire" is still the village, not the street
        ("They stopped at Broadway, Worcestershire on the way.", ["Broadway", "Worcestershire"]),
        # tune150ed: a hospital's possessive, a species named after a naturalist, a news site
        ("The case worked at Liverpool Hospital's emergency department.", []),
        ("A beaked whale washed up in Oregon. It is hard to tell a True's from a Gervais' beaked whale.", ["Oregon"]),
        ("The spokesman said so in an interview with My San Antonio.", []),
        # tune150ef: a centre of a kind that is a facility
        ("The craft took off from Jiuquan Satellite Launch Centre in Inner Mongolia.", ["Inner Mongolia"]),
        ("Both were lodged in the Laurel County Detention Center on Friday.", []),
        # tune150ej, ek, el, ei: a state agency, a military command, a series, a scheme, a species
        ("'Calls came from all across the state,' New Mexico Game & Fish Department spokeswoman said.", []),
        ("There was a conference with the United States European Command about the virus.", []),
        ("Trailer revealing romantic new Netflix series Emily in Paris.", []),
        ("He was referred to the Home Office's Channel programme. Migrants crossed the Channel.", ["Channel"]),
        (
            "Komodo dragons live on Komodo and Rinca in Indonesia. The reptiles, also known as 'Komodo "
            "monitors', are in decline.",
            ["Komodo", "Indonesia"],
        ),
        # tune150em: an illness named after a person called like a city
        ("As the world grappled with the pandemic, the Kawasaki-like condition was emerging.", []),
        # the unseen samples' tune-pool errors: a state film agency, a miner named after its town
        # (throughout the story, but not the town in "firm Oxford Biomedica"), a county's police
        ("The cabinet spent $14,909. Screen Queensland spent $6,219.", []),
        (
            "Gold miner Fresnillo's share price has doubled. Spikes could bode well for Fresnillo's "
            "prospects, and copper miner Antofagasta jumped.",
            [],
        ),
        ("Gene therapy firm Oxford Biomedica makes it. Oxford's jab is in trials.", ["Oxford"]),
        ("We thank the Miami-Dade Police Department for their quick action.", []),
        # sample200bf (its tune pool): stations listed after "terminals"
        ("Hardly anyone arrived at major terminals in the capital including Waterloo and Paddington.", []),
        # sample200bh (its tune pool): a place listed after businesses is a business; not after places
        ("Major providers - including Aviva, Royal London and Zurich - face an inquiry.", []),
        ("Shoppers went to supermarkets such as Iceland. Prices rose in cities like Paris.", ["Paris"]),
        # tune150eu: the war's draft, not the country ("served in the Vietnam War" is inside a name)
        (
            "Trump received a medical deferment from Vietnam over alleged bone spurs. He later visited Vietnam.",
            ["Vietnam"],
        ),
        # tune150eo, ep, er: a video headline's animal
        ("Oregon officers remove power line cables from Elk's antlers", ["Oregon"]),
        ("He lives in Miami-Dade, Florida.", ["Miami-Dade", "Florida"]),
        # the thirty-seventh session's tune samples (tune150fa-fu, most drawn among unjudged mentions)
        # and its unseen samples' tune pools (sample200bj-bx)
        # tune150fa: a currency sign after the country's code ("US $2 trillion stimulus" may be the US's)
        ("It sits among some US$700 billion of space infrastructure. Prices in the US rose.", ["US"]),
        # tune150fd: an agreement named after an estate, in lower case
        ("Under the Sandringham accord the pair quit. They left Norfolk.", ["Norfolk"]),
        ("The Minsk agreements failed, and the Warsaw Pact had long gone.", []),
        # tune150fd: an opera company, a school named as an alma mater
        ("They are pictured after a Washington Opera performance.", []),
        ("Instead of taking on private schools like his own alma mater, Highgate, he went to Leeds.", ["Leeds"]),
        # tune150fe and fd: a folding bike, an airline asked for comment (a country asked is its government)
        ("A longtime fan of the Brompton folding bike, he cycles in London.", ["London"]),
        ("DailyMail.com has reached out to Delta for comment. We contacted China for comment.", ["China"]),
        # tune150fe: a hospital named after two towns; an arts centre
        ("The inquiry is at Shrewsbury and Telford Hospital, where families raised concerns.", []),
        (
            "Cases were confirmed in Public School 1 in Sunset Park and Middle School 88 in Park Slope.",
            ["Sunset Park", "Park Slope"],
        ),
        ("He spent seven days in a sphere in front of New York City's Lincoln Center.", ["New York City"]),
        # tune150ff: clubs named by their towns in a list of clubs
        (
            "Charlton Athletic, Leyton Orient, Middlesbrough, QPR, Stoke City, Sunderland, Watford and Wigan "
            "Athletic are the teams that opted out.",
            [],
        ),
        ("He played for clubs including Barnsley, Cardiff City, Queens Park Rangers and Plymouth Argyle.", []),
        ("Fans in Leeds, Bradford and Sunderland cheered Manchester United.", ["Leeds", "Bradford", "Sunderland"]),
        # tune150fh, fg, fi, fj: a brand's advert, a guest house, a constitution, a ferry service, a rally
        ("She praised a Gillette advert. He lives in Gillette, Wyoming.", ["Gillette", "Wyoming"]),
        (
            "Xi Jinping and US President Barack Obama shake hands at the West Lake State Guest House in Hangzhou.",
            ["US", "Hangzhou"],
        ),
        ("I love the United States and I love the United States Constitution.", ["United States"]),
        ("She headed to court from the Staten Island ferry. He lives on Staten Island.", ["Staten Island"]),
        ("The Sturgis rally drew crowds to the town of Sturgis, South Dakota.", ["Sturgis", "South Dakota"]),
        # the real-news gold's tune half (a miss) and the tune pool: a feature's generic word in lower case
        (
            "Footprints were found in the Arabian peninsula. Salmon swim up the Columbia river past Portland, "
            "Oregon. The Kintyre peninsula is quiet.",
            ["Arabian peninsula", "Columbia river", "Portland", "Oregon", "Kintyre"],
        ),
        # tune150fk-fn: a news site, a monument, a castle, a carmaker's national arm, a newspaper, a jail
        ("Most citations were issued next to campus, according to Whitman County Watch.", []),
        (
            "Others sat beside Nelson's Column. The Tower of London came fourth. He lives in Nelson, Lancashire.",
            ["Nelson", "Lancashire"],
        ),
        ("Mini UK announced it is to cut 400 jobs at its factory in Oxford.", ["Oxford"]),
        ("A spokeswoman told the Santa Fe New Mexican. We drove to Santa Fe.", ["Santa Fe"]),
        ("Fanara has since been transferred to Sardinia's high-security Sassari prison.", ["Sardinia"]),
        # tune150fo and fr: cheeses listed after "cheeses", an air ambulance charity
        ("K2 is in fermented hard cheeses, Stilton, Gouda, Edam and soy beans. We drove to Gouda.", ["Gouda"]),
        # ... one rule for every kind listed (a list item may be a clause: "Aintree, which hosts ...")
        (
            "It owns racecourses, including Aintree, which hosts the Grand National, and Epsom Downs. "
            "He lives in Epsom.",
            ["Epsom"],
        ),
        ("We dispatched a London's Air Ambulance trauma team. He lives in London.", ["London"]),
        # tune150fs: an NHS commissioning group named after two places, a city's register
        ("The health authority, Canterbury and Coastal Clinical Commissioning Group, was worried.", []),
        ("It is a landmark in the St. Petersburg Register of Historic Places.", []),
        # tune150fu and sample200bq (its tune pool): a station in a timetable, a battle, a nickname
        ("Services: 5.43am Portsmouth Harbour to London Waterloo. He lives in Portsmouth.", ["Portsmouth"]),
        ("The battle of Britain was won by the RAF. He lives in Britain.", ["Britain"]),
        ("Bull Connor was the commissioner of public safety in Birmingham, Alabama.", ["Birmingham", "Alabama"]),
        # sample200bs and bt (their tune pools): a state's fire service, a motorway service station
        ("NSW RFS Commissioner Shane Fitzsimmons pins a medal. Fires raged in NSW.", ["NSW"]),
        ("Police found a man inside at Maidstone services near the M20. Bus services in Leeds were cut.", ["Leeds"]),
        # sample200bv (its tune pool): a building society in lower case
        ("Two were issued, prompting the Yorkshire building society to launch an inquiry in Leeds.", ["Leeds"]),
        # the thirty-eighth session's tune samples of another outlet and decade (BBC News 2004-05,
        # bbc150t1-t10): a team's line-up, whether marked by its head word, a substitution or the captain
        (
            "Wasps won 31-37.\nReplacements: Peel, Wilson, Thompson, Parling, Sititi, Charlton, Shaw.\n"
            "They play Leeds next.",
            ["Leeds"],
        ),
        (
            "Dundee won.\nHale, Menzies, Bolton, Potter, Sheridan (Burns 61), Arbuckle, Gibson, Bryce (Jones 78), "
            "Malone.\nThey play in Aberdeen next.",
            ["Dundee", "Aberdeen"],
        ),
        ("Leeds: Balshaw; Rees, Bell, Doherty; McMullen, Dickens; Murphy, Palmer (capt), Morgan, Parks.", ["Leeds"]),
        # ... but a list of clubs, some named by their towns, is no line-up
        (
            "Barcelona, Bayern Munich, Porto, Real Madrid, Werder Bremen.\nThey drew in Porto.",
            ["Barcelona", "Porto", "Porto"],
        ),
        # bbc150t1, t4, t5: athletics clubs; a club's prefix
        ("J Smith (Exeter Harriers), K Brown (Trafford AC) won in Birmingham.", ["Birmingham"]),
        ("AC Milan and PSV Eindhoven drew in Milan.", ["Milan"]),
        # bbc150t2, t4, t5: titles, a word that is only a city's other name, an event, a brand's arm,
        # a stadium, a broadcaster, a trophy
        ("The CSI: Miami star saw The Merchant of Venice in London.", ["London"]),
        ("Her album Mind, Body & Soul topped the charts in Seoul.", ["Seoul"]),
        ("The car was unveiled at the Geneva motor show and sold in France.", ["France"]),
        ("According to eBay UK, sales rose in the UK.", ["UK"]),
        ("Cech moved to Stamford Bridge last summer. He lives in Chelsea.", ["Chelsea"]),
        ("TNT is a venture of France Televisions in Paris.", ["Paris"]),
        ("Henman retired from Davis Cup tennis in London.", ["London"]),
        # bbc150t7-t10: a work right after its kind, not a clause's subject; a head-marked list of two players
        (
            "Oliver Stone's film Alexander opened in Los Angeles. The opera Carmen played in Paris. An epic "
            "Atlantic crossing ended.",
            ["Los Angeles", "Paris", "Atlantic"],
        ),
        # ... and a named thing's first word that is a city of 100,000 or more stays the city elsewhere
        (
            "Shares in Bradford & Bingley rose; a Bradford councillor was pleased. Miami Vice was filmed in "
            "Miami. Miami police helped.",
            ["Bradford", "Miami", "Miami"],
        ),
        ("The biggest film Hollywood has made opened in Texas.", ["Hollywood", "Texas"]),
        ("Subs Not Used: Warrington, Maloney.\nThe club is based in Warrington.", ["Warrington"]),
        # ... bodies and firms named after a place, not an office or an election named after it
        (
            "Oil rose on the New York Mercantile Exchange. Baikal Finance Group won. London Assembly members met.",
            ["London"],  # a legislature named after its place is a modifier ("the Nebraska Legislature")
        ),
        (
            "The British Columbia Finance Minister spoke before the Karnataka Assembly election.",
            ["British Columbia", "Karnataka"],
        ),
        ("Visitors toured the Palace of Westminster and the Conference Board of Canada met in Toronto.", ["Toronto"]),
        # bbc150t11-t14: an airline, a party, an institute's index, a film and a firm named like a lake
        ("Air Jamaica is back in state control in Kingston.", ["Kingston"]),
        ("He quit the UK Independence Party. The Ifo index rose in Munich.", ["Munich"]),
        ("Pirates of the Caribbean took $300m. Baikal Finance Group won the auction; Baikal later sold it.", []),
        # bbc150t15-t18: a surname after its particle, a stadium, a word that is a capital's name
        (
            "France beat Italy in Rome, where Roland de Marigny kicked a penalty. Later R de Marigny scored a try.",
            ["France", "Italy", "Rome"],
        ),
        ("Fans packed the Stade de France in Paris.", ["Paris"]),
        ("Male life expectancy rose. Protests erupted in Male on Friday.", ["Male"]),
        # bbc150t19-t22: clubs with a second place or a word before their kind, a fair, a bank, a particle
        # in a line-up
        (
            "A Scott (Shaftesbury Barnet Harriers), J Kwakye (Woodford Green with Essex Ladies) ran in Birmingham.",
            ["Woodford Green", "Birmingham"],
        ),
        ("The London Book Fair opened. Bradford & Bingley and Wells Fargo rose in London.", ["London"]),
        # bbc150t23-t26 and sample200bz's tune pool: universities listed by their towns, a club, a regiment, a
        # broadcaster, an agenda, a prison; firms, a magazine and an airline named like places
        ("Researchers at the universities of Glasgow, Edinburgh and Dundee met in Perth.", ["Perth"]),
        (
            "G Warburton (Cardiff AAC) won. China Central Television said the Lisbon Agenda failed. He was sent "
            "to Stoke Heath Young Offender Institution.",
            [],
        ),
        ("Alliance & Leicester rose. Rolling Stone praised Delta Air Lines, Roche and Converse in Leeds.", ["Leeds"]),
        (
            "Italy lost.\nDe Marigny; Mi Bergamasco, Canale, Masi, Nitoglia; Orquera, Troncon; Lo Cicero, Festuccia; "
            "Bortolami (capt); Persico, Parisse.",
            ["Italy"],
        ),
        # bbc150t27-t30: clubs named after their towns, a club of two towns, bodies named after places, a
        # person after a preposition, a studio (not a county's office), a club, an airline, a summit, a
        # programme, a song
        (
            "K Holmes (Ealing, Southall and Middlesex AC), M Farah (Windsor, Slough, Eton and Hounslow AC), "
            "E Jackson (Aldershot, Farnham and District) ran in Birmingham.",
            ["Birmingham"],
        ),
        ("The match between Leeds and Manchester United was in Leeds.", ["Leeds", "Leeds"]),
        (
            "A Neath-Swansea Ospreys player joined the Telecom Regulatory Authority of India. Shanghai "
            "Automotive rose.",
            [],
        ),
        ("The Barbarians scored through Albert van den Bergh in Paris.", ["Paris"]),
        ("Film studio New Line sued the Lamar County and District Attorney in Texas.", ["Lamar County", "Texas"]),
        (
            "He joined Paris St Germain. All Nippon Airways and Nippon Steel met at the Asia Pacific Economic "
            "Co-operation summit in Chile.",
            ["Chile"],
        ),
        (
            "On the BBC's Focus on Africa programme, Bono sang Georgia On My Mind with the Blind Boys of "
            "Alabama in Atlanta.",
            ["Atlanta"],
        ),
        # bbc150t31-t34: an initial before a surname (not "S Yorkshire"), a line-up of surnames that are
        # small towns' names (not clubs named by their towns), a nickname, bodies, a club, a hunt, works
        ("Referee: C Thomson\nH Clitheroe (Preston Harriers) won in Leeds.", ["Leeds"]),
        (
            "Borders: Morton, Moffat, MacRae, Hore, Warnock, Moore, Thomson, Ford, Douglas, Blair, Stewart.\n"
            "Results: Swindon, Derby, Preston, Burnley, Wigan.",
            ["Swindon", "Derby", "Preston", "Burnley", "Wigan"],
        ),
        (
            'Rap mogul Marion "Suge" Knight has been arrested for violating his probation, say police in California.',
            ["California"],
        ),
        (
            "Korea Exchange Bank and the Pakistan People's Party met Milton Keynes Dons and the Bicester Hunt "
            "in Oxfordshire.",
            ["Oxfordshire"],
        ),
        ("It premiered at the Sundance film festival in Utah. Brookside, Phoenix Nights and Abba Gold.", ["Utah"]),
        # bbc150t35-t38: firms, a brand, a rugby position, a lecture series
        (
            "Scottish and Newcastle and Brown and Williamson won a Waterford Crystal trophy in Leeds. In Sudan "
            "1 million people fled.",
            ["Leeds", "Sudan"],
        ),
        (
            "The scare hit the UK e-University. Wing Christophe Dominici scored in Paris. He spoke at the "
            "Edinburgh Lectures series.",
            ["Paris"],
        ),
        # bbc150t1-t38's most frequent error: Wimbledon the championships, but the place after "at" or "in"
        (
            "Safin has given up on Wimbledon. He won Wimbledon twice. The final at Wimbledon was wet. He lives "
            "in Wimbledon.",
            ["Wimbledon", "Wimbledon"],
        ),
        # bbc150t39-t42: a club's full name, titles, a theatre, a club of two places, a footballer, a
        # superhero (not the Turkish city after "in")
        (
            "Preston North End saw The Texas Chainsaw Massacre and Charlotte's Web. She danced at Sadler's Wells "
            "in London.",
            ["London"],
        ),
        (
            "J Smith (Newham and Essex Beagles) won. Edu scored for Arsenal. Batman returns. Protests in Batman grew.",
            ["Batman"],
        ),
        # bbc150t43-t46: a surname after "Von", a region's demonym in compass words, a bank's name
        (
            "Lars Von Trier filmed in Berlin. South East Asian countries and Sal Oppenheim met in the South "
            "East of England.",
            ["Berlin", "South East", "England"],
        ),
        # Reuters 1987 tune samples (rt1-rt4): datelines with state abbreviations in capitals or old style,
        # firms named after places (their legal form, a bank, a utility, a chamber), a firm's national arm,
        # a county abbreviation that is a company's "Co"
        (
            "FAIRMONT, MINN., March 3 - Hale County State Bank, Puget Sound Bancorp and Hongkong Electric met.\n"
            "MONROEVILLE, Penn., March 3 - Gulf States Utilities Co and Sony (U.K.) Ltd said.\n"
            "PORTLAND, Me., March 3 - Aluminum Co of America, Phillips Petroleum Co and the Brazil/Canada Chamber "
            "of Commerce met Enercon Data Corp of Minneapolis.",
            ["FAIRMONT", "MINN.", "MONROEVILLE", "Penn.", "PORTLAND", "Me.", "Minneapolis"],
        ),
        # Reuters tune samples rt5-rt8: listed firms before their tickers, a ticker, firms' words in a capitals
        # headline (not a headline's "HOUSE"), banks' and guilds' names, railroads, crude grades, people
        ("NEWPORT CORP <NESP> SEES GAIN\nCARBIDE <UK> LOOKS TO BUY IN TEXAS\nJAPAN FUND SETS PAYOUT", ["TEXAS"]),
        ("U.S. HOUSE PASSES TRADE BILL", ["U.S."]),
        # Reuters tune samples rt9-rt12: a central bank in a capitals headline, state oil firms, banks and
        # holding companies in Romance languages, a firm's holding "of" a state, the Paris Bourse, firms
        ("BANK OF CANADA SETS RATE\n\nThe government of Japan said.", ["Japan"]),
        (
            "Petroles de Venezuela, Banco de los Trabajadores de Venezuela, Societe Generale de Belgique, Shamrock "
            "Holdings of California, Rhone-Poulenc, Borg-Warner, Albertson's and Du Pont met on the Paris Bourse.",
            [],
        ),
        (
            "Banque Nationale de Paris, the Writers Guild of America, Glendale Federal Savings and Loan, the Santa "
            "Fe and Southern Pacific Railroads and Union Pacific met Mobil and Moody's in Paris.",
            ["Paris"],
        ),
        (
            "West Texas Intermediate and Light Louisiana Sweet rose. Charles W. Durham and Sheikh Ali al-Khalifa "
            "al-Sabah flew to Dar es Salaam.",
            ["Dar es Salaam"],
        ),
        # Reuters tune sample reuters150t13: a hyphenated firm before its ticker, a bank in a headline's
        # short form, a firm's name again without its legal form (as written, in a headline's capitals, and
        # ending in the place), agencies and an airline opening a sentence, a headline's English word
        (
            "ADAMS-RUSSELL ELECTRONICS <AARE> IN PURCHASE\nROYAL BANK/CANADA UNIT GROWS\nNEW YORK-BASED ACME "
            "CORP <ACM> GAINS",
            ["NEW YORK"],
        ),
        # ... but a city of 50,000 or more in capitals is the city (GeoCorpora's all-capitals tweet)
        ("SEVERE WX ALERT: THE NATIONAL WEATHER SERVICE IN MIDLAND HAS ISSUED A FLOOD WARNING", ["MIDLAND"]),
        (
            "NEWFOUNDLAND CAPITAL TO ISSUE DEBENTURES\n\nTORONTO, March 6 - Newfoundland Capital Corp Ltd, Norfolk "
            "Southern Corp and Gulf Canada Corp met. A Norfolk Southern spokesman said Gulf Canada may sell.\n"
            "Statistics Canada said output rose. Air Canada flies to Norfolk, Virginia.",
            ["TORONTO", "Norfolk", "Virginia"],
        ),
        # ... but not a headline's commodity: "Taiwan Sugar Corp" leaves "NO TAIWAN SUGAR EXPORTS" Taiwan's
        ("NO TAIWAN SUGAR EXPORTS\n\nTAIPEI, March 16 - State-owned Taiwan Sugar Corp said.", ["TAIWAN", "TAIPEI"]),
        # reuters150t14 and bbc124t47: a firm of two names joined by "and",
        # an association, a rugby league club, a film role
        (
            "It sold the unit to <Clayton and Dubilier Inc>. Clayton and Dubilier is a New York firm. He chairs "
            "U.S. Wheat Associates.",
            ["New York"],
        ),
        ("England trained with the Leeds Rhinos. Farrell will play the role of Crockett.", ["England"]),
        # reuters150t15 and reuters147t16: a central bank written in lower case, a firm, a crude grade,
        # the Mexican oil firm
        (
            "M-1 rose, the Monetary authority of Singapore (MAS) said. It converts Hewlett-Packard fonts. West "
            "Texas Sour fell. Pemex will sell gas in Salina Cruz.",
            ["Salina Cruz"],
        ),
        # reuters150t17 and reuters144t18: a firm's name shortened to its first words ("United States
        # Video"; not "the U.S. Government"), the Paris Club in a headline, Hydro Quebec
        (
            "JAMAICA SETS PARIS CLUB DEAL\n\nNEW YORK, March 6 - United States Video Vending Corp said Hill "
            "holds 5.9 pct of United States Video. Hydro Quebec is issuing a bond. The U.S. Government said.",
            ["JAMAICA", "NEW YORK", "U.S."],
        ),
        # reuters150t21 and reuters143t22: a firm of two surnames is no county ("Bell and Howell Co"), a
        # firm's words before its place ("Union Texas Petroleum Co ... Union Texas said"; not a sentence's
        # "In Texas"), a regional Fed, a power plant, an affair
        (
            "Bell and Howell Co said. <Union Texas Petroleum Co> said. Union Texas said its loss rose. The New "
            "York Fed said. FPL shut its Turkey Point plant. The Iran-contra affair grew. In Texas, rain fell.",
            ["Texas"],
        ),
        # reuters150t23: a place before a comma and a firm's form ("Westport, Co Mayo" stays Ireland's)
        ("It bought <Hunter Helicopter of Nevada, Inc>. She worked in Westport, Co Mayo.", ["Westport", "Co Mayo"]),
        # reuters150t25 and the BBC's tune errors: a wire's firm in angle brackets, a firm's acronym
        # between commas (a place's in capitals: "UKIF"), an affair, the Asia-Pacific region (Asia its
        # point, not the ocean), a group named by its number (the town itself stays), a sevens tournament
        (
            "<ALGOMA CENTRAL RAILWAY> 4TH QTR NET\n\nTORONTO, March 4 - Zambia Consolidated Copper Mines, ZCCM, "
            "said. The UK Internet Forum (UKIF) met. The Iran/Contra arms scandal grew. Sales in Asia-Pacific rose. "
            "The Guildford Four were freed (pubs in Guildford had been bombed). England won the Dubai Sevens.",
            ["TORONTO", "Asia", "Guildford", "England"],
        ),
        # reuters150t26: a listed firm named like a town, again "of" it before a lower-case word ("two pct of
        # Norton revenues"; "in Norton" stays the town) and hyphenated ("ASHTON-TATE <TATE>"), a broker, a car
        # plant, a telephone administration
        (
            "NORTON <NRT> SELLS UNIT\n\nWORCESTER, Mass., March 3 - Norton co said the unit is two pct of Norton "
            "revenues. ASHTON-TATE <TATE> said Ashton-Tate will grow. Kidder Peabody and Co rose. The Arlington "
            "Assembly plant in Arlington, Texas, closed. The Peking Telecommunications Administration signed. Snow fell "
            "in Norton.",
            ["WORCESTER", "Mass.", "Arlington", "Texas", "Norton"],
        ),
        # ... but a phrase in angle brackets is no firm; Fiji and Kenya are no acronym of a name
        (
            "<Fuji on the day of the flood tide> in Japan. He flew to Fiji, Kenya, and the UK, UN staff said.",
            ["Fuji", "Japan", "Fiji", "Kenya", "UK"],
        ),
    ],
)
def test_names_holding_a_place_and_people_named_like_places_leave_only_the_places_on_the_map(parser, text, on_map):
    """Rules from issue 11's tune samples (the thirty-fifth session on) and from the tune-pool errors of
    its unseen samples, whose held-out errors stay unread; each case a text written for the test: what
    the map shows is exactly the places (each case's comment says which error it came from)."""
    assert _on_map(parser, text) == on_map, _on_map(parser, text)


def test_a_capital_speaking_is_its_government_whatever_the_storys_namesake(parser):
    """From bbc150t44: "Washington has claimed all four were enemy combatants", in a story of British
    detainees driven from Birmingham to London, was Washington in Tyne and Wear; a capital that claims,
    says or denies is the capital, as "Oxford-educated" is the famous Oxford."""
    text = (
        "Police drove the men from Birmingham to London and Newcastle. Washington has claimed all four were "
        "enemy combatants."
    )
    got = {t.name: t.place.country for t in _on_map_toponyms(parser, text)}
    assert got.get("Washington") == "US", got


def test_a_small_town_opening_a_firms_name_is_the_firm_throughout_the_story(parser):
    """From the Reuters 1987 tune samples: "Seneca Resources Corp ... Seneca will provide a loan" and
    "Hazleton Laboratories Corp ... Hazleton holders": once a small town's name opens a firm's, the name
    alone is the firm, but "in Seneca, Ill." and "workers in Seneca" stay the town; a city of 100,000 or
    more keeps its own name ("Houston Industries Inc ... In Houston")."""
    text = (
        "Seneca Resources Corp said it would refinance. Seneca will provide a loan. The plant in Seneca, Ill., "
        "closed. Workers in Seneca left. Houston Industries Inc said Houston's streets flooded."
    )
    got = [(t.name, t.place.admin1) for t in _on_map_toponyms(parser, text)]
    assert got == [("Seneca", "Illinois"), ("Ill.", None), ("Seneca", "Illinois"), ("Houston", "Texas")], got
    # ... and a listed firm named by its town ("CORNING <GLW>") leaves the town's dateline on the map
    text = "CORNING <GLW> SETS RATIO\n\nCORNING, N.Y., March 2 - Corning Glass Works said 0.5 Corning share."
    got = [(t.name, t.place.admin1) for t in _on_map_toponyms(parser, text)]
    assert got == [("CORNING", "New York"), ("N.Y.", None)], got


def test_a_dateline_city_written_alone_is_the_famous_one(parser):
    """From the Reuters 1987 tune samples: "TORONTO, March 5 -" in a story that names Northgate (a suburb
    of Cincinnati, by the firm's name) was Toronto, Ohio; wire style names no state after a famous city
    only, so "TORONTO, Ohio, March 5 -" stays the Ohio village."""
    text = (
        "TORONTO, March 5 - Northgate Exploration Ltd said it appointed John Kearney as president.\n"
        "Kearney had been executive vice-president of Northgate."
    )
    got = {t.name: t.place.country for t in _on_map_toponyms(parser, text)}
    assert got.get("TORONTO") == "CA", got
    got = {t.name: t.place.country for t in _on_map_toponyms(parser, "TORONTO, Ohio, March 5 - The firm said.")}
    assert got.get("TORONTO") == "US", got


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("MIAMI, March 3 - FPL Group said a plant near Dallas, Texas, was shut.", "MIAMI", "Florida"),
        ("WILMINGTON, Dela., March 3 - The company said.", "WILMINGTON", "Delaware"),
        (
            "KHD, based in Cologne, West Germany, said its U.S. unit in Minnesota grew.",
            "Cologne",
            "North Rhine-Westphalia",
        ),
        ("A fire in Paris hit downtown. Police in Texas and Dallas said.", "Paris", "Texas"),
        # reuters150t14: a state with no period in a wire's dateline ("MALVERN, Pa," was Malvern, Ontario)
        (
            "VISHAY CLARIFIES OFFER\n\nMALVERN, Pa, March 12 - Vishay Intertechnology Inc said.",
            "MALVERN",
            "Pennsylvania",
        ),
    ],
)
def test_wire_datelines_and_a_capital_abroad(parser, text, name, admin1):
    """From the Reuters 1987 tune samples: "MIAMI, March 3 -" (a dateline the AP writes alone) was Miami,
    Texas; "WILMINGTON, Dela." was North Carolina's; "based in Cologne, West Germany" was Cologne,
    Minnesota, in a story of a firm's American unit; a story of its own state still finds Paris, Texas."""
    got = {t.name: t.place.admin1 for t in _on_map_toponyms(parser, text)}
    assert got.get(name) == admin1, got


def test_cold_war_states_and_their_capital_are_at_their_own_points(parser):
    """From reuters148t20: "East Germany" at unified Germany's point is 175 km from the GDR's centre and
    "North Yemen" at unified Yemen's 370 km from the Yemen Arab Republic's; "EAST BERLIN," had been East
    Berlin, Pennsylvania. West Germany's centre is within 161 km of Germany's, so it stays Germany."""
    text = (
        "EAST GERMANY ANNOUNCES REFORM\n\nEAST BERLIN, March 17 - East Germany plans reforms. Wheat went to "
        "North Yemen. West Germany agreed. In 1914 the liner Empress of Ireland sank."
    )
    got = {t.name: (round(t.place.lat), round(t.place.lon)) for t in _on_map_toponyms(parser, text)}
    assert got == {
        "EAST GERMANY": (52, 13),
        "EAST BERLIN": (53, 13),
        "East Germany": (52, 13),
        "North Yemen": (15, 44),
        "West Germany": (52, 10),
    }, got


def test_zaire_is_the_democratic_republic_and_congo_beside_it_the_republic(parser):
    """From reuters147t24: "Zaire" was Zaire province of Angola (1,200 km off), and "Congo" listed apart
    from it the Democratic Republic; a story without Zaire keeps "Congo" the Democratic Republic."""
    text = "Egypt, Zambia, Zaire, Uganda, Congo and Mali would attend. Congo President Denis Sassou-Nguesso spoke."
    got = {t.name: t.place.country for t in _on_map_toponyms(parser, text)}
    assert (got["Zaire"], got["Congo"]) == ("CD", "CG"), got
    got = {t.name: t.place.country for t in _on_map_toponyms(parser, "Fighting in Congo spread.")}
    assert got == {"Congo": "CD"}, got


def test_henan_is_the_province(parser):
    """From the Reuters 1987 tune samples: "Henan" was Hengyang (by an alternate name), the province the
    divisions table knows as "Henan Sheng" having lost its short name."""
    got = [
        (t.name, t.place.kind) for t in _on_map_toponyms(parser, "Floods hit Henan, China's most populous province.")
    ]
    assert got[0] == ("Henan", "admin1"), got


def test_going_on_to_a_university_town_to_study_is_the_famous_one(parser):
    """From bbc150t5 (BBC News 2004-05): "going on to Oxford to study politics" in a story that names
    Massachusetts was Oxford, Massachusetts; studying there is the university's town, as "Oxford-educated" is."""
    text = "The 39-year-old went to a comprehensive in Massachusetts before going on to Oxford to study politics."
    got = {t.name: t.place.country for t in _on_map_toponyms(parser, text)}
    assert got == {"Massachusetts": "US", "Oxford": "GB"}, got


def test_an_english_borough_in_a_table_and_a_parkway_station(parser):
    """From tune150dk and dl: "Melton" in a list of English local authorities is the Borough of Melton
    (the gazetteer had only Melton in Victoria); "a testing centre at Oxford parkway in Kidlington" is
    the station, a lower-case facility like "X airport"."""
    text = (
        "Local authorities with the highest rates: Mendip, Melton, Ryedale, Kettering. "
        "A Covid testing centre at Oxford parkway in Kidlington has opened."
    )
    got = {t.name: t.place.country for t in _on_map_toponyms(parser, text)}
    assert got.get("Melton") == "GB" and "Oxford" not in got and "Kidlington" in got, got


def test_salisbury_is_the_english_city_and_a_chains_national_arm_is_no_place(parser):
    """From tune150dn and dr: "poisoned with Novichok in the city of Salisbury" was Harare, whose
    colonial name GeoNames keeps as an alternate (the curated list now marks it a former name, ranked
    below the towns that bear it, so a story of Zimbabwe still finds Harare by it); "McDonald's UK now
    uses free-range eggs" names the chain's British arm."""
    text = (
        "Britain called in the OPCW after Sergei Skripal was poisoned with Novichok in the city of "
        "Salisbury in 2018. Even McDonald's UK now uses free-range eggs."
    )
    got = {t.name: t.place for t in _on_map_toponyms(parser, text)}
    assert got["Salisbury"].country == "GB" and "UK" not in got, got
    zw = "Zimbabwe's capital, then called Salisbury, was renamed in 1982. Mugabe lived in Salisbury."
    got = {t.name: t.place for t in _on_map_toponyms(parser, zw)}
    assert got["Salisbury"].name == "Harare", got


def test_a_campaign_for_a_cause_and_blanchard_idaho(parser):
    """From tune150du and dv: "Nicola Williams of Fair Play for Women" names a campaign ("in Texas for
    Christmas" stays Texas); "the town of Blanchard" after Washington's fires "spread to neighboring
    Idaho" is Blanchard, Idaho (the gazetteer had Oklahoma's, Louisiana's and Pennsylvania's)."""
    text = (
        "Nicola Williams of Fair Play for Women said the rules were unfair. He was in Texas for Christmas. "
        "Washington's wildfires had also spread to neighboring Idaho. Evacuations were being ordered "
        "around the town of Blanchard."
    )
    got = {t.name: t.place for t in _on_map_toponyms(parser, text)}
    assert "Fair Play" not in got and "Texas" in got, got
    assert got["Blanchard"].admin1 == "Idaho", got


def test_english_districts_named_like_rivers_in_a_table_of_local_authorities(parser):
    """From the real-news gold's tune half (its misses): a table of case rates by local authority names
    Runnymede, South Bucks, Rother, Swale and Wyre, which the gazetteer lacked (the three rivers' names
    had been left out as words; each river lies in its own district)."""
    text = (
        "Rates per 100,000 in the week to 13 September:\n"
        "Woking 17.9 (18), 6.0 (6)\nWyre 17.8 (20), 4.5 (5)\nSwale 16.0 (24), 6.7 (10)\n"
        "Runnymede 14.5 (13), 6.7 (6)\nSouth Bucks 14.3 (10), 12.8 (9)\nRother 8.3 (8), 1.0 (1)\n"
    )
    got = {t.name: t.place for t in _on_map_toponyms(parser, text)}
    assert {"Wyre", "Swale", "Runnymede", "South Bucks", "Rother"} <= set(got), got
    assert all(got[n].country == "GB" for n in ("Wyre", "Swale", "Runnymede", "South Bucks", "Rother")), got


def test_a_place_bearing_the_name_beats_a_stray_alternate_name_of_another(parser):
    """From the real-news gold's tune half (a miss): "a campaign stop ... in Cleveland Heights" in a
    story of Washington was no marker at all: the resolver weighed Cleveland Park (a Washington
    neighbourhood that GeoNames also calls "Cleveland Heights") about as high as the Ohio city, then
    dropped the stray name. The place bearing the name as its own now wins such a near tie; here the
    same rule with the tune pool's "Ishkashim, a town in northeastern Afghanistan" (Tajikistan's
    Ishqoshim carries the name as an alternate)."""
    text = (
        "The climbers drove through Tajikistan to reach a remote border crossing at Ishkashim, a town "
        "in northeastern Afghanistan."
    )
    got = {t.name: t.place for t in _on_map_toponyms(parser, text)}
    assert got["Ishkashim"].country == "AF", got


def test_a_senators_state_is_no_setting_for_the_storys_towns(parser):
    """From tune150dx: "Irish catholics like me who grew up in Scranton" (Biden) was Scranton, South
    Carolina, a village of 900, because "Senator Tim Scott of South Carolina" gave the story that state.
    A federal legislator's state says where the legislator is from; a governor's is the story's."""
    text = (
        "Republican Senator Tim Scott of South Carolina said the president should correct it. "
        "Biden said they look down on Irish catholics like me who grew up in Scranton."
    )
    got = {t.name: t.place for t in _on_map_toponyms(parser, text)}
    assert got["Scranton"].admin1 == "Pennsylvania", got
    gov = "Governor Henry McMaster of South Carolina visited the flooded streets of Scranton on Tuesday."
    got = {t.name: t.place for t in _on_map_toponyms(parser, gov)}
    assert got["Scranton"].admin1 == "South Carolina", got


def test_a_part_of_a_big_city_the_gazetteer_lacks_is_marked_at_the_city(parser):
    """From tune150ec: "in Manhattan's Union Square neighborhood" was Union Square in Somerville,
    Massachusetts, the only one the gazetteer has: a part named with a big city's possessive and no
    sense in the city's state is marked at the city (the policy's district at its city's point). A
    sense near the city ("Moscow's Domodedovo") and one in its state ("New York's Buffalo") stay."""
    text = (
        "The accident happened in Manhattan's Union Square neighborhood. Flights left Moscow's "
        "Domodedovo on time. Upstate, New York's Buffalo had snow."
    )
    got = {t.name: t.place for t in parser.parse(text)}
    assert got["Union Square"].name == "Manhattan", got
    assert got["Domodedovo"].name == "Domodedovo" and got["Buffalo"].name == "Buffalo", got


def test_english_districts_named_like_words_in_a_table_but_not_people(parser):
    """From the real-news gold's tune half (its misses): Craven, Eden, Hart and Copeland, rows of a
    table of English local authorities, had been left out of the gazetteer as surnames and words;
    people and Fulham's ground named so stay off the map."""
    table = (
        "Rates per 100,000:\nWoking 17.9 (18)\nCraven 22.8 (13)\nEden 11.3 (6)\nHart 7.2 (7)\n"
        "Copeland 2.9 (2)\nLambeth 22.7 (74)\n"
    )
    got = {t.name: t.place for t in _on_map_toponyms(parser, table)}
    assert all(got[n].country == "GB" for n in ("Craven", "Eden", "Hart", "Copeland")), got
    people = (
        "Prime Minister Anthony Eden resigned. Miranda Hart starred in the show. Director Wes Craven "
        "made horror films. Fulham drew at Craven Cottage."
    )
    assert not {"Eden", "Hart", "Craven"} & set(_on_map(parser, people)), _on_map(parser, people)


def test_a_legislators_party_and_state_code_is_the_state_of_the_seat(parser):
    """From tune150ec: "John Kennedy (R-LA) asked him" was Los Angeles, whose California then drew
    Biden's "Wilmington" to California's. The code after a party letter is the seat's state, like
    "D-Calif.", and gives the story no state context."""
    text = "Redfield was testifying when Senator John Kennedy (R-LA) asked him. Jack Reed (D-RI) followed."
    got = {t.name: t.place for t in _on_map_toponyms(parser, text)}
    assert got["LA"].name == "Louisiana" and got["RI"].name == "Rhode Island", got


def test_a_local_storys_county_and_town_say_which_of_their_namesakes_they_are(parser):
    """From LGL's tune half (a local paper's stories): "Paris and Henry County" was Paris, France and
    Henry County, Illinois, and "Anderson County deputies ... in Palestine" the Palestinian
    territories: a county named in several states and a town one of whose senses lies in it say
    which each is, when the story names no state of its own. A county with no such town changes
    nothing."""
    text = "All residents of Paris and Henry County will receive a letter from the rescue squad."
    got = {t.name: t.place for t in _on_map_toponyms(parser, text)}
    assert (got["Paris"].admin1, got["Henry County"].admin1) == ("Tennessee", "Tennessee"), got
    text = "Anderson County deputies arrested a man in Palestine on Friday."
    got = {t.name: t.place for t in _on_map_toponyms(parser, text)}
    assert got["Palestine"].admin1 == "Texas", got
    text = "She flew from Paris to see her sister in Orange County."
    assert {t.name: t.place.country for t in _on_map_toponyms(parser, text)}["Paris"] == "FR"


def test_a_name_inside_a_web_or_mail_address_is_no_mention(parser):
    # "Read more at https://.../London-Paris-talks/Berlin.html" put markers on London, Paris and
    # Berlin; an address's town ("www.Paris.fr") or a reporter's mail ("Levi.Parsons@...") too
    text = (
        "Talks resumed in Rome. Read more at https://www.example.com/news/London-Paris-talks/Berlin.html "
        "or visit www.Paris.fr, and write to Levi.Parsons@example.com or madrid.desk@example.org."
    )
    assert [n for n, _, _ in mapped(parser, text)] == ["Rome"]
    assert [n for n, _, _ in mapped(parser, "Talks in Vienna (http://www.example.org/vienna) ended.")] == ["Vienna"]
    names = {t.name for t in parser.parse(text)}
    assert not names & {"London", "Paris", "Berlin", "Levi", "Madrid"}, names
