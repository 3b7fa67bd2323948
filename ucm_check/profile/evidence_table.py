"""The shape of a profile's ``[evidence]`` table, checked while the profile is read.

Kept apart from :mod:`ucm_check.ci.evidence` (which checks the files on disk and needs a read profile) so that
:mod:`ucm_check.profile.reading` can validate the table without the two modules importing each other.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any, Callable

import attrs

from ucm_check.model import Standard
from ucm_check.files.archive import canonical_key
from ucm_check.files.inputs import show, suggest, type_name

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
            err((code,), f"evidence.{code} 应为非空数组，如 [\"佐证/文件.pdf\"]，实际为{type_name(items)} {show(items)}")
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
                    err((code,), f"evidence.{code} 第 {i + 1} 项的 sha256 应为 64 位小写十六进制，实际为 {show(sha)}")
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
            twin = next((e.path for e in found if canonical_key(e.path) == canonical_key(path)), None)
            if twin is not None:
                same = "重复列出" if twin == path else f"与 “{twin}” 是同一个文件（./、//、大小写或 Unicode 写法不同）"
                err((code,), f"evidence.{code} 中 “{path}” {same}")
                continue
            found.append(Entry(code, path, sha, i))
        entries[code] = tuple(found)
    return entries
