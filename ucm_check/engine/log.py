"""Structured logging to stderr, configured once and imported lazily.

structlog (with rich behind it) costs ~80 ms to import, more than a whole cold ``ucm-check check``;
so events below the configured level return before structlog is imported. Console rendering when
stderr is a terminal, JSON lines otherwise or with ``--log-format json``. Reports go to stdout only.
"""

from __future__ import annotations

import sys
from typing import Any

LEVELS = {"debug": 10, "info": 20, "warning": 30, "error": 40}
_state: dict[str, Any] = {"level": LEVELS["warning"], "format": "auto", "logger": None}


def configure(level: str = "warning", fmt: str = "auto") -> None:
    """Set the threshold (``debug``/``info``/``warning``/``error``) and ``auto``/``json``/``console``."""
    _state.update(level=LEVELS[level], format=fmt, logger=None)


def _logger() -> Any:
    if _state["logger"] is None:
        import structlog

        json_out = _state["format"] == "json" or (_state["format"] == "auto" and not sys.stderr.isatty())
        renderer = structlog.processors.JSONRenderer(ensure_ascii=False) if json_out else structlog.dev.ConsoleRenderer()
        structlog.configure(
            processors=[
                structlog.processors.add_log_level,
                structlog.processors.TimeStamper(fmt="iso", utc=True),
                renderer,
            ],
            logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
            cache_logger_on_first_use=False,
        )
        _state["logger"] = structlog.get_logger()
    return _state["logger"]


def _emit(level: str, event: str, **kw: Any) -> None:
    if LEVELS[level] >= _state["level"]:
        getattr(_logger(), level)(event, **kw)


def debug(event: str, **kw: Any) -> None:
    _emit("debug", event, **kw)


def info(event: str, **kw: Any) -> None:
    _emit("info", event, **kw)


def warning(event: str, **kw: Any) -> None:
    _emit("warning", event, **kw)


def error(event: str, **kw: Any) -> None:
    _emit("error", event, **kw)
