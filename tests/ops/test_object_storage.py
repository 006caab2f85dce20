"""A lake on S3 (moto's server on 127.0.0.1): ingest into it, query the warehouse, and rebuild the warehouse from it."""

from __future__ import annotations

import pytest

from tests.ops.conftest import fingerprints, free_port, query, run_cli

pytestmark = pytest.mark.server

FAKE_AWS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}


@pytest.fixture
def s3_endpoint():
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one log line per request otherwise
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def test_s3_lake_ingests_queries_and_rebuilds_to_the_same_warehouse(prefect_server, s3_endpoint, corpus, reference,
                                                                    tmp_path, monkeypatch):
    import s3fs

    s3 = s3fs.S3FileSystem(key="testing", secret="testing", endpoint_url=s3_endpoint, skip_instance_cache=True)
    s3.mkdir("digest-lake")
    env = prefect_server.env(tmp_path, AWS_ENDPOINT_URL=s3_endpoint, **FAKE_AWS)
    home, lake = tmp_path / "home", "s3://digest-lake/prod"

    done = run_cli(env, "--home", home, "--lake", lake, "ingest", corpus)
    assert done.returncode == reference.code, done.stdout + done.stderr
    assert not (home / "lake").exists(), "nothing went to the local lake"
    objects = {p.removeprefix("digest-lake/prod/") for p in s3.find("digest-lake/prod")}
    assert objects == {r[0] for r in query(home, "select path from lake_files")}, "S3 holds exactly the committed files"
    assert any(p.startswith("listings/feed=") for p in objects)

    assert query(home, "select count(*) from papers") == [(reference.fingerprints["papers"][0],)]

    (home / "warehouse.duckdb").unlink()
    rebuilt = run_cli(env, "--home", home, "--lake", lake, "rebuild", "--no-marts")
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    assert f"from {len(objects)} lake files in {lake}" in rebuilt.stdout
    assert fingerprints(home) == reference.fingerprints
