"""The default, un-orchestrated ingest builds the very warehouse the tracked Prefect flow run builds: same content
hash per table, on the real samples and on a generated corpus with planted bad files, and the same as the plain
pipeline of the crash tests (`flows.ingest_plain`, other batch sizes). Each path records its run in `runs` and
writes the run's Markdown summary to `<home>/runs/<run_id>.md`; the tracked one also leaves its Prefect artifact."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from flows.ingest_plain import ingest_plain
from tests.flows.conftest import fingerprints, rows
from tests.helpers import write_files
from transforms.generate import build_corpus
from warehouse.home import Home


def _three_ways(source: Path, tmp_path: Path, cli) -> dict[str, Path]:
    homes = {name: tmp_path / name for name in ("default", "tracked", "plain")}
    default = cli("--home", homes["default"], "ingest", source)
    tracked = cli("--home", homes["tracked"], "ingest", "--prefect", source)
    assert default.code == tracked.code and default.code in (0, 1), default.out + default.err + tracked.err
    assert default.out == tracked.out  # the same summary, line for line
    outcome = ingest_plain([str(source)], Home.resolve(homes["plain"]), max_units=5)
    assert outcome["status"] == ("ok" if default.code == 0 else "partial")
    return homes


def _run_note(home: Path) -> str:
    """The last run's Markdown summary file; its name is the run id in `runs`."""
    (run_id,) = rows(home, "select run_id from runs order by finished_at desc limit 1")[0]
    return (home / "runs" / f"{run_id}.md").read_text(encoding="utf-8")


def _assert_same_warehouse(homes: dict[str, Path]) -> None:
    prints = {name: fingerprints(home) for name, home in homes.items()}
    assert prints["default"]["listings"][0] > 0
    assert prints["default"] == prints["tracked"], "the untracked default differs from the Prefect flow run"
    assert prints["default"] == prints["plain"], "the default differs from the plain pipeline with other batches"


def test_samples_load_the_same_untracked_tracked_and_plain(samples_dir, tmp_path, cli):
    from prefect.artifacts import Artifact

    homes = _three_ways(samples_dir, tmp_path, cli)
    _assert_same_warehouse(homes)
    note = _run_note(homes["default"])
    assert note.startswith("## Ingest ") and note == _run_note(homes["tracked"])
    # the tracked run (the latest flow run on this API) published the same summary as its artifact
    assert Artifact.get("ingest-summary").data == note.rstrip("\n")
    assert rows(homes["default"], "select flow from runs") == [("ingest",)]


def test_generated_corpus_with_bad_files_loads_the_same_untracked_tracked_and_plain(tmp_path, cli):
    corpus = build_corpus(24, seed=19, entries_per_day=8)
    homes = _three_ways(write_files(corpus.files, tmp_path / "src"), tmp_path, cli)
    _assert_same_warehouse(homes)
    assert rows(homes["default"], "select count(*) from rejects")[0][0] > 0, "the corpus plants bad files"
    assert "rejected" in _run_note(homes["default"])


@pytest.mark.parametrize("command", ["ingest", "status", "sql", "parse"])
def test_the_default_commands_never_import_prefect(command, tmp_path):
    """What makes them start in about a second: Prefect's import alone is ~2 s here, its ephemeral API ~10 s."""
    corpus = write_files([f for f in build_corpus(2, seed=5, entries_per_day=3).files if f.path.endswith(".md")],
                         tmp_path / "src")
    day = sorted(corpus.rglob("*.md"))[0]
    home = tmp_path / "home"
    ingest_plain([str(corpus)], Home.resolve(home))
    args = {"ingest": ["ingest", str(corpus)], "status": ["status"], "sql": ["sql", "select count(*) from papers"],
            "parse": ["parse", str(day)]}[command]
    probe = ("import sys\nfrom flows.cli import main\ncode = main(['--home', *sys.argv[1:]])\n"
             "sys.exit(100 if any(m.split('.')[0] == 'prefect' for m in sys.modules) else code)")
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    done = subprocess.run([sys.executable, "-c", probe, str(home), *args], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, f"exit {done.returncode} (100: Prefect was imported)\n{done.stdout}{done.stderr}"
    assert not (home / "prefect").exists()
