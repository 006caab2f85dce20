"""Crash points, so the reliability tests can prove a run killed anywhere loses nothing.

`ARXIV_DIGEST_CRASH_AT=<point>:<n>` makes the n-th `crash_point("<point>")` of this process kill it with
SIGKILL (no cleanup, no `finally`, like a power cut or the OOM killer). Unset, a call is one comparison.

Points, in pipeline order: hash (one source fingerprinted), discover (all sources hashed), lake_temp (a temp file written, not yet renamed),
lake_write (one lake file in place), before_begin, after_delete and after_insert (per raw table),
after_conformed, before_commit, after_commit (old lake files not yet deleted), lake_remove (after each lake
file removed: garbage collection when a run opens the warehouse, old versions after a commit), record_run;
in `rebuild`: rebuild_insert (after each lake file read in), rebuild_swap (new database complete, not yet in place);
in `publish`: publish_table (after each table exported), publish_swap (version folder and new pointer written, not yet swapped).
in the search index: search_update (old documents deleted, new ones not yet inserted), search_commit (the
update complete, not yet committed), search_swap (a full build written, its pointer not yet swapped).
"""

from __future__ import annotations

import os
import signal

ENV = "ARXIV_DIGEST_CRASH_AT"


def _target(spec: str | None) -> tuple[str, int] | None:
    if not spec:
        return None
    point, _, nth = spec.partition(":")
    return point.strip(), int(nth or 1)


_TARGET = _target(os.environ.get(ENV))  # read once at import: production never sets it
_hits: dict[str, int] = {}


def crash_point(name: str) -> None:
    """Kill this process with SIGKILL if `name` is the configured point and this is its n-th hit."""
    if _TARGET is None or _TARGET[0] != name:
        return
    _hits[name] = _hits.get(name, 0) + 1
    if _hits[name] == _TARGET[1]:
        os.kill(os.getpid(), signal.SIGKILL)


def arm(spec: str | None) -> None:
    """Set (or with None clear) this process's crash point, as ARXIV_DIGEST_CRASH_AT would at start-up;
    for a process forked from one that has already imported this module."""
    global _TARGET
    _TARGET = _target(spec)
    _hits.clear()
