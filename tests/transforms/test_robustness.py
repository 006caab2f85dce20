"""Hostile input: random bytes, truncations and byte flips of real digests. The parser never raises,
and every input yields entries or diagnostics (nothing is dropped silently).

5,000 seeded cases over small windows of the real samples (skipped, saying so, when ../shared is absent),
and 1,000 over digests from our own generator, so the whole run stays well under half a minute.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from transforms import parse_digest_bytes, parse_jsonl

SEED = 20250703
WINDOW = 12_000
# Bytes that matter to the grammar, so flips hit structure and not only letters.
SPICE = [b"\n", b"<", b">", b"*", b"#", b"[", b"]", b"(", b")", b":", b"&", b"|", b"\x00", b"\xff", b"\xe4",
         b"<details>", b"</details>", b"### [", b"**TL;DR:**", b"Abstract: ", b"- [cs.CV](#cs.CV) [Total: 9]\n"]


def real_files(samples: Path) -> list[bytes]:
    return [p.read_bytes() for p in sorted(samples.glob("*/*.md")) if p.stat().st_size > 100]


def generated_files() -> list[bytes]:
    from transforms.generate import generate_corpus

    return [f.data for f in generate_corpus(4, SEED) if f.path.endswith(".md")]


def window(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(0, max(1, len(data) - WINDOW)) if rng.random() < 0.7 else 0
    return data[start:start + rng.randrange(1, WINDOW)]


def flip(rng: random.Random, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        at = rng.randrange(0, len(buf) + 1)
        if rng.random() < 0.5 and buf and at < len(buf):
            buf[at] = rng.randrange(256)
        else:
            buf[at:at] = rng.choice(SPICE)
    return bytes(buf)


def cases(n: int, files: list[bytes]):
    rng = random.Random(SEED)
    for i in range(n):
        kind = i % 5
        if kind == 0:
            yield "random", rng.randbytes(rng.randrange(0, 3000))
        elif kind in (1, 2):
            yield "truncated", window(rng, rng.choice(files))
        else:
            yield "flipped", flip(rng, window(rng, rng.choice(files)))


def assert_never_raises_nor_drops(files: list[bytes], n: int) -> None:
    seen = {"random": 0, "truncated": 0, "flipped": 0}
    for kind, data in cases(n, files):
        digest = parse_digest_bytes(data, source=f"case-{kind}")
        assert digest.entries or digest.diagnostics, (kind, data[:200])
        assert [e.position for e in digest.entries] == list(range(1, len(digest.entries) + 1))
        assert all(d.severity in ("error", "warning", "info") and d.code for d in digest.diagnostics)
        seen[kind] += 1
    assert sum(seen.values()) == n and all(seen.values())


@pytest.mark.slow
def test_parser_never_raises_and_never_drops_silently_on_real_files(samples_dir):
    files = real_files(samples_dir)
    assert len(files) >= 50, f"expected the 53 sample days under {samples_dir}"
    assert_never_raises_nor_drops(files, 5000)


def test_parser_never_raises_and_never_drops_silently_on_generated_files():
    assert_never_raises_nor_drops(generated_files(), 1000)


def test_twin_reader_survives_garbage():
    rng = random.Random(SEED)
    for _ in range(300):
        text = rng.randbytes(rng.randrange(0, 400)).decode("utf-8", errors="replace")
        digest = parse_jsonl(text + '\n{"id": "2501.00001", "authors": "A, B", "AI": [1]}\n[]\n')
        assert digest.entries and all(d.code == "bad_json_line" for d in digest.diagnostics)


@pytest.mark.parametrize("data", [
    b"", b"\n" * 100_000, b"#" * 1_000_000, b"### [" * 100_000, b"*" * 500_000, b"<details>" * 10_000,
    b"> " * 300_000, b"- [" * 200_000, ("### [t](https://arxiv.org/abs/2501.00001)\n*a*\n" * 20_000).encode(),
])
def test_pathological_shapes_finish(data: bytes):
    digest = parse_digest_bytes(data)
    assert digest.entries or digest.diagnostics
