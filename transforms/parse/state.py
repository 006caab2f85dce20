"""The shared parse state the line rules advance: the open entry, the open field, sections and diagnostics."""

from __future__ import annotations

from transforms.model import Diagnostic
from transforms.parse import html as fragments
from transforms.parse.decorations import DECORATED, SYMBOL_FIRST, split_decoration
from transforms.parse.entry import Draft, build_entry, typed_value
from transforms.parse.heading import PaperHeading
from transforms.parse.labels import PLACEHOLDER_FIRST, SINGLE_LINE, Label, is_placeholder

_NULLABLE_SUMMARY = frozenset({"tldr", "motivation", "method", "result", "conclusion", "abstract",
                               "abstract_translation", "title_translation"})


_BEFORE_AUTHORS = frozenset({"title_translation"})
_TLDR = Label("tldr")
UNLABELLED = Label("unlabelled")  # text inside an entry under no label: kept in extra, with a warning
_MARKED = frozenset("`*_[>") | SYMBOL_FIRST  # first characters of a value that may carry markup or decoration


def _unmarked(field: str, raw: str, values: dict) -> str:
    """A one-line value without the code span or bold around it; a summary without the tags, score and marks
    before it (kept in values['<field>_tags']); else `raw` as it is."""
    if raw[0] in "`*_" and field in SINGLE_LINE:
        return raw.strip("`*_ ")
    mark = raw[0]
    if mark in "`*_" and raw[1:2] == " " and raw.count(mark) == 1:  # `` `TL;DR:` text ``, `***TL;DR:*** text`:
        return raw[2:]  # the label's closing mark
    if mark in "*_" and raw[-1] == mark and len(raw) > 2:  # `**TL;DR:** *text*`: the whole value in emphasis
        inner = raw.strip(mark)
        if inner and mark not in inner and len(raw) - len(inner) <= 6 and inner[0] != " " and inner[-1] != " ":
            return inner
    if mark == ">" and all(not line or line[0] == ">" for line in raw.split("\n")):  # `**Abstract:**` over a quote
        return "\n".join(line[1:].lstrip(" ") for line in raw.split("\n")).strip()
    if field in DECORATED:
        lead, rest = split_decoration(raw)
        if lead:
            values.setdefault(f"{field}_tags", lead)
            return rest
    return raw  # fields a template may write between heading and authors


class ParseState:
    """Everything the rules share while one digest is scanned line by line."""

    __slots__ = ("source", "diagnostics", "entries", "sections", "section", "draft", "field", "field_line", "buf",
                 "quote", "terminal", "details", "in_summary", "features", "empty_day", "stray_line",
                 "digest_date", "seen_ids", "first_day", "several_days", "unknown_labels", "style", "at_para",
                 "field_raw", "colon", "title_heading", "title_level", "table_row")

    def __init__(self, source: str | None) -> None:
        self.source = source
        self.diagnostics: list[Diagnostic] = []
        self.entries: list[Entry] = []
        self.sections: dict[str, list] = {}  # code -> [declared_total, first line]
        self.section: str | None = None
        self.draft: Draft | None = None
        self.field: Label | None = None
        self.field_line = 0
        self.buf: list[str] = []
        self.quote = False  # the open field was opened inside a `>` quote
        self.terminal = False  # an abstract is open: weak labels are text now
        self.details = 0
        self.in_summary = False
        self.features: set[str] = set()
        self.empty_day = False
        self.stray_line: int | None = None
        self.digest_date: str | None = None
        self.seen_ids: set[tuple[str | None, str]] = set()
        self.first_day: str | None = None  # the first `# YYYY-MM-DD` heading's date
        self.several_days = False  # several_digests already reported
        self.unknown_labels: set[str] = set()  # label names not in the alias table, reported once each
        self.style = ""  # how the open field's label was written: `a:`/`u：` (script, colon) plain, `**` bold
        self.at_para = True  # the line being read starts a paragraph (a label position; see lines.scan)
        self.field_raw: str | None = None  # the whole line an unknown label's field opened with
        self.colon = ""  # the colon this digest's first known plain label was written with (`:` or `：`)
        self.title_heading: tuple[int, str, int] | None = None  # (line, text, level): the last heading that was
        self.title_level = 0  # no paper, section or date; the level of papers titled that way (title_links_rule)
        self.table_row = 0  # the last line read as a row of a table of fields (table_row_rule)

    def diag(self, severity: str, code: str, message: str, line: int | None, excerpt: str = "") -> None:
        self.diagnostics.append(Diagnostic(self.source, line, severity, code, message, excerpt[:120]))

    # -- fields -------------------------------------------------------------------------------------
    def open_field(self, label: Label, first: str, line: int, *, quote: bool = False, style: str = "") -> None:
        """Close the open field and start `label` with `first` (the text after the label) as its first line."""
        if self.field is not None:
            self.close_field()
        self.field, self.field_line, self.quote, self.style = label, line, quote, style
        self.field_raw = None
        self.buf = [first]
        self.terminal = label.field == "abstract"

    def drop_field(self) -> None:
        """Forget the open field unwritten (a heading read as a label that turned out to be a title)."""
        self.field = self.field_raw = None
        self.buf, self.terminal, self.quote = [], False, False

    def close_field(self) -> None:
        label = self.field
        if label is None:
            return
        self.field = self.field_raw = None
        self.terminal = self.quote = False
        buf = self.buf
        size = len(buf)
        if size == 1 or (size == 2 and not buf[1]):  # most fields: one line, maybe one blank after it
            raw = buf[0].strip()
        else:
            raw = "\n".join(buf).strip()
        draft = self.draft
        if draft is None or not raw:
            if draft is not None and label.field == "tldr":  # an empty TL;DR is the TL;DR: no paragraph takes its place
                draft.values.setdefault("tldr", None)
            return
        lead = raw[0]
        if lead in _MARKED:  # rare: `cs.CL` in backticks, **8** in bold, `[Topic][7.5] ✅` before a summary
            raw = _unmarked(label.field, raw, draft.values)
            if not raw:
                return
            lead = raw[0]
        if ("<" in raw or "&" in raw) and fragments.has_html(raw):
            raw = self.html_text(raw, self.field_line).strip()
            if not raw:
                return
            lead = raw[0]
        name, kind = label
        values = draft.values
        if name in values or label is UNLABELLED:
            self._again(name, raw, values)
        elif (lead in PLACEHOLDER_FIRST and name in _NULLABLE_SUMMARY and len(raw) <= 100  # long values never are
              and is_placeholder(raw)):
            self.diag("warning", "placeholder_summary", f"{name} is a placeholder, stored as None",
                      self.field_line, raw)
            values[name] = None
            draft.failed = True
        else:
            values[name] = raw if kind == "text" else typed_value(kind, raw)

    def _again(self, name: str, raw: str, values: dict) -> None:
        """Unlabelled text (kept, each paragraph with a warning) or a label given twice (the first is the field)."""
        if name == "unlabelled":
            self.diag("warning", "unlabelled_text", "text in an entry outside any known label; kept as "
                      "extra['unlabelled']", self.field_line, raw)
            values[name] = f"{values[name]}\n\n{raw}" if name in values else raw
        elif isinstance(values[name], str) and " ".join(values[name].split()) == " ".join(raw.split()):
            self.diag("info", "repeated_label", f"label for {name} given twice with the same text; kept once",
                      self.field_line, raw)
        else:  # a second, different value is never lost: `tldr_2`, `tldr_3`, ... in extra
            key = next(k for i in range(2, len(values) + 3) if (k := f"{name}_{i}") not in values)
            values[key] = raw
            self.diag("warning", "repeated_label", f"label for {name} given twice; kept the first as {name}, "
                      f"the next as extra['{key}']", self.field_line, raw)

    def add_text(self, line: str) -> None:
        if self.quote and line.startswith(">"):
            line = line[2:] if line.startswith("> ") else line[1:]
        self.buf.append(line)

    def html_text(self, fragment: str, line: int) -> str:
        if "<" not in fragment:
            return fragments.unescape(fragment)
        text, fell_back = fragments.fragment_text(fragment)
        if fell_back:
            self.diag("warning", "html_fallback", "HTML fragment too large or too deeply tagged; tags stripped "
                      "by pattern instead of parsed", line, fragment)
        return text

    def promote_slot(self) -> None:
        """At an entry's first `<details>`: a paragraph in the TL;DR's place (after the authors, right before the
        details) of an entry without a TL;DR is its TL;DR, unlabelled (`> text`, plain text) or led by a label
        the table does not know (the model's own "论文概述：" heading stays part of it, as the twin has it)."""
        field, draft = self.field, self.draft
        if (field is None or field.field == "tldr" or draft is None or self.details or draft.authors is None
                or "tldr" in draft.values):
            return
        if field.field != "unlabelled":
            if self.field_raw is None:
                return
            self.buf[0] = self.field_raw
        self.diag("info", "unlabelled_tldr", "the paragraph before the details has no TL;DR label; read as the "
                  "TL;DR", self.field_line, self.buf[0])
        self.field = _TLDR

    def note_unknown(self, name: str, label: Label, line: int, text: str, what: str = "label") -> None:
        """One `unknown_label` info per label name and file: the name is not in the alias table, its value went
        to extra[label.field]."""
        if name not in self.unknown_labels:
            self.unknown_labels.add(name)
            self.diag("info", "unknown_label", f"{what} {name.strip()!r} is not in the alias table; kept as "
                      f"extra[{label.field!r}]", line, text)

    def may_take_authors(self) -> bool:
        """An `*A, B*` line is the author list while the entry has read nothing but heading-side fields (a title
        translation under the heading) and no multi-line field is open."""
        if self.draft.values.keys() - _BEFORE_AUTHORS:
            return False
        return self.field is None or self.field.field in SINGLE_LINE

    # -- entries ------------------------------------------------------------------------------------
    def start_entry(self, heading: PaperHeading, line: int, ids: tuple[str, str | None] | None = None) -> None:
        self.finish_entry()
        self.details, self.in_summary = 0, False
        self.draft = Draft(line, self.section, heading, ids)

    def finish_entry(self, *, eof: bool = False) -> None:
        self.close_field()
        draft = self.draft
        if draft is None:
            return
        self.draft = None
        if eof and (self.details > 0 or (draft.authors is None and not draft.values)):
            self.diag("warning", "truncated", "file ends inside this entry; kept what was read of it",
                      draft.line, draft.heading.title)
        self.entries.append(build_entry(self, draft))
