"""The Parquet lake: one file per raw table per digest, written atomically, on local disk or object storage.

Layout: `<lake>/<table>/feed=<feed>/<digest-key>-<token>.parquet`, where the token fingerprints the
source file versions, so a changed day gets a new file name. DuckDB's `lake_files` table is the commit
log: a Parquet file the warehouse has not committed is garbage, and `collect_garbage` removes it.
"""

from __future__ import annotations

import io
import os
import uuid

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

from transforms.tables import Unit
from warehouse.faults import crash_point
from warehouse.home import HomeError, reason_of, safe_component

_TMP_PREFIX = ".tmp-"


def encode(table: pa.Table) -> bytes:
    """A raw table as the bytes of its lake file (Parquet, zstd). Pure: parse workers call it too."""
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")
    return buf.getvalue()


def storage_options_for(url: str) -> dict:
    """Storage options from the standard environment: for `s3://`, the endpoint in AWS_ENDPOINT_URL_S3 or
    AWS_ENDPOINT_URL (MinIO, moto, Ceph...) unless fsspec's own FSSPEC_S3_ENDPOINT_URL already sets it.
    Credentials and region stay with botocore's usual chain (AWS_ACCESS_KEY_ID, AWS_PROFILE, ...)."""
    if not url.startswith(("s3://", "s3a://")) or fsspec.config.conf.get("s3", {}).get("endpoint_url"):
        return {}
    endpoint = os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL")
    return {"endpoint_url": endpoint} if endpoint else {}


class Lake:
    """A lake rooted at a local path or an fsspec URL (`s3://bucket/prefix`, `file:///...`)."""

    def __init__(self, root: str, storage_options: dict | None = None):
        options = storage_options_for(root) if storage_options is None else storage_options
        self.fs, self.root = fsspec.core.url_to_fs(root, **options)
        self.url = root
        self.local = "file" in (self.fs.protocol if isinstance(self.fs.protocol, tuple) else (self.fs.protocol,))

    def check_writable(self) -> None:
        """On object storage, write and delete one empty probe object, so that a wrong bucket, endpoint or
        credentials is one clear HomeError before any work starts, not a traceback in the middle of a run.
        A local lake needs no probe: its folders are made as files are written, under a checked data home."""
        if self.local:
            return
        probe = self.full(f"{_TMP_PREFIX}probe-{uuid.uuid4().hex}")  # a temp name: garbage if it ever stays
        try:
            self.fs.pipe_file(probe, b"")
            self.fs.rm_file(probe)
        except Exception as exc:  # network, credentials, permissions, no bucket: whatever the filesystem raises
            raise self._unreachable("write to", exc) from None

    def _unreachable(self, doing: str, exc: Exception) -> HomeError:
        return HomeError(f"lake {self.url}: cannot {doing} it: {reason_of(exc)} ({type(exc).__name__}); "
                         "check the address, the network and the credentials")

    def relpath(self, table: str, unit: Unit) -> str:
        stem = unit.digest_id.rsplit("/", 1)[-1]
        return f"{table}/feed={safe_component(unit.feed)}/{safe_component(stem)}-{unit.token}.parquet"

    def full(self, rel: str) -> str:
        return f"{self.root.rstrip('/')}/{rel}"

    def uri(self, rel: str) -> str:
        """A path DuckDB can read: local path, or `<protocol>://...` for object storage."""
        if self.local:
            return self.full(rel)
        proto = self.fs.protocol[0] if isinstance(self.fs.protocol, tuple) else self.fs.protocol
        return f"{proto}://{self.full(rel)}"

    def write_units(self, batch: list[tuple[Unit, dict[str, pa.Table]]], committed: set[str] = frozenset(),
                    encoded: dict[str, dict[str, bytes]] | None = None) -> dict[str, dict[str, str]]:
        """Write every non-empty table of every unit so that readers see each file whole or not at all.

        Local lakes write all temp files, make them durable with one sync, then rename them into place
        (one sync per batch instead of one fsync per file). A path in `committed` gets a fresh name instead,
        so the committed version stays intact until the new one commits. `encoded`: {digest_id: {table: bytes}}
        already made by `encode` (in a parse worker); the rest are encoded here. Returns {digest_id: {table: relative path}}.
        """
        encoded = encoded or {}
        written: dict[str, dict[str, str]] = {}
        staged: list[tuple[str, str]] = []
        for unit, tables in batch:
            written[unit.digest_id] = {}
            for name, table in tables.items():
                if not table.num_rows:
                    continue
                rel = self.relpath(name, unit)
                if rel in committed:  # a forced reparse of the same version: never overwrite what a commit names
                    rel = rel.removesuffix(".parquet") + f"-{uuid.uuid4().hex[:8]}.parquet"
                written[unit.digest_id][name] = rel
                data = encoded.get(unit.digest_id, {}).get(name) or encode(table)
                if self.local:
                    staged.append((self._stage(rel, data), self.full(rel)))
                else:
                    self.fs.pipe_file(self.full(rel), data)  # an object PUT is all-or-nothing
                    crash_point("lake_write")
        if staged:
            os.sync()
            crash_point("lake_temp")
            for tmp, target in staged:
                os.replace(tmp, target)
                crash_point("lake_write")
            os.sync()
        return written

    def _stage(self, rel: str, data: bytes) -> str:
        target = self.full(rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        tmp = os.path.join(os.path.dirname(target), f"{_TMP_PREFIX}{uuid.uuid4().hex}")
        with open(tmp, "wb") as fh:
            fh.write(data)
        return tmp

    def read(self, rel: str) -> pa.Table:
        with self.fs.open(self.full(rel), "rb") as fh:
            return pq.read_table(fh)

    def listing(self) -> list[str]:
        """Every file under the lake, as relative paths (temp files included). Raises HomeError (one line) when
        a lake on object storage cannot be listed."""
        try:
            if not self.fs.exists(self.root):
                return []
            found = self.fs.find(self.root)
        except Exception as exc:
            if self.local:
                raise
            raise self._unreachable("list", exc) from None
        base = self.root.rstrip("/") + "/"
        return sorted(p[len(base):] if p.startswith(base) else p for p in found)

    def remove(self, rels: list[str]) -> None:
        for rel in rels:
            try:
                self.fs.rm_file(self.full(rel))
            except FileNotFoundError:
                pass
            crash_point("lake_remove")

    def collect_garbage(self, committed: set[str]) -> list[str]:
        """Delete every file the warehouse has not committed: partial temp files and orphans of a crashed run."""
        orphans = [rel for rel in self.listing() if rel not in committed]
        self.remove(orphans)
        return orphans
