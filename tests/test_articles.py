"""Reading articles: the seeds, every format, user metadata, ids and hashes."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

import mapapp.reading as reading
from mapapp.models import Article, ReadError
from mapapp.reading import iter_files, read_file, read_path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _one(path) -> Article:
    out = list(read_file(path))
    arts = [o for o in out if isinstance(o, Article)]
    assert len(arts) == 1, out
    assert not [o for o in out if isinstance(o, ReadError)], out
    return arts[0]


def _seed(prefix: str) -> Article:
    (f,) = SEEDS.glob(prefix + "_*.txt")
    return _one(f)


# --- the seeds -------------------------------------------------------------------------------


def test_seed_000_header_date_author_and_outlet():
    a = _seed("000")
    assert a.published == date(2020, 7, 29) and a.published_how == "header"
    assert a.source == "Trend"
    assert a.author == "Trend"
    assert a.title is None  # the file has no title line
    assert "date 2020-07-29" not in a.text  # the header is metadata, not prose
    assert a.text.startswith("A meeting with representatives of the Azerbaijan Youth Organization")
    assert "M.V. Lomonosov" in a.text


def test_seed_001_title_undated_boilerplate_gone():
    a = _seed("001")
    assert a.title == "Russian community of Azerbaijan supports speedy reintegration of Armenian population of Karabakh"
    assert a.published is None and a.published_how is None  # "September 21" has no year
    assert "Facebook" not in a.text and "Bütün" not in a.text
    assert a.text.rstrip().endswith("the community said.")
    assert a.source == "SİA"  # "..., according to SİA."


def test_seed_002_header_author_and_azertag():
    a = _seed("002")
    assert a.published == date(2020, 12, 6) and a.published_how == "header"
    assert a.author == "Vafa Ismayilova"
    assert a.source == "Azertag"
    assert a.text.startswith("Azerbaijani diaspora organizations in the Netherlands")


def test_seed_003_title_azernews_undated_and_no_furniture():
    a = _seed("003")
    assert a.title == "Another meeting with Armenian minorities in Garabagh to be held in Yevlakh"
    assert a.source == "Azernews"
    assert a.published is None  # "1 March", "13 March", "on Monday", "last year": no year anywhere
    for junk in ("Follow us on Twitter", "@AzerNewsAz", "subscribe", "Thank you!", "---", "Here we are to serve you"):
        assert junk not in a.text, junk
    assert a.text.endswith("an important step towards peace and stability in the region.")


def test_seed_004_markdown_links_reduced_and_date_inferred():
    a = _seed("004")
    assert "](#)" not in a.text and "[" not in a.text
    assert "On 12th July 2020, Armenian forces conducted an unprovoked attack" in a.text  # link text kept
    assert "Early Day Motion (EDM#717) to the UK House of Commons, which" in a.text  # \( \) unescaped
    assert "\\(" not in a.text and "\\)" not in a.text
    # Latest full date is 12 July 2020; the rally "on 28th July" (a Tuesday in 2020) is later.
    assert a.published_how == "inferred"
    assert date(2020, 7, 12) <= a.published <= date(2020, 7, 28)
    assert a.published == date(2020, 7, 28)
    assert a.source is None  # the text names no outlet


def test_seed_text_keeps_paragraph_breaks():
    a = _seed("000")
    assert "\n\nThe students of the Moscow State University" in a.text
    assert "\n\n\n" not in a.text


def test_folder_read_sorted_and_all_seeds():
    out = list(read_path(SEEDS))
    assert all(isinstance(o, Article) for o in out), out
    assert [Path(o.path).name[:3] for o in out] == ["000", "001", "002", "003", "004"]


def test_ids_stable_and_content_independent(seeds_dir):
    f = next(iter(sorted(seeds_dir.glob("000_*.txt"))))
    a1 = _one(f)
    assert a1.id == str(f.resolve())
    assert _one(f).content_hash == a1.content_hash  # same run twice: same hash
    f.write_text(f.read_text(encoding="utf-8") + "\nA new paragraph about Ganja.\n", encoding="utf-8")
    a2 = _one(f)
    assert a2.id == a1.id and a2.content_hash != a1.content_hash
    assert a2.text.endswith("A new paragraph about Ganja.")


def test_header_with_boilerplate_prefix(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(
        "Bütün xəbərlər Facebook səhifəmizdə date 2020-12-06 By Vafa Ismayilova\n\nA rally was held in Baku, Trend reports.\n",
        encoding="utf-8",
    )
    a = _one(f)
    assert a.published == date(2020, 12, 6) and a.published_how == "header"
    assert a.author == "Vafa Ismayilova"
    assert a.text == "A rally was held in Baku, Trend reports."
    assert a.source == "Trend"


# --- user metadata ---------------------------------------------------------------------------


def test_sidecar_overrides_text(seeds_dir):
    f = next(iter(seeds_dir.glob("000_*.txt")))
    before = _one(f)
    side = f.with_name(f.name + ".meta.json")
    side.write_text(
        json.dumps(
            {
                "title": "Diaspora meeting in Moscow",
                "date": "2020-07-30",
                "source": "Trend News Agency",
                "url": "https://en.trend.az/x",
                "author": "Staff",
            }
        ),
        encoding="utf-8",
    )
    a = _one(f)
    assert (a.title, a.published, a.published_how, a.source, a.url, a.author) == (
        "Diaspora meeting in Moscow",
        date(2020, 7, 30),
        "metadata",
        "Trend News Agency",
        "https://en.trend.az/x",
        "Staff",
    )
    assert a.id == before.id and a.text == before.text and a.content_hash != before.content_hash
    # the sidecar is never read as an article
    assert side not in list(iter_files([seeds_dir]))


def test_sidecar_dates_an_undated_seed(seeds_dir):
    f = next(iter(seeds_dir.glob("001_*.txt")))
    f.with_name(f.name + ".meta.json").write_text('{"date": "2023-09-27"}', encoding="utf-8")
    a = _one(f)
    assert a.published == date(2023, 9, 27) and a.published_how == "metadata"
    assert a.title.startswith("Russian community")  # what the sidecar does not say stays


def test_folder_metadata_csv(seeds_dir):
    (seeds_dir / "metadata.csv").write_text(
        "file,title,date,source,url\n"
        + next(iter(seeds_dir.glob("003_*.txt"))).name
        + ",Yevlakh meeting,2023-03-15,AzerNews,https://www.azernews.az/x\n",
        encoding="utf-8",
    )
    a = _one(next(iter(seeds_dir.glob("003_*.txt"))))
    assert (a.title, a.published, a.source, a.url) == (
        "Yevlakh meeting",
        date(2023, 3, 15),
        "AzerNews",
        "https://www.azernews.az/x",
    )
    files = list(iter_files([seeds_dir]))
    assert all(p.name != "metadata.csv" for p in files) and len(files) == 5
    # a sidecar beats the folder table
    f = next(iter(seeds_dir.glob("003_*.txt")))
    f.with_name(f.name + ".meta.json").write_text('{"title": "From the sidecar"}', encoding="utf-8")
    a = _one(f)
    assert a.title == "From the sidecar" and a.source == "AzerNews"


def test_folder_metadata_csv_in_parent_with_relative_path(tmp_path):
    sub = tmp_path / "2021" / "june"
    sub.mkdir(parents=True)
    (sub / "x.txt").write_text("Floods in Lankaran.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,date,source\n2021/june/x.txt,2021-06-02,APA\n", encoding="utf-8")
    a = _one(sub / "x.txt")
    assert a.published == date(2021, 6, 2) and a.source == "APA"


# --- other formats ---------------------------------------------------------------------------

HTML = """<!doctype html><html><head>
<title>Floods in Lankaran - Example News</title>
<meta property="og:title" content="Floods hit Lankaran">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2021-06-02T09:30:00+04:00">
<meta name="author" content="A. Reporter">
<link rel="canonical" href="https://example.org/floods">
<style>body { color: red }</style><script>var s = "<p>not text</p>";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<header>Site header</header>
<article><h1>Floods hit Lankaran</h1>
<p>Heavy rain flooded <b>Lankaran</b> on Tuesday &amp; roads to Astara were closed.</p>
<p>The text &lt;script&gt;alert(1)&lt;/script&gt; stays text.</p>
</article>
<footer>© Example News. Follow us on Twitter.</footer>
</body></html>"""


def test_html(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(HTML, encoding="utf-8")
    a = _one(f)
    assert a.title == "Floods hit Lankaran"
    assert a.published == date(2021, 6, 2) and a.published_how == "metadata"
    assert a.source == "Example News" and a.url == "https://example.org/floods" and a.author == "A. Reporter"
    assert "Heavy rain flooded Lankaran on Tuesday & roads to Astara were closed." in a.text
    assert "<script>alert(1)</script>" in a.text  # escaped in the page: it is text
    for junk in ("not text", "color: red", "Home", "Site header", "Follow us", "©"):
        assert junk not in a.text, junk
    assert "\n\n" in a.text  # paragraphs kept


def test_html_time_element_and_h1(tmp_path):
    f = tmp_path / "p.htm"
    f.write_text(
        '<html><body><h1>Talks in Baku</h1><time datetime="2020-11-10">Nov 10</time>'
        "<p>Leaders met in Baku.</p></body></html>",
        encoding="utf-8",
    )
    a = _one(f)
    assert a.title == "Talks in Baku" and a.published == date(2020, 11, 10)


def test_jsonl_records(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text(
        json.dumps(
            {
                "id": "n1",
                "headline": "Rally",
                "body": "A rally in Baku.",
                "published": "2020-07-29T10:00:00Z",
                "outlet": "Trend",
                "link": "https://x/1",
            }
        )
        + "\n\n"
        + json.dumps({"content": "Talks in Tbilisi.", "publication_date": "2021-01-02", "publisher": "APA"})
        + "\n",
        encoding="utf-8",
    )
    out = list(read_file(f))
    assert [type(o) for o in out] == [Article, Article]
    a, b = out
    assert a.id == f"{f.resolve()}#n1" and (a.title, a.text, a.published, a.source, a.url) == (
        "Rally",
        "A rally in Baku.",
        date(2020, 7, 29),
        "Trend",
        "https://x/1",
    )
    assert a.published_how == "metadata"
    assert b.id == f"{f.resolve()}#3"  # no id: the line number
    assert (b.text, b.published, b.source) == ("Talks in Tbilisi.", date(2021, 1, 2), "APA")


def test_json_array_and_object(tmp_path):
    f = tmp_path / "arr.json"
    f.write_text(
        json.dumps([{"id": 7, "text": "Quake in Izmir.", "date": "2020-10-30"}, {"text": "Floods in Lankaran."}]),
        encoding="utf-8",
    )
    a, b = list(read_file(f))
    assert a.id.endswith("#7") and b.id.endswith("#2") and a.published == date(2020, 10, 30)
    g = tmp_path / "one.json"
    g.write_text(json.dumps({"title": "T", "text": "Meeting in Ganja.", "source": "Report"}), encoding="utf-8")
    c = _one(g)
    assert c.id == str(g.resolve()) and c.title == "T" and c.source == "Report"


def test_csv_records_multiline_and_line_numbers(tmp_path):
    f = tmp_path / "a.csv"
    f.write_text(
        "id,title,text,date,source,url\n"
        'a1,Rally,"A rally in Baku.\n\nSecond paragraph in Ganja.",2020-07-29,Trend,https://x/a1\n'
        ",No id,Talks in Tbilisi.,,,\n",
        encoding="utf-8",
    )
    a, b = list(read_file(f))
    assert a.id.endswith("#a1") and a.text == "A rally in Baku.\n\nSecond paragraph in Ganja."
    assert (a.published, a.source, a.url) == (date(2020, 7, 29), "Trend", "https://x/a1")
    assert b.id.endswith("#5") and b.published is None  # the record starts on line 5


def test_duplicate_ids_in_a_file(tmp_path):
    f = tmp_path / "d.jsonl"
    f.write_text(
        '{"id": "x", "text": "One in Baku."}\n{"id": "x", "text": "Two in Baku."}\n{"id": "y", "text": "Three."}\n',
        encoding="utf-8",
    )
    out = list(read_file(f))
    assert [type(o) for o in out] == [Article, ReadError, Article]
    assert "duplicate id 'x'" in out[1].reason and "line 2" in out[1].reason and out[1].path == str(f.resolve())


def test_records_inherit_sidecar_defaults(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text('{"text": "Talks in Baku.", "source": "APA"}\n{"text": "Rally in Ganja."}\n', encoding="utf-8")
    (tmp_path / "feed.jsonl.meta.json").write_text('{"source": "Feed default"}', encoding="utf-8")
    a, b = list(read_file(f))
    assert a.source == "APA" and b.source == "Feed default"


def test_markdown_file_links_and_images(tmp_path):
    f = tmp_path / "a.md"
    f.write_text(
        'Protest in Paris\n\nCrowds gathered at [Place de la République](https://x.org/p "t") and '
        "![the square](img.png) near the \\[old\\] town hall.\n",
        encoding="utf-8",
    )
    a = _one(f)
    assert a.text.endswith("Crowds gathered at Place de la République and the square near the [old] town hall.")


def test_offsets_index_the_clean_text(tmp_path):
    """Mentions are located in ``Article.text``; what users see at those offsets is the word."""
    f = tmp_path / "a.txt"
    f.write_text(" date 2021-05-03 By X\n\n[Talks in Tbilisi](#) were held, APA reports.\n", encoding="utf-8")
    a = _one(f)
    i = a.text.index("Tbilisi")
    assert a.text[i : i + 7] == "Tbilisi" and i == len("Talks in ")


def test_iter_files_sorted_recursive_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for p in (
        "b/2.txt",
        "b/1.md",
        "a.json",
        ".hidden.txt",
        ".git/x.txt",
        "c.csv",
        "notes.pdf",
        "a.json.meta.json",
        "z.jsonl",
    ):
        (tmp_path / p).write_text("x", encoding="utf-8")
    names = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert names == ["a.json", "b/1.md", "b/2.txt", "c.csv", "z.jsonl"]
    # a file named explicitly is always listed, even of an odd type
    assert list(iter_files([tmp_path / "notes.pdf"])) == [tmp_path / "notes.pdf"]
    # ... but metadata never is, even named explicitly (a shell glob names it)
    assert list(iter_files([tmp_path / "a.json.meta.json", tmp_path / "a.json"])) == [tmp_path / "a.json"]


def test_a_saved_pages_resource_folder_is_no_corpus(tmp_path):
    # "Save page as ... complete" writes X.html and X_files/ with the page's scripts and its ad
    # frames as .htm files: every frame was ingested as an article of its own
    (tmp_path / "story.html").write_text("<p>Floods in Dhaka.</p>", encoding="utf-8")
    for sub in ("story_files", "Bericht-Dateien", "data_files", "notes_files"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "frame.htm").write_text("<p>Buy now in Paris!</p>", encoding="utf-8")
    (tmp_path / "Bericht.htm").write_text("<p>Sturm in Hamburg.</p>", encoding="utf-8")
    (tmp_path / "data.csv").write_text("text\nRain in Oslo.\n", encoding="utf-8")  # no page: data_files is data
    names = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert names == ["Bericht.htm", "data.csv", "data_files/frame.htm", "notes_files/frame.htm", "story.html"]


def test_iter_files_is_lazy(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text("x", encoding="utf-8")
    it = iter_files([tmp_path])
    assert next(it).name == "0.txt"  # a generator: nothing forces the whole listing


def test_symlink_loop_terminates(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("Talks in Baku.", encoding="utf-8")
    try:
        (tmp_path / "d" / "loop").symlink_to(tmp_path / "d", target_is_directory=True)
    except OSError:
        pytest.skip("no symlinks here")
    assert [p.name for p in iter_files([tmp_path])] == ["a.txt"]


def test_supported_suffixes_documented():
    doc = reading.__doc__
    for s in (".txt", ".md", ".html", ".json", ".jsonl", ".csv", ".meta.json", "metadata.csv"):
        assert s in doc


def test_html_declared_charset_and_json_ld(tmp_path):
    f = tmp_path / "ru.html"
    f.write_bytes(
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle", '
        '"headline": "Встреча в Москве", "datePublished": "2021-04-05T10:00:00+03:00", '
        '"publisher": {"@type": "Organization", "name": "ТАСС"}, "author": [{"name": "И. Иванов"}], '
        '"url": "https://tass.example/1"}]}</script></head>'
        "<body><p>Встреча прошла в Москве.</p></body></html>".encode("cp1251")
    )
    a = _one(f)
    assert a.text == "Встреча прошла в Москве."
    assert (a.title, a.published, a.source, a.author, a.url) == (
        "Встреча в Москве",
        date(2021, 4, 5),
        "ТАСС",
        "И. Иванов",
        "https://tass.example/1",
    )
    assert "schema.org" not in a.text


def test_dateline_under_the_title(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(
        "Northrop wins tanker contract\nMarch 01, 2008\nNorthrop Grumman defeated Boeing in Washington.\n",
        encoding="utf-8",
    )
    a = _one(f)
    assert a.published == date(2008, 3, 1) and a.published_how == "header"
    assert a.title == "Northrop wins tanker contract" and "March 01, 2008" not in a.text
    # a place before the date is prose, not a dateline: kept, and the date is not taken as a header
    g = tmp_path / "b.txt"
    g.write_text("Baku, 29 July 2020\nA rally was held.\n", encoding="utf-8")
    b = _one(g)
    assert b.text.startswith("Baku, 29 July 2020") and b.published_how == "inferred"


def test_source_needs_an_outlet_phrase(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("President Aliyev reported progress in Shusha. Officials reported calm.\n", encoding="utf-8")
    assert _one(f).source is None
    f.write_text("Talks resumed in Shusha, Report.az informs.\n", encoding="utf-8")
    assert _one(f).source == "Report.az"


def test_record_epoch_dates(tmp_path):
    f = tmp_path / "e.jsonl"
    f.write_text(
        '{"text": "Rally in Baku.", "date": 1595980800}\n{"text": "Talks in Ganja.", "date": "1595980800000"}\n',
        encoding="utf-8",
    )
    a, b = list(read_file(f))
    assert a.published == b.published == date(2020, 7, 29)


def test_csv_semicolon_and_tsv(tmp_path):
    f = tmp_path / "excel.csv"
    f.write_text("id;title;text;date\n1;Rally;A rally in Baku, with flags.;2020-07-29\n", encoding="utf-8-sig")
    (a,) = list(read_file(f))
    assert (a.title, a.text, a.published) == ("Rally", "A rally in Baku, with flags.", date(2020, 7, 29))
    g = tmp_path / "feed.tsv"
    g.write_text("text\tsource\nTalks in Tbilisi, Georgia.\tAPA\n", encoding="utf-8")
    (b,) = list(read_file(g))
    assert (b.text, b.source) == ("Talks in Tbilisi, Georgia.", "APA")


def test_news_api_and_feed_exports_keep_their_publication_dates(tmp_path):
    # NewsAPI's "publishedAt", an RSS feed's "pubDate" (RFC 2822) and GDELT's "seendate" (ISO's basic
    # form) were left unread or "not understood": the articles fell back on a date found in the
    # text, or none
    newsapi = {
        "status": "ok",
        "articles": [
            {
                "source": {"id": None, "name": "BBC News"},
                "title": "Rally in London",
                "publishedAt": "2020-07-15T08:00:00Z",
                "content": "Protesters rallied in London on Tuesday.",
            }
        ],
    }
    f = tmp_path / "newsapi.json"
    f.write_text(json.dumps(newsapi), encoding="utf-8")
    (a,) = read_file(f)
    assert isinstance(a, Article) and (a.published, a.source) == (date(2020, 7, 15), "BBC News")
    g = tmp_path / "feed.jsonl"
    g.write_text(
        json.dumps({"id": "r1", "pubDate": "Tue, 14 Jul 2020 10:00:00 GMT", "text": "Talks in Baku."})
        + "\n"
        + json.dumps({"id": "g1", "seendate": "20200713T101500Z", "text": "Talks in Ganja."})
        + "\n",
        encoding="utf-8",
    )
    got = list(read_file(g))
    assert [type(x) for x in got] == [Article, Article], got
    assert [x.published for x in got] == [date(2020, 7, 14), date(2020, 7, 13)]


def test_html_in_a_records_text_is_read_as_the_page_shows_it(tmp_path):
    # a CMS export's or a feed's body is an HTML fragment: its tags, a script and "&nbsp;" were
    # stored and shown in every excerpt ("<p>Riots broke out in <b>Marseille</b>...")
    body = (
        "<p>Riots broke out in <b>Marseille</b> on Monday.</p><script>alert(1)</script>"
        "<p>Police in Toulouse said&nbsp;it was calm.</p>"
    )
    f = tmp_path / "cms.jsonl"
    f.write_text(
        json.dumps({"id": "h1", "title": "&#163;1m for <i>Le Monde</i>", "content": body})
        + "\n"
        + json.dumps({"id": "h2", "text": "It&#8217;s a &ldquo;test&rdquo; for AT&T in Lyon."})
        + "\n"
        + json.dumps({"id": "h3", "text": "If a<b and c>d, Nice wins & Lyon loses."})
        + "\n",
        encoding="utf-8",
    )
    a, b, c = read_file(f)
    assert isinstance(a, Article) and isinstance(b, Article) and isinstance(c, Article)
    assert a.text == "Riots broke out in Marseille on Monday.\n\nPolice in Toulouse said it was calm."
    assert a.title == "\u00a31m for Le Monde"
    assert b.text == "It\u2019s a \u201ctest\u201d for AT&T in Lyon."
    assert c.text == "If a<b and c>d, Nice wins & Lyon loses."  # prose with "<" is no markup
    g = tmp_path / "cms.csv"
    g.write_text('id,text\nc1,"<div>Floods in <a href=""/x"">Dhaka</a>.<br>More rain due.</div>"\n', encoding="utf-8")
    (d,) = read_file(g)
    assert isinstance(d, Article) and d.text == "Floods in Dhaka.\nMore rain due."


def test_feed_items_without_a_body_are_read_from_their_description(tmp_path):
    # an RSS item or a NewsAPI article often has only a description, and NewsAPI cuts "content"
    # with "... [+2345 chars]", which was kept in the text
    f = tmp_path / "feed.json"
    items = [
        {"title": "Storm", "link": "https://x.test/1", "description": "<p>A storm hit Lisbon.</p>"},
        {"title": "Fire", "content": "A fire broke out in Porto on Tuesday\u2026 [+2345 chars]"},
        {"title": "Both", "text": "The body names Faro.", "summary": "The summary names Braga."},
    ]
    f.write_text(json.dumps({"items": items}), encoding="utf-8")
    got = list(read_file(f))
    assert [type(x) for x in got] == [Article, Article, Article], got
    assert [x.text for x in got if isinstance(x, Article)] == [
        "A storm hit Lisbon.",
        "A fire broke out in Porto on Tuesday",
        "The body names Faro.",
    ]


def test_an_article_not_in_english_is_kept_with_a_remark_naming_its_language(tmp_path):
    # places are found in English text only: a Russian or Azerbaijani article was stored with no
    # places and without a word, which a user takes for a fault of the map
    texts = {
        "ru": "Бои в Товузе начались 12 июля 2020 года. В Москве прошла акция протеста у посольства "
        "Армении. Министерство обороны сообщило о потерях. Жители рассказали о ночных обстрелах.",
        "az": "Tovuz rayonunda 12 iyul 2020-ci ildə döyüşlər başlayıb. Azərbaycan diasporu Londonda aksiya "
        "keçirib və bu aksiya üçün çox insan toplaşıb. Müdafiə Nazirliyi bildirib ki, düşmən ağır itki verib. "
        "Sakinlər gecə atəşləri barədə danışıblar.",
        "fr": "Les manifestants se sont réunis à Paris et à Lyon le 14 juillet pour protester contre la "
        "réforme. La police de Marseille a arrêté dix personnes dans la soirée, selon une source qui était "
        "sur place avec les journalistes.",
        # English naming French places and papers, and a market table with no language's words
        "en": "French President Emmanuel Macron visited the Musée du Louvre and the Place de la Concorde on "
        "Tuesday, where Le Monde reported that the Élysée had planned a ceremony with the Garde "
        "Républicaine in front of the Arc de Triomphe, as it does every year.",
        "table": "AEP INDUSTRIES INC 1ST QTR JAN 31 NET MOONACHIE, N.J., March 13 - Shr 19 cts vs 32 cts Net "
        "5,000 vs 6,000 Revs 12.1 mln vs 11.9 mln Avg shrs 3.3 mln vs 3.3 mln NOTE: 1986 net includes gain",
    }
    f = tmp_path / "mixed.jsonl"
    f.write_text("".join(json.dumps({"id": k, "text": t}) + "\n" for k, t in texts.items()), encoding="utf-8")
    got = list(read_file(f))
    assert [a.id.split("#")[1] for a in got if isinstance(a, Article)] == list(texts)  # every article kept
    assert [e.reason for e in got if isinstance(e, ReadError)] == [
        "line 1: not English (Cyrillic script): places are found in English text only; article kept",
        "line 2: not English (Turkish or Azerbaijani): places are found in English text only; article kept",
        "line 3: not English (French): places are found in English text only; article kept",
    ]


def test_news_please_and_media_cloud_exports_are_read_by_their_own_field_names(tmp_path):
    # news-please writes one JSON object per article with "maintext", "date_publish" and
    # "source_domain"; a Media Cloud CSV names its outlet "media_name": the first was refused
    # ("no text"), the second lost its outlet
    f = tmp_path / "np.json"
    f.write_text(
        json.dumps(
            {
                "title": "Floods in Dhaka",
                "maintext": "Floods hit Dhaka on Monday.",
                "description": "A short teaser.",
                "date_publish": "2020-07-14 18:54:28",
                "source_domain": "www.example.com",
                "authors": ["A. Writer"],
            }
        ),
        encoding="utf-8",
    )
    (a,) = read_file(f)
    assert isinstance(a, Article)
    assert (a.text, a.published, a.source, a.author) == (
        "Floods hit Dhaka on Monday.",
        date(2020, 7, 14),
        "www.example.com",
        "A. Writer",
    )
    g = tmp_path / "mc.csv"
    g.write_text("stories_id,publish_date,title,media_name,articleBody\n7,2020-07-15,T,Daily Star,Rain in Sylhet.\n")
    (b,) = read_file(g)
    assert isinstance(b, Article) and (b.text, b.source, b.published) == (
        "Rain in Sylhet.",
        "Daily Star",
        date(2020, 7, 15),
    )


def test_news_api_answers_and_elasticsearch_dumps_are_read_as_their_records(tmp_path):
    # a Guardian or New York Times API answer keeps its records one level down, under
    # "response"; an Elasticsearch dump keeps each record's fields under "_source": the first
    # was one skipped record ("record 'response': no text"), the second a failed file
    guardian = tmp_path / "guardian.json"
    guardian.write_text(
        json.dumps(
            {
                "response": {
                    "status": "ok",
                    "results": [
                        {
                            "id": "world/2020/jul/14/floods",
                            "webTitle": "Floods hit Dhaka",
                            "webPublicationDate": "2020-07-14T10:00:00Z",
                            "webUrl": "https://example.com/floods",
                            "fields": {"bodyText": "Floods hit Dhaka on Monday.", "byline": "A. Writer"},
                        }
                    ],
                }
            }
        ),
        encoding="utf-8",
    )
    (a,) = read_file(guardian)
    assert isinstance(a, Article), a
    assert (a.id.split("#")[1], a.text, a.title, a.published, a.url, a.author) == (
        "world/2020/jul/14/floods",
        "Floods hit Dhaka on Monday.",
        "Floods hit Dhaka",
        date(2020, 7, 14),
        "https://example.com/floods",
        "A. Writer",
    )
    nyt = tmp_path / "nyt.json"
    doc = {
        "_id": "nyt://article/1",
        "abstract": "Rain.",
        "lead_paragraph": "Heavy rain fell on Sylhet on Tuesday.",
        "pub_date": "2020-07-15T10:00:00+0000",
        "headline": {"main": "Rain in Sylhet", "print_headline": "Rain"},
        "byline": {"original": "By B. Writer"},
    }
    nyt.write_text(json.dumps({"status": "OK", "response": {"docs": [doc]}}), encoding="utf-8")
    (b,) = read_file(nyt)
    assert isinstance(b, Article), b
    assert (b.id.split("#")[1], b.text, b.title, b.published) == (
        "nyt://article/1",
        "Heavy rain fell on Sylhet on Tuesday.",
        "Rain in Sylhet",
        date(2020, 7, 15),
    )
    dump = tmp_path / "es.jsonl"
    hit = {"_index": "news", "_id": "e1", "_source": {"text": "Storm in Chittagong.", "date": "2020-07-16"}}
    dump.write_text(json.dumps(hit) + "\n", encoding="utf-8")
    search = tmp_path / "es.json"
    search.write_text(json.dumps({"took": 3, "hits": {"total": 1, "hits": [hit]}}), encoding="utf-8")
    for f in (dump, search):
        (c,) = read_file(f)
        assert isinstance(c, Article), c
        assert (c.id.split("#")[1], c.text, c.published) == ("e1", "Storm in Chittagong.", date(2020, 7, 16))


@pytest.mark.parametrize(
    "head",
    [
        '---\ntitle: "Floods hit Dhaka"\ndate: 2020-07-14\nauthor: A. Writer\ntags:\n  - floods\n---\n',
        '+++\ntitle = "Floods hit Dhaka"\ndate = 2020-07-14T10:00:00Z\nauthor = "A. Writer"\n+++\n',
    ],
    ids=["yaml", "toml"],
)
def test_a_posts_front_matter_is_its_metadata_not_its_text(tmp_path, head):
    # a Jekyll or Hugo post: its title was "---" and its text began "title: ..."
    f = tmp_path / "post.md"
    f.write_text(head + "\nFloods hit Dhaka on Monday, officials said.\n", encoding="utf-8")
    (a,) = read_file(f)
    assert isinstance(a, Article)
    assert (a.text, a.title, a.published, a.author) == (
        "Floods hit Dhaka on Monday, officials said.",
        "Floods hit Dhaka",
        date(2020, 7, 14),
        "A. Writer",
    )
    # a rule and a line of the story's own are no front matter
    g = tmp_path / "story.txt"
    g.write_text("---\nWarning: graphic images\n---\nFloods hit Dhaka on Monday.\n", encoding="utf-8")
    (b,) = read_file(g)
    assert isinstance(b, Article) and "Warning: graphic images" in b.text


_LEXISNEXIS = """Download Request: Selected Items: 1-3
Time Of Request: Friday, March 19, 2021  16:51:31

                               1 of 3 DOCUMENTS

                                  The Dhaka Herald

                            July 14, 2020 Tuesday
                                 Final Edition

Floods reach Sylhet

BYLINE: A. Writer

SECTION: WORLD; Pg. 12

LENGTH: 20 words

Floods reached Sylhet on Sunday, officials said.
Rescuers came from Chittagong.

LOAD-DATE: July 15, 2020

LANGUAGE: ENGLISH

                       Copyright 2020 The Dhaka Herald

                               2 of 3 DOCUMENTS

                                  Northern Courier

                            August 3, 2020 Monday 8:00 AM GMT

Talks in Oslo

LENGTH: 10 words

Diplomats met in Oslo on Friday.

LOAD-DATE: August 4, 2020

                               3 of 3 DOCUMENTS

                                  Northern Courier

                            August 4, 2020 Tuesday

LOAD-DATE: August 4, 2020
"""

_NEXIS_UNI = """Floods reach Sylhet
The Dhaka Herald
July 14, 2020 Tuesday
Copyright 2020 The Dhaka Herald All Rights Reserved
Section: WORLD; Pg. 12
Length: 20 words
Byline: A. Writer
Body

Floods reached Sylhet on Sunday, officials said.

Rescuers came from Chittagong.

Load-Date: July 15, 2020

End of Document

Talks in Oslo
Northern Courier
August 3, 2020 Monday 8:00 AM GMT
Length: 10 words
Body

Diplomats met in Oslo on Friday.

Load-Date: August 4, 2020

End of Document
"""

_FACTIVA = """Floods reach Sylhet
By A. Writer
20 words
14 July 2020
10:00
The Dhaka Herald
DHKHRL
English
(c) 2020 The Dhaka Herald. All rights reserved.

Floods reached Sylhet on Sunday, officials said.

Rescuers came from Chittagong.

Document DHKHRL0020200714eg7e0001l

Talks in Oslo
10 words
3 August 2020
Northern Courier
NTHCR
English
Copyright 2020 Northern Courier

Diplomats met in Oslo on Friday.

Document NTHCR00020200803eg83000ab
"""


@pytest.mark.parametrize("export", [_LEXISNEXIS, _NEXIS_UNI, _FACTIVA], ids=["LexisNexis", "Nexis Uni", "Factiva"])
def test_a_news_database_export_is_its_articles_each_with_its_own_date(tmp_path, export):
    # read as one article: every story's mentions in one popup, all dated by one day (the
    # LexisNexis request's own date, 2021), the database's fields ("LOAD-DATE:") read as text
    f = tmp_path / "export.txt"
    f.write_text(export, encoding="utf-8")
    got = list(read_file(f))
    arts = [a for a in got if isinstance(a, Article)]
    assert [(a.id.rsplit("#", 1)[1], a.title, a.published, a.source) for a in arts] == [
        ("1", "Floods reach Sylhet", date(2020, 7, 14), "The Dhaka Herald"),
        ("2", "Talks in Oslo", date(2020, 8, 3), "Northern Courier"),
    ]
    assert arts[0].author == "A. Writer"
    assert (
        " ".join(arts[0].text.split())
        == "Floods reached Sylhet on Sunday, officials said. Rescuers came from Chittagong."
    )
    assert arts[1].text == "Diplomats met in Oslo on Friday."
    skipped = [e for e in got if isinstance(e, ReadError)]
    if export is _LEXISNEXIS:  # a story with no body is one record skipped, named by its number
        assert [(e.reason, e.kind) for e in skipped] == [
            ("article 3: no article text (nothing left after removing markup and site boilerplate)", "skip")
        ]
    else:
        assert skipped == []


def _docx(path: Path, paragraphs: list[str], xml: str | None = None) -> Path:
    """A Word document as Word writes one: a zip holding word/document.xml, one <w:p> a paragraph."""
    import zipfile
    from xml.sax.saxutils import escape

    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(t)}</w:t></w:r></w:p>' for t in paragraphs)
    doc = xml or (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
        f'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", doc)
    return path


def test_a_word_document_is_read_and_a_nexis_uni_one_is_its_articles(tmp_path):
    # Nexis Uni exports as .docx by default; a .docx was "not a supported type"
    one = _docx(tmp_path / "note.docx", ["Floods in Sylhet", "Floods reached Sylhet on Sunday, <b>officials</b> said."])
    (a,) = read_file(one)
    assert isinstance(a, Article) and a.title == "Floods in Sylhet"
    assert a.text == "Floods in Sylhet\n\nFloods reached Sylhet on Sunday, <b>officials</b> said."
    cover = ["User Name: = A. Reader", "Date and Time: = 2021-03-19", "Job Number: = 1234", "Documents (2)"]
    cover += ["1. Floods reach Sylhet", "Client/Matter: -None-", "Search Terms: Sylhet", "2. Talks in Oslo"]
    paras = cover + [p for p in _NEXIS_UNI.split("\n") if p.strip()]
    got = list(read_file(_docx(tmp_path / "nexis.docx", paras)))
    assert [(x.id.rsplit("#", 1)[1], x.title, x.published, x.source, x.author) for x in got] == [
        ("1", "Floods reach Sylhet", date(2020, 7, 14), "The Dhaka Herald", "A. Writer"),
        ("2", "Talks in Oslo", date(2020, 8, 3), "Northern Courier", None),
    ]
    assert "Job Number" not in got[0].text and "Load-Date" not in got[0].text


@pytest.mark.parametrize(
    "what, reason",
    [
        ("not a zip", "not a readable .docx"),
        ("no document", "not a Word document (no word/document.xml in it)"),
        ("bomb", "over 1 MB of text once decompressed (setting max_file_mb)"),
        ("entities", "XML that declares entities is not read"),
        ("malformed", "malformed XML in word/document.xml"),
        ("empty", "no text in the document"),
    ],
)
def test_a_word_document_that_cannot_be_read_is_one_line(tmp_path, monkeypatch, what, reason):
    import zipfile

    monkeypatch.setenv("MAPAPP_MAX_FILE_MB", "1")
    f = tmp_path / "doc.docx"
    if what == "not a zip":
        f.write_bytes(b"PK\x03\x04 this is no zip archive")
    elif what == "no document":
        with zipfile.ZipFile(f, "w") as z:
            z.writestr("xl/workbook.xml", "<workbook/>")
    elif what == "bomb":  # 8 MB of spaces in a few KB
        _docx(f, [], xml='<?xml version="1.0"?><w:document>' + " " * 8_000_000 + "</w:document>")
    elif what == "entities":
        _docx(f, [], xml='<!DOCTYPE d [<!ENTITY a "aaaa">]><w:document>&a;</w:document>')
    elif what == "malformed":
        _docx(f, [], xml="<w:document><w:body>")
    else:
        _docx(f, ["", "  "])
    (err,) = read_file(f)
    assert isinstance(err, ReadError) and err.kind == "fail" and reason in err.reason, err


def test_a_workbooks_sheets_are_read_as_records(tmp_path):
    # an analyst's spreadsheet of articles: "unsupported file type '.xlsx'" before
    from datetime import datetime

    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "June"
    ws.append(["ID", "Published", "Title", "Text"])
    ws.append([7, datetime(2020, 6, 14, 9, 30), "Floods", "Floods hit Sylhet on Sunday."])
    ws.append([None, None, None, None])  # a blank row between
    ws.append([8, "15/06/2020", "Rain", ""])  # no text: skipped, named by Excel's row number
    notes = book.create_sheet("Notes")
    notes.append(["who", "what"])  # no text column: not articles
    notes.append(["me", "check Sylhet"])
    july = book.create_sheet("July")
    july.append(["text", "date"])
    july.append(["Storm in Oslo <b>today</b>.", datetime(2020, 7, 1)])
    f = tmp_path / "articles.xlsx"
    book.save(f)
    got = list(read_file(f))
    arts = [a for a in got if isinstance(a, Article)]
    assert [(a.id.rsplit("#", 1)[1], a.title, a.published, a.text) for a in arts] == [
        ("7", "Floods", date(2020, 6, 14), "Floods hit Sylhet on Sunday."),
        ("July!2", None, date(2020, 7, 1), "Storm in Oslo today."),
    ]
    assert [(e.reason, e.kind) for e in got if isinstance(e, ReadError)] == [
        ("sheet 'June' row 4: no text (expected a non-empty field text/body/content)", "skip")
    ]


@pytest.mark.parametrize(
    "what, reason",
    [
        ("not a zip", "not a readable .xlsx"),
        ("no workbook", "not a readable .xlsx (KeyError"),
        ("bomb", "over 1 MB once decompressed (setting max_file_mb)"),
        ("no text column", "no worksheet has a text column"),
    ],
)
def test_a_workbook_that_cannot_be_read_is_one_line(tmp_path, monkeypatch, what, reason):
    import zipfile

    import openpyxl

    monkeypatch.setenv("MAPAPP_MAX_FILE_MB", "1")
    f = tmp_path / "book.xlsx"
    if what == "not a zip":
        f.write_bytes(b"PK\x03\x04 no zip")
    elif what == "no workbook":
        with zipfile.ZipFile(f, "w") as z:
            z.writestr("word/document.xml", "<w/>")
    elif what == "bomb":
        with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("xl/sharedStrings.xml", " " * 4_000_000)
    else:
        book = openpyxl.Workbook()
        book.active.append(["name", "count"])
        book.active.append(["Oslo", 3])
        book.save(f)
    (err,) = read_file(f)
    assert isinstance(err, ReadError) and err.kind == "fail" and reason in err.reason, err


def test_a_parquet_files_rows_are_read_as_records(tmp_path, monkeypatch):
    # a Hugging Face dataset's files: "unsupported file type '.parquet'" before
    from datetime import datetime

    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "id": [7, 8, 9],
            "title": ["Floods", "Rain", None],
            "text": ["Floods hit Sylhet on Sunday.", "<p>Rain in Oslo.</p>", ""],
            "published": [datetime(2020, 6, 14, 9, 30), datetime(2020, 6, 15), None],
            "tokens": [["floods"], ["rain"], []],  # a column mapapp does not read
        }
    )
    f = tmp_path / "train-00000-of-00001.parquet"
    pq.write_table(table, f, row_group_size=2)
    got = list(read_file(f))
    assert [(a.id.rsplit("#", 1)[1], a.title, a.published, a.text) for a in got if isinstance(a, Article)] == [
        ("7", "Floods", date(2020, 6, 14), "Floods hit Sylhet on Sunday."),
        ("8", "Rain", date(2020, 6, 15), "Rain in Oslo."),
    ]
    assert [(e.reason, e.kind) for e in got if isinstance(e, ReadError)] == [
        ("row 3: no text (expected a non-empty field text/body/content)", "skip")
    ]
    # no text column, not parquet at all, or no pyarrow: one line each
    pq.write_table(pa.table({"name": ["Oslo"]}), tmp_path / "names.parquet")
    (tmp_path / "fake.parquet").write_bytes(b"PAR1 not really")
    for name, reason in (("names.parquet", "no text column"), ("fake.parquet", "not a readable .parquet")):
        (err,) = read_file(tmp_path / name)
        assert isinstance(err, ReadError) and err.kind == "fail" and reason in err.reason, err
    monkeypatch.setenv("MAPAPP_MAX_FILE_MB", "1")  # 6 MB of one letter: a few hundred bytes compressed
    pq.write_table(pa.table({"text": ["x" * 6_000_000]}), tmp_path / "bomb.parquet", compression="zstd")
    (err,) = read_file(tmp_path / "bomb.parquet")
    assert isinstance(err, ReadError) and "a row group of 6 MB once decompressed (setting max_file_mb)" in err.reason
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # (an import of it raises ImportError)
    (err,) = read_file(f)
    assert isinstance(err, ReadError) and "needs pyarrow: pip install 'mapapp[parquet]'" in err.reason


def test_an_ambiguous_record_date_is_named_and_the_setting_reads_it(tmp_path, monkeypatch):
    f = tmp_path / "us.csv"
    f.write_text("id,date,text\n1,03/04/2020,Rain in Ohio.\n2,07/29/2020,Rain in Iowa.\n", encoding="utf-8")
    got = list(read_file(f))
    assert [x.published for x in got if isinstance(x, Article)] == [None, date(2020, 7, 29)]
    (remark,) = [x.reason for x in got if isinstance(x, ReadError)]
    assert remark == (
        "line 2: date '03/04/2020' is ambiguous (day or month first? set MAPAPP_DATE_ORDER to dmy or mdy); "
        "article kept without it"
    )
    monkeypatch.setenv("MAPAPP_DATE_ORDER", "mdy")
    assert [x.published for x in read_file(f)] == [date(2020, 3, 4), date(2020, 7, 29)]
    monkeypatch.setenv("MAPAPP_DATE_ORDER", "DMY")
    assert [x.published for x in read_file(f)] == [date(2020, 4, 3), date(2020, 7, 29)]


def test_invisible_and_odd_characters_do_not_split_a_place_name(tmp_path):
    # a soft hyphen (&shy;) made "Tov\u00aduz" the Mongolian province Töv; a zero-width space hid
    # London; a non-breaking hyphen made "Baden-Baden" two Badens; fullwidth letters hid London
    from mapapp.geo.geoparse import Geoparser

    f = tmp_path / "odd.jsonl"
    text = (
        "Shelling hit Tov\u00aduz in Azerbaijan. Talks in Lon\u200bdon, Baden\u2011Baden and \uff2c\uff49\uff4d\uff41."
    )
    f.write_text(json.dumps({"id": "o", "title": "In Tov\u00aduz", "text": text}) + "\n", encoding="utf-8")
    (a,) = read_file(f)
    assert isinstance(a, Article)
    assert a.text == "Shelling hit Tovuz in Azerbaijan. Talks in London, Baden-Baden and Lima."
    assert a.title == "In Tovuz"
    names = [(m.name, m.place.name if m.place else None) for m in Geoparser().mentions(a)]
    assert ("Tovuz", "Tovuz") in names and ("London", "London") in names and ("Baden-Baden", "Baden-Baden") in names
    assert not any(p == "Töv" for _, p in names)


def test_a_json_object_of_records_keyed_by_id(tmp_path):
    # {"a1": {...}, "a2": {...}}, as a keyed store exports its articles, was refused whole ("JSON
    # object has no text")
    f = tmp_path / "keyed.json"
    f.write_text(
        json.dumps(
            {"a1": {"title": "One", "text": "Rain in Oslo."}, "a2": {"text": ""}, "a3": {"text": "Sun in Rome."}}
        ),
        encoding="utf-8",
    )
    got = list(read_file(f))
    assert [(x.id, x.text) for x in got if isinstance(x, Article)] == [
        (f"{f}#a1", "Rain in Oslo."),
        (f"{f}#a3", "Sun in Rome."),
    ]
    assert [x.reason for x in got if isinstance(x, ReadError)] == [
        "record 'a2': no text (expected a non-empty field text/body/content)"
    ]


def test_a_hard_wrapped_text_flows_and_keeps_its_names_whole(tmp_path):
    # wires, mail and text taken from a PDF break lines at a fixed width: "Los\nAngeles" was read
    # as "Angeles" and mapped to Angeles City, the Philippines
    from mapapp.geo.geoparse import Geoparser

    wrapped = (
        "Protests spread\n\n"
        "Thousands marched through the streets of central Los\n"
        "Angeles on Saturday while police and officials in Wash-\n"
        "ington said that groups opposed to the war and anti-\n"
        "war groups would march again on Sunday in Phoenix.\n\n"
        "Results:\nLondon 12 vs 10\nParis 11 vs 9\nBerlin 8 vs 8\nMoscow 7 vs 3\n"
    )
    f = tmp_path / "wire.txt"
    f.write_text(wrapped, encoding="utf-8")
    (a,) = read_file(f)
    assert isinstance(a, Article) and a.title == "Protests spread"
    assert a.text.split("\n\n")[1] == (
        "Thousands marched through the streets of central Los Angeles on Saturday while police and officials in "
        "Washington said that groups opposed to the war and anti-war groups would march again on Sunday in Phoenix."
    )
    assert a.text.endswith("Results:\nLondon 12 vs 10\nParis 11 vs 9\nBerlin 8 vs 8\nMoscow 7 vs 3")  # a table stays
    got = {(m.name, m.place.country if m.place else None) for m in Geoparser().mentions(a)}
    assert {("Los Angeles", "US"), ("Washington", "US")} <= got and not any(n == "Angeles" for n, _ in got), got


def test_a_saved_pages_related_links_comments_and_share_bars_are_not_its_story(tmp_path):
    # inside <article>: related stories, comments, "most read", a share bar, a complementary box;
    # their places (Tokyo, Athens, Boston, Paris, Lagos, Madrid) were read as the story's
    from mapapp.geo.geoparse import Geoparser

    page = """<html><head><title>Floods in London</title></head><body><nav><a>Home</a></nav>
<div class="breadcrumb">News &gt; UK &gt; London</div>
<article><h1>Floods hit London</h1>
<div class="article-body"><p>Heavy rain flooded streets across London on Monday, and the Thames rose to
its highest level in a decade, officials said. Residents in Richmond were told to move to higher ground
as water poured into homes overnight.</p><p>Warnings cover the whole of south-east England.</p></div>
<div class="share-bar">Share on Facebook</div>
<div class="related-articles"><h3>Related</h3><ul><li><a>Earthquake strikes Tokyo</a></li>
<li><a>Fires rage near Athens</a></li></ul></div>
<section id="comments"><p>Comment from Boston: terrible news from Paris</p></section>
<div class="most-read">Most read: Riots in Lagos</div><div role="complementary">Weather in Madrid</div>
</article><footer>Copyright</footer></body></html>"""
    f = tmp_path / "floods.html"
    f.write_text(page, encoding="utf-8")
    (a,) = read_file(f)
    assert isinstance(a, Article) and a.title == "Floods hit London"
    assert a.text.startswith("Floods hit London\n\nHeavy rain") and a.text.endswith("south-east England.")
    places = {m.place.name for m in Geoparser().mentions(a) if m.place}
    assert "London" in places and not places & {"Tokyo", "Athens", "Boston", "Paris", "Lagos", "Madrid"}, places
    # a site whose story stands in an element so named is read whole, not emptied
    g = tmp_path / "promo.html"
    g.write_text(
        '<html><body><div class="promo"><p>' + "Storms battered Lisbon on Sunday. " * 8 + "</p></div></body></html>"
    )
    (b,) = read_file(g)
    assert isinstance(b, Article) and b.text.startswith("Storms battered Lisbon on Sunday.")
    # nor is a story inside a wrapper so named ("layout-with-sidebar"): its <main> is read
    h = tmp_path / "layout.html"
    story = "Heavy rain flooded streets across London on Monday, officials said. " * 4
    h.write_text(
        f'<html><body><div class="layout-with-sidebar"><main><p>{story}</p></main>'
        '<div class="sidebar-box">Weather in Tokyo</div></div><p>'
        + "Site links and more. " * 12
        + "</p></body></html>",
        encoding="utf-8",
    )
    (c,) = read_file(h)
    assert isinstance(c, Article) and c.text.startswith("Heavy rain flooded") and "Tokyo" not in c.text


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Example News - World</title>
<item><title>Floods hit Dhaka</title><link>https://ex.org/1</link>
<description><![CDATA[<p>Floods hit <b>Dhaka</b> on Monday.</p><script>alert(1)</script>]]></description>
<pubDate>Tue, 14 Jul 2020 10:00:00 GMT</pubDate><guid>ex-1</guid><dc:creator>A. Writer</dc:creator></item>
<item><title>Quake</title><description>A teaser</description>
<content:encoded><![CDATA[<p>An earthquake struck near Izmir.</p>]]></content:encoded><guid>ex-2</guid></item>
<item><title>Title only</title></item></channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Example Wire</title><entry><title>Storm</title><link rel="alternate" href="https://ex.org/a"/>
<id>urn:ex:1</id><published>2020-07-15T10:00:00Z</published><author><name>B. Writer</name></author>
<content type="html">&lt;p&gt;A storm hit Lisbon.&lt;/p&gt;</content></entry></feed>"""
NITF = """<?xml version="1.0"?><nitf><head><docdata><date.issue norm="20201030T120000Z"/></docdata>
<pubdata name="Example Wire"/></head><body><body.head><hedline><hl1>Quake rocks Izmir</hl1></hedline>
<byline>By C. Writer</byline></body.head><body.content><p>A quake struck near Izmir.</p>
<p>Buildings fell in Bayrakli.</p></body.content></body></nitf>"""


def test_rss_atom_and_nitf_files_are_read_one_article_per_item(tmp_path):
    # feeds and wire XML were "other files not read (.rss, .xml)"
    (tmp_path / "world.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "wire.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "story.xml").write_text(NITF, encoding="utf-8")
    got = list(read_path(tmp_path))
    arts = {a.id.rsplit("/", 1)[-1]: a for a in got if isinstance(a, Article)}
    assert set(arts) == {"story.xml", "wire.atom#urn:ex:1", "world.rss#ex-1", "world.rss#ex-2"}
    a = arts["world.rss#ex-1"]
    assert (a.title, a.text, a.published, a.source, a.author, a.url) == (
        "Floods hit Dhaka",
        "Floods hit Dhaka on Monday.",
        date(2020, 7, 14),
        "Example News - World",  # the channel's title names the outlet
        "A. Writer",
        "https://ex.org/1",
    )
    assert arts["world.rss#ex-2"].text == "An earthquake struck near Izmir."  # the whole story over the teaser
    b = arts["wire.atom#urn:ex:1"]
    assert (b.text, b.published, b.source, b.author, b.url) == (
        "A storm hit Lisbon.",
        date(2020, 7, 15),
        "Example Wire",
        "B. Writer",
        "https://ex.org/a",
    )
    c = arts["story.xml"]
    assert (c.title, c.text, c.published, c.source, c.author) == (
        "Quake rocks Izmir",
        "A quake struck near Izmir.\n\nBuildings fell in Bayrakli.",
        date(2020, 10, 30),
        "Example Wire",
        "C. Writer",
    )
    assert [e.reason for e in got if isinstance(e, ReadError)] == [
        "item 3: no text (expected a non-empty field text/body/content)"
    ]


@pytest.mark.parametrize(
    "content, reason",
    [
        ('<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>', "not an RSS or Atom feed"),
        (
            '<!DOCTYPE r [<!ENTITY a "aa"><!ENTITY b "&a;&a;">]><rss><channel><item><description>&b;</description>'
            "</item></channel></rss>",
            "declares entities",
        ),  # fmt: skip
        (
            '<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><rss><item><title>&e;</title></item></rss>',
            "declares entities",
        ),
        ("<rss><channel><item><description>x</item></rss>", "malformed XML"),
        # broken after two good items: one line, and no half of the feed
        (
            "<rss><channel><item><description>Rain in Oslo.</description></item><item><description>Sun in Rome."
            "</description></item><item><description>x</item>",
            "malformed XML",
        ),  # fmt: skip
        ("<rss><channel></channel></rss>", "no items"),
    ],
)
def test_an_xml_file_that_is_no_feed_or_a_hostile_one_is_one_line(tmp_path, content, reason):
    f = tmp_path / "f.xml"
    f.write_text(content, encoding="utf-8")
    (err,) = list(read_file(f))
    assert isinstance(err, ReadError) and reason in err.reason, err


def test_a_gzipped_file_is_read_by_the_reader_of_the_file_inside(tmp_path, monkeypatch):
    # news dumps come gzipped: "news.jsonl.gz" was "1 other file not read (.gz)"
    import gzip

    with gzip.open(tmp_path / "news.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "a", "text": "Floods hit Dhaka on Monday."}) + "\n")
        fh.write(json.dumps({"id": "b", "text": ""}) + "\n")
    with gzip.open(tmp_path / "story.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write("Rain in Oslo\n\nHeavy rain fell in Oslo on Tuesday.")
    got = list(read_path(tmp_path))
    arts = [(a.id.rsplit("/", 1)[-1], a.text) for a in got if isinstance(a, Article)]
    assert arts == [
        ("news.jsonl.gz#a", "Floods hit Dhaka on Monday."),
        ("story.txt.gz", "Rain in Oslo\n\nHeavy rain fell in Oslo on Tuesday."),
    ]
    assert [e.reason for e in got if isinstance(e, ReadError)] == [
        "line 2: no text (expected a non-empty field text/body/content)"
    ]


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("bomb.jsonl.gz", "bomb", "over 1 MB once decompressed (setting max_file_mb)"),  # stops at the limit
        ("cut.jsonl.gz", "truncated", "not a readable gzip file"),
        ("plain.json.gz", b'{"text": "not gzipped"}', "not a readable gzip file"),
        ("empty.txt.gz", b"", "empty once decompressed"),
        ("doc.docx.gz", b"x", "unsupported file type '.docx.gz'"),
    ],
)
def test_a_gzipped_file_that_cannot_be_read_is_one_line(tmp_path, monkeypatch, name, content, reason):
    import gzip

    monkeypatch.setenv("MAPAPP_MAX_FILE_MB", "1")
    f = tmp_path / name
    if content == "bomb":
        with gzip.open(f, "wb") as fh:
            for _ in range(64):
                fh.write(b"\n" * 65536)  # 4 MB of newlines: a few KB compressed
    elif content == "truncated":
        f.write_bytes(gzip.compress(b'{"text": "Storm in Lisbon."}\n')[:-10])
    elif name.startswith(("empty", "doc")):
        f.write_bytes(gzip.compress(content))  # type: ignore[arg-type]
    else:
        f.write_bytes(content)  # type: ignore[arg-type]
    got = list(read_file(f))
    assert len(got) == 1 and isinstance(got[0], ReadError) and reason in got[0].reason, got
