"""A fast scan of installed entry points for one group.

``importlib.metadata`` costs ~25 ms to import and walks every distribution's metadata; ucm-check's
cold start budget is a few tens of milliseconds, so it reads ``entry_points.txt`` files itself. The
format is the documented INI-like one: ``[group]`` headers, then ``name = module[:attr]`` lines.
"""

from __future__ import annotations

import os
import sys

import attrs


@attrs.frozen
class EntryPoint:
    """One ``name = value`` line of an entry-point group, with the distribution that declares it."""

    name: str
    value: str
    dist: str
    """Distribution name."""
    version: str
    """Distribution version, from the ``.dist-info`` folder name."""

    @property
    def module(self) -> str:
        return self.value.partition(":")[0].strip()

    @property
    def attr(self) -> str:
        return self.value.partition(":")[2].strip()


def _parse(text: str, group: str) -> list[tuple[str, str]]:
    found, current = [], None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
        elif current == group and "=" in line:
            name, _, value = line.partition("=")
            found.append((name.strip(), value.strip()))
    return found


def scan(group: str, path: list[str] | None = None) -> list[EntryPoint]:
    """Every entry point of ``group`` on ``path`` (default ``sys.path``), first distribution wins."""
    found: list[EntryPoint] = []
    seen: set[str] = set()
    for entry in path if path is not None else sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in sorted(names):
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            stem = name.rsplit(".", 1)[0]
            dist, _, version = stem.partition("-")
            key = dist.lower().replace("-", "_")
            if key in seen:
                continue
            seen.add(key)
            try:
                with open(os.path.join(entry or ".", name, "entry_points.txt"), encoding="utf-8") as fh:
                    text = fh.read()
            except OSError:
                continue
            if f"[{group}]" not in text:
                continue
            found.extend(EntryPoint(n, v, dist, version) for n, v in _parse(text, group))
    return found
