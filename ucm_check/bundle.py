"""A county's submission as one zip: profile, rectification plan, report (JSON and Markdown),
evidence files and ``MANIFEST.json`` with the SHA-256 of every other entry.

The same inputs give a byte-identical zip: entries sorted by name, every timestamp 1980-01-01,
permissions 0644, a fixed compression level, and a report with no clock in it (the assessment date
is an input: ``--as-of``). Paths inside the zip are the paths relative to the submission folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import PurePosixPath
from typing import Any, Mapping

import attrs

from ucm_check import __version__
from ucm_check.profile import ProfileError

MANIFEST = "MANIFEST.json"
REPORT_JSON = "ucm-check-report.json"
REPORT_MD = "ucm-check-report.md"
FORMAT = "ucm-check-bundle"
VERSION = 1
_EPOCH = (1980, 1, 1, 0, 0, 0)


class BundleError(Exception):
    """Raised with every problem that stops a bundle from being written or accepted."""

    def __init__(self, errors: list[ProfileError]):
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # unix, so external_attr carries the mode on every platform
    info.external_attr = 0o100644 << 16
    return info


def write_zip(path: str, files: Mapping[str, bytes]) -> None:
    """Write ``files`` (name -> content) deterministically and atomically."""
    from ucm_check.atomic import write_bytes

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name in sorted(files):
            zf.writestr(_entry(name), files[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    write_bytes(path, buffer.getvalue())


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest(files: Mapping[str, bytes], roles: Mapping[str, str], *, profile: str, plan: str | None,
             as_of: dt.date, unit: str) -> bytes:
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "tool": {"name": "ucm-check", "version": __version__},
        "unit": unit,
        "as_of": as_of.isoformat(),
        "profile": profile,
        "plan": plan,
        "files": [{"path": name, "role": roles[name], "size": len(files[name]), "sha256": sha256(files[name])}
                  for name in sorted(files)],
    }
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@attrs.define
class Contents:
    """What a bundle will hold, before it is written."""

    files: dict[str, bytes] = attrs.Factory(dict)
    roles: dict[str, str] = attrs.Factory(dict)

    def add(self, name: str, data: bytes, role: str, file: str) -> None:
        if name in self.files or name == MANIFEST:
            raise BundleError([ProfileError(file, 0, 0, f"打包时文件名冲突：“{name}” 出现两次（或与 {MANIFEST} 同名）")])
        self.files[name] = data
        self.roles[name] = role


def safe_name(name: str) -> str:
    """Why ``name`` is not a safe relative path inside a zip, or ``""``."""
    p = PurePosixPath(name)
    if not name or name.startswith("/") or "\\" in name or (len(name) > 1 and name[1] == ":"):
        return f"条目 “{name}” 是绝对路径或含反斜杠"
    if ".." in p.parts:
        return f"条目 “{name}” 含 “..”，会解压到目录之外"
    return ""


def read_manifest(zf: zipfile.ZipFile, file: str) -> tuple[dict[str, Any] | None, list[ProfileError]]:
    try:
        data = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except KeyError:
        return None, [ProfileError(file, 0, 0, f"压缩包中没有 {MANIFEST}：不是 ucm-check bundle 生成的提交包")]
    except (ValueError, UnicodeDecodeError) as exc:
        return None, [ProfileError(file, 0, 0, f"{MANIFEST} 不是有效的 JSON：{exc}")]
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("files"), list):
        return None, [ProfileError(file, 0, 0, f"{MANIFEST} 不是 ucm-check 提交包清单")]
    return data, []


def verify_zip(path: str) -> tuple[dict[str, Any] | None, dict[str, bytes], list[ProfileError]]:
    """Check a bundle: safe names, manifest present, every entry listed with the right size and hash,
    nothing unlisted. Returns (manifest, files, problems)."""
    problems: list[ProfileError] = []
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        return None, {}, [ProfileError(path, 0, 0, f"无法读取压缩包：{getattr(exc, 'strerror', None) or exc}")]
    with zf:
        names = zf.namelist()
        for name in names:
            bad = safe_name(name)
            if bad:
                problems.append(ProfileError(path, 0, 0, bad))
        if len(set(names)) != len(names):
            problems.append(ProfileError(path, 0, 0, "压缩包中有重名条目"))
        data, errs = read_manifest(zf, path)
        if data is None:
            return None, {}, problems + errs
        files: dict[str, bytes] = {}
        listed = set()
        for item in data["files"]:
            name = str(item.get("path", ""))
            listed.add(name)
            try:
                content = zf.read(name)
            except KeyError:
                problems.append(ProfileError(path, 0, 0, f"清单列出的 “{name}” 不在压缩包中"))
                continue
            except (zipfile.BadZipFile, OSError) as exc:
                problems.append(ProfileError(path, 0, 0, f"“{name}” 已损坏：{exc}"))
                continue
            if sha256(content) != item.get("sha256") or len(content) != item.get("size"):
                problems.append(ProfileError(path, 0, 0, f"“{name}” 的 SHA-256 与清单不符：打包后被改动"))
            files[name] = content
        for name in names:
            if name != MANIFEST and name not in listed:
                problems.append(ProfileError(path, 0, 0, f"“{name}” 不在清单中：打包后被加入"))
    return data, files, problems
