"""The province packs in ``plugins/``, loaded in tests as if installed, without touching the environment.

In-process: :func:`pack_host` imports the packs' entry-point modules from their folders. For the
command line (a real ``ucm-check`` in a subprocess): :func:`cli_env` writes a ``*.dist-info`` folder
with each pack's ``entry_points.txt`` and puts it and the pack folders on ``PYTHONPATH``, so
``importlib.metadata`` discovers the packs exactly as after ``pip install ./plugins/...``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from ucm_check.engine.host import Host, build_host

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = ROOT / "plugins"
#: Folder name in plugins/ -> distribution name, for the packs that ship their own standard.
PACKS = ("henan2021", "localnorms", "citycapacity")


def _entry_points(pack: str) -> tuple[str, dict[str, str]]:
    data = tomllib.loads((PLUGINS / pack / "pyproject.toml").read_text(encoding="utf-8"))
    return data["project"]["name"], dict(data["project"]["entry-points"]["ucm_check"])


def available() -> list[str]:
    """The packs present in this tree."""
    return [p for p in PACKS if (PLUGINS / p / "pyproject.toml").is_file()]


def pack_host() -> Host:
    """A host with the builtin plugins and every pack of this tree (no installed entry points)."""
    modules = [pair for pack in available() for pair in _entry_points(pack)[1].items()]
    folders = [str(PLUGINS / p) for p in available()]
    sys.path[:0] = folders
    try:
        host = build_host(entry_points=False, modules=modules)
    finally:
        del sys.path[:len(folders)]
    assert not host.errors, host.errors
    return host


def cli_env(folder: Path) -> dict[str, str]:
    """Environment for a ``ucm-check`` subprocess that sees the packs as installed distributions."""
    site = folder / "site"
    for pack in available():
        name, points = _entry_points(pack)
        info = site / f"{name.replace('-', '_')}-0.0.0.dist-info"
        info.mkdir(parents=True, exist_ok=True)
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.0.0\n", encoding="utf-8")
        lines = ["[ucm_check]", *(f"{k} = {v}" for k, v in points.items()), ""]
        (info / "entry_points.txt").write_text("\n".join(lines), encoding="utf-8")
    path = [str(site), *(str(PLUGINS / p) for p in available()), str(ROOT)]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(path), LANG="C.UTF-8")
    env.pop("UCM_CHECK_DISABLE_PLUGINS", None)
    env.pop("UCM_CHECK_PLUGINS_DIR", None)
    return env


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``ucm-check ARGS`` in a subprocess, as a user types it; text output."""
    return subprocess.run([sys.executable, "-m", "ucm_check", *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=cwd, check=False)
