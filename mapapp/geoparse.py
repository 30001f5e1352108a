"""Geoparsing: find place names in a text (recognition) and pick the place each one means
(resolution). Dictionary based, so it is fast (hundreds of articles a second on one core).

Recognition: capitalised token n-grams (with inner connectors: "Bosnia and Herzegovina",
"Isle of Man") are looked up in the gazetteer across spellings and diacritics, longest match first.
Rules remove ordinary words (a stoplist, words the text also uses in lower case), person names
(a title or first name before, "X said" after, names seen as a person elsewhere in the text) and
capitalised sentence starts. Demonyms ("Azerbaijani protesters") are flagged ``demonym=True``.

Resolution: each candidate's prior (population, kind, national capital) plus document context:
countries and first-level divisions mentioned, "Springfield, Illinois" patterns, cue words
("the city of X", "X district"), closeness to places already resolved with confidence, and one
sense per discourse (a name keeps the same place throughout a text).
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import replace
from typing import Any

from .gazetteer import Gazetteer, normalize
from .models import Article, Mention, Place, Toponym

log = logging.getLogger(__name__)

try:  # written in parallel by the reader engineer; a simple fallback keeps geoparse usable alone
    from .dates import event_date as _event_date
    from .dates import sentence_bounds as _sentence_bounds
except Exception:  # noqa: BLE001 - any import problem falls back
    _event_date = None
    _sentence_bounds = None

# ---------------------------------------------------------------------------------------------
# word lists (general English, not mined from any evaluation corpus)
STOPWORDS = frozenset("""
a an the and or but nor for so yet of in on at to by from with without within into onto over under about above below
after before between through during since until upon via per as than then that this these those there here where
when while who whom whose which what why how all any both each every few many more most much some such no not only
own same other another very can will just should would could may might must shall do does did done is are was were be
been being have has had i me my we our you your he him his she her it its they them their us
""".split())

# Capitalised words that are also the names of (usually small) places: never a toponym alone.
COMMON_CAPS = frozenset("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday tonight
of union split nice mobile reading bath most best gap hope unity liberty independence commerce industry progress
friendship victory paradise eden hell eagle orange mission opportunity enterprise energy justice security council
parliament senate congress house capitol post times street centre center park lake river bay beach valley mount
hill hills island islands harbor harbour port fort bridge station airport university college school church hospital
hotel club museum library media news daily weekly monthly christmas easter god jesus allah islam muslim christian
jewish catholic bible mass president prime minister republic state states federation kingdom empire nation national
international global world earth north south east west northern southern eastern western central upper lower
greater new old great little big grand royal saint san santa general sir king queen prince princess lord lady pope
bishop governor mayor senator judge justice police army navy force forces government ministry office department
court party people man woman men women children police fire home office city town village county district region
province territory area zone border capital downtown midtown uptown metro local federal public private group company
inc ltd corp co bank market trade trading oil gas power water food health care medical service services press
chairman chief head deputy secretary ambassador embassy consulate delegation agency committee commission
council organization organisation association society institute foundation centre alliance coalition front movement
summit conference forum meeting session festival games olympics cup league championship series tour
north-east north-west south-east south-west northeast northwest southeast southwest
english french german spanish italian russian chinese japanese arabic
ok okay yes no hello mr mrs ms dr st ave rd blvd jr sr
a i ii iii iv v vi
also however meanwhile although though because thus therefore moreover furthermore besides
according said says told added
black white red green blue brown gray grey gold silver golden
light dark rain snow storm sun moon star sky sea ocean
man men boy girl boys girls son sons daughter friends friend
love life death war peace hope faith grace joy
early late last next first second third
obama trump clinton biden bush putin
social media internet online twitter facebook google apple amazon microsoft
""".split())

# Words before a name that make it a person's ("President Washington", "Mr. London").
TITLES = frozenset("""
mr mrs ms miss dr prof sir dame lord lady president senator sen rep representative gov governor general gen
judge justice prince princess king queen pope minister chairman chairwoman coach officer sgt sergeant capt captain
lt lieutenant col colonel maj major rev reverend father brother sister saint secretary ambassador mayor deputy
commissioner chancellor premier sheikh emir sultan ayatollah imam rabbi bishop cardinal detective agent dj mc
""".split())

# Capitalised words after a place inside an organisation name that still locate it.
ORG_WORDS = frozenset("""
state university college school institute hospital city county council police department district court
airport station port times post herald tribune journal gazette news daily chronicle press star globe
international national central regional municipal metropolitan federal government ministry parliament assembly
senate congress house embassy consulate office agency committee commission club fc united rovers athletic
stock exchange bank zoo museum library theatre theater opera orchestra cathedral church mosque synagogue
marathon open festival fair summit conference olympics games cup derby square street avenue road bridge park
area region province valley bay harbor harbour river lake mountains mountain island islands
community communities diaspora youth organization organisation association society centre center
medical public high middle elementary primary secondary junior senior technical state-run
""".split())

# Before a place name: modifiers that do not make it a person.
MODIFIERS = frozenset("""
north south east west northern southern eastern western central upper lower greater downtown midtown uptown
northeast northwest southeast southwest north-east north-west south-east south-west inner outer
rural urban metro metropolitan suburban coastal occupied liberated native
""".split())

CONNECTORS = frozenset("of and de del la le du des da di do dos das el al upon on am im an der y the & en sur".split())

CITY_CUES = ("city of", "town of", "village of", "capital of", "settlement of", "township of", "suburb of", "port of")
ADMIN_CUES_AFTER = {"district": "admin2", "rayon": "admin2", "county": "admin2", "province": "admin1", "region": "region",
                    "state": "admin1", "oblast": "admin1", "governorate": "admin1", "prefecture": "admin1"}  # fmt: skip
PERSON_VERBS = frozenset("said says told added wrote asked argued explained noted stated claimed insisted replied".split())
ACRONYMS_OK = frozenset(("us", "usa", "uk", "uae", "drc", "nyc", "eu", "ussr", "prc", "dprk", "nwt", "pei", "nsw", "dc"))

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"  # U.S., U.K., D.C.
    r"|[^\W\d_](?:[\w’']*[^\W_])?(?:[-‐](?:[^\W\d_](?:[\w’']*[^\W_])?))*"  # words, hyphenated words
)
_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$")
_SENT_END = re.compile(r"[.!?:;\n\"“”«»()\[\]|•*#>—–]\s*$|^\s*$")


class _Tok:
    __slots__ = ("s", "e", "text", "cap", "key", "upper")

    def __init__(self, s: int, e: int, text: str):
        self.s, self.e, self.text = s, e, text
        self.cap = text[:1].isupper()
        self.upper = text.isupper() and len(text) > 1
        self.key = text.lower()


class _Cand:
    """A recognised span before resolution."""

    __slots__ = ("s", "e", "name", "key", "cands", "demonym", "ti", "tj", "cue", "rec", "why")

    def __init__(self, s, e, name, key, cands, demonym, ti, tj):
        self.s, self.e, self.name, self.key, self.cands, self.demonym = s, e, name, key, cands, demonym
        self.ti, self.tj = ti, tj
        self.cue: str | None = None
        self.rec = 0.9
        self.why = ""


def _hav(a: float, b: float, c: float, d: float) -> float:
    p1, p2 = math.radians(a), math.radians(c)
    h = math.sin(math.radians(c - a) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(d - b) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


class Geoparser:
    """``Geoparser(gazetteer=None, geocoder=None, demonyms=False)``; ``None`` gazetteer opens the
    cached one. ``parse(text)`` -> toponyms (demonyms only when asked), ``mentions(article)`` ->
    mentions with sentence and event date (demonyms included, flagged)."""

    MAX_NGRAM = 6

    def __init__(self, gazetteer: Gazetteer | None = None, geocoder: Any = None, demonyms: bool = False):
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.open()
        self.geocoder = geocoder
        self.demonyms = demonyms

    # ------------------------------------------------------------------ public API
    def parse(self, text: str, demonyms: bool | None = None) -> list[Toponym]:
        """Toponyms in ``text`` (``text[t.start:t.end] == t.name``). Never raises."""
        want_dem = self.demonyms if demonyms is None else demonyms
        if not isinstance(text, str) or not text:
            return []
        try:
            out = self._parse(text)
        except Exception:  # noqa: BLE001 - one bad text must not stop an ingest
            log.exception("geoparse failed on a text of %d characters", len(text))
            return []
        return [t for t in out if want_dem or not t.demonym]

    def mentions(self, article: Article, demonyms: bool = True) -> list[Mention]:
        text = article.text or ""
        out: list[Mention] = []
        for t in self.parse(text, demonyms=demonyms):
            s0, s1 = _bounds(text, t.start, t.end)
            d, prec = _date(text, t.start, t.end, article.published)
            out.append(Mention(article_id=article.id, start=t.start, end=t.end, name=t.name, place=t.place,
                               score=t.score, sentence=text[s0:s1].strip(), sentence_start=s0 + (len(text[s0:s1]) - len(text[s0:s1].lstrip())),
                               event_date=d, date_precision=prec, demonym=t.demonym,
                               alternatives=list(t.alternatives), reason=t.reason))  # fmt: skip
        return out

    # ------------------------------------------------------------------ recognition
    def _tokens(self, text: str) -> list[_Tok]:
        return [_Tok(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]

    def _sentence_initial(self, text: str, toks: list[_Tok], i: int) -> bool:
        if i == 0:
            return True
        prev_end = toks[i - 1].e
        gap = text[prev_end : toks[i].s]
        if "\n" in gap:
            return True
        g = gap.strip()
        if not g:
            return False
        return bool(re.search(r"[.!?:;\"“”«»()\[\]|•*#>—–-]", g)) and not (toks[i - 1].text.endswith(".") and len(toks[i - 1].text) <= 4 and toks[i - 1].cap and g == ".")

    def _lookup(self, key: str):
        return self.gazetteer.candidates(key)

    def _recognise(self, text: str, toks: list[_Tok]) -> list[_Cand]:
        n = len(toks)
        lower_words = {t.key for t in toks if not t.cap}
        cands: list[_Cand] = []
        i = 0
        while i < n:
            t = toks[i]
            if not t.cap or t.key in ("the", "a", "an") or t.key in STOPWORDS and not t.upper:
                i += 1
                continue
            # build the run of tokens joined by a single space (or hyphen) that may form a name
            j_max = i
            k = i
            while k + 1 < n and k - i + 1 < self.MAX_NGRAM:
                gap = text[toks[k].e : toks[k + 1].s]
                if gap not in (" ", "-", "‐"):
                    break
                nxt = toks[k + 1]
                if nxt.cap or (nxt.key in CONNECTORS and k + 2 < n and toks[k + 2].cap):
                    k += 1
                    if nxt.cap:
                        j_max = k
                else:
                    break
            found = None
            for j in range(j_max, i - 1, -1):
                if not toks[j].cap:
                    continue
                s, e = t.s, toks[j].e
                span = text[s:e]
                m = _POSSESSIVE.search(span)
                if m and j == j_max:
                    e -= len(m.group())
                    span = text[s:e]
                if not span:
                    continue
                key = normalize(span)
                hits = self._lookup(key) if key else ()
                if not hits and m is None and span[-1:] in "’'":
                    continue
                if hits:
                    found = (s, e, span, key, hits, j)
                    break
                if "-" in span and j == i:
                    # hyphenated token that is not a name as a whole: try its parts (Aghdam-Khankandi)
                    off = s
                    for part in re.split(r"([-‐])", span):
                        if part and part not in "-‐" and part[:1].isupper():
                            pm = _POSSESSIVE.search(part)
                            p = part[: len(part) - len(pm.group())] if pm else part
                            pk = normalize(p)
                            ph = self._lookup(pk) if pk else ()
                            if ph:
                                c = _Cand(off, off + len(p), p, pk, ph, False, i, i)
                                cands.append(c)
                        off += len(part)
            if found is None:
                i += 1
                continue
            s, e, span, key, hits, j = found
            places = tuple(h for h in hits if not h[2] & 2)
            dem = not places
            c = _Cand(s, e, span, key, places if places else tuple(h for h in hits if h[2] & 2), dem, i, j)
            cands.append(c)
            i = j + 1
        return [c for c in cands if self._keep(text, toks, c, lower_words)]

    def _keep(self, text: str, toks: list[_Tok], c: _Cand, lower_words: set[str]) -> bool:
        best_imp = c.cands[0][1] if c.cands else 0.0
        single = c.ti == c.tj
        first = toks[c.ti]
        big = best_imp >= 8.0  # countries, continents, first-level divisions of note, national capitals
        if c.name.isupper() and len(c.name.replace(".", "")) <= 4:
            if c.key.replace(" ", "") not in ACRONYMS_OK:
                return False
        if single and c.key in COMMON_CAPS and not (c.key in ("of",) and False):
            return False
        if len(c.key) < 3 and c.key not in ACRONYMS_OK:
            return False
        if c.demonym:
            c.rec = 0.8
            return True
        kinds = {h[0].kind for h in c.cands[:5]}
        # ordinary words: the text uses them in lower case too
        if single and c.key in lower_words and not big:
            return False
        # person names: a title or first name before, "said" after
        prev = toks[c.ti - 1] if c.ti > 0 else None
        if prev is not None and text[prev.e : first.s] in (" ", ". ") and prev.cap:
            pk = prev.key.rstrip(".")
            if pk in TITLES:
                return False
            if (text[prev.e : first.s] == " " and pk not in MODIFIERS and pk not in STOPWORDS and pk not in CONNECTORS
                    and not self._sentence_initial(text, toks, c.ti - 1) and not self._lookup(normalize(prev.text))
                    and not big):  # fmt: skip
                return False
        nxt = toks[c.tj + 1] if c.tj + 1 < len(toks) else None
        if nxt is not None and text[c.e : nxt.s] == " ":
            if nxt.key in PERSON_VERBS and not big and "country" not in kinds:
                return False
            if nxt.cap and nxt.key not in ORG_WORDS and not big and not self._lookup(normalize(nxt.text)):
                if nxt.key not in STOPWORDS and nxt.key not in CONNECTORS:
                    return False
        # sentence-initial single capitalised word that names only small places
        if single and self._sentence_initial(text, toks, c.ti) and best_imp < 5.0:
            return False
        if best_imp < 3.3 and single:  # hamlets (< ~2000 people) need a cue to count
            return False
        return True

    # ------------------------------------------------------------------ resolution
    def _parse(self, text: str) -> list[Toponym]:
        toks = self._tokens(text)
        cands = self._recognise(text, toks)
        if not cands:
            return []
        low = text.lower()
        # person names seen elsewhere ("Jack London ... London said") -> drop same-key mentions
        # cues around each candidate
        for c in cands:
            before = low[max(0, c.s - 20) : c.s]
            after = low[c.e : c.e + 14]
            if any(before.endswith(cue + " ") or before.endswith(cue + " the ") for cue in CITY_CUES):
                c.cue = "city"
            else:
                m = re.match(r"\s+(district|rayon|county|province|region|state|oblast|governorate|prefecture)\b", after)
                if m:
                    c.cue = ADMIN_CUES_AFTER[m.group(1)]
        # document context: countries and first-level divisions mentioned
        ctx_country: dict[str, float] = {}
        ctx_admin1: dict[tuple[str, str], float] = {}
        anchors: list[tuple[float, float]] = []
        for c in cands:
            if not c.cands:
                continue
            top = c.cands[0][0]
            if top.kind == "country" or (c.demonym and top.kind == "country"):
                w = 0.5 if c.demonym else 1.0
                ctx_country[top.country] = ctx_country.get(top.country, 0.0) + w
            elif top.kind == "admin1" and top.country and (len(c.cands) == 1 or c.cands[1][1] < c.cands[0][1] - 1):
                ctx_country[top.country] = ctx_country.get(top.country, 0.0) + 0.7
                a1 = self.gazetteer.admin1code(top.id)
                if a1:
                    ctx_admin1[(top.country, a1)] = ctx_admin1.get((top.country, a1), 0.0) + 1.0
            if len(c.cands) == 1 and top.kind not in ("continent", "region", "water") and not c.demonym:
                anchors.append((top.lat, top.lon))
        # "Springfield, Illinois" / "Paris, France": the container right after a comma
        containers: dict[int, Place] = {}
        for a, b in zip(cands, cands[1:]):
            gap = text[a.e : b.s]
            if gap in (", ", ","):
                for h in b.cands[:3]:
                    if h[0].kind in ("admin1", "country"):
                        containers[id(a)] = h[0]
                        break
        total = sum(ctx_country.values()) or 1.0
        resolved: dict[str, tuple[Place | None, float, list, str]] = {}
        out: list[Toponym] = []
        for c in cands:
            if c.demonym:
                p = c.cands[0][0] if c.cands else None
                out.append(Toponym(c.s, c.e, c.name, p, 0.7 if p else 0.0, demonym=True, reason="demonym"))
                continue
            rkey = c.key if id(c) not in containers else c.key + "|" + containers[id(c)].id
            if rkey not in resolved:
                resolved[rkey] = self._resolve(c, containers.get(id(c)), ctx_country, ctx_admin1, total, anchors)
            place, score, alts, reason = resolved[rkey]
            if place is None and self.geocoder is not None:
                place = self._geocode(c.name, ctx_country)
                if place is not None:
                    score, reason = 0.5, "online geocoder"
            out.append(Toponym(c.s, c.e, c.name, place, round(score, 3), demonym=False,
                               alternatives=alts, reason=reason))  # fmt: skip
        return out

    def _resolve(self, c: _Cand, container: Place | None, ctx_country, ctx_admin1, total, anchors):
        scored: list[tuple[float, Place, str]] = []
        for place, imp, flags in c.cands[:40]:
            s = imp
            why = "population"
            if place.kind == "country":
                why = "country"
            if container is not None:
                if place.kind in ("city", "admin2") and place.country == container.country:
                    if container.kind == "country":
                        s += 4.0
                        why = "X, country"
                    else:
                        a1 = self.gazetteer.admin1code(place.id)
                        if a1 and self.gazetteer.admin1code(container.id) == a1:
                            s += 6.0
                            why = "X, state"
            if place.country and place.country in ctx_country and place.kind != "country":
                s += 2.5 * min(1.0, ctx_country[place.country] / total + 0.3)
                if why == "population":
                    why = "country context"
            if ctx_admin1 and place.kind in ("city", "admin2"):
                a1 = self.gazetteer.admin1code(place.id)
                if a1 and (place.country, a1) in ctx_admin1:
                    s += 2.0
                    why = "state context"
            if c.cue == "city":
                if place.kind == "city":
                    s += 1.5
                    why = "city cue"
                elif place.kind != "city":
                    s -= 2.0
            elif c.cue in ("admin1", "admin2", "region"):
                if place.kind in ("admin1", "admin2", "region"):
                    s += 1.5
                    why = "division cue"
            if anchors and place.kind in ("city", "admin2", "landmark") and c.cands[0][0].id != place.id or (anchors and len(c.cands) > 1 and place.kind == "city"):
                near = min(_hav(place.lat, place.lon, a, b) for a, b in anchors[:50])
                if 1.0 < near < 300:
                    s += 1.0
                    if why == "population":
                        why = "near co-mentioned places"
            if flags & 1:
                s += 0.3  # the place's own (main) name rather than an alternate
            scored.append((s, place, why))
        if not scored:
            return None, c.rec * 0.3, [], "unresolved"
        scored.sort(key=lambda x: -x[0])
        best_s = scored[0][0]
        exps = [math.exp(min(0.0, x[0] - best_s) * 1.5) for x in scored]
        z = sum(exps)
        probs = [x / z for x in exps]
        alts = [(p.id, f"{p.name} ({p.country or p.kind})", round(pr, 3)) for (_, p, _), pr in zip(scored[1:6], probs[1:6])]
        score = max(0.0, min(1.0, probs[0] * c.rec + (0.1 if len(scored) == 1 else 0.0)))
        return scored[0][1], score, alts, scored[0][2] if len(scored) > 1 else "only candidate"

    def _geocode(self, name: str, ctx_country: dict[str, float]) -> Place | None:
        hint = max(ctx_country, key=ctx_country.get) if ctx_country else None
        try:
            return self.geocoder.geocode(name, country_hint=hint)
        except Exception:  # noqa: BLE001 - the fallback must never break geoparsing
            log.warning("online geocoder failed for %r", name, exc_info=True)
            return None


# ---------------------------------------------------------------------------------------------
def _bounds(text: str, start: int, end: int) -> tuple[int, int]:
    if _sentence_bounds is not None:
        try:
            s0, s1 = _sentence_bounds(text, start, end)
            if 0 <= s0 <= start and end <= s1 <= len(text):
                return s0, s1
        except Exception:  # noqa: BLE001
            pass
    s0 = max(text.rfind(ch, 0, start) for ch in ".!?\n") + 1
    ends = [i for i in (text.find(ch, end) for ch in ".!?\n") if i != -1]
    s1 = min(ends) + 1 if ends else len(text)
    return s0, min(s1, len(text))


def _date(text: str, start: int, end: int, published):
    if _event_date is not None:
        try:
            return _event_date(text, start, end, published)
        except Exception:  # noqa: BLE001
            pass
    return (published, "published") if published else (None, "unknown")


__all__ = ["Geoparser"]
