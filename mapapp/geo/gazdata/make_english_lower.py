"""Write ``mapapp/geo/lexicon/english_lower.txt.gz``: every all-lower-case English word of SCOWL.

Run by a developer (not at install or build time), on a machine with Debian's ``wamerican`` and
``wbritish`` packages (SCOWL's American and British English lists, /usr/share/dict/)::

    apt-get install wamerican wbritish
    python mapapp/geo/gazdata/make_english_lower.py

Keeps the words of either list that are written in lower case, in ASCII letters only and at least
two letters long ("visit", "beautiful", "anon"; not "Tilda", "Munira", "Brexit", "colour's"), one a
line, gzipped (about 65,000 words). The geoparser asks it whether a capitalised word that opens a
sentence is an ordinary English word ("Visit Leith") or may be a person's given name ("Prue
Leith"), see ``geoparse._english_word``. SCOWL's copyright notice travels in the file's header.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "lexicon" / "english_lower.txt.gz"
HEADER = """\
# English words written in lower case in SCOWL's American and British English lists (Debian
# packages wamerican and wbritish), ASCII letters only. Made by mapapp/geo/gazdata/make_english_lower.py.
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


def main(*files: str) -> int:
    files = files or ("/usr/share/dict/american-english", "/usr/share/dict/british-english")
    keep: set[str] = set()
    for f in files:
        for w in Path(f).read_text(encoding="utf-8").splitlines():
            w = w.strip()
            if len(w) >= 2 and w.isascii() and w.isalpha() and w.islower():
                keep.add(w)
    body = HEADER + "".join(w + "\n" for w in sorted(keep))
    # mtime=0: the same lists give the same bytes
    OUT.write_bytes(gzip.compress(body.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{len(keep)} lower-case words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:]))
