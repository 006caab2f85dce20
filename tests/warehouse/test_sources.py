"""Extract: which files a source names, how days group with their twins, and fsspec URLs."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from warehouse.sources import SourceError, discover, expand


def touch(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_directory_is_walked_recursively_and_days_pair_with_their_twins(tmp_path):
    touch(tmp_path / "feedA" / "2025-01-02.md")
    touch(tmp_path / "feedA" / "2025-01-02.jsonl")
    touch(tmp_path / "feedA" / "sub" / "2025-01-03_AI_enhanced_English.jsonl")
    touch(tmp_path / "feedA" / "README.md")
    found = discover([str(tmp_path)])
    by_id = {u.digest_id: sorted(f.role for f in u.files) for u in found.units}
    assert by_id == {"feedA/2025-01-02": ["digest", "twin"], "sub/2025-01-03": ["twin"]}
    assert [Path(p).name for p, _ in found.ignored] == ["README.md"], "a file without a date is reported, not dropped silently"


def test_files_meant_as_digests_but_not_read_are_reported_with_why(tmp_path):
    for name in ("2025-06-25.MD", "2025-07-08.markdown", "2025-07-09.JSONL", "2025-13-45.md", "notes.txt", "a.png"):
        touch(tmp_path / "feed" / name)
    reasons = {Path(p).name: why for p, why in discover([str(tmp_path)]).ignored}
    assert reasons.keys() == {"2025-06-25.MD", "2025-07-08.markdown", "2025-07-09.JSONL", "2025-13-45.md"}
    assert reasons["2025-06-25.MD"].startswith("only files ending in .md (digests) or .jsonl (twins) are read")
    assert reasons["2025-13-45.md"] == "no valid YYYY-MM-DD date in the file name"


def test_a_named_source_that_is_no_file_says_so(tmp_path):
    os.mkfifo(tmp_path / "2025-01-04.md")
    os.symlink(tmp_path / "gone.md", tmp_path / "2025-01-05.md")
    for name in ("2025-01-04.md", "2025-01-05.md"):
        with pytest.raises(SourceError, match="source is not a file or a folder"):
            expand([str(tmp_path / name)])
    with pytest.raises(SourceError, match="source not found"):
        expand([str(tmp_path / "2025-01-06.md")])


def test_feed_option_overrides_folder_names_and_dates_filter(tmp_path):
    for day in ("2025-01-01", "2025-01-05", "2025-01-09"):
        touch(tmp_path / "x" / f"{day}.md")
    from datetime import date

    found = discover([str(tmp_path)], feed="mine", date_from=date(2025, 1, 2), date_to=date(2025, 1, 9))
    assert [u.digest_id for u in found.units] == ["mine/2025-01-05", "mine/2025-01-09"]


def test_symlink_loops_do_not_trap_the_walk(tmp_path):
    touch(tmp_path / "f" / "2025-01-02.md")
    os.symlink(tmp_path, tmp_path / "f" / "loop")
    assert len(discover([str(tmp_path)]).units) == 1


def test_globs_and_missing_sources(tmp_path):
    touch(tmp_path / "f" / "2025-01-02.md")
    touch(tmp_path / "f" / "2025-02-02.md")
    paths, _ = expand([str(tmp_path / "f" / "2025-01-*.md")])
    assert [Path(p).name for p in paths] == ["2025-01-02.md"]
    with pytest.raises(SourceError, match="source not found"):
        expand([str(tmp_path / "nope")])
    with pytest.raises(SourceError, match="no file matches"):
        expand([str(tmp_path / "*.nothing")])


def test_file_and_http_urls_are_read_through_fsspec(tmp_path):
    body = "# 2025-01-02\n"
    touch(tmp_path / "f" / "2025-01-02.md", body)
    file_units = discover([f"file://{tmp_path}/f"]).units
    assert [u.digest_id for u in file_units] == ["f/2025-01-02"]
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/f/2025-01-02.md"
        units = discover([url]).units
        assert [u.digest_id for u in units] == ["f/2025-01-02"]
        assert units[0].files[0].bytes == len(body.encode())
    finally:
        server.shutdown()
