"""The structured twin of a digest (`<date>.jsonl`, one JSON object per paper) as a Digest, and merging it in.

    parse_jsonl(text, source=..., digest_date=...) -> Digest   (template "jsonl")
    parse_jsonl_bytes(data, source=..., digest_date=...)       (bytes decoded as digests are, with diagnostics)
    merge_twin(md, twin) -> Digest                              (the md digest, enriched; see parse/merge.py)
"""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date
from functools import lru_cache

from transforms.model import Diagnostic, Digest, Entry, Section
from transforms.parse.finish import language_of
from transforms.parse.heading import CATEGORY
from transforms.parse.ids import paper_id_from_url, split_version
from transforms.parse.labels import is_placeholder, lookup
from transforms.parse.merge import merge_twin
from transforms.parse.state import ParseState
from transforms.parse.text import clean_value, decode

__all__ = ["merge_twin", "parse_jsonl", "parse_jsonl_bytes"]

_SUMMARY = ("tldr", "motivation", "method", "result", "conclusion")
# Twin keys whose name is not itself a label the alias table knows.
_AI_KEYS = {"task": "tldr", "importance_score": "relevance_score", "read_time_minutes": "read_time"}
_TOP_EXTRA = ("code_url", "code_stars", "code_last_update")
# Anything clean_value would change, raw or as a JSON escape; a twin without any skips cleaning values
# one by one (false positives such as an escaped backslash before `b` only cost speed). Raw control
# characters are found on the UTF-8 bytes (bytes.translate is a C loop), zero-width marks with `in`, and
# escapes with a pattern that starts at a backslash: one case-insensitive regex over the whole text ran at
# ~40 MB/s, over half of reading a twin.
_CONTROL_BYTES = bytes(i for i in range(32) if i not in (9, 10)) + b"\x7f"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_CLEAN_ESCAPE = re.compile(r"\\(?:[bfrBFR]|[uU](?:00[01][0-9a-fA-F]|007[fF]|200[bBcCdD]|2060|[fF][eE][fF][fF]"
                           r"|[dD][89a-fA-F][0-9a-fA-F]{2}))")
_DECODER = json.JSONDecoder(strict=False)  # raw control chars in strings are cleaned below


def _loads(line: str) -> object:
    """json.loads(line, strict=False) without building a decoder per call; same errors."""
    if line.startswith("\ufeff"):  # json.loads refuses a leading BOM; let it say so in its own words
        return json.loads(line, strict=False)
    return _DECODER.decode(line)


def _needs_clean(text: str) -> bool:
    data = text.encode("utf-8", "surrogatepass")
    return (len(data.translate(None, _CONTROL_BYTES)) != len(data) or any(z in text for z in _ZERO_WIDTH)
            or _CLEAN_ESCAPE.search(text) is not None)


# `\ud800` not followed by a low half, or a low half not preceded by a high one.
_LONE_SURROGATE = re.compile(r"\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}",
                             re.IGNORECASE)


def parse_jsonl(text: str, *, source: str | None = None, digest_date: date | None = None) -> Digest:
    """Read a twin: one paper per line. Broken lines become diagnostics; the other lines still load."""
    state = ParseState(source)
    sections: dict[str, int] = {}
    clean = _needs_clean(text)
    if clean and _LONE_SURROGATE.search(text):
        state.diag("warning", "lone_surrogate", "JSON escapes of lone surrogates (no character at all) "
                   "were replaced with U+FFFD", None)
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = _loads(line)
        except ValueError as exc:
            state.diag("error", "bad_json_line", f"line is not JSON ({exc.msg}); skipped", n, line)
            continue
        if not isinstance(record, dict):
            state.diag("error", "bad_json_line", f"line is a JSON {type(record).__name__}, not an object; skipped",
                       n, line)
            continue
        entry = _entry(record, len(state.entries) + 1, n, state, clean)
        if entry.section:
            sections[entry.section] = sections.get(entry.section, 0) + 1
        state.entries.append(entry)
    if not state.entries and not state.diagnostics:
        state.diag("info", "empty_day", "twin holds no papers", None)
    return Digest(digest_date, source, "jsonl", language_of(state),
                  [Section(code) for code in sections], state.entries, state.diagnostics)


def parse_jsonl_bytes(data: bytes, *, source: str | None = None, digest_date: date | None = None) -> Digest:
    """A twin from bytes: decoded as `parse_digest_bytes` decodes (BOMs, invalid UTF-8 replaced), each decoding
    problem reported as a diagnostic."""
    text, issues = decode(data)
    twin = parse_jsonl(text, source=source, digest_date=digest_date)
    found = [Diagnostic(source, i.line, i.severity, i.code, i.message) for i in issues]
    return dataclasses.replace(twin, diagnostics=[*twin.diagnostics, *found]) if found else twin


def _text(value: object, clean: bool = True) -> str | None:
    """A twin value as text: strings cleaned, lists joined by newlines, numbers as str; empty -> None."""
    if value is None:
        return None
    if isinstance(value, list):
        value = "\n".join(_text(v, clean) or "" for v in value)
    elif not isinstance(value, str):
        value = json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else str(value)
    value = (clean_value(value) if clean else value).strip()
    return value or None


def _strings(value: object, clean: bool = True) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.replace("，", ",").split(",") if v.strip()]
    if isinstance(value, list):
        return [t for t in (_text(v, clean) for v in value) if t]
    return []


def _entry(record: dict, position: int, n: int, state: ParseState, clean: bool = True) -> Entry:
    arxiv_id, version = split_version(str(record.get("id") or ""))
    if arxiv_id is None:  # an arXiv link, else a journal item's DOI link, else its OpenAlex id
        arxiv_id, version = paper_id_from_url(_text(record.get("abs"), clean) or _text(record.get("pdf"), clean))
    if arxiv_id is None:
        arxiv_id, version = paper_id_from_url(str(record.get("id") or ""))
    if arxiv_id is None:
        state.diag("error", "missing_arxiv_id", "twin record has no arXiv id; kept with arxiv_id None", n,
                   str(record.get("title", ""))[:80])
    categories = _strings(record.get("categories"), clean)
    fields: dict[str, object] = {}
    extra: dict[str, str] = {}
    if not all(map(_is_category_code, categories)):
        # Twins copy arXiv's classes too: ACM (`I.2.7; K.3.1`), MSC (`68T50 (Primary)`), even free text. They are
        # no arXiv categories (and would pose as unknown ones), so they are kept as one extra value instead.
        extra["other_classes"] = "; ".join(" ".join(c.split()) for c in categories if not _is_category_code(c))
        categories = [c for c in categories if _is_category_code(c)]
    failed: list[str] = []
    ai = record.get("AI") if isinstance(record.get("AI"), dict) else {}
    for key, value in ai.items():
        name = _field_name(key)
        if name == "keywords":
            fields["keywords"] = _strings(value, clean)
            continue
        text = _text(value, clean)
        if text is None:
            continue
        if name in _SUMMARY and is_placeholder(text):
            state.diag("warning", "placeholder_summary", f"{name} is a placeholder, stored as None", n, text)
            failed.append(name)
            continue
        if name in _SUMMARY or name == "abstract_translation":
            if name == "tldr" and key == "task" and "tldr" in ai:
                extra["task"] = text
            else:
                fields.setdefault(name, text)
        else:
            extra[name] = text
    for key in _TOP_EXTRA:
        if (text := _text(record.get(key), clean)) is not None:
            extra[key] = text
    authors = _strings(record.get("authors"), clean) if isinstance(record.get("authors"), list) \
        else [a.strip() for a in str(record.get("authors") or "").split(",") if a.strip()]
    url = _text(record.get("abs"), clean) or (f"https://arxiv.org/abs/{arxiv_id}" if arxiv_id and ":" not in arxiv_id
                                              else None)
    return Entry(position=position, section=categories[0] if categories else None, arxiv_id=arxiv_id,
                 version=version, url=url, title=_text(record.get("title"), clean), authors=authors,
                 main_category=categories[0] if categories else None, abstract=_text(record.get("summary"), clean),
                 comment=_text(record.get("comment"), clean), categories=categories, extra=extra, line=n,
                 failed_fields=sorted(failed), **fields)


@lru_cache(maxsize=4096)
def _is_category_code(code: str) -> bool:
    """`cs.CV`, `hep-th`, `q-bio.GN`: written like an arXiv category (known to the taxonomy or not)."""
    return CATEGORY.match(code) is not None


@lru_cache(maxsize=4096)
def _field_name(key: str) -> str:
    """The Entry attribute or `extra` key a twin `AI` key fills: an alias when one is known, else snake_case."""
    label = _AI_KEYS.get(key) or lookup(key.replace("_", " ")) or lookup(key)
    if isinstance(label, str):
        return label
    return label.field if label else key.strip().lower().replace(" ", "_")
