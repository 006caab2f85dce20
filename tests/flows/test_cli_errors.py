"""Exit code 2 with one line and no traceback, for every usage and configuration error a user can make
(README, Exit codes). Nothing here reaches the network: URLs point at unknown protocols or closed local ports."""

from __future__ import annotations

import os
import socket

import pytest

from flows.settings import configure
from tests.helpers import assert_one_line_usage_error, error_lines
from warehouse.home import Home



def closed_port() -> int:
    """A 127.0.0.1 port nothing listens on: bound to learn a free number, then closed."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


NO_RETRY_S3 = {"AWS_ACCESS_KEY_ID": "fake", "AWS_SECRET_ACCESS_KEY": "fake", "AWS_EC2_METADATA_DISABLED": "true",
               "AWS_MAX_ATTEMPTS": "1", "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull}

# id: (arguments after `--home {home}`, a fragment the error line must hold, environment)
# Placeholders: {tmp} the test's folder, {port} a closed local port, {file} an existing plain file.
CASES = {
    "sql-bad-format": (["sql", "select 1", "--format", "xml"], "'xml' is not one of", {}),
    "unknown-option": (["status", "--bogus"], "No such option: --bogus", {}),
    "unknown-command": (["nosuchcmd"], "No such command 'nosuchcmd'", {}),
    "ingest-no-sources": (["ingest"], "no sources given and no feeds in", {}),
    "history-not-a-repository": (["ingest", "--history", "{tmp}"], "not a git repository", {}),
    "branch-not-a-repository": (["ingest", "--branch", "data", "{tmp}"], "--branch reads a clone", {}),
    "serve-no-sources": (["serve"], "no sources given and no feeds in", {}),
    "feeds-bad-toml": (["--home", "{tmp}/badfeeds", "ingest"], "feeds.toml: not valid TOML", {}),
    "feeds-add-missing-source": (["feeds", "add", "{tmp}/nope"], "source not found", {}),
    "feeds-remove-unknown": (["feeds", "remove", "nope"], "no feed named 'nope'", {}),
    "feeds-same-source": (["--home", "{tmp}/dupfeeds", "run"], "read the same source", {}),
    "demo-days-zero": (["demo-data", "{tmp}/d", "--days", "0"], "--days", {}),
    "demo-days-word": (["demo-data", "{tmp}/d", "--days", "x"], "--days", {}),
    "backfill-bad-date": (["backfill", "--from", "2025-13-01", "--to", "2025-12-31", "{tmp}"], "'2025-13-01'", {}),
    "dashboard-bad-port": (["dashboard", "--port", "abc"], "--port", {}),
    "missing-source": (["ingest", "{tmp}/nope"], "source not found", {}),
    "no-warehouse": (["sql", "select 1"], "no warehouse", {}),
    "unknown-protocol-source": (["ingest", "foo://x/y"], "unknown storage protocol 'foo://'", {}),
    "refused-http-source": (["ingest", "http://127.0.0.1:{port}/2025-01-01.md"], "cannot read source http://127.0.0.1", {}),
    "unreachable-s3-source": (["ingest", "s3://no-such-bucket/x"], "cannot read source s3://no-such-bucket/x",
                              {"AWS_ENDPOINT_URL": "http://127.0.0.1:{port}", **NO_RETRY_S3}),
    "unreachable-s3-lake-ingest": (["--lake", "s3://no-such-bucket/x", "ingest", "{tmp}"],
                                   "lake s3://no-such-bucket/x: cannot write to it",
                                   {"AWS_ENDPOINT_URL": "http://127.0.0.1:{port}", **NO_RETRY_S3}),
    "unreachable-s3-lake-rebuild": (["--lake", "s3://no-such-bucket/x", "rebuild"], "lake s3://no-such-bucket/x: cannot list it",
                                    {"AWS_ENDPOINT_URL": "http://127.0.0.1:{port}", **NO_RETRY_S3}),
    "unknown-protocol-lake-ingest": (["--lake", "foo://x", "ingest", "{tmp}"], "lake foo://x: unknown storage protocol", {}),
    "unknown-protocol-lake-rebuild": (["--lake", "foo://x", "rebuild"], "lake foo://x: unknown storage protocol", {}),
    "bad-parse-workers": (["ingest", "{tmp}"], "ARXIV_DIGEST_PARSE_WORKERS='abc'", {"ARXIV_DIGEST_PARSE_WORKERS": "abc"}),
    "bad-max-file-mb": (["ingest", "{tmp}"], "ARXIV_DIGEST_MAX_FILE_MB='-1'", {"ARXIV_DIGEST_MAX_FILE_MB": "-1"}),
    "infinite-max-file-mb": (["ingest", "{tmp}"], "ARXIV_DIGEST_MAX_FILE_MB='inf'", {"ARXIV_DIGEST_MAX_FILE_MB": "inf"}),
    "home-under-a-file": (["--home", "{file}/sub", "status"], "is not a directory", {}),
    "home-is-a-file": (["--home", "{file}", "ingest", "{tmp}"], "is not a directory", {}),
    "rebuild-missing-lake": (["--lake", "{tmp}/no-lake", "rebuild", "--no-marts"], "no committed files in the lake", {}),
    "damaged-warehouse-status": (["--home", "{tmp}/damaged", "status"], "damaged/warehouse.duckdb: it is not a DuckDB", {}),
    "damaged-warehouse-sql": (["--home", "{tmp}/damaged", "sql", "select 1"], "`arxiv-digest rebuild` recreates it", {}),
    "damaged-warehouse-ingest": (["--home", "{tmp}/damaged", "ingest", "{tmp}"], "cannot open the warehouse", {}),
    "damaged-warehouse-report": (["--home", "{tmp}/damaged", "report"], "cannot open the warehouse", {}),
    "warehouse-is-a-folder": (["--home", "{tmp}/folder", "status"], "folder/warehouse.duckdb: it is a folder", {}),
    "report-nothing-published": (["report", "--no-marts"], "run `arxiv-digest report` (without --no-marts)", {}),
    "serve-unknown-timezone": (["serve", "--timezone", "Mars/Olympus", "{tmp}"], "invalid schedule --timezone 'Mars/Olympus'", {}),
    "rebuild-junk-parquet": (["--lake", "{tmp}/junk-lake", "rebuild"], "cannot read the lake file {tmp}/junk-lake/digests/feed=x/a.parquet", {}),
    "rebuild-empty-lake": (["--lake", "{tmp}/empty-lake", "rebuild"], "no committed files in the lake", {}),
    "search-unbalanced-quote": (["search", '"open phrase'], "unbalanced quote in query", {}),
    "search-unknown-field": (["search", "xx:word"], "unknown field 'xx:'", {}),
    "search-only-excluded": (["search", "--", "-word"], "nothing to find", {}),
    "search-no-query": (["search"], "missing QUERY", {}),
    "search-query-and-like": (["search", "graph", "--like", "2501.00001"], "either a QUERY or --like", {}),
    "search-no-index": (["search", "graph"], "no search index under", {}),
    "search-bad-format": (["search", "graph", "--format", "xml"], "'xml' is not one of", {}),
    "search-bad-date": (["search", "graph", "--from", "2025-13-01"], "'2025-13-01'", {}),
    "search-dates-reversed": (["search", "graph", "--from", "2025-02-01", "--to", "2025-01-01"], "is before --from", {}),
    "watch-bad-name": (["watch", "add", "a/b", "--term", "x"], "watch list name 'a/b'", {}),
    "watch-bad-term": (["watch", "add", "v", "--term", '"open'], "unbalanced quote", {}),
    "watch-follows-nothing": (["watch", "add", "v", "--exclude", "x"], "follows nothing", {}),
    "watch-remove-unknown": (["watch", "remove", "nope"], "no watch list named 'nope'", {}),
    "watch-show-unknown": (["watch", "show", "nope"], "no watch list named 'nope'", {}),
    "watch-bad-toml": (["--home", "{tmp}/badwatch", "watch", "list"], "badwatch/watch.toml: not valid TOML", {}),
    "watch-bad-entry-in-file": (["--home", "{tmp}/badentry", "watch", "list"], "[v] terms[1] 'xx:y': unknown field", {}),
    "check-no-sources": (["check"], "Missing argument", {}),
    "check-missing-source": (["check", "{tmp}/nope"], "source not found: {tmp}/nope", {}),
    "check-min-above-one": (["check", "--min", "1.5", "{tmp}"], "--min 1.5 is not a share", {}),
    "check-min-word": (["check", "--min", "most", "{tmp}"], "Invalid value for '--min'", {}),
}


@pytest.mark.parametrize("args, names, env", CASES.values(), ids=CASES.keys())
def test_usage_and_configuration_errors_are_one_line_with_exit_code_2(args, names, env, tmp_path, monkeypatch, cli):
    (tmp_path / "empty-lake").mkdir()
    (tmp_path / "a-file").write_text("not a folder")
    (tmp_path / "junk-lake" / "digests" / "feed=x").mkdir(parents=True)
    (tmp_path / "junk-lake" / "digests" / "feed=x" / "a.parquet").write_text("x")
    (tmp_path / "damaged").mkdir()
    (tmp_path / "damaged" / "warehouse.duckdb").write_bytes(b"")  # truncated to nothing
    (tmp_path / "folder" / "warehouse.duckdb").mkdir(parents=True)
    (tmp_path / "badwatch").mkdir()
    (tmp_path / "badwatch" / "watch.toml").write_text("[v\nterms = 1\n")
    (tmp_path / "badentry").mkdir()
    (tmp_path / "badentry" / "watch.toml").write_text('[v]\nterms = ["ok", "xx:y"]\n')
    (tmp_path / "badfeeds").mkdir()
    (tmp_path / "badfeeds" / "feeds.toml").write_text("[[feed]\nname = 1\n")
    (tmp_path / "dupfeeds").mkdir()
    (tmp_path / "dupfeeds" / "feeds.toml").write_text("".join(f'[[feed]]\nname = "{n}"\nsource = "{tmp_path}"\n'
                                                              for n in "ab"))
    fill = {"tmp": tmp_path, "port": closed_port(), "file": tmp_path / "a-file"}
    for key, value in env.items():
        monkeypatch.setenv(key, value.format(**fill))
    result = cli("--home", tmp_path / "home", *(a.format(**fill) for a in args))
    assert_one_line_usage_error(result, names.format(**fill))


def test_a_failed_rebuild_leaves_the_warehouse_as_it_was(tmp_path, cli):
    home = tmp_path / "home"
    home.mkdir()
    (home / "warehouse.duckdb").write_bytes(b"stand-in for a warehouse")
    result = cli("--home", home, "--lake", tmp_path / "wrong-lake", "rebuild", "--no-marts")
    assert result.code == 2
    assert (home / "warehouse.duckdb").read_bytes() == b"stand-in for a warehouse"


def test_prefect_home_is_created_only_for_tracked_flow_runs(tmp_path, monkeypatch, cli):
    monkeypatch.delenv("PREFECT_HOME")  # restored after the test; configure() sets it to <home>/prefect
    home = Home.resolve(tmp_path / "home")
    configure(home, prefect=False)
    assert os.environ["PREFECT_HOME"] == str(home.prefect_home) and not home.root.exists()
    configure(home, prefect=True)
    assert home.prefect_home.is_dir()

    monkeypatch.delenv("PREFECT_HOME")
    reader = tmp_path / "reader"
    assert cli("--home", reader, "status").code == 2  # no warehouse yet
    assert not reader.exists(), "status wrote into a data home it only reads"
    assert cli("--home", reader, "ingest", "--bogus", tmp_path).code == 2  # options parse after the group callback
    assert not reader.exists(), "a mistyped ingest left a Prefect home behind"
    assert cli("--home", reader, "ingest", tmp_path / "no-such-folder").code == 2  # refused before any flow
    assert cli("--home", reader, "report").code == 2  # no warehouse yet
    assert not reader.exists(), "a refused command left a Prefect home behind"
    (tmp_path / "empty").mkdir()
    empty = cli("--home", reader, "ingest", tmp_path / "empty")
    assert empty.code == 0 and "found no digest to load" in empty.out  # a flow ran (and said it found nothing)
    assert not (reader / "prefect").exists(), "the default, untracked ingest made a Prefect home it never uses"
    tracked = cli("--home", reader, "ingest", "--prefect", tmp_path / "empty")
    assert tracked.code == 0 and (reader / "prefect").is_dir()


def test_an_unwritable_prefect_home_is_one_line(tmp_path, monkeypatch, cli):
    monkeypatch.delenv("PREFECT_HOME")
    result = cli("--home", "/proc/arxiv-digest-test", "ingest", "--prefect", tmp_path)  # /proc refuses new folders, even to root
    lines = error_lines(result.out + result.err)
    assert result.code == 2 and "Traceback" not in result.err
    assert len(lines) == 1 and "cannot create the Prefect home /proc/arxiv-digest-test/prefect" in lines[0]
