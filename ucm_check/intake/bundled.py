"""Files that ship with ucm-check and can be named without a path: the rosters (``--roster
hunan-2020``) and the example profiles.

A wheel carries them under ``ucm_check/bundled/`` (pyproject's force-include); an editable install
or a checkout finds them at the top of the repository (``rosters/``, ``profiles/``).
"""

from __future__ import annotations

import os
from pathlib import Path

KINDS = ("rosters", "profiles")


def bundled_dir(kind: str) -> Path | None:
    """The folder holding the bundled ``kind`` (``rosters`` or ``profiles``), or None."""
    package = Path(__file__).resolve().parent.parent
    for folder in (package / "bundled" / kind, package.parent / kind):
        if folder.is_dir():
            return folder
    return None


def bundled_names(kind: str) -> list[str]:
    """The bundled files of ``kind`` by name without ``.toml``, sorted."""
    folder = bundled_dir(kind)
    return sorted(p.stem for p in folder.glob("*.toml")) if folder else []


def resolve(kind: str, given: str) -> str:
    """``given`` itself when it is a file (or names a folder); else the bundled file it names
    (``hunan-2020`` or ``hunan-2020.toml``); else ``given`` unchanged for the reader to report."""
    if os.path.exists(given) or os.sep in given or (os.altsep and os.altsep in given):
        return given
    folder = bundled_dir(kind)
    if folder is None:
        return given
    name = given if given.endswith(".toml") else f"{given}.toml"
    candidate = folder / name
    return str(candidate) if candidate.is_file() else given
