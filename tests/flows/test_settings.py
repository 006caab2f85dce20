"""Where things go (README, Configuration): the data home and the lake from their flags, else their environment
variables, else the defaults (`./data`, `<home>/lake`)."""

from __future__ import annotations

from tests.flows.conftest import scalar
from tests.helpers import write_files
from transforms.generate import build_corpus


def _source(tmp_path):
    return write_files([f for f in build_corpus(2, seed=5, entries_per_day=3).files if f.path.endswith(".md")],
                       tmp_path / "src")


def _parquet(folder) -> list:
    return sorted(folder.rglob("*.parquet")) if folder.exists() else []


def test_home_and_lake_come_from_the_environment(tmp_path, monkeypatch, cli):
    src = _source(tmp_path)
    monkeypatch.chdir(tmp_path)  # the default ./data would land here
    monkeypatch.setenv("ARXIV_DIGEST_HOME", str(tmp_path / "env-home"))
    monkeypatch.setenv("ARXIV_DIGEST_LAKE", str(tmp_path / "env-lake"))
    result = cli("ingest", src)
    assert result.code == 0, result.out + result.err
    assert scalar(tmp_path / "env-home", "select count(*) from lake_files") == len(_parquet(tmp_path / "env-lake")) > 0
    assert _parquet(tmp_path / "env-home" / "lake") == [] and not (tmp_path / "data").exists()


def test_flags_beat_the_environment_and_the_lake_defaults_to_the_home(tmp_path, monkeypatch, cli):
    src = _source(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ARXIV_DIGEST_HOME", str(tmp_path / "env-home"))
    monkeypatch.delenv("ARXIV_DIGEST_LAKE", raising=False)
    result = cli("--home", tmp_path / "flag-home", "ingest", src)
    assert result.code == 0, result.out + result.err
    assert len(_parquet(tmp_path / "flag-home" / "lake")) == scalar(tmp_path / "flag-home",
                                                                    "select count(*) from lake_files") > 0
    assert not (tmp_path / "env-home").exists() and not (tmp_path / "data").exists()

    monkeypatch.setenv("ARXIV_DIGEST_LAKE", str(tmp_path / "env-lake"))
    result = cli("--home", tmp_path / "other-home", "--lake", tmp_path / "flag-lake", "ingest", src)
    assert result.code == 0, result.out + result.err
    assert _parquet(tmp_path / "flag-lake") and not (tmp_path / "env-lake").exists()


def test_the_default_home_is_data_under_the_working_folder(tmp_path, monkeypatch, cli):
    src = _source(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ARXIV_DIGEST_HOME", raising=False)
    monkeypatch.delenv("ARXIV_DIGEST_LAKE", raising=False)
    result = cli("ingest", src)
    assert result.code == 0, result.out + result.err
    assert (tmp_path / "data" / "warehouse.duckdb").is_file() and _parquet(tmp_path / "data" / "lake")
