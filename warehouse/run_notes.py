"""Each run's Markdown summary as a file, `<home>/runs/<run_id>.md`: the record a run without a Prefect server
leaves beside its `runs` row (a tracked run also gets it as a Prefect artifact)."""

from __future__ import annotations

import os
from pathlib import Path

from warehouse.home import Home


def write_run_summary(home: Home, run_id: str, markdown: str) -> Path:
    """Write `markdown` to `<home>/runs/<run_id>.md` whole or not at all (temp file, then rename); returns the path."""
    folder = home.inside(home.runs)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{run_id}.md"
    tmp = folder / f".tmp-{run_id}.md"
    tmp.write_text(markdown + "\n", encoding="utf-8")
    os.replace(tmp, target)
    return target
