"""Whether an article is plainly not in English, so ingest can say why it yields few places.

The geoparser reads English: its gazetteer keeps Latin-script names, and its cues ("in", "near",
"the city of") and word lists are English. A Russian or Azerbaijani article is stored all the
same, but with few or no places, and without a word the user would take that for a fault of the
map. This is no language identifier: it names a non-Latin script, or a Latin-script language
whose commonest words outnumber English's, and says nothing of short texts or of lists and
tables (a market report's "Shr 19 cts vs 32 cts" has no language's words and is let be).
"""

from __future__ import annotations

import re
from collections import Counter

SAMPLE = 2000  # characters read (about 350 words): a long article is in the language of its opening
MIN_LETTERS = 60
MIN_WORDS = 30

_SCRIPTS = {
    "Cyrillic": "\u0400-\u04ff",
    "Arabic": "\u0600-\u06ff\u0750-\u077f",
    "Hebrew": "\u0590-\u05ff",
    "Greek": "\u0370-\u03ff",
    "Armenian": "\u0530-\u058f",
    "Georgian": "\u10a0-\u10ff",
    "Devanagari": "\u0900-\u097f",
    "Chinese or Japanese": "\u3040-\u30ff\u4e00-\u9fff",
    "Korean": "\uac00-\ud7af",
    "Thai": "\u0e00-\u0e7f",
}
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_SCRIPT_RE = {name: re.compile(f"[{ranges}]") for name, ranges in _SCRIPTS.items()}
_NON_LATIN = re.compile(f"[{''.join(_SCRIPTS.values())}]")
_WORD = re.compile(r"[^\W\d_]+")

# Each language's commonest words that are no English word, abbreviation or part of a name an
# English story often holds ("de", "die", "per", "non", "plus", "met", "al", "el" of "El Paso",
# "las" of "Las Vegas", "von" of "von der Leyen", "com" of ".com", "ve" of "I've" are left out).
_COMMON = {
    "English": "the of and to in is that for on was with as by at from it he said be has have are were his this",
    "French": "le les des du et une dans que qui sur pas avec aux cette sont été était leur elle nous",
    "German": "der das und ist nicht ein eine des auf für sich auch wurde werden nach bei im zu",
    "Spanish": "los del y que en por para una es se su como más fue pero sus ha",
    "Italian": "il di che della dei una sono del nel alla è anche più gli delle si",
    "Portuguese": "das que em uma para não na por mais foi são ao pelo",
    "Dutch": "het een en dat niet op te voor zijn ook aan bij werd naar wordt",
    "Turkish or Azerbaijani": "bir bu ile için olan olarak daha ki çok gibi və ilə üçün də çox kimi",
}
_WORDS = {lang: frozenset(words.split()) for lang, words in _COMMON.items()}


def not_english(text: str) -> str | None:
    """What a text is written in when that is plainly not English ("Cyrillic script",
    "French"), else None (English, too short to tell, or no language's words at all)."""
    s = text[:SAMPLE]
    if (s.count(" the ") + s.count(" of ") + s.count(" and ")) * 120 >= len(s):
        return None  # English prose at a glance (about one word in ten; in C, no word list needed)
    other = 0 if s.isascii() else len(_NON_LATIN.findall(s))
    if other >= MIN_LETTERS and other > len(_LATIN.findall(s)):
        script, _ = max(((name, len(rx.findall(s))) for name, rx in _SCRIPT_RE.items()), key=lambda kv: kv[1])
        return f"{script} script"
    words = Counter(_WORD.findall(s.lower()))
    total = sum(words.values())
    if total < MIN_WORDS:
        return None
    english = sum(words[w] for w in _WORDS["English"]) / total
    if english >= 0.12:  # English news runs at 0.2-0.35, the others' own words below 0.02
        return None
    shares = {lang: sum(words[w] for w in common) / total for lang, common in _WORDS.items() if lang != "English"}
    lang, share = max(shares.items(), key=lambda kv: kv[1])
    if share >= 0.12 and share > 2 * english:
        return lang
    return None
