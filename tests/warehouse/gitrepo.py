"""Real git repositories of generated feed days for the git-source tests (git on the machine; no ~/.gitconfig)."""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path

from transforms.generate import build_corpus

REMOTE = "https://github.com/someone/daily-arXiv-ai-enhanced.git"
FEED = "someone__daily-arXiv-ai-enhanced"  # what the naming rule makes of REMOTE


def isolate_git(monkeypatch, tmp_path: Path) -> None:
    """Author and committer set, the user's and the system's git config never read or written."""
    config = tmp_path / "gitconfig"
    config.write_text("")
    for key, value in {"GIT_CONFIG_GLOBAL": str(config), "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path),
                       "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
                       "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}.items():
        monkeypatch.setenv(key, value)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout.strip()


@cache  # deterministic, and the slowest part of building a fork
def feed_days(days: int, seed: int) -> dict[str, tuple[str, str]]:
    """{date: (digest, twin)} of a generated feed, only days that have both (no gap, no planted bad file)."""
    files = {f.path: f.text for f in build_corpus(days, seed=seed, feeds=["hci-digest"], entries_per_day=8).files}
    return {p.split("/")[1][:10]: (text, files[p[:-3] + ".jsonl"]) for p, text in files.items()
            if p.endswith(".md") and p[:-3] + ".jsonl" in files and "<!DOCTYPE" not in text}


def put_day(repo: Path, day: str, md: str, twin: str) -> None:
    """A day as the upstream generator commits it: data/<date>.md and data/<date>_AI_enhanced_English.jsonl."""
    (repo / "data").mkdir(exist_ok=True)
    (repo / "data" / f"{day}.md").write_text(md, encoding="utf-8")
    (repo / "data" / f"{day}_AI_enhanced_English.jsonl").write_text(twin, encoding="utf-8")


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def new_fork(root: Path, owner: str = "someone") -> Path:
    """A clone-like repository: `main` with code only, an `origin` remote (`owner`'s fork), and an empty `data`
    branch checked out."""
    repo = root / owner / "daily-arXiv-ai-enhanced"
    repo.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    (repo / "README.md").write_text("the generator\n")
    commit(repo, "code")
    git(repo, "remote", "add", "origin", REMOTE.replace("someone", owner))
    git(repo, "checkout", "-q", "--orphan", "data")
    git(repo, "rm", "-q", "-r", "--cached", ".")
    (repo / "README.md").unlink()
    return repo
