"""The geoparser's word lists as data files, the one haversine, the one article hash, and the
reading package's format registry."""

from datetime import date

import pytest

import mapapp.reading as reading
from mapapp.geo import geoparse, lexicon
from mapapp.geo.distance import haversine_km
from mapapp.geo.gazetteer import DEMONYM, MAIN_NAME, Candidate
from mapapp.models import Article, Place, article_hash, content_hash
from mapapp.reading import formats


def test_lexicon_files_skip_comments_and_blank_lines(tmp_path, monkeypatch):
    (tmp_path / "w.txt").write_text("# a comment\n\n  baku \n#ganja\nsumqayit\n", encoding="utf-8")
    (tmp_path / "p.txt").write_text("# abbr code\nMd MD\nN.Y  NY\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "LEXICON_DIR", tmp_path)
    assert lexicon.entries("w.txt") == ["baku", "sumqayit"]
    assert lexicon.words("w.txt") == frozenset({"baku", "sumqayit"})
    assert lexicon.pairs("p.txt") == {"Md": "MD", "N.Y": "NY"}
    with pytest.raises(OSError):  # a missing list is an installation error, not an empty list
        lexicon.words("missing.txt")


def test_every_lexicon_file_is_read_and_not_empty():
    names = sorted(p.name for p in lexicon.LEXICON_DIR.glob("*.txt"))
    assert {"stopwords.txt", "common_caps.txt", "surnames.txt", "given_names.txt", "us_states_ap.txt"} <= set(names)
    for n in names:
        assert lexicon.entries(n), n
    assert "the" in geoparse.STOPWORDS and "smith" in geoparse.SURNAMES and "mr" in geoparse.TITLES
    assert geoparse._AP_STATES["Md"] == "MD" and geoparse._CA_PROVINCES["Ont"] == "08"
    assert geoparse.FIRST_NAMES <= geoparse.GIVEN_NAMES


def test_the_gzipped_english_word_list_is_read():
    """The long list of lower-case English words is read through gzip, comments skipped: an ordinary
    word is in it, a given name and a word written with a capital are not."""
    words = lexicon.words("english_lower.txt.gz")
    assert len(words) > 50_000
    assert {"visit", "anon", "beautiful", "colour", "color"} <= words
    assert not {"tilda", "munira", "brexit"} & words
    assert not any(w.startswith("#") for w in words)


def test_candidate_is_a_named_record():
    p = Place("x", "Ganja", 40.68, 46.36, "city", "AZ")
    c = Candidate(p, 7.5, MAIN_NAME, "20")
    assert (c.place, c.importance, c.admin1code) == (p, 7.5, "20")
    assert c.flags & MAIN_NAME and not c.flags & DEMONYM


def test_one_haversine():
    assert haversine_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(343.6, abs=0.5)
    assert haversine_km(40.4, 49.9, 40.4, 49.9) == 0
    from mapapp.geo import evaluate

    assert evaluate.haversine_km is haversine_km


def test_one_article_hash():
    a = Article(id="a", path="a.txt", text="Talks in Baku.", title="T", published=date(2020, 1, 2), source="S")
    h = article_hash(a)
    assert h == content_hash("Talks in Baku.", "T", date(2020, 1, 2), "S", None, None)
    assert article_hash(Article(id="a", path="a.txt", text="Talks in Ganja.", title="T")) != h
    a.content_hash = "given"
    assert article_hash(a) == "given"


def test_reader_hash_is_the_model_hash(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Talks in Baku\n\nOfficials met in Baku on Monday.\n", encoding="utf-8")
    (art,) = [r for r in reading.read_file(f) if isinstance(r, Article)]
    assert art.content_hash == content_hash(art.text, art.title, art.published, art.source, art.url, art.author)


def test_every_supported_suffix_has_one_reader():
    assert reading.SUPPORTED_SUFFIXES == tuple(formats.READERS)
    assert all(s.startswith(".") and s == s.lower() for s in formats.READERS)
    assert all(callable(r) for r in formats.READERS.values())
