"""Evidence (佐证材料) listed in a profile, per rule, and its verification on disk.

In the profile::

    [evidence]
    HN-01-1 = ["佐证/党支部成立批复.pdf"]
    HN-05-2 = [{ path = "佐证/公示截图.png", sha256 = "9f86d0…" }]

Paths are relative to the profile's folder (the submission folder), written with ``/``. A file must
stay inside that folder: no absolute path, no ``..``, no symbolic link leading out of it.
``ucm-check verify --record`` writes each file's SHA-256 into the profile; later runs check it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Mapping

import attrs

from ucm_check.profile.evidence_table import Entry, path_problem
from ucm_check.model import Standard
from ucm_check.profile.reading import Profile, ProfileError


def entries(profile: Profile, standard: Standard | None = None) -> dict[str, tuple[Entry, ...]]:
    """The evidence entries of a validated profile, by rule code."""
    body = profile.extra.get("evidence")
    if not body:
        return {}
    out: dict[str, tuple[Entry, ...]] = {}
    for code, items in body.items():
        out[code] = tuple(
            Entry(code, item["path"], item.get("sha256", ""), i) if isinstance(item, dict) else Entry(code, item, "", i)
            for i, item in enumerate(items)
        )
    return out


def sha256_file(path: str | Path) -> str:
    """SHA-256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@attrs.frozen
class Checked:
    """An evidence entry after looking at the disk."""

    entry: Entry
    real: str = ""
    """Resolved absolute path when the file is usable."""
    sha256: str = ""
    """Actual hash when the file is usable."""
    problem: str = ""
    """Why it is not usable or does not match, in Chinese; empty when fine."""
    warning: str = ""


def inside(folder: str, path: str) -> str:
    """The real path of ``path`` (relative to ``folder``) if it stays inside ``folder``, else ``""``."""
    root = os.path.realpath(folder)
    real = os.path.realpath(os.path.join(root, path))
    return real if real == root or real.startswith(root.rstrip(os.sep) + os.sep) else ""


def check_entry(folder: str, entry: Entry) -> Checked:
    """Check one entry: inside the folder (links resolved), a regular file, hash as recorded."""
    problem = path_problem(entry.path)
    if problem:
        return Checked(entry, problem=problem)
    candidate = os.path.join(folder, entry.path)
    if not os.path.lexists(candidate):
        return Checked(entry, problem=f"佐证文件 “{entry.path}” 不存在")
    real = inside(folder, entry.path)
    if not real:
        return Checked(entry, problem=f"佐证文件 “{entry.path}” 经符号链接指向提交目录之外（{os.path.realpath(candidate)}）")
    if not os.path.isfile(real):
        return Checked(entry, problem=f"佐证 “{entry.path}” 不是普通文件")
    actual = sha256_file(real)
    if entry.sha256 and entry.sha256 != actual:
        return Checked(entry, real, actual, problem=f"佐证文件 “{entry.path}” 的 SHA-256 与档案记录不符"
                                                     f"（记录 {entry.sha256[:12]}…，实际 {actual[:12]}…）：文件在记录后被改动")
    warning = "" if entry.sha256 else f"佐证文件 “{entry.path}” 尚未记录 SHA-256（用 ucm-check verify --record 记录）"
    return Checked(entry, real, actual, warning=warning)


def check_profile(profile: Profile) -> list[Checked]:
    """Check every evidence entry of ``profile`` against the files beside it."""
    folder = os.path.dirname(os.path.abspath(profile.file))
    return [check_entry(folder, e) for items in entries(profile).values() for e in items]


def position(profile: Profile, rule: str) -> tuple[int, int]:
    """Line and column of ``rule``'s key in the profile's ``[evidence]`` table."""
    from ucm_check.files.locate import locate

    return locate(profile.text, ("evidence", rule))


def record(profile: Profile, hashes: Mapping[tuple[str, int], str]) -> str:
    """The profile's text with each ``(rule, index)`` entry's SHA-256 written in; comments kept."""
    import tomlkit

    doc = tomlkit.parse(profile.text)
    table = doc["evidence"]
    for (rule, index), sha in sorted(hashes.items()):
        items = table[rule]
        item = items[index]
        if isinstance(item, str):
            inline = tomlkit.inline_table()
            inline.update({"path": str(item), "sha256": sha})
            items[index] = inline
        else:
            item["sha256"] = sha
    return tomlkit.dumps(doc)


def errors_for(profile: Profile, checked: list[Checked]) -> tuple[list[ProfileError], list[ProfileError]]:
    """Problems (errors) and warnings as located messages."""
    errs, warns = [], []
    for c in checked:
        line, col = position(profile, c.entry.rule)
        if c.problem:
            errs.append(ProfileError(profile.file, line, col, f"evidence.{c.entry.rule}：{c.problem}"))
        elif c.warning:
            warns.append(ProfileError(profile.file, line, col, f"evidence.{c.entry.rule}：{c.warning}"))
    return errs, warns
