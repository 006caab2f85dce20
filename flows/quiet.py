"""Keep Prefect from printing a traceback for failures the CLI itself reports in one line (a busy warehouse,
nothing published yet)."""

from __future__ import annotations

import logging

_EXPECTED = ("WarehouseBusy", "NothingPublished")


class ExpectedFailureFilter(logging.Filter):
    """Drops flow-engine log records about an expected failure; everything else passes."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if exc is not None and type(exc).__name__ in _EXPECTED:
            return False
        return not any(name in record.getMessage() for name in _EXPECTED)


def quiet_expected_failures() -> None:
    """Install the filter on the loggers the flow engine reports failures on (idempotent)."""
    for name in ("prefect.flow_runs", "prefect.task_runs"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, ExpectedFailureFilter) for f in logger.filters):
            logger.addFilter(ExpectedFailureFilter())
