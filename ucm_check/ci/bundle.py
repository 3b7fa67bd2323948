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
from typing import Any, Mapping

import attrs

from ucm_check import __version__
from ucm_check.profile.reading import ProfileError

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
    from ucm_check.files.atomic import write_bytes

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
    """What a bundle will hold, before it is written. Names are stored canonical
    (:func:`ucm_check.files.archive.canonical`); two spellings of one name are refused."""

    files: dict[str, bytes] = attrs.Factory(dict)
    roles: dict[str, str] = attrs.Factory(dict)
    keys: dict[str, str] = attrs.Factory(dict)

    def add(self, name: str, data: bytes, role: str, file: str) -> None:
        from ucm_check.files.archive import canonical, canonical_key, name_problem

        bad = name_problem(name)
        if bad:
            raise BundleError([ProfileError(file, 0, 0, f"不能打包：{bad}；请改名后再打包")])
        name, key = canonical(name), canonical_key(name)
        if key in self.keys or key == MANIFEST.casefold():
            raise BundleError([ProfileError(file, 0, 0, f"打包时文件名冲突：“{name}” 与 “{self.keys.get(key, MANIFEST)}”"
                                                        "是同一个文件名（大小写、./ 或 Unicode 写法不同），解压后会互相覆盖")])
        self.keys[key] = name
        self.files[name] = data
        self.roles[name] = role

    def __contains__(self, name: str) -> bool:
        from ucm_check.files.archive import canonical_key

        return canonical_key(name) in self.keys


class Files(dict):
    """A bundle's files by canonical name; looking up any spelling of a name finds it."""

    def __getitem__(self, name: str) -> bytes:
        from ucm_check.files.archive import canonical

        return super().__getitem__(canonical(name))

    def __contains__(self, name: object) -> bool:
        from ucm_check.files.archive import canonical

        return isinstance(name, str) and super().__contains__(canonical(name))

    def get(self, name: str, default: Any = None) -> Any:
        return self[name] if name in self else default


MAX_MANIFEST = 4 * 1024 * 1024
"""Largest ``MANIFEST.json`` read: 10,000 files at about 200 bytes each, twice over."""
MAX_MANIFEST_ITEMS = 10_000
"""Most objects a manifest may hold (one per file, as :attr:`ucm_check.files.archive.Limits.entries`),
counted before parsing: a few megabytes of ``{}`` would otherwise become millions of objects."""


def read_manifest(archive: Any, file: str) -> tuple[dict[str, Any] | None, list[ProfileError]]:
    """The manifest of an opened :class:`~ucm_check.files.archive.Archive`, checked entry by entry."""
    from ucm_check.files.archive import ArchiveError
    from ucm_check.files.inputs import depth_problem

    try:
        raw = archive.read(MANIFEST, MAX_MANIFEST)
        if raw.count(b"{") + raw.count(b"[") > MAX_MANIFEST_ITEMS + 16:
            return None, [ProfileError(file, 0, 0, f"{MANIFEST} 的项目超过 {MAX_MANIFEST_ITEMS} 个（提交包最多 "
                                                   f"{MAX_MANIFEST_ITEMS} 个文件）：未解析")]
        data = json.loads(raw.decode("utf-8"))
    except KeyError:
        return None, [ProfileError(file, 0, 0, f"压缩包中没有 {MANIFEST}：不是 ucm-check bundle 生成的提交包")]
    except ArchiveError as exc:
        return None, [ProfileError(file, 0, 0, p) for p in exc.problems]
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None, [ProfileError(file, 0, 0, f"{MANIFEST} 不是有效的 UTF-8 JSON")]
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("files"), list):
        return None, [ProfileError(file, 0, 0, f"{MANIFEST} 不是 ucm-check 提交包清单")]
    deep = depth_problem(data)
    problems = [ProfileError(file, 0, 0, f"{MANIFEST}：{deep}")] if deep else []
    if len(data["files"]) > MAX_MANIFEST_ITEMS:
        return None, [ProfileError(file, 0, 0, f"{MANIFEST} 的 files 有 {len(data['files'])} 项，超过上限 {MAX_MANIFEST_ITEMS} 项")]
    for i, item in enumerate(data["files"]):
        if len(problems) >= 20:
            problems.append(ProfileError(file, 0, 0, f"{MANIFEST} 的 files 还有更多项格式不对，未逐一列出"))
            break
        ok = (isinstance(item, dict) and isinstance(item.get("path"), str) and isinstance(item.get("sha256"), str)
              and isinstance(item.get("size"), int) and not isinstance(item.get("size"), bool))
        if not ok:
            problems.append(ProfileError(file, 0, 0, f"{MANIFEST} 的 files 第 {i + 1} 项应为 {{path, role, size, sha256}} 对象"))
    for key in ("profile", "unit", "as_of"):
        if not isinstance(data.get(key), str):
            problems.append(ProfileError(file, 0, 0, f"{MANIFEST} 的 {key} 应为字符串"))
    if data.get("plan") is not None and not isinstance(data.get("plan"), str):
        problems.append(ProfileError(file, 0, 0, f"{MANIFEST} 的 plan 应为字符串或 null"))
    return (None if problems else data), problems


def verify_zip(path: str, limits: Any = None) -> tuple[dict[str, Any] | None, Files, list[ProfileError]]:
    """Check a bundle: a safe archive (:func:`ucm_check.files.archive.open_archive`), manifest present and
    well formed, every entry listed with the right size and hash, nothing unlisted.

    Returns (manifest, files, problems); ``files`` holds the bytes of the listed entries by canonical
    name, any spelling of which finds them (memory is bounded by the archive limits, checked before
    anything is decompressed). Never raises for a bad archive."""
    from ucm_check.files.archive import ArchiveError, Limits, open_archive, visible

    files = Files()
    try:
        archive = open_archive(path, limits or Limits())
    except ArchiveError as exc:
        return None, files, [ProfileError(path, 0, 0, p) for p in exc.problems]
    problems: list[ProfileError] = []
    with archive:
        data, errs = read_manifest(archive, path)
        if data is None:
            return None, files, errs
        listed = set()
        for item in data["files"]:
            name = item["path"]
            listed.add(canonical_name(name))
            info = archive.info(name)
            if info is None:
                problems.append(ProfileError(path, 0, 0, f"清单列出的 “{visible(name)}” 不在压缩包中"))
                continue
            try:
                content = archive.read(name)
            except ArchiveError as exc:
                problems += [ProfileError(path, 0, 0, p) for p in exc.problems]
                continue
            files[canonical_name(name)] = content
            if sha256(content) != item["sha256"] or len(content) != item["size"]:
                problems.append(ProfileError(path, 0, 0, f"“{visible(name)}” 与打包时记录的指纹（SHA-256）不符：打包后被改动过"))
        for name in archive.names():
            if name != MANIFEST and name not in listed:
                problems.append(ProfileError(path, 0, 0, f"“{visible(name)}” 不在清单中：打包后被加入"))
    return data, files, problems


def canonical_name(name: str) -> str:
    """:func:`ucm_check.files.archive.canonical`, for callers of this module."""
    from ucm_check.files.archive import canonical

    return canonical(name)
