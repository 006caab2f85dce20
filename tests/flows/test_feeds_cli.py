"""`feeds list|add|remove` and <home>/feeds.toml: three feeds (a folder, a clone's tip, a clone's whole history)
ingested by one `run` with no sources; clone options on `ingest`; one-line errors for bad entries."""

from __future__ import annotations

from tests.flows.conftest import rows
from tests.helpers import assert_one_line_usage_error, run_cli, write_files
from tests.warehouse.gitrepo import FEED, commit, feed_days, git, isolate_git, new_fork, put_day
from transforms.generate import build_corpus
from warehouse.feeds_file import load_feeds


def _fork_with_history(root, owner: str = "someone"):
    """A fork whose data branch held 4 days, of which the tip keeps the last 2."""
    days = feed_days(8, seed=5)
    order = sorted(days)[:4]
    repo = new_fork(root, owner)
    for day in order:
        put_day(repo, day, *days[day])
        commit(repo, f"day {day}")
    for day in order[:2]:
        for f in (repo / "data").glob(f"{day}*"):
            f.unlink()
    commit(repo, "drop the oldest days")
    return repo, order


def test_a_feeds_file_with_three_feeds_loads_all_three_in_one_run(tmp_path, monkeypatch, cli, capsys):
    isolate_git(monkeypatch, tmp_path)
    folder = write_files(build_corpus(3, seed=2, feeds=["sec-bar"], entries_per_day=5).files, tmp_path / "folder")
    repo, order = _fork_with_history(tmp_path / "forks")
    other, _ = _fork_with_history(tmp_path / "forks", "another")
    home = tmp_path / "home"
    for args in (["--name", "bar", str(folder / "sec-bar")], ["--name", "tip", "--branch", "data", str(other)],
                 ["--branch", "data", "--history", "--category", "cs.HC", "--category", "cs.AI", str(repo)]):
        code, out, err = run_cli(capsys, "--home", str(home), "feeds", "add", *args)
        assert code == 0, out + err
    assert [f.name for f in load_feeds(home / "feeds.toml")] == ["bar", "tip", FEED]  # the third named after origin
    code, out, _ = run_cli(capsys, "--home", str(home), "feeds", "list")
    assert f"{FEED} {repo} (branch data; history; categories cs.HC, cs.AI)" in " ".join(out.split())

    result = cli("--home", home, "run")
    assert result.code == 0, result.out + result.err
    per_feed = dict(rows(home, "select feed, count(*) from digests group by feed"))
    days_bar = len({p.name[:10] for p in (folder / "sec-bar").glob("*.md")})
    assert per_feed == {"bar": days_bar, "tip": 2, FEED: 4}
    kept = rows(home, f"select count(*) from listings l join paper_observations o using (digest_id, position) "
                      f"where l.feed = '{FEED}' and not list_has_any(o.categories || [l.section, l.main_category], "
                      f"['cs.HC', 'cs.AI'])")
    assert kept == [(0,)], "the category filter keeps only listings in its categories"
    assert "demo corpus" not in result.out

    code, out, err = run_cli(capsys, "--home", str(home), "feeds", "remove", "tip")
    assert code == 0 and [f.name for f in load_feeds(home / "feeds.toml")] == ["bar", FEED]


def test_ingest_takes_a_clone_with_branch_and_history_on_the_command_line(tmp_path, monkeypatch, cli):
    isolate_git(monkeypatch, tmp_path)
    repo, order = _fork_with_history(tmp_path / "forks")
    home = tmp_path / "home"
    result = cli("--home", home, "ingest", repo, "--branch", "data", "--history")
    assert result.code == 0, result.out + result.err
    assert rows(home, "select feed, count(*) from digests group by feed") == [(FEED, 4)]
    again = cli("--home", home, "ingest", repo, "--branch", "data", "--history")
    assert "skipped 8" in again.out and again.code == 0, again.out


def test_feeds_add_refuses_a_duplicate_a_missing_branch_and_options_a_folder_cannot_take(tmp_path, monkeypatch, capsys):
    isolate_git(monkeypatch, tmp_path)
    repo, _ = _fork_with_history(tmp_path / "forks")
    home = str(tmp_path / "home")
    assert run_cli(capsys, "--home", home, "feeds", "add", "--branch", "data", str(repo))[0] == 0

    class R:  # run_cli's triple as assert_one_line_usage_error reads it
        def __init__(self, triple):
            self.code, self.out, self.err = triple

    assert_one_line_usage_error(R(run_cli(capsys, "--home", home, "feeds", "add", "--branch", "data", str(repo))),
                                f"feed '{FEED}' is already in")
    assert_one_line_usage_error(R(run_cli(capsys, "--home", home, "feeds", "add", "--name", "x", "--branch", "gone",
                                          str(repo))), "branch 'gone' not found")
    assert_one_line_usage_error(R(run_cli(capsys, "--home", home, "feeds", "add", "--history", str(tmp_path))),
                                "not a git repository")
    (tmp_path / "home" / "feeds.toml").write_text('[[feed]]\nname = "a"\nsource = "/x"\nhistory = "yes"\n')
    assert_one_line_usage_error(R(run_cli(capsys, "--home", home, "feeds", "list")), "feed 1: history must be a true/false")
