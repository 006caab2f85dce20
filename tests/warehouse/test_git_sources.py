"""A fork's git clone as a source (#17): the tip, the whole history with the last version of each day, provenance,
reruns that read only new blobs, the feed named after the remote, and bad repositories each in one line."""

from __future__ import annotations

import os
import subprocess

import pytest

from flows.ingest_plain import ingest_plain
from tests.helpers import query, run_cli
from tests.warehouse.gitrepo import FEED, commit, feed_days, git, isolate_git, new_fork, put_day
from warehouse import sources
from warehouse.home import Home
from warehouse.sources import SourceError, discover
from warehouse.status import warehouse_status


@pytest.fixture
def fork(tmp_path, monkeypatch):
    """data branch: days 1-3, then 4-5, then days 1-2 deleted and day 3 rewritten (the generator reran it)."""
    isolate_git(monkeypatch, tmp_path)
    days, rerun = feed_days(8, seed=5), feed_days(8, seed=6)
    order = sorted(days)[:6]
    repo = new_fork(tmp_path / "forks")
    for day in order[:3]:
        put_day(repo, day, *days[day])
    commit(repo, "days 1-3")
    for day in order[3:5]:
        put_day(repo, day, *days[day])
    commit(repo, "days 4-5")
    for day in order[:2]:
        for f in (repo / "data").glob(f"{day}*"):
            f.unlink()
    put_day(repo, order[2], *rerun[order[2]])
    commit(repo, "drop old days, rerun day 3")
    git(repo, "checkout", "-q", "main")  # the work tree shows main: the data branch is read from git alone
    return repo, order, days, rerun


def ids(text_md: str) -> list[str]:
    from transforms import parse_digest

    return [e.arxiv_id for e in parse_digest(text_md).entries if e.arxiv_id]


def listed(home, day: str) -> list[str]:
    return [r[0] for r in query(home, f"select arxiv_id from listings where digest_date = '{day}' order by position")]


def test_history_loads_every_day_once_with_the_rewritten_days_last_text(fork, tmp_path, capsys):
    repo, order, days, rerun = fork
    home = tmp_path / "home"
    outcome = ingest_plain([str(repo)], Home.resolve(home), branch="data", history=True)
    assert outcome["status"] == "ok", outcome
    assert query(home, "select feed, count(*), count(distinct digest_date) from digests group by feed") == [(FEED, 5, 5)]
    assert listed(home, order[2]) == ids(rerun[order[2]][0]), "the rewritten day holds its last version"
    assert listed(home, order[0]) == ids(days[order[0]][0]), "a day deleted from the tip is still loaded"
    provenance = query(home, "select count(*) from files where git_blob = sha256 and git_commit is not null")
    assert provenance == [(10,)]
    heads = {c for (c,) in query(home, "select distinct git_commit from digests")}
    assert heads <= set(git(repo, "rev-list", "data").split()) and len(heads) == 3
    [feed] = warehouse_status(Home.resolve(home))["per_feed"]
    assert feed["rewritten_days"] == 1
    code, out, _ = run_cli(capsys, "--home", str(home), "status")
    shown = " ".join(out.split())  # a long feed name folds over lines
    assert code == 0 and "rejects rewritten days" in shown and f"5 {order[0]} {order[4]} 0 0 1" in shown, out


def test_without_history_only_the_tips_days_and_a_rerun_reads_only_new_blobs(fork, tmp_path, monkeypatch):
    repo, order, days, _ = fork
    home = tmp_path / "home"
    assert ingest_plain([str(repo)], Home.resolve(home), branch="data")["status"] == "ok"
    assert sorted(d for (d,) in query(home, "select digest_date::varchar from digests")) == order[2:5]
    git(repo, "checkout", "-q", "data")
    put_day(repo, order[5], *days[order[5]])
    commit(repo, "day 6")  # as a `git pull` would bring it
    reads = []
    real = sources.read_blob
    monkeypatch.setattr(sources, "read_blob", lambda r, b: reads.append(b) or real(r, b))
    again = ingest_plain([str(repo)], Home.resolve(home), branch="data")
    assert again["rows"]["digests"] == 1 and len(reads) == 2, (again, reads)  # the new day's .md and twin only
    assert sorted(d for (d,) in query(home, "select digest_date::varchar from digests")) == order[2:6]


def test_feed_is_named_after_origin_else_the_folder_and_feed_overrides(fork, tmp_path):
    repo, *_ = fork
    assert {u.feed for u in discover([str(repo)], branch="data").units} == {FEED}
    assert {u.feed for u in discover([str(repo)], branch="data", feed="mine").units} == {"mine"}
    git(repo, "remote", "remove", "origin")
    assert {u.feed for u in discover([str(repo)], branch="data").units} == {"daily-arXiv-ai-enhanced"}
    bare = tmp_path / "mirror.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repo), str(bare)], check=True)
    assert {u.feed for u in discover([str(bare)], branch="data").units} == {"daily-arXiv-ai-enhanced"}  # origin: the clone


def test_not_a_repository_and_a_missing_branch_are_one_line_each(fork, tmp_path):
    repo, *_ = fork
    (tmp_path / "plain").mkdir()
    with pytest.raises(SourceError, match=r"not a git repository: .*plain; --history reads a clone"):
        discover([str(tmp_path / "plain")], history=True)
    with pytest.raises(SourceError, match=r"branch 'gh-pages' not found in .*; its branches: data, main"):
        discover([str(repo)], branch="gh-pages")


def test_a_shallow_clone_with_history_says_so_and_loads_what_is_there(fork, tmp_path):
    repo, order, *_ = fork
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--branch", "data", f"file://{repo}", str(shallow)],
                   check=True)
    found = discover([str(shallow)], branch="data", history=True)
    assert any("a shallow clone" in why and "loaded what is there" in why for _, why in found.ignored)
    assert sorted(u.digest_date.isoformat() for u in found.units) == order[2:5]


def test_corrupt_object_submodule_and_lfs_pointer_each_cost_only_their_day(fork, tmp_path):
    repo, order, days, _ = fork
    git(repo, "checkout", "-q", "data")
    put_day(repo, order[5], *days[order[5]])
    (repo / "data" / "2030-01-01.md").write_text("version https://git-lfs.github.com/spec/v1\n"
                                                  "oid sha256:" + "0" * 64 + "\nsize 123456\n")
    head = commit(repo, "day 6 and an LFS pointer")
    git(repo, "update-index", "--add", "--cacheinfo", f"160000,{head},data/archive")  # a submodule entry
    git(repo, "commit", "-q", "-m", "a submodule")
    blob = git(repo, "rev-parse", f"data:data/{order[5]}.md")
    loose = repo / ".git" / "objects" / blob[:2] / blob[2:]
    os.chmod(loose, 0o644)
    loose.write_bytes(b"not zlib at all")  # a damaged object
    home = tmp_path / "home"
    outcome = ingest_plain([str(repo)], Home.resolve(home), branch="data")
    reasons = {path.rsplit(":", 1)[-1]: why for path, why in outcome["rejected"]}
    assert "Git LFS pointer" in reasons["data/2030-01-01.md"] and "git lfs pull" in reasons["data/2030-01-01.md"]
    assert "missing or damaged" in reasons[f"data/{order[5]}.md"]
    assert any("a submodule" in why for path, why in outcome["ignored"] if path.endswith("data/archive"))
    assert sorted(d for (d,) in query(home, "select digest_date::varchar from digests")) == order[2:5]
