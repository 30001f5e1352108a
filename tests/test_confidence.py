"""The score a user filters on ("Hide uncertain places" hides scores under 0.5) means what it says
for places GeoNames gives no population: seas, mountain ranges, most divisions."""

from __future__ import annotations

from mapapp.geo.geoparse import NOT_MAPPED


def _scores(parser, text):
    return {t.name: t.score for t in parser.parse(text) if t.place is not None and t.reason not in NOT_MAPPED}


def test_a_sea_or_a_province_without_population_is_not_hidden_as_uncertain(parser):
    # before: the Irish Sea .34, the Gulf of Mexico .34 and Shaanxi .17, scored like hamlets
    # because their population (none) weighed as a village's
    got = _scores(parser, "A boat sank in the Irish Sea off Wales. Storms crossed the Gulf of Mexico.")
    assert got["Irish Sea"] >= 0.5 and got["Gulf of Mexico"] >= 0.5
    got = _scores(parser, "Floods hit Shaanxi and Hebei provinces in China this week.")
    assert got["Shaanxi"] >= 0.5


def test_a_time_zone_is_not_the_ocean(parser):
    text = "The event streams from Cupertino at 10am Pacific time. Whales swim in the Pacific."
    mapped = [(t.name, t.start) for t in parser.parse(text) if t.place is not None and t.reason not in NOT_MAPPED]
    assert [s for n, s in mapped if n == "Pacific"] == [text.index("the Pacific") + 4]


def test_the_mention_s_own_shape_moves_its_confidence_across_the_hide_line(parser):
    # a locative before a town says "a place" (before: Leeds .48, hidden as uncertain); a
    # capitalised word right after one no rule knows says "a name holding it" (before: .70, shown)
    assert _scores(parser, "Police in Leeds said a man was arrested on Monday.")["Leeds"] >= 0.5
    assert _scores(parser, "Crews cleared debris near the Golden Gate Overlook, officials said.")["Golden Gate"] < 0.5
