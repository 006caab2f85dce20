"""`arxiv-digest report` and `dashboard` through the CLI, with the real marts and report flows."""

from __future__ import annotations

import pytest

from tests.helpers import assert_one_line_usage_error
from tests.warehouse.marts_home import ingest, write_files
from transforms.generate import build_corpus
from warehouse.home import Home


def test_report_builds_marts_publishes_and_writes_the_site(tmp_path, cli):
    home = Home.resolve(tmp_path / "home")
    ingest(home, [write_files(build_corpus(10, 4, entries_per_day=6).files, tmp_path / "corpus")])
    result = cli("--home", home.root, "report")
    assert result.code == 0, result.out + result.err
    assert (home.reports / "index.html").is_file() and (home.published / "CURRENT").is_file()
    assert "report:" in result.out
    again = cli("--home", home.root, "report", "--no-marts")
    assert again.code == 0 and len([p for p in home.published.iterdir() if p.is_dir()]) == 1


def test_report_on_an_empty_home_says_what_to_do(tmp_path, cli):
    # (dashboard on an empty home: test_cli_corpus_dashboard_errors::test_dashboard_without_a_snapshot_...)
    report = cli("--home", tmp_path / "empty", "report")
    assert_one_line_usage_error(report, "run `arxiv-digest ingest SOURCES` first")
    assert not (tmp_path / "empty").exists(), "a refused report left files behind"


@pytest.mark.parametrize("flags", [(), ("--prefect",)], ids=["default", "tracked"])
def test_run_gives_the_marts_the_same_wait_as_the_ingest(tmp_path, cli, monkeypatch, flags):
    import flows.downstream

    waits = []
    monkeypatch.setattr(flows.downstream, "build_marts",
                        lambda home, wait_seconds=60.0, *, tracked=False: waits.append((wait_seconds, tracked)))
    monkeypatch.setattr(flows.downstream, "write_report", lambda home, *, tracked=False: "site")
    src = write_files([f for f in build_corpus(2, seed=5).files if f.path.endswith(".md")], tmp_path / "src")
    result = cli("--home", tmp_path / "home", "run", "--wait", "7", *flags, src)
    # the marts wait as long as the ingest, and run tracked exactly when the ingest did
    assert result.code in (0, 1) and waits == [(7.0, bool(flags))], result.out + result.err
