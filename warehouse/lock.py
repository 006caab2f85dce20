"""The single-writer lock: two pipeline runs never write one warehouse at once."""

from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


class WarehouseBusy(RuntimeError):
    """Another run holds the writer lock for longer than we were willing to wait (CLI exit code 3)."""


@contextmanager
def writer_lock(path: Path, *, wait_seconds: float = 60.0, poll: float = 0.2) -> Iterator[None]:
    """Hold an exclusive lock on `path` for the block; wait at most `wait_seconds`, then raise WarehouseBusy.

    The lock is an OS file lock, so a run killed with SIGKILL releases it at once.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + max(wait_seconds, 0.0)
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = Path(path).read_text(errors="replace").strip() or "another run"
                    raise WarehouseBusy(
                        f"the warehouse at {path.parent} is being written by {holder}; "
                        f"gave up after {wait_seconds:g}s (raise --wait or retry later)"
                    ) from None
                time.sleep(poll)
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}".encode())
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the flock
