"""The audit log: one JSON line per event (who, what, which file, when), appended by the server
and by every session process to ``.ucm-serve/audit.jsonl`` in the served folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ucm_check.web import STATE_DIR


def audit_path(folder: str | os.PathLike) -> Path:
    """Where the audit log of ``folder`` is kept."""
    return Path(folder) / STATE_DIR / "audit.jsonl"


class Audit:
    """Append-only JSON lines through structlog; each line is written and flushed at once."""

    def __init__(self, path: Path, **bound: Any) -> None:
        import structlog

        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._file = open(path, "a", encoding="utf-8", buffering=1)
        self._log = structlog.wrap_logger(
            structlog.WriteLogger(self._file),
            processors=[structlog.processors.TimeStamper(fmt="iso", utc=True, key="time"),
                        structlog.processors.JSONRenderer(ensure_ascii=False)],
        ).bind(**bound)

    def __call__(self, event: str, **fields: Any) -> None:
        """Record ``event`` with ``fields`` (user, file, ...)."""
        self._log.msg(event, **fields)

    def close(self) -> None:
        self._file.close()
