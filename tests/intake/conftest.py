"""Fixtures for the receiving office: the bundled Hunan roster and a CLI runner."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import ROOT
from ucm_check.cli import main

ROSTER = ROOT / "rosters" / "hunan-2020.toml"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run ``ucm-check`` in-process; (exit code, stdout, stderr)."""
    code = main(["--log-level", "error", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def cli(*argv: str) -> tuple[int, str, str]:
    """Run ``ucm-check`` in-process without pytest's capsys (for module-scoped fixtures)."""
    import contextlib
    import io

    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--log-level", "error", *argv])
        out.flush()
        err.flush()
    return code, out.buffer.getvalue().decode("utf-8"), err.buffer.getvalue().decode("utf-8")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
