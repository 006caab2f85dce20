"""A file holding several days' digests (line breaks lost, or days pasted one after another) is reported,
not loaded silently as one empty or mixed day."""

from __future__ import annotations

import pytest

from transforms import parse_digest

DAY = """# {day}

<div id=toc></div>

## Table of Contents

- [cs.HC](#cs.HC) [Total: 1]

<div id='cs.HC'></div>

## cs.HC [[Back]](#toc)

### [1] [A paper of {day}](https://arxiv.org/abs/2507.0000{n})

*Ann Lee, Bo Chen*

**Main category:** cs.HC

**TL;DR:** Something about {day}.
"""


def _days(*days: str) -> str:
    return "\n".join(DAY.format(day=day, n=n) for n, day in enumerate(days, 1))


def _several(digest):
    return [d for d in digest.diagnostics if d.code == "several_digests"]


def test_days_run_together_on_one_line_are_an_error_not_an_empty_day():
    digest = parse_digest(_days("2025-07-03", "2025-07-04").replace("\n", " "))
    [diag] = _several(digest)
    assert diag.severity == "error" and diag.line == 1
    assert "2025-07-03" in diag.message and "2025-07-04" in diag.message
    assert digest.is_rejected  # nothing of it loads as a day


def test_days_pasted_one_after_another_are_reported_at_the_second_date_heading():
    text = _days("2025-07-03", "2025-07-04")
    digest = parse_digest(text)
    [diag] = _several(digest)
    second = text.splitlines().index("# 2025-07-04") + 1
    assert (diag.severity, diag.line) == ("error", second)
    assert "2025-07-03 and 2025-07-04" in diag.message


def test_empty_days_pasted_together_do_not_load_as_one_quiet_empty_day():
    text = "\n\n".join(f"# {day}\n\n## Table of Contents\n\n- [cs.AI](#cs.AI) [Total: 0]"
                       for day in ("2025-07-03", "2025-07-04", "2025-07-05"))
    digest = parse_digest(text)
    assert len(_several(digest)) == 1  # reported once, however many days follow
    assert digest.is_rejected


def test_one_day_is_not_reported():
    assert not _several(parse_digest(_days("2025-07-03")))


@pytest.mark.samples
def test_no_real_sample_is_reported(samples_dir):
    paths = sorted(samples_dir.glob("*/*.md"))
    assert len(paths) == 93, "the samples README counts 93 .md files"
    for path in paths:
        assert not _several(parse_digest(path.read_text(encoding="utf-8"))), path.name
