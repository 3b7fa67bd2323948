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
import re
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Mapping

import attrs

from ucm_check.model import Standard
from ucm_check.profile import Profile, ProfileError

_HEX = re.compile(r"^[0-9a-f]{64}$")
_DRIVE = re.compile(r"^[A-Za-z]:")


@attrs.frozen
class Entry:
    """One evidence file for one rule."""

    rule: str
    path: str
    """Relative POSIX path inside the submission folder."""
    sha256: str = ""
    """Recorded hash (lower-case hex); empty when not recorded yet."""
    index: int = 0
    """Position in the rule's array."""


def path_problem(path: str) -> str:
    """Why ``path`` cannot name a file inside the submission folder, or ``""``."""
    if not path.strip():
        return "路径为空"
    if "\\" in path:
        return f"路径 “{path}” 含反斜杠 “\\”；请用 “/” 分隔目录"
    if path.startswith("/") or _DRIVE.match(path):
        return f"路径 “{path}” 是绝对路径；应写相对于档案所在目录（提交目录）的路径"
    if ".." in PurePosixPath(path).parts:
        return f"路径 “{path}” 含 “..”，指向提交目录之外"
    return ""


def validate_table(body: Any, standard: Standard, err: Callable[[tuple[str, ...], str], None]) -> dict[str, tuple[Entry, ...]]:
    """Check the ``[evidence]`` table's shape; report each problem through ``err(key path, message)``."""
    from ucm_check.profile import suggest, type_name

    if not isinstance(body, dict):
        err((), f"evidence 应为表 [evidence]（规则编号 = [佐证文件路径, ...]），实际为{type_name(body)}")
        return {}
    codes = [r.code for a in standard.areas for r in a.rules]
    entries: dict[str, tuple[Entry, ...]] = {}
    for code, items in body.items():
        if code not in codes:
            err((code,), f"[evidence] 中的 “{code}” 不是 {standard.id} 的规则编号{suggest(code, codes)}")
            continue
        if not isinstance(items, list) or not items:
            err((code,), f"evidence.{code} 应为非空数组，如 [\"佐证/文件.pdf\"]，实际为{type_name(items)} {items!r}")
            continue
        found: list[Entry] = []
        for i, item in enumerate(items):
            sha = ""
            if isinstance(item, dict):
                unknown = [k for k in item if k not in ("path", "sha256", "title")]
                if unknown:
                    err((code,), f"evidence.{code} 第 {i + 1} 项有未知字段 “{unknown[0]}”；可用：path、sha256、title")
                    continue
                path, sha = item.get("path"), item.get("sha256", "")
                if "sha256" in item and (not isinstance(sha, str) or not _HEX.match(sha)):
                    err((code,), f"evidence.{code} 第 {i + 1} 项的 sha256 应为 64 位小写十六进制，实际为 {sha!r}")
                    continue
            else:
                path = item
            if not isinstance(path, str):
                err((code,), f"evidence.{code} 第 {i + 1} 项应为路径字符串或 {{ path = \"…\", sha256 = \"…\" }}，实际为{type_name(path)}")
                continue
            problem = path_problem(path)
            if problem:
                err((code,), f"evidence.{code} 第 {i + 1} 项：{problem}")
                continue
            if any(e.path == path for e in found):
                err((code,), f"evidence.{code} 中 “{path}” 重复列出")
                continue
            found.append(Entry(code, path, sha, i))
        entries[code] = tuple(found)
    return entries


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
    from ucm_check.locate import locate

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
