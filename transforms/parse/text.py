"""Text cleaning for digests: byte decoding, control characters, whitespace.

Everything here is pure: bytes or str in, str plus a list of `Issue` tuples out. The
parser turns issues into Diagnostics once it knows the source name.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple


class Issue(NamedTuple):
    """A problem found while cleaning: 1-based line (or None), severity, stable code, message."""

    line: int | None
    severity: str
    code: str
    message: str


# C0 controls except \t and \n (\r is folded into \n before this runs), DEL, and zero-width marks.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff"
# A lone surrogate (JSON can escape one, `\ud800`) is no text at all: UTF-8 and Arrow cannot hold it.
_SURROGATE = re.compile("[\ud800-\udfff]")
_WS = re.compile(r"\s+")
_CONTROL_BYTES = bytes(i for i in range(32) if i not in (9, 10)) + b"\x7f"
_CONTROL_CHARS = _CONTROL_BYTES.decode("ascii")  # what _CONTROL matches, one character each
# Runs, not single characters: findall builds one string per match, and runs are far fewer.
_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]+")
_LETTER = re.compile(r"[^\W\d_]+")
# UTF-8 lead bytes of U+3000-U+9FFF, which holds every character _CJK matches.
_CJK_LEADS = tuple(bytes([b]) for b in range(0xE3, 0xEA))


def _may_hold_cjk(value: str) -> bool:
    data = value.encode("utf-8", "surrogatepass")
    return any(lead in data for lead in _CJK_LEADS)


def _has_control(text: str) -> bool:
    return _has_control_byte(text.encode("utf-8", "surrogatepass"))


def _has_control_byte(data: bytes) -> bool:
    # One memchr per control byte (30 vectorised scans) costs a quarter of one bytes.translate pass,
    # which was ~6x faster than a regex scan over a whole digest.
    return any(byte in data for byte in _CONTROL_BYTES)


def decode(data: bytes) -> tuple[str, list[Issue]]:
    """Decode a digest file: UTF-8 (BOM optional), UTF-16 by BOM, else UTF-8 with replacement chars."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
        return text, [Issue(None, "warning", "utf16", "file is UTF-16 (BOM found); decoded it, save digests as UTF-8")]
    if b"\x00" in data[:512]:
        encoding = _utf16_without_bom(data[:2048])
        if encoding:
            return data.decode(encoding, errors="replace"), [
                Issue(None, "warning", "utf16", f"file is {encoding.upper()} without a BOM (NUL byte pattern); "
                      "decoded it, save digests as UTF-8")]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        return text, [Issue(line, "warning", "invalid_utf8",
                            f"invalid UTF-8 from byte {exc.start}; {bad} replacement characters inserted")]


def _utf16_without_bom(head: bytes) -> str | None:
    """`utf-16-le`/`utf-16-be` when every other byte is NUL (ASCII-heavy text), else None."""
    half = len(head) // 2
    if half < 8:
        return None
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if odd > half * 0.6 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.6 and odd < half * 0.05:
        return "utf-16-be"
    return None


def clean(text: str, utf8: bytes | None = None) -> tuple[str, list[Issue]]:
    """Fold CR/CRLF to LF, strip control and zero-width characters, report U+FFFD; returns (text, issues).

    `utf8`, when given, is the UTF-8 file `text` was decoded from: its ASCII bytes are the text's
    ASCII characters (even where invalid bytes were replaced), so they are checked without re-encoding.
    """
    issues: list[Issue] = []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    suspect = _has_control(text) if utf8 is None else _has_control_byte(utf8)
    found = [(pos, c) for c in _CONTROL_CHARS if (pos := text.find(c)) >= 0] if suspect else None
    if found:
        # One str.replace per control character present (a memchr scan each), not a regex pass over every
        # character: the same text, ~10x fewer instructions on a big digest.
        first_pos, first = min(found)
        stripped = text
        for _, c in found:
            stripped = stripped.replace(c, "")
        count = len(text) - len(stripped)  # every match is one character: no findall pass to count them
        issues.append(Issue(text.count("\n", 0, first_pos) + 1, "warning", "control_chars",
                            f"{count} control characters (first U+{ord(first):04X}) stripped"))
        text = stripped
    for z in _ZERO_WIDTH_CHARS:  # as _ZERO_WIDTH.sub, by str.replace (see the control characters above)
        if z in text:
            text = text.replace(z, "")
    pos = text.find("\ufffd")
    if pos >= 0:
        issues.append(Issue(text.count("\n", 0, pos) + 1, "warning", "control_chars",
                            f"{text.count(chr(0xFFFD))} U+FFFD replacement characters in the text (lost bytes)"))
    return text, issues


def normalise_ws(value: str | None) -> str:
    """Collapse runs of whitespace to one space and strip: the form values are compared in."""
    return _WS.sub(" ", value).strip() if value else ""


def clean_value(value: str) -> str:
    """Strip control and zero-width characters from one value (used for the JSONL twin)."""
    if _CONTROL.search(value):
        value = _CONTROL.sub("", value)
    if _ZERO_WIDTH.search(value):
        value = _ZERO_WIDTH.sub("", value)
    if _SURROGATE.search(value):
        value = _SURROGATE.sub("\ufffd", value)
    return value.replace("\r\n", "\n")


def looks_binary(text: str) -> bool:
    """True when the text is mostly replacement or control characters: junk, not a digest."""
    sample = text[:4096]
    if not sample:
        return False
    controls = len(_CONTROL.findall(sample)) if _has_control(sample) else 0  # the regex scan is the slow part
    bad = sample.count("\ufffd") + controls - sample.count("\r")
    return bad / len(sample) > 0.1


_ASCII_NOT_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())  # what _LETTER skips among ASCII


def cjk_share_above(value: str, share: float) -> bool:
    """Whether `cjk_share(value) > share`, mostly decided by bounds: the letters are the ASCII ones plus between
    the CJK ideographs (all letters) and every other non-ASCII character. Only a value the bounds leave open
    pays for the letter scan, whose per-word matches are most of the cost on English text."""
    if value.isascii() or not _may_hold_cjk(value):
        return 0.0 > share
    cjk = sum(map(len, _CJK.findall(value)))
    if not cjk:
        return 0.0 > share
    ascii_chars = value.encode("ascii", "ignore")
    ascii_letters = len(ascii_chars.translate(None, _ASCII_NOT_LETTERS))
    if cjk / (ascii_letters + len(value) - len(ascii_chars)) > share:  # the most letters there can be
        return True
    if cjk / (ascii_letters + cjk) <= share:  # the fewest
        return False
    return cjk_share(value) > share


def cjk_share(value: str) -> float:
    """Share of CJK ideographs among the letters of `value` (0.0 when it holds no letters)."""
    if value.isascii() or not _may_hold_cjk(value):
        return 0.0  # no CJK at all (the usual English summary): skip two regex scans of every character
    letters = sum(map(len, _LETTER.findall(value)))
    return sum(map(len, _CJK.findall(value))) / letters if letters else 0.0
