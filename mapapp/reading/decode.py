"""Bytes to text: the encoding of an article file, and refusing binary files.

Its own module because guessing an encoding is a craft of its own (BOMs, UTF-8, a page's
``<meta charset>``, then charset-normalizer weighed against the two commonest legacy code pages)
that every format reader needs and none should repeat.
"""

from __future__ import annotations

import codecs
import io
import re
from pathlib import Path
from typing import BinaryIO

from mapapp.reading.files import BadFile, open_regular

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _bomless_utf16(sample: bytes) -> str | None:
    """``utf-16-le`` or ``-be`` for UTF-16 text written without a BOM (some Windows exports): in
    Latin-script text one byte of nearly every pair is NUL, the other almost never; None otherwise
    (a file with NUL bytes anywhere else is binary)."""
    n = len(sample) - len(sample) % 2
    if n < 8:
        return None
    even, odd = sample[0:n:2], sample[1:n:2]
    half = n // 2
    if odd.count(0) >= 0.9 * half and even.count(0) <= 0.05 * half:
        enc = "utf-16-le"
    elif even.count(0) >= 0.9 * half and odd.count(0) <= 0.05 * half:
        enc = "utf-16-be"
    else:
        return None
    try:
        sample[:n].decode(enc)
    except UnicodeDecodeError:
        if len(sample) < 4:
            return None
        try:
            sample[: n - 2].decode(enc)  # a surrogate pair cut at the sample's end
        except UnicodeDecodeError:
            return None
    return enc


def detect_encoding(sample: bytes, whole: bool) -> str:
    """The encoding of a file from its first bytes (or all of them when ``whole``)."""
    for bom, enc in BOMS:
        if sample.startswith(bom):
            return enc
    if b"\x00" in sample:
        utf16 = _bomless_utf16(sample)
        if utf16 is None:
            raise BadFile("binary file (contains NUL bytes)")
        return utf16
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if not whole and exc.start >= len(sample) - 4:  # a character cut at the sample's end
            try:
                sample[: exc.start].decode("utf-8")
                return "utf-8"
            except UnicodeDecodeError:
                pass
    try:
        from charset_normalizer import from_bytes

        found = [m.encoding for m in from_bytes(sample)][:5]
    except Exception:  # noqa: BLE001
        found = []
    if not found:
        raise BadFile("binary file (not text in any known encoding)")
    # charset-normalizer is unsure on short texts (it reads "à" as cp1250 "ŕ"): among its
    # candidates and the two commonest legacy code pages, keep the most plausible reading.
    best, best_score = found[0], None
    for i, enc in enumerate(dict.fromkeys(found + ["cp1252", "cp1251"])):
        try:
            txt = sample.decode(enc, errors="strict" if whole else "ignore")
        except (UnicodeDecodeError, LookupError):
            continue
        score = _plausibility(txt) - 0.01 * i + (0.5 if enc == "cp1252" else 0.0)
        if best_score is None or score > best_score:
            best, best_score = enc, score
    return best


_COMMON_LETTERS = set(
    "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝœŒ"
    "ąćęłńśźżčďěňřšťůžőűğşıİəƏĞŞĄĆĘŁŃŚŹŻČĎĚŇŘŠŤŮŽŐŰ"
    "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґІЇЄҐ"
    "“”‘’–—…«»€№°"
)
_WORD = re.compile(r"\w+")


def _plausibility(text: str) -> float:
    """Higher for text that reads like a human language: common letters, one script per word."""
    score = 0.0
    for ch in text:
        if ch < "\x80":
            continue
        if ch in _COMMON_LETTERS:
            score += 1
        elif ch.isalpha():
            score -= 0.5
        else:
            score -= 1
    for w in _WORD.findall(text):
        if not w.isascii() and re.search(r"[A-Za-z]", w) and re.search(r"[\u0400-\u04ff]", w):
            score -= 2  # Latin and Cyrillic letters in one word: a wrong code page
        elif len(w) > 2 and not re.search(r"[\u0400-\u04ff]", w):
            accented = sum(1 for c in w if not c.isascii())
            if accented * 2 > len(w):
                score -= accented * 1.5  # "Ìîñêâà": Cyrillic read as Latin-1
    return score


def _check_text(text: str) -> None:
    if not text.strip():
        raise BadFile("empty file (no text)")
    sample = text[:20000]
    bad = len(_CONTROL.findall(sample))
    if bad > max(8, len(sample) // 50):
        raise BadFile("binary file (control characters, not text)")


def decode(data: bytes) -> str:
    enc = detect_encoding(data, True)
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        raise BadFile(f"binary file (undecodable as {enc})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _check_text(text)
    return text


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_html(data: bytes) -> str:
    """HTML: a BOM, then the page's own ``<meta charset>``, then detection."""
    m = _META_CHARSET.search(data[:4096])
    if m and not any(data.startswith(b) for b, _ in BOMS) and b"\x00" not in data[:4096]:
        enc = m.group(1).decode("ascii", "replace").lower()
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            _check_text(text)
            return text
    return decode(data)


def open_text(path: Path) -> io.TextIOWrapper:
    """A text stream over a record file, decoded with the encoding of its first 64 KiB."""
    fh = open_regular(path)
    try:
        sample = fh.read(1 << 16)
        enc = detect_encoding(sample, len(sample) < (1 << 16))
        if enc.startswith("utf-8"):
            enc = "utf-8-sig"
        fh.seek(0)
        return io.TextIOWrapper(fh, encoding=enc, errors="strict", newline="")
    except BaseException:
        fh.close()
        raise


def record_encoding(fh: BinaryIO) -> str | None:
    """The encoding of a line-based record file from its first 64 KiB, ``None`` for UTF-8 read
    line by line (a file that is mostly UTF-8 keeps UTF-8 and its bad lines become errors)."""
    sample = fh.read(1 << 16)
    fh.seek(0)
    for bom, enc in BOMS:
        if sample.startswith(bom):
            return enc
    if b"\x00" in sample:
        utf16 = _bomless_utf16(sample)
        if utf16 is None:
            raise BadFile("binary file (contains NUL bytes)")
        return utf16
    lines = sample.split(b"\n")
    if len(sample) == (1 << 16) and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut
    bad = good_non_ascii = 0
    for ln in lines:
        try:
            ln.decode("utf-8")
            good_non_ascii += not ln.isascii()
        except UnicodeDecodeError:
            bad += 1
    if bad == 0 or good_non_ascii >= bad or bad * 2 < len([ln for ln in lines if ln.strip()]):
        return None
    return detect_encoding(b"\n".join(lines), True)
