"""The compiled-standard cache: what building the plugin host found, kept for the next run.

A cold ``ucm-check`` spends most of its own time scanning installed entry points, importing every
plugin module, registering it with pluggy and assembling the standards. One file in the user cache
folder (:mod:`ucm_check.engine.stamps` finds it and computes the key; :data:`OFF_ENV` or ``--no-cache`` turns it off)
keeps the result: the entry points, each plugin's name, version, source and hooks, and the
assembled standards pickled. The next run unpickles the standards (which imports ``ucm_check.model``
and ``ucm_check.shapes``, and a plugin module only where it defines a class or function a rule
holds, so every rule is still evaluated by its plugin's own code) and imports the other plugins
only when a hook they implement is called.

The file is used only when its key (:func:`ucm_check.engine.stamps.key`) and the stamps of every
file of ucm-check and of the plugins' packages match this run. A file that is unreadable, corrupt, of another format, not owned by the user or writable by others
is ignored (a ``debug`` log line says why) and rewritten. A host with plugin errors is not cached.
Writes go to a temporary file renamed over the old one, so two processes writing at once leave
one whole file.
"""

from __future__ import annotations

import json
import os
import pickle
import time
from typing import TYPE_CHECKING, Any, Iterable

from ucm_check.engine import host as host_module
from ucm_check.engine import log
from ucm_check.engine.guard import is_plugin_failure, plugin_code
from ucm_check.engine.host import Host, PluginInfo, load_plugins, plugin_options, scan_entry_points
from ucm_check.engine.stamps import cache_file, file_stamps, key, roots, unpacks_itself
from ucm_check.model import Standard

if TYPE_CHECKING:
    from ucm_check.engine.entrypoints import EntryPoint

OFF_ENV = "UCM_CHECK_NO_CACHE"
"""Set (to anything but ``0``) to build the host from the plugins every run (as ``--no-cache``)."""
MAGIC = b"ucm-check compiled standard\n"


def build_host(*, entry_points: bool = True, disabled: Iterable[str] = (), plugin_dirs: Iterable[str] = (),
               environment: bool = False, cache: bool = True) -> Host:
    """:func:`ucm_check.engine.host.build_host` for the command line: from the cache when it is
    valid, else built and saved. A run with plugin folders (loose files), ``cache`` false,
    :data:`OFF_ENV` set or a one-file frozen program builds the host from the plugins and leaves the
    cache alone."""
    skip, dirs = plugin_options(disabled, plugin_dirs, environment)
    if not cache or dirs or os.environ.get(OFF_ENV, "").strip() not in ("", "0") or unpacks_itself():
        return host_module.build_host(entry_points=entry_points, disabled=disabled, plugin_dirs=plugin_dirs,
                                      environment=environment)
    return cached_host(entry_points, skip)


def cached_host(entry_points: bool, skip: set[str]) -> Host:
    """The host from the cache when it is valid; else one built as usual and saved for next time."""
    expected = key(entry_points, skip)
    found: Host | None = None
    try:
        path = cache_file(entry_points, skip)
    except Exception as exc:  # no home folder platformdirs can name: run without a cache
        log.debug("ucm_check.cache_unavailable", reason=f"{type(exc).__name__}: {exc}")
        path = ""
    if path:
        try:
            found = _read(path, expected, skip)
        except Exception as exc:  # whatever a damaged file does, the run goes on without it
            log.debug("ucm_check.cache_ignored", file=path, reason=f"{type(exc).__name__}: {exc}")
    if found is not None:
        log.debug("ucm_check.cache_used", file=path)
        return found
    host = Host()
    points = scan_entry_points() if entry_points else []
    load_plugins(host, points, skip)
    if path:
        try:
            _write(path, expected, host, points)
        except Exception as exc:  # e.g. a package folder vanishing mid-scan: this run just keeps no cache
            log.debug("ucm_check.cache_not_written", file=path, reason=f"{type(exc).__name__}: {exc}")
    return host


def _read(path: str, expected: list[Any], skip: set[str]) -> Host | None:
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
                log.debug("ucm_check.cache_ignored", file=path, reason="not the user's own file")
                return None
            data = fh.read()
    except FileNotFoundError:
        log.debug("ucm_check.cache_missing", file=path)
        return None
    except OSError as exc:  # a folder in the way, no permission
        log.debug("ucm_check.cache_ignored", file=path, reason=f"{type(exc).__name__}: {exc.strerror}")
        return None
    if not data.startswith(MAGIC):
        log.debug("ucm_check.cache_ignored", file=path, reason="not a ucm-check cache file")
        return None
    end = data.index(b"\n", len(MAGIC))
    header = json.loads(data[len(MAGIC):end])
    if header.get("key") != expected:
        log.debug("ucm_check.cache_stale", file=path, reason="interpreter, sys.path or installed packages changed")
        return None
    if file_stamps(header["roots"]) != header["files"]:
        log.debug("ucm_check.cache_stale", file=path, reason="a module of ucm-check or of a plugin changed")
        return None
    try:
        with plugin_code():
            standards = pickle.loads(data[end + 1:])
    except BaseException as exc:  # a plugin module imported while unpickling may fail or exit
        if not is_plugin_failure(exc):
            raise
        log.debug("ucm_check.cache_ignored", file=path, reason=f"{type(exc).__name__}: {exc}")
        return None
    if not isinstance(standards, dict) or not all(isinstance(s, Standard) for s in standards.values()):
        log.debug("ucm_check.cache_ignored", file=path, reason="unexpected content")
        return None
    return _restore(header, standards, skip)


def _restore(header: dict[str, Any], standards: dict[str, Standard], skip: set[str]) -> Host:
    host = Host()
    owners: dict[str, list[str]] = {}
    for name, module, version, source, hooks in header["plugins"]:
        host.plugins[name] = PluginInfo(name, module, version, source, hooks=list(hooks))
        for hook in hooks:
            owners.setdefault(hook, []).append(name)
    host.disabled = list(header["disabled"])
    host.standard_plugin = dict(header["standard_plugin"])
    host.area_plugin = {(sid, aid): plugin for sid, aid, plugin in header["area_plugin"]}
    host.use_cached(standards)
    points = header["points"]

    def load(h: Host) -> None:
        from ucm_check.engine.entrypoints import EntryPoint

        h.plugins.clear()
        h.disabled.clear()
        load_plugins(h, [EntryPoint(*p) for p in points], skip)

    host.deferred, host.hook_owners = load, owners
    return host


def _write(path: str, expected: list[Any], host: Host, points: list[EntryPoint]) -> None:
    standards = host.standards
    if host.errors:
        log.debug("ucm_check.cache_skipped", file=path, reason="a plugin failed")
        return
    try:
        blob = pickle.dumps(standards, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # a rule holding something pickle cannot name (a lambda, a local class)
        log.debug("ucm_check.cache_skipped", file=path, reason=f"{type(exc).__name__}: {exc}")
        return
    folders = roots(host)
    header = {
        "key": expected,
        "roots": folders,
        "files": file_stamps(folders),
        "points": [[p.name, p.value, p.dist, p.version] for p in points],
        "plugins": [[i.name, i.module, i.version, i.source, i.hooks] for i in host.plugins.values()],
        "disabled": host.disabled,
        "standard_plugin": host.standard_plugin,
        "area_plugin": [[sid, aid, plugin] for (sid, aid), plugin in host.area_plugin.items()],
    }
    data = MAGIC + json.dumps(header, ensure_ascii=True).encode("ascii") + b"\n" + blob
    tmp = f"{path}.{os.getpid()}.{time.monotonic_ns()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only or full disk: the run needs no cache
        log.debug("ucm_check.cache_not_written", file=path, reason=f"{type(exc).__name__}: {exc}")
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return
    log.debug("ucm_check.cache_written", file=path)
    prune(os.path.dirname(path))


KEEP_DAYS = 60
"""A cache file no run has rewritten for this long belongs to a removed virtualenv or an old option set."""


def prune(where: str) -> None:
    """Remove from the cache folder what nothing will read again: cache files older than
    :data:`KEEP_DAYS` and temporary files a killed run left over an hour ago. Runs only after a
    write (a rebuild), so a run from the cache never pays for it."""
    now = time.time()
    try:
        with os.scandir(where) as entries:
            for e in entries:
                age = now - e.stat(follow_symlinks=False).st_mtime
                old_cache = e.name.endswith(".cache") and age > KEEP_DAYS * 86400
                if e.name.startswith("standard-") and (old_cache or (e.name.endswith(".tmp") and age > 3600)):
                    os.unlink(e.path)
    except OSError as exc:  # another run pruned the same file first, or the folder went away
        log.debug("ucm_check.cache_prune_stopped", folder=where, reason=f"{type(exc).__name__}: {exc}")
