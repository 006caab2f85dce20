"""`dashboard` and `demo-data` refuse what they cannot do in one line with exit code 2 (README, Exit codes):
a port outside 0-65535 (0: any free port) or already taken, and a corpus folder that cannot be written or already holds files.
Streamlit never starts here: the port is checked before it would."""

from __future__ import annotations

import socket

import pytest

from tests.helpers import assert_one_line_usage_error, error_lines
from warehouse.home import Home
from warehouse.published import POINTER

@pytest.fixture
def published_home(tmp_path, monkeypatch):
    """A data home with a stand-in published snapshot, and Streamlit replaced by a recorder of the port it
    would have served on; returns (home folder, the ports asked for)."""
    import dashboards.serve

    home = Home.resolve(tmp_path / "home")
    (home.published / "v1").mkdir(parents=True)
    (home.published / POINTER).write_text("v1", encoding="utf-8")
    ports: list[int] = []

    def fake_run(home, port=8501):
        ports.append(port)
        return 0

    monkeypatch.setattr(dashboards.serve, "run_dashboard", fake_run)
    return home.root, ports


@pytest.mark.parametrize("port", ["70000", "65536", "-1"])
def test_dashboard_port_out_of_range_is_a_usage_error(port, published_home, cli):
    home, ports = published_home
    result = cli("--home", home, "dashboard", "--port", port)
    assert_one_line_usage_error(result, "--port")
    assert ports == [] and "explorer:" not in result.out


def test_dashboard_on_a_busy_port_names_it_before_streamlit_starts(published_home, cli):
    home, ports = published_home
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("--home", home, "dashboard", "--port", port)
    assert_one_line_usage_error(result, f"port {port} ")
    assert "--port" in error_lines(result.err)[0], "the message should suggest another port"
    assert ports == [] and "explorer:" not in result.out


def test_dashboard_port_0_serves_on_a_free_port_and_prints_it(published_home, cli):
    home, ports = published_home
    result = cli("--home", home, "dashboard", "--port", 0)
    assert result.code == 0, result
    assert len(ports) == 1 and 0 < ports[0] <= 65535
    assert f"explorer: http://127.0.0.1:{ports[0]}/ " in result.out, result.out


def test_dashboard_without_a_snapshot_prints_only_the_error(tmp_path, cli):
    result = cli("--home", tmp_path / "home", "dashboard", "--port", 0)
    assert_one_line_usage_error(result, "no published snapshot")
    assert "explorer:" not in result.out


@pytest.mark.parametrize("where", ["a-file", "a-file/sub", "/proc/arxiv-digest-test"])
def test_demo_data_into_a_folder_it_cannot_create_is_one_line(where, tmp_path, cli):
    (tmp_path / "a-file").write_text("not a folder")
    out_dir = where if where.startswith("/") else tmp_path / where  # /proc refuses new folders, even to root
    result = cli("--home", tmp_path / "home", "demo-data", out_dir, "--days", 1)
    assert_one_line_usage_error(result, str(out_dir))
    assert (tmp_path / "a-file").read_text() == "not a folder"


def test_demo_data_refuses_a_folder_that_holds_files_unless_forced(tmp_path, cli):
    corpus = tmp_path / "corpus"
    assert cli("--home", tmp_path / "home", "demo-data", corpus, "--days", 2, "--seed", 1).code == 0
    before = {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()}

    result = cli("--home", tmp_path / "home", "demo-data", corpus, "--days", 3, "--seed", 2)
    assert_one_line_usage_error(result, "--force")
    assert {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()} == before, "a refused run wrote files"

    forced = cli("--home", tmp_path / "home", "demo-data", corpus, "--days", 3, "--seed", 2, "--force")
    assert forced.code == 0, forced
    assert {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()} != before


def test_demo_data_into_an_empty_existing_folder_is_fine(tmp_path, cli):
    (tmp_path / "empty").mkdir()
    assert cli("--home", tmp_path / "home", "demo-data", tmp_path / "empty", "--days", 1).code == 0


def test_demo_data_days_has_an_upper_bound_named_in_its_help(tmp_path, cli):
    result = cli("--home", tmp_path / "home", "demo-data", tmp_path / "d", "--days", 100000)
    assert_one_line_usage_error(result, "--days")
    assert not (tmp_path / "d").exists()
    help_text = cli("demo-data", "--help").out
    assert "3660" in help_text and "--force" in help_text
