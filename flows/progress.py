"""A progress hook the CLI sets and flows call, so a rich progress bar can follow a flow run."""

from __future__ import annotations

from typing import Callable

_hook: Callable[[int, int], None] | None = None


def set_progress_hook(hook: Callable[[int, int], None] | None) -> None:
    global _hook
    _hook = hook


def report_progress(done: int, total: int) -> None:
    if _hook is not None:
        _hook(done, total)
