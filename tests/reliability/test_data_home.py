"""Nothing escapes the data home: feed names, folder names, header dates and source paths with `..` never make
the product write outside it, and every lake file stays under <home>/lake."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from flows.ingest_plain import ingest_plain
from tests.helpers import write_files
from tests.reliability.conftest import CLI, REPO, rows, snapshot
from transforms.generate import build_corpus
from warehouse.home import Home, HomeError, safe_component


@pytest.fixture(scope="module")
def days() -> dict[str, str]:
    """A few generated days by feed: {feed/date: text}; hci-digest days start with a `# <date>` header."""
    corpus = build_corpus(6, seed=31, entries_per_day=4)
    return {f.path[:-3]: f.text for f in corpus.files if f.path.endswith(".md") and "2026-01-0" in f.path}


def put(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def assert_contained(outer: Path, homes: list[Path], before: dict) -> None:
    """No path outside the homes changed under `outer`; every lake file, committed or not, sits in <home>/lake."""
    after = {p: size for p, size in snapshot(outer).items() if not any((outer / p).is_relative_to(h) for h in homes)}
    assert after == before, f"created outside the home: {sorted(set(after) - set(before))[:5]}"
    for home in homes:
        lake = (home / "lake").resolve()
        for (rel,) in rows(home, "select path from lake_files"):
            assert (lake / rel).resolve().is_relative_to(lake), rel
            assert len(Path(rel).parts) == 3, f"{rel}: not <table>/feed=<feed>/<file>"
        for path in lake.rglob("*"):
            assert path.resolve().is_relative_to(lake)


@pytest.fixture
def outer(tmp_path) -> Path:
    """<tmp>/sibling holds a canary; everything under <tmp> but the homes must stay as it was."""
    put(tmp_path / "sibling" / "canary.txt", "untouched")
    return tmp_path


def test_feed_option_with_dots_and_slashes_stays_in_the_lake(cli, outer, days):
    src = outer / "src"
    for key, text in list(days.items())[:3]:
        put(src / key.replace("/", "__") / f"{key.split('/')[1]}.md", text)
    (outer / "a" / "b").mkdir(parents=True)  # homes live here, so `../..` from a home or its lake stays in <tmp>
    before = snapshot(outer)
    homes = [outer / "a" / "b" / "home-cli"]
    result = cli("--home", homes[0], "ingest", "--feed", "../../etc", src)
    assert result.code == 0, result.out + result.err
    assert rows(homes[0], "select distinct feed from digests") == [("../../etc",)]
    for i, feed in enumerate(("../../../sibling", "/tmp", "..", "a/../../b", "..%2F")):  # same discover, no Prefect
        homes.append(outer / "a" / "b" / f"home{i}")
        ingest_plain([str(src)], Home.resolve(homes[-1]), feed=feed)
        assert rows(homes[-1], "select distinct feed from digests") == [(feed,)]
    assert_contained(outer, homes, before)


def test_folder_names_header_dates_and_dotted_source_paths_stay_in_the_lake(cli, outer, days):
    home = outer / "home"
    src = outer / "src"
    texts = list(days.values())
    headed = next(t for k, t in days.items() if k.startswith("hci-digest/"))
    header = headed.splitlines()[0]
    assert header.startswith("# 2026-"), header
    put(src / "..%2F" / "2026-01-05.md", texts[0])
    put(src / "..%2F..%2Fetc" / "2026-01-05.md", texts[1])
    put(src / "...." / "2026-01-06.md", texts[2])
    put(src / "claims" / "9999-12-31.md", headed.replace(header, "# 9999-12-31", 1))
    put(src / "claims" / "notes.md", headed.replace(header, "# ../../../../sibling/evil", 1))
    put(src / "claims" / "..md", headed.replace(header, "# 0000-00-00", 1))
    put(src / "feed" / "2026-01-07.md", texts[3])
    before = snapshot(outer)
    sources = [src / "..%2F" / ".." / "..%2F..%2Fetc", src / "...." / ".." / "...." / "2026-01-06.md",
               src / "claims" / "9999-12-31.md", src / "claims" / "notes.md", src / "claims" / "..md",
               src / "feed" / ".." / "feed", src / "feed" / ".." / "..%2F" / "2026-01-05.md"]
    result = cli("--home", home, "ingest", *sources)
    assert result.code in (0, 1) and "Traceback" not in result.err, result.out + result.err
    loaded = {r[0] for r in rows(home, "select path from files")}
    assert str(src / "claims" / "notes.md") in loaded and str(src / "claims" / "..md") in loaded
    assert_contained(outer, [home], before)


@pytest.mark.parametrize("name", ["..", ".", "../../etc", "..%2F", "/", "", "a/b", "\x00", "..\\..", "ü/../.."])
def test_a_feed_name_is_always_one_harmless_path_component(name):
    part = safe_component(name)
    assert "/" not in part and "\\" not in part and "\x00" not in part and part.strip(".") != ""


def test_writes_outside_the_home_are_refused(tmp_path):
    home = Home.resolve(tmp_path / "home")
    assert home.inside(home.root / "reports") == home.root / "reports"
    for escape in (home.root / ".." / "elsewhere", home.root / "reports" / ".." / ".." / "x", Path("/etc/passwd")):
        with pytest.raises(HomeError):
            home.inside(escape)


# Loaded first in every Python process of the run (PYTHONPATH, inherited by Prefect's server subprocess): any
# name lookup or connection to an address that is not this machine is written to NET_GUARD_LOG and refused.
NET_GUARD = """
import os, socket

_LOG = os.environ["NET_GUARD_LOG"]
_LOCAL = ("127.", "::1", "localhost", "0.0.0.0")


def _refuse(what):
    with open(_LOG, "a") as fh:
        fh.write(f"{os.getpid()} {what}\\n")
    raise OSError(f"network blocked by the test: {what}")


def _local(host):
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    return str(host).startswith(_LOCAL)


_getaddrinfo, _connect, _connect_ex = socket.getaddrinfo, socket.socket.connect, socket.socket.connect_ex


def getaddrinfo(host, *args, **kwargs):
    if not _local(host):
        _refuse(f"getaddrinfo {host!r}")
    return _getaddrinfo(host, *args, **kwargs)


def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
        _refuse(f"connect {address!r}")
    return _connect(self, address)


def connect_ex(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
        _refuse(f"connect_ex {address!r}")
    return _connect_ex(self, address)


def by_name(lookup):
    def guarded(host, *args):
        if not _local(host):
            _refuse(f"{lookup.__name__} {host!r}")
        return lookup(host, *args)
    return guarded


socket.getaddrinfo, socket.socket.connect, socket.socket.connect_ex = getaddrinfo, connect, connect_ex
socket.gethostbyname, socket.gethostbyname_ex = by_name(socket.gethostbyname), by_name(socket.gethostbyname_ex)
"""


@pytest.mark.slow
@pytest.mark.parametrize("flags", [(), ("--prefect",)], ids=["default", "tracked"])
def test_a_whole_run_writes_nothing_to_the_users_home_and_reaches_no_network(tmp_path, flags):
    """README, Configuration: nothing is written to your home directory unless you configure it, and nothing reaches
    the network. `run` (ingest, marts, report site) as a user starts it: no Prefect or telemetry settings. By default
    the flows run untracked and Prefect is never started; with `--prefect` Prefect's ephemeral server and its
    database start under the data home, and telemetry stays off by our own defaults. Every process of the run
    refuses and records any lookup or connection beyond this machine."""
    src = write_files(build_corpus(3, seed=5, entries_per_day=3).files, tmp_path / "src")
    user_home, work, guard = tmp_path / "user-home", tmp_path / "work", tmp_path / "guard"
    for folder in (user_home, work, guard):
        folder.mkdir()
    (guard / "sitecustomize.py").write_text(NET_GUARD)
    log = tmp_path / "network.log"
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PREFECT_", "ARXIV_DIGEST_", "XDG_")) and k != "DO_NOT_TRACK"}
    env.update(HOME=str(user_home), PYTHONPATH=f"{guard}{os.pathsep}{REPO}", NET_GUARD_LOG=str(log))
    # the guard works: a lookup of an outside name is refused and recorded
    probe = subprocess.run([str(REPO / ".venv" / "bin" / "python"), "-c",
                            "import socket\ntry:\n    socket.getaddrinfo('example.org', 443)\nexcept OSError:\n    pass"],
                           env=env, capture_output=True, text=True, timeout=60)
    assert probe.returncode == 0 and "getaddrinfo 'example.org'" in log.read_text(), probe.stderr
    log.unlink()

    done = subprocess.run([str(CLI), "run", *flags, str(src)], cwd=work, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not log.exists(), log.read_text()
    assert sorted(p.relative_to(user_home).as_posix() for p in user_home.rglob("*")) == []
    assert (work / "data" / "reports" / "index.html").is_file()
    assert (work / "data" / "prefect").is_dir() == bool(flags), "a Prefect home exactly for the tracked run"