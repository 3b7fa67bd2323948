"""What the compiled-standard cache (:mod:`ucm_check.engine.cache`) is keyed by, and where it lives.

Installing, upgrading or removing a distribution changes the folder it goes into, so the
modification time of every ``sys.path`` folder stands for the installed packages and their entry
points; the modification time and size of every file of ucm-check and of each plugin's package
stand for their code and data. The current folder is left out (``python -m`` puts it on
``sys.path``, and saving a report there changes it).
"""

from __future__ import annotations

import binascii
import os
import sys
from typing import Any

from ucm_check import __version__
from ucm_check.engine import host as host_module
from ucm_check.engine.host import Host

FORMAT = 1
"""Bumped whenever the cache file's layout changes."""
DIR_ENV = "UCM_CHECK_CACHE_DIR"
"""A folder to keep the cache in instead of the user cache folder (tests point it at a tmp folder)."""


def folder() -> str:
    """Where the cache file lives: :data:`DIR_ENV`, else the user cache folder of ``ucm-check``."""
    configured = os.environ.get(DIR_ENV, "").strip()
    if configured:
        return configured
    common = xdg_cache_folder()
    if common:
        return common
    import platformdirs

    return platformdirs.user_cache_dir("ucm-check", appauthor=False)


def xdg_cache_folder() -> str:
    """On Linux, platformdirs' answer in the usual cases (an absolute ``XDG_CACHE_HOME``, else an
    absolute ``HOME``) without importing it: platformdirs pulls in pathlib and urllib, about 5 ms, a
    tenth of a cached check. '' for anything else (Windows, macOS, an odd environment), where
    platformdirs decides; tests compare the two."""
    if not sys.platform.startswith("linux"):
        return ""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return os.path.join(xdg, "ucm-check")
    home = os.environ.get("HOME", "")
    return os.path.join(home, ".cache", "ucm-check") if os.path.isabs(home) else ""


def cache_file(entry_points: bool, skip: set[str]) -> str:
    """The cache file of this interpreter, ``sys.path`` and plugin options (one per virtualenv)."""
    ident = repr((sys.executable, search_path(), entry_points, sorted(skip))).encode("utf-8", "surrogatepass")
    digest = f"{binascii.crc32(ident):08x}{binascii.crc32(ident[::-1]):08x}"
    return os.path.join(folder(), f"standard-{digest}.cache")


def search_path() -> list[str]:
    """``sys.path`` with the current folder written as ``""``: ``python -m ucm_check`` puts the folder
    it runs in first, and runs from different folders share one cache."""
    here = os.getcwd()
    return ["" if entry in ("", here) or os.path.abspath(entry) == here else entry for entry in sys.path]


def path_stamps() -> list[Any]:
    """Each ``sys.path`` entry with its folder's modification time, except the current folder,
    whose time changes with every report saved there (a pack is not installed into it)."""
    stamps: list[Any] = []
    for entry in search_path():
        if not entry:
            stamps.append([entry, "cwd"])
            continue
        try:
            stamps.append([entry, os.stat(entry or ".").st_mtime_ns])
        except OSError:
            stamps.append([entry, None])
    return stamps


def file_stamps(roots: list[str]) -> list[Any]:
    """``[path, mtime_ns, size]`` of every file under ``roots`` (folders or single files) but
    bytecode: modules, and the data files a pack may read its rules from."""
    stamps: list[Any] = []
    for root in roots:
        if not os.path.isdir(root):
            try:
                st = os.stat(root)
                stamps.append([root, st.st_mtime_ns, st.st_size])
            except OSError:  # inside a zip or a frozen program's archive: its path stands for it
                stamps.append([root, None, None])
            continue
        pending = [root]
        while pending:
            with os.scandir(pending.pop()) as entries:
                for e in entries:
                    if e.is_dir(follow_symlinks=False):
                        if e.name != "__pycache__" and not e.name.startswith("."):
                            pending.append(e.path)
                    elif not e.name.endswith((".pyc", ".pyo")):
                        st = e.stat()
                        stamps.append([e.path, st.st_mtime_ns, st.st_size])
    stamps.sort()
    return stamps


def roots(host: Host) -> list[str]:
    """ucm-check's package folder and the package folder (or file) of every plugin module loaded."""
    roots = {os.path.dirname(os.path.abspath(sys.modules["ucm_check"].__file__ or ""))}
    for info in host.plugins.values():
        module = sys.modules.get(info.module.partition(".")[0])
        if module is None:
            continue
        where = getattr(module, "__file__", None)
        if where:
            roots.add(os.path.dirname(where) if os.path.basename(where) == "__init__.py" else where)
        else:  # a namespace package
            roots.update(getattr(module, "__path__", []))
    return sorted(os.path.abspath(r) for r in roots)


def frozen_program() -> list[Any] | None:
    """A frozen program's own file with its time and size, None when not frozen. Its modules live in
    an archive inside the executable, where no file stamp can see them: a new build installed over the
    old one (same version, same folder) must not be answered from the old build's cache."""
    if not getattr(sys, "frozen", False):
        return None
    st = os.stat(sys.executable)
    return [sys.executable, st.st_mtime_ns, st.st_size]


def unpacks_itself() -> bool:
    """True for a one-file frozen program: it unpacks itself into a new temporary folder on every start,
    so a cache keyed by its paths would never be used again, only pile up."""
    if not getattr(sys, "frozen", False):
        return False
    unpacked = os.path.abspath(getattr(sys, "_MEIPASS", ""))
    home = os.path.dirname(os.path.abspath(sys.executable))
    return os.path.commonpath([unpacked, home]) != home


def key(entry_points: bool, skip: set[str]) -> list[Any]:
    """What must be the same as when the cache was written (besides the file stamps): the file's
    format, ucm-check's version, the interpreter, :func:`path_stamps`, the builtin plugin modules,
    the plugin options and, for a frozen program, its executable's stamp."""
    return [FORMAT, __version__, sys.version, sys.executable, path_stamps(), list(host_module.DEFAULT_PLUGINS),
            entry_points, sorted(skip), frozen_program()]
