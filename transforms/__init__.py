"""Pure transforms: digest text in, typed records out (no disk beyond reading one file, no DuckDB, no Prefect).

Public parsing API:
    parse_digest(text, *, source=None, digest_date=None) -> Digest
    parse_digest_file(path) -> Digest
    parse_jsonl(text, *, source=None, digest_date=None) -> Digest
    parse_jsonl_bytes(data, *, source=None, digest_date=None) -> Digest
    merge_twin(md, twin) -> Digest
"""

from transforms.jsonl import merge_twin, parse_jsonl, parse_jsonl_bytes
from transforms.model import Diagnostic, Digest, Entry, Section
from transforms.parse import parse_digest, parse_digest_bytes, parse_digest_file

__all__ = ["Diagnostic", "Digest", "Entry", "Section", "merge_twin", "parse_digest", "parse_digest_bytes",
           "parse_digest_file", "parse_jsonl", "parse_jsonl_bytes"]
