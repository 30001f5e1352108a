"""Write ``mapapp/geo/lexicon/english_words.txt``: English words that are also a place's name.

Run by a developer (not at install or build time), on a machine with Debian's ``wamerican``
package (SCOWL's American English list, /usr/share/dict/american-english)::

    apt-get install wamerican
    python mapapp/geo/gazdata/make_english_words.py

Keeps the all-lower-case, all-letter words of the list (common nouns, verbs, adjectives: "bear",
"freedom", "sunrise") that the built gazetteer knows as some place's name, one a line. The
geoparser maps such a word, capitalised, to a smallish town only when the text or the story
supports that town (see ``Geoparser._keep``). SCOWL's copyright notice travels in the file's header.
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "lexicon" / "english_words.txt"
HEADER = """\
# English words (all lower case in SCOWL's American English list, Debian package wamerican) that
# are also the name of some place in the gazetteer: capitalised, they are a place only when the
# text or the story supports it. Made by mapapp/geo/gazdata/make_english_words.py.
# Read by mapapp.geo.lexicon (one lower-case entry a line, # comments); used by mapapp.geo.geoparse.
#
# SCOWL: Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy, modify, distribute and
# sell these word lists, the associated scripts, the output created from the scripts, and its
# documentation for any purpose is hereby granted without fee, provided that the above copyright
# notice appears in all copies and that both that copyright notice and this permission notice
# appear in supporting documentation. Kevin Atkinson makes no representations about the
# suitability of this array for any purpose. It is provided "as is" without express or implied
# warranty.
"""


def main(words_file: str = "/usr/share/dict/american-english") -> int:
    from mapapp.geo.gazetteer import Gazetteer, normalize

    gaz = Gazetteer.open()
    words = sorted(
        {w.strip() for w in Path(words_file).read_text(encoding="utf-8").splitlines() if w.strip().isalpha()}
    )
    keep = [w for w in words if w.islower() and len(w) >= 3 and gaz.candidates(normalize(w))]
    OUT.write_text(HEADER + "".join(w + "\n" for w in keep), encoding="utf-8")
    print(f"{len(keep)} of {len(words)} words are also place names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:]))
