"""Rules for lines no other rule claims: thematic breaks, value continuations and stray text."""

from __future__ import annotations

import re

from transforms.parse.heading import CATEGORY_CODE, without_author_lead
from transforms.parse.state import _BEFORE_AUTHORS, UNLABELLED, ParseState

_BREAK = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})\s*$")
_EMPTY_DAY = ("no new papers today", "no papers today", "今日没有找到新论文", "今天没有新论文", "没有新论文")


def break_rule(state: ParseState, line: str, n: int) -> bool:
    """A thematic break (`---`) between entries ends the open field and is otherwise ignored."""
    if not _BREAK.match(line):
        return False
    state.close_field()
    return True


# How names in a bare author line are separated, and the lower-case words a name may hold (`Carl van der Berg`).
_NAME_SEPS = re.compile(r"\s*(?:[,;，、·&]|\band\b)\s*")
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "dos", "das", "le", "la",
                        "y", "bin", "ibn", "al", "el", "ten", "ter", "zu", "St."})


_LEAD_MARKS = re.compile(r"^[^\w\s\"'(\[]+\s*")  # emoji and symbols before the names


def bare_author_list(line: str) -> list[str] | None:
    """The names of a line that is nothing but a list of personal names (`Ann Lee, Bo Chen and Carl van der Berg`),
    else None: every name one to six words, each capitalised (or a particle, or in a caseless script), no digits,
    colons, brackets or sentence text. A single name needs two to four words."""
    if len(line) > 5000 or any(c in line for c in ":：()（）[]<>\"|/=@#*_`") or any(c.isdigit() for c in line):
        return None
    names = [p for p in _NAME_SEPS.split(line.rstrip(".")) if p]
    if not names:
        return None
    for name in names:
        words = name.split()
        if not 1 <= len(words) <= 6 or (len(names) == 1 and not 2 <= len(words) <= 4):
            return None
        for w in words:
            if not (w[0].isalpha() and not w[0].islower()) and w not in _PARTICLES and "'" not in w:
                return None
            if w.endswith(".") and len(w.rstrip(".")) > 2:  # `J.` and `St.` are parts of names, `end.` is a sentence
                return None
    return names


_CODES = re.compile(rf"(?:{CATEGORY_CODE})(?:\s*[,;|/·]\s*(?:{CATEGORY_CODE}))*")
_CODE_SPLIT = re.compile(r"\s*[,;|/·]\s*")


def bare_category_codes(line: str) -> list[str] | None:
    """The codes of a line that is nothing but arXiv category codes of known archives (`cs.CV`, `cs.CV, cs.LG`,
    in backticks or not), else None."""
    text = line.strip().strip("`*_").strip()
    if not text or not _CODES.fullmatch(text):
        return None
    return _CODE_SPLIT.split(text)


def emphasised_names(body: str) -> list[str] | None:
    """The names of `**A, B**` or a quoted `*A, B*` in the author slot: a bare author list of at least two names,
    at least half of them with a capital letter, so a bold or quoted title translation (`*猫头鹰，蝙蝠*`) is none
    (`**Owls, Bats**` would be two names: rare, and its twin would tell)."""
    inner = body.strip()
    mark = inner[:2] if inner[:2] in ("**", "__") else inner[:1]
    if mark not in ("*", "_", "**", "__") or not inner.endswith(mark) or len(inner) <= 2 * len(mark):
        return None
    names = bare_author_list(without_author_lead(inner[len(mark):-len(mark)].strip()))
    if names is None or len(names) < 2 or 2 * sum(any(c.isupper() for c in name) for name in names) < len(names):
        return None  # most names in a list carry capitals (`Ann Lee, 黄婷`); a translated title has none
    return names


def text_rule(state: ParseState, line: str, n: int) -> bool:
    """Anything else: a continuation of the open field, or text outside any field (noted, never lost)."""
    if state.field is not None:
        if state.quote and not line.startswith(">"):
            state.close_field()  # a quote ends at the first line outside it
        else:
            state.add_text(line)
            return True
    stripped = line.strip()
    if not stripped:
        return True
    low = stripped.lower()
    if any(p in low for p in _EMPTY_DAY):
        state.empty_day = True
    elif state.draft is not None:  # kept, never lost: extra['unlabelled'], or the TL;DR (ParseState.promote_slot)
        draft = state.draft
        if (draft.authors is None and state.field is None and not draft.values.keys() - _BEFORE_AUTHORS
                and (names := bare_author_list(without_author_lead(_LEAD_MARKS.sub("", stripped))))):  # `👥 A`, `By A`
            draft.authors = names
            state.diag("info", "bare_author_line", "author list read from a line without italics or a label",
                       n, stripped)
            return True
        if (draft.authors is not None and state.field is None and "main_category" not in draft.values
                and (codes := bare_category_codes(_LEAD_MARKS.sub("", stripped)))):  # `🏷️ cs.CV, cs.LG`
            draft.values["main_category"] = codes[0]
            if len(codes) > 1:
                draft.values.setdefault("categories", codes)
            state.diag("info", "bare_category_line", "main category read from a line of category codes without "
                       "a label", n, stripped)
            return True
        state.open_field(UNLABELLED, stripped.lstrip(">").strip() if stripped.startswith(">") else line, n)
    elif state.stray_line is None:
        state.stray_line = n
    return True
