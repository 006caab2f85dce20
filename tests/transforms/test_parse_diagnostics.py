"""Every diagnostic code the parser emits, each from a small input that should trigger it and nothing worse."""

from __future__ import annotations

import codecs
from datetime import date

import pytest

from transforms import parse_digest, parse_digest_bytes, parse_digest_file

ONE = """### [1] [Paper](https://arxiv.org/abs/2506.00001)
*A B*

Main category: cs.CV

TL;DR: Fine.

<details>
  <summary>Details</summary>
Motivation: M.

Abstract: Text.

</details>
"""


def codes(digest) -> dict[str, str]:
    return {d.code: d.severity for d in digest.diagnostics}


@pytest.mark.parametrize("text", [
    "<div id=toc></div>\n\n# Table of Contents\n\n",
    "# 2025-01-01\n\n## Table of Contents\n\nNo New Papers Today\n",
    "今日没有找到新论文\n",
])
def test_empty_day_is_info_and_not_rejected(text):
    d = parse_digest(text)
    assert codes(d) == {"empty_day": "info"} and d.template == "empty" and not d.is_rejected


@pytest.mark.parametrize("text", ["# My project\n\nSome README text.\n\n## Install\n\npip install it\n", ""])
def test_not_a_digest_is_an_error_and_rejected(text):
    d = parse_digest(text)
    assert codes(d)["not_a_digest"] == "error" and d.is_rejected and d.template == "unknown"


def test_binary_junk_is_not_a_digest():
    d = parse_digest_bytes(bytes(range(256)) * 20)
    assert "not_a_digest" in codes(d) and d.is_rejected


def test_truncated_entry_keeps_what_was_read():
    cut = ONE[: ONE.index("Abstract:") + 13]
    d = parse_digest(cut)
    assert codes(d) == {"truncated": "warning"}
    (e,) = d.entries
    assert e.tldr == "Fine." and e.motivation == "M." and e.abstract == "Tex"


def test_file_ending_right_after_a_heading_is_truncated():
    d = parse_digest(ONE + "\n### [2] [Cut off](https://arxiv.org/abs/2506.00002)")
    assert codes(d) == {"truncated": "warning", "lost_fields": "warning"} and len(d.entries) == 2


def test_control_chars_stripped_and_zero_width_removed():
    d = parse_digest(ONE.replace("Fine.", "Fi\x17ne\u200b.\x00"))
    assert codes(d) == {"control_chars": "warning"}
    assert d.entries[0].tldr == "Fine."
    assert d.diagnostics[0].line == 6


def test_replacement_characters_reported_as_control_chars():
    d = parse_digest(ONE.replace("Fine.", "Fi\ufffdne."))
    assert codes(d) == {"control_chars": "warning"} and "U+FFFD" in d.diagnostics[0].message


def test_missing_arxiv_id_keeps_the_entry_with_none():
    d = parse_digest(ONE.replace("https://arxiv.org/abs/2506.00001", "https://papers.example.org/view/17"))
    assert codes(d) == {"missing_arxiv_id": "error"}
    (e,) = d.entries
    assert e.arxiv_id is None and e.tldr == "Fine." and not d.is_rejected


@pytest.mark.parametrize("placeholder", ["Summary generation failed", "Analysis unavailable.", "总结失败", "Error",
                                         "Failed to generate summary."])
def test_placeholder_summary_becomes_none(placeholder):
    d = parse_digest(ONE.replace("Fine.", placeholder))
    assert codes(d) == {"placeholder_summary": "warning"}
    assert d.entries[0].tldr is None and d.entries[0].failed_fields == ["tldr"]


def test_text_mentioning_a_failure_is_not_a_placeholder():
    d = parse_digest(ONE.replace("Fine.", "Errors compound; models failed to generate valid proofs."))
    assert not d.diagnostics and d.entries[0].tldr.startswith("Errors compound")


def test_duplicate_id_in_a_section_keeps_both():
    second = ONE.replace("[1]", "[2]").replace("Fine.", "Other.")
    d = parse_digest("# cs.CV [[Back]](#toc)\n\n" + ONE + "\n" + second)
    assert codes(d) == {"duplicate_id": "info"}
    assert [e.tldr for e in d.entries] == ["Fine.", "Other."]


def test_section_total_mismatch_warns():
    head = "# Table of Contents\n\n- [cs.CV](#cs.CV) [Total: 3]\n\n# cs.CV [[Back]](#toc)\n\n"
    d = parse_digest(head + ONE)
    assert codes(d) == {"section_total_mismatch": "warning"}
    assert d.sections[0].declared_total == 3 and len(d.entries) == 1


def test_invalid_utf8_is_replaced_and_reported():
    d = parse_digest_bytes(ONE.replace("Fine.", "Fi@ne.").encode().replace(b"@", b"\xff\xfe"))
    assert codes(d) == {"invalid_utf8": "warning"}  # its replacement chars are not reported twice
    assert d.entries[0].tldr == "Fi\ufffd\ufffdne."


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_with_bom_is_decoded(encoding):
    data = ONE.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    d = parse_digest_bytes(data)
    assert codes(d) == {"utf16": "warning"} and d.entries[0].tldr == "Fine."


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_nul_bytes(encoding):
    d = parse_digest_bytes(ONE.encode(encoding))
    assert codes(d) == {"utf16": "warning"} and d.entries[0].abstract == "Text."


def test_utf8_bom_and_crlf_are_silent():
    d = parse_digest_bytes(codecs.BOM_UTF8 + ONE.replace("\n", "\r\n").encode())
    assert not d.diagnostics and d.entries[0].abstract == "Text."


def test_no_trailing_newline_is_silent():
    assert not parse_digest(ONE.rstrip("\n")).diagnostics


def test_unlabelled_text_in_an_entry_is_a_warning_and_kept():
    d = parse_digest(ONE.replace("Main category: cs.CV", "Some stray line\nand another"))
    assert codes(d) == {"unlabelled_text": "warning"} and len(d.diagnostics) == 1
    assert d.entries[0].extra["unlabelled"] == "Some stray line\nand another"  # never lost


def test_repeated_label_keeps_the_first_as_the_field_and_the_next_in_extra():
    d = parse_digest(ONE.replace("TL;DR: Fine.", "TL;DR: Fine.\n\nTL;DR: Again."))
    assert codes(d) == {"repeated_label": "warning"} and d.entries[0].tldr == "Fine."
    assert d.entries[0].extra == {"tldr_2": "Again."}


def test_html_fallback_for_huge_or_deep_fragments():
    deep = "<details>" * 10_000 + "x" + "</details>" * 10_000
    d = parse_digest(ONE + deep + "\n")
    assert "html_fallback" in codes(d) and len(d.entries) == 1
    title = "<small>" + "a<b>b</b>" * 300 + "</small>"
    d = parse_digest(ONE.replace("[Paper]", f"[{title}]"))
    assert "html_fallback" in codes(d) and d.entries[0].title.startswith("aba")


def test_fifty_megabyte_line_is_read(tmp_path):
    big = ONE.replace("Text.", "word " * 10_000_000 + "<small>end</small>")
    d = parse_digest(big)
    assert len(d.entries) == 1 and len(d.entries[0].abstract) > 49_000_000
    assert "html_fallback" in codes(d)


def test_file_date_from_name_then_header(tmp_path):
    path = tmp_path / "2025-07-03.md"
    path.write_text(ONE, encoding="utf-8")
    assert parse_digest_file(path).digest_date == date(2025, 7, 3)
    path = tmp_path / "digest.md"
    path.write_text("# 2024-02-29\n\n" + ONE, encoding="utf-8")
    d = parse_digest_file(path)
    assert d.digest_date == date(2024, 2, 29) and d.source == str(path)


def test_unreadable_file_is_a_diagnostic(tmp_path):
    d = parse_digest_file(tmp_path / "2025-01-01.md")
    assert codes(d) == {"unreadable": "error"} and d.is_rejected


def test_diagnostic_one_line_says_where():
    d = parse_digest(ONE.replace("https://arxiv.org/abs/2506.00001", "https://doi.org/x"), source="f.md")
    assert d.diagnostics[0].one_line().startswith("f.md:1: error: [missing_arxiv_id]")
