"""The score a user filters on ("Hide uncertain places" hides scores under 0.5) means what it says
for places GeoNames gives no population: seas, mountain ranges, most divisions; and a guess scored
under the floor (setting ``map_floor``) in a story is kept, unplaced, not drawn."""

from __future__ import annotations

import json
import sqlite3

from mapapp.geo.geoparse import FLOOR_TEXT, NOT_MAPPED, UNSURE

from factories import run_cli


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


# a story long enough to weigh a sense against (FLOOR_TEXT characters and more)
_OREGON = (
    "Firefighters in Oregon battled wildfires across the state on Tuesday as strong winds pushed flames toward "
    "towns east of Salem. Officials in Portland said the air quality was among the worst in the world, and the "
    "governor asked residents to stay indoors. Evacuation orders covered parts of Marion and Clackamas counties, "
    "where schools closed. "
) * 2
_NAMES = "Staff at the Red Lion pub served meals. The Sinaloa Cartel was not involved, police said."


def test_a_guess_the_story_weighs_against_is_kept_unplaced_with_its_alternatives(parser):
    # judged news: markers under the floor were wrong two times in three (a pub, a cartel, a dog)
    text = _OREGON + _NAMES
    assert len(text) >= FLOOR_TEXT
    got = {t.name: t for t in parser.parse(text)}
    for name, guess in (("Red Lion", "Red Lion (US)"), ("Sinaloa", "Sinaloa (MX)")):
        t = got[name]
        assert t.place is None and t.reason == UNSURE and t.score < parser.map_floor == 0.3
        assert t.alternatives[0][1] == guess and t.alternatives[0][2] == t.score
    assert {"Oregon", "Salem", "Portland"} <= set(_scores(parser, text))
    # one sentence gives no story to weigh with: the same guess is drawn, as uncertain
    alone = _scores(parser, "Staff at the Red Lion pub served meals.")
    assert 0 < alone["Red Lion"] < 0.5


def test_a_small_town_alone_in_a_one_line_record_is_drawn_uncertain_not_dropped(parser):
    # before: nothing at all, not even an unplaced mention: a town under 15,000 people needed another
    # place of its country in the text, which a caption or a one-line record never has
    for text, town in (
        ("Clashes in Tovuz on 13 July 2020.", "Tovuz"),
        ("Fighting near Khojaly on 26 February.", "Khojaly"),
        ("Santa is taking wish lists at the fire station in Ogunquit.", "Ogunquit"),
    ):
        got = _scores(parser, text)
        assert 0.3 <= got[town] < 0.5, text  # drawn dashed; "Hide uncertain places" hides it
    # the text backing it still makes it sure
    assert _scores(parser, "Azerbaijan said clashes in Tovuz went on.")["Tovuz"] >= 0.5
    # a preposition that says to whom, not where, and a word or a person's name, stay nothing
    for text in (
        "NTL sells its broadcast unit to Macquarie.",
        "The Jockey Club abandons its inquiry into Fallon.",
        "Bargains in Aldi this week.",
        "He lives in Hope.",
    ):
        assert _scores(parser, text) == {}, text
    # in a story (FLOOR_TEXT characters and more) the rule of old holds: an unsupported small town is
    # no mention
    assert "Tovuz" not in _scores(parser, _OREGON + "Clashes in Tovuz went on.")


def test_an_unplaced_guess_is_stored_and_counted_but_never_drawn(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "oregon.txt").write_text("Wildfires in Oregon\n\n" + _OREGON + _NAMES, encoding="utf-8")
    db = tmp_path / "m.sqlite"
    assert run_cli("ingest", str(docs), "--db", str(db), "--no-progress").returncode == 0
    with sqlite3.connect(db) as c:
        rows = dict(c.execute("SELECT name, place_id FROM mentions WHERE reason = ?", (UNSURE,)))
        alts = c.execute("SELECT alternatives FROM mentions WHERE name = 'Red Lion'").fetchone()[0]
    assert rows == {"Red Lion": None, "Sinaloa": None} and "Red Lion (US)" in alts
    out = run_cli("export", "--db", str(db), "--undated")
    names = {f["properties"]["name"] for f in json.loads(out.stdout)["features"]}
    assert "Oregon" in names and not {"Red Lion", "Sinaloa"} & names
    # the analyst finds them, guesses first, and places one
    listed = run_cli("correct", "unplaced", "--db", str(db)).stdout.splitlines()
    rows = {line.split("\t")[1]: line.split("\t") for line in listed}
    assert set(rows) == {"Red Lion", "Sinaloa"} and rows["Red Lion"][2:5:2] == ["Red Lion (US)", UNSURE]
    assert run_cli("correct", "move", rows["Red Lion"][0], "gn:4560639", "--db", str(db)).returncode == 0
    assert [line.split("\t")[1] for line in run_cli("correct", "unplaced", "--db", str(db)).stdout.splitlines()] == [
        "Sinaloa"
    ]
    out = run_cli("export", "--db", str(db), "--undated")
    assert "Red Lion" in {f["properties"]["name"] for f in json.loads(out.stdout)["features"]}
    # a user who wants every guess drawn sets the floor to 0 (and ingests again)
    db0 = tmp_path / "m0.sqlite"
    env = {"MAPAPP_MAP_FLOOR": "0"}
    assert run_cli("ingest", str(docs), "--db", str(db0), "--no-progress", env=env).returncode == 0
    out = run_cli("export", "--db", str(db0), "--undated")
    names = {f["properties"]["name"] for f in json.loads(out.stdout)["features"]}
    assert {"Oregon", "Red Lion", "Sinaloa"} <= names
