"""`python -m flows.cli` behaves as the `arxiv-digest` script: a user mistake is one line and exit 2, not a
traceback (the module runs as __main__ while the command modules import `flows.cli`)."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import error_lines


def test_python_dash_m_gives_the_one_line_usage_error(tmp_path):
    (tmp_path / "taken.txt").write_text("x")
    done = subprocess.run([sys.executable, "-m", "flows.cli", "demo-data", str(tmp_path), "--days", "2"],
                          capture_output=True, text=True, timeout=120)
    text = done.stdout + done.stderr
    assert done.returncode == 2, text
    assert "Traceback" not in text and len(error_lines(text)) == 1
    assert error_lines(text)[0].startswith(f"error: {tmp_path}: already holds files")
