"""Batch checking: expand files, folders and globs; check profiles one at a time; turn each into an
:class:`Outcome` (gates, located issues, a summary row) that the report writers consume and drop.

Only the small :class:`Row` of each profile outlives its turn, so memory stays flat over thousands
of profiles. A file that cannot be read or validated becomes an outcome with errors; the rest go on.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from typing import Any, Container, Iterable, Iterator, TextIO

from ucm_check.profile.checking import check_file
from ucm_check.engine.host import Host
from ucm_check.ci.policy import GateResult, Policy
from ucm_check.profile.reading import ProfileError
from ucm_check.ci.outcome import Outcome, row_for

PLAN_SUFFIX = ".plan.toml"


def expand(targets: Iterable[str]) -> tuple[list[str], list[ProfileError]]:
    """Profile paths from files, folders (every ``*.toml`` below, rectification plans excluded) and
    glob patterns (for shells and CI files that pass them quoted), in order, without duplicates."""
    paths: list[str] = []
    errors: list[ProfileError] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            paths.append(path)

    for target in targets:
        if os.path.isdir(target):
            found = sorted(
                os.path.join(root, name)
                for root, dirs, files in os.walk(target)
                if not any(part.startswith(".") for part in os.path.relpath(root, target).split(os.sep) if part != ".")
                for name in files
                if name.endswith(".toml") and not name.endswith(PLAN_SUFFIX)
            )
            if not found:
                errors.append(ProfileError(target, 0, 0, "目录中没有 .toml 自评档案"))
            for path in found:
                add(path)
        elif not os.path.exists(target) and any(ch in target for ch in "*?["):
            import glob

            found = sorted(p for p in glob.glob(target, recursive=True)
                           if p.endswith(".toml") and not p.endswith(PLAN_SUFFIX) and os.path.isfile(p))
            if not found:
                errors.append(ProfileError(target, 0, 0, "通配符没有匹配到任何 .toml 自评档案"))
            for path in found:
                add(path)
        else:
            add(target)  # a missing file is reported by check_file, with the others still checked
    return paths, errors


def standards_used(paths: Iterable[str], wanted: Container[str] | None = None) -> dict[str, list[str]]:
    """Standard id -> the profiles naming it in ``[unit] standard`` (files that cannot be read are
    left out: checking reports them). Read only when a policy's score gates must be vetted.

    With ``wanted`` (the standards that matter), a file whose head plainly names another standard
    is left out after reading its first few KB, without a TOML parse: the batch that follows parses
    every file once, and this pre-pass should not parse them all a second time."""
    import tomli

    from ucm_check.profile.reading import InvalidFile, read_text

    used: dict[str, list[str]] = {}
    for path in paths:
        if wanted is not None:
            named = _head_standard(path)
            if named is not None and named not in wanted:
                continue
        try:
            unit = tomli.loads(read_text(path)).get("unit")
        except (InvalidFile, tomli.TOMLDecodeError, RecursionError, ValueError):
            continue
        sid = unit.get("standard") if isinstance(unit, dict) else None
        if isinstance(sid, str):
            used.setdefault(sid, []).append(path)
    return used


_TABLE = re.compile(r"^\s*\[")
_UNIT = re.compile(r"^\s*\[\s*unit\s*\]\s*(#.*)?$")
_STANDARD = re.compile(r"""^\s*standard\s*=\s*(?:"([^"\\]*)"|'([^']*)')\s*(#.*)?$""")


def _head_standard(path: str, size: int = 8192) -> str | None:
    """The ``standard`` of a ``[unit]`` table written plainly (a header line, then ``standard =
    "id"`` on one line) within the first ``size`` bytes; None when anything is less plain
    (multi-line strings, dotted or inline tables, escapes, no ``[unit]`` there): then parse."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(size)
        text = head.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    if '"""' in text or "'''" in text:
        return None
    lines = text.splitlines()
    if len(head) == size:
        lines = lines[:-1]  # maybe cut short
    found: list[str] = []
    inside = closed = False
    for line in lines:
        if _TABLE.match(line):
            if inside:
                closed = True
                break
            inside = bool(_UNIT.match(line))
            continue
        if inside and re.match(r"^\s*standard\s*[=.]", line):
            match = _STANDARD.match(line)
            if match is None:
                return None
            found.append(match.group(1) if match.group(1) is not None else match.group(2))
    if not (closed or len(head) < size) or len(found) != 1 or "unit." in text or "unit =" in text:
        return None
    return found[0]


class Progress:
    """``检查 12/300 path`` rewritten in place on stderr; silent unless stderr is a terminal."""

    def __init__(self, total: int, stream: TextIO | None = None, *, enabled: bool | None = None):
        self.stream = stream or sys.stderr
        self.total = total
        self.enabled = (self.stream.isatty() and total > 1) if enabled is None else enabled
        self.step = max(total // 200, 1)

    def update(self, done: int, path: str) -> None:
        if self.enabled and (done % self.step == 0 or done == self.total):
            self.stream.write(f"\r\x1b[K检查 {done}/{self.total} {os.path.basename(path)}")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def outcomes(paths: list[str], host: Host, *, as_of: dt.date, policy: Policy | None,
             progress: Progress | None = None) -> Iterator[Outcome]:
    """Check ``paths`` one by one, yielding each :class:`Outcome` as soon as it is ready."""
    from ucm_check.engine import log

    for done, path in enumerate(paths, start=1):
        checked = check_file(path, host, as_of=as_of)
        gates: list[GateResult] = []
        extra: list[ProfileError] = []
        if checked.result is not None and policy is not None:
            overdue: list[Any] = []
            if policy.max_overdue is not None:
                from ucm_check.ci.policy import overdue_items

                overdue, extra = overdue_items(path, as_of)
            ev: dict[str, Any] = {}
            if policy.evidence_required and checked.profile is not None:
                from ucm_check.ci.evidence import entries

                ev = entries(checked.profile)
            gates = [] if extra else policy.evaluate(checked.result, evidence=ev, overdue=overdue)
        log.debug("ucm_check.profile_checked", file=path, valid=checked.result is not None,
                  gates_failed=[g.gate for g in gates if not g.passed])
        if progress is not None:
            progress.update(done, path)
        yield Outcome(checked, gates, row_for(checked, gates), policy=policy, extra_errors=extra)
