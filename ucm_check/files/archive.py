"""Safe reading of zip archives from untrusted hands (submission bundles, a folder of them at intake).

Use it instead of :mod:`zipfile` directly::

    from ucm_check.files.archive import ArchiveError, open_archive

    try:
        with open_archive("某县.zip") as archive:      # checks the central directory, reads nothing
            data = archive.read("MANIFEST.json")        # bounded, CRC checked
            digest, size = archive.sha256("佐证/a.pdf")   # streamed, never held in memory
    except ArchiveError as exc:
        print(exc.problems)                              # Chinese sentences, one per problem

:func:`open_archive` refuses, before any entry is decompressed: a file that is not a zip, more than
:attr:`Limits.entries` entries, unsafe names (absolute, ``..``, backslashes, drive letters), symbolic
links and other non-regular entries, encrypted entries, compression methods other than stored and
deflate, names that collide once canonical (:func:`canonical_key`: ``./a.pdf`` and ``a.pdf``,
``d//b`` and ``d/b``, case and Unicode NFC/NFD twins), an entry larger than
:attr:`Limits.entry_bytes`, a total larger than :attr:`Limits.total_bytes`, and an entry over 1 MiB
that expands more than :attr:`Limits.ratio` times (a zip bomb). Reading counts bytes as they stream
and stops at the entry's declared size; a bad CRC, corrupt deflate data or a truncated file is an
:class:`ArchiveError`, never a traceback. Entries are looked up by canonical name.
"""

from __future__ import annotations

import hashlib
import stat
import unicodedata
import zipfile
from typing import Any, Iterator

import attrs

MiB = 1024 * 1024


@attrs.frozen
class Limits:
    """How much an archive may hold; decided from the central directory before anything is read."""

    total_bytes: int = 256 * MiB
    """Most uncompressed bytes of all entries together."""
    entry_bytes: int = 256 * MiB
    """Most uncompressed bytes of one entry."""
    ratio: int = 100
    """Largest uncompressed/compressed ratio of an entry over :attr:`ratio_floor` bytes."""
    ratio_floor: int = 1 * MiB
    """Entries up to this size may compress as well as they like (text, JSON)."""
    entries: int = 10_000
    """Most entries."""


class ArchiveError(Exception):
    """An archive, or one entry of it, that cannot be read safely; ``problems`` are Chinese sentences."""

    def __init__(self, problems: list[str]):
        super().__init__("；".join(problems))
        self.problems = problems


def canonical(name: str) -> str:
    """The one spelling of an entry name: Unicode NFC, ``/`` separators, no empty or ``.`` parts
    (``./a.pdf`` → ``a.pdf``, ``d//./b.pdf`` → ``d/b.pdf``). Case is kept."""
    parts = [p for p in unicodedata.normalize("NFC", name).split("/") if p not in ("", ".")]
    return "/".join(parts)


def canonical_key(name: str) -> str:
    """What two names must not share inside one archive: :func:`canonical`, case-folded (they
    would unpack onto one file on Windows and macOS)."""
    return canonical(name).casefold()


def name_problem(name: str) -> str:
    """Why ``name`` is not a safe relative path inside an archive, or ``""``."""
    if not canonical(name) or name.startswith("/") or "\\" in name or (len(name) > 1 and name[1] == ":"):
        return f"条目 “{name}” 是空名、绝对路径或含反斜杠"
    if ".." in name.split("/"):
        return f"条目 “{name}” 含 “..”，会解压到目录之外"
    if any(ord(ch) < 32 for ch in name):
        return f"条目 “{name!s}” 的名称含控制字符"
    return ""


def _entry_problem(info: zipfile.ZipInfo) -> str:
    mode = info.external_attr >> 16
    if info.create_system == 3 and mode and stat.S_ISLNK(mode):
        return f"条目 “{info.filename}” 是符号链接：提交包只能含普通文件"
    if info.create_system == 3 and stat.S_IFMT(mode) and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return f"条目 “{info.filename}” 不是普通文件"
    if info.flag_bits & 0x1:
        return f"条目 “{info.filename}” 已加密：提交包不能加密"
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return f"条目 “{info.filename}” 使用了不支持的压缩方式（编号 {info.compress_type}）：只接受存储或 deflate"
    return ""


_DAMAGE = (
    ("CRC", "校验和（CRC）不符：内容已损坏或被改动"),
    ("magic number", "的文件头已损坏"),
    ("Overlapped", "与其他条目重叠：疑似压缩炸弹"),
    ("differ", "在目录区和文件头中的名称不一致：压缩包被改动"),
    ("Truncated", "被截断：压缩包不完整"),
)


def _damage(detail: str) -> str:
    return next((chinese for word, chinese in _DAMAGE if word in detail), "已损坏：数据与压缩包目录不符")


def _mb(n: int) -> str:
    return f"{n / MiB:.1f} MB" if n < 10 * MiB else f"{n // MiB} MB"


class Archive:
    """An opened, checked archive (see :func:`open_archive`); a context manager."""

    def __init__(self, zf: zipfile.ZipFile, path: str, entries: dict[str, zipfile.ZipInfo], limits: Limits):
        self.zf, self.path, self.limits = zf, path, limits
        self.entries = entries
        """Canonical name -> entry, directories left out."""

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.zf.close()

    def names(self) -> list[str]:
        """Canonical names of the files inside, sorted."""
        return sorted(self.entries)

    def info(self, name: str) -> zipfile.ZipInfo | None:
        """The entry called ``name`` (any spelling with the same :func:`canonical` form), or None."""
        return self.entries.get(canonical(name))

    def chunks(self, name: str, block: int = MiB) -> Iterator[bytes]:
        """The bytes of entry ``name`` in blocks; raises :class:`KeyError` when absent and
        :class:`ArchiveError` when it is damaged or larger than declared."""
        info = self.info(name)
        if info is None:
            raise KeyError(name)
        seen = 0
        try:
            with self.zf.open(info) as fh:
                while True:
                    data = fh.read(block)
                    if not data:
                        break
                    seen += len(data)
                    if seen > info.file_size or seen > self.limits.entry_bytes:
                        raise ArchiveError([f"条目 “{info.filename}” 解压后超过声明的大小：疑似压缩炸弹"])
                    yield data
        except ArchiveError:
            raise
        except zipfile.BadZipFile as exc:
            raise ArchiveError([f"条目 “{info.filename}” {_damage(str(exc))}"]) from None
        except Exception as exc:  # noqa: BLE001 - zlib.error, EOFError, NotImplementedError, RuntimeError ...
            raise ArchiveError([f"条目 “{info.filename}” 无法解压：数据已损坏或格式不受支持（{type(exc).__name__}）"]) from None

    def read(self, name: str, max_bytes: int | None = None) -> bytes:
        """Entry ``name``'s bytes (see :meth:`chunks`); refused when larger than ``max_bytes``."""
        info = self.info(name)
        if info is not None and max_bytes is not None and info.file_size > max_bytes:
            raise ArchiveError([f"条目 “{info.filename}” 有 {_mb(info.file_size)}，超过此类文件的上限 {_mb(max_bytes)}"])
        return b"".join(self.chunks(name))

    def sha256(self, name: str) -> tuple[str, int]:
        """SHA-256 (hex) and size of entry ``name``, streamed."""
        digest, size = hashlib.sha256(), 0
        for block in self.chunks(name):
            digest.update(block)
            size += len(block)
        return digest.hexdigest(), size


def open_archive(path: str, limits: Limits = Limits()) -> Archive:
    """Open ``path`` and check its central directory (nothing is decompressed); raise
    :class:`ArchiveError` with every problem found. Close the result (``with``)."""
    from ucm_check.files.inputs import os_message

    try:
        zf = zipfile.ZipFile(path)
    except OSError as exc:
        raise ArchiveError([f"无法读取压缩包：{os_message(exc, '')}"]) from None
    except Exception as exc:  # noqa: BLE001 - BadZipFile, ValueError, EOFError ... on a damaged directory
        raise ArchiveError([f"无法读取压缩包：不是有效的 zip 文件（目录区损坏或根本不是 zip，{type(exc).__name__}）"]) from None
    try:
        entries, problems = _check(zf.infolist(), limits)
    except Exception:
        zf.close()
        raise
    if problems:
        zf.close()
        raise ArchiveError(problems)
    return Archive(zf, path, entries, limits)


def _check(infos: list[zipfile.ZipInfo], limits: Limits) -> tuple[dict[str, zipfile.ZipInfo], list[str]]:
    problems: list[str] = []
    if len(infos) > limits.entries:
        return {}, [f"压缩包有 {len(infos)} 个条目，超过上限 {limits.entries} 个"]
    entries: dict[str, zipfile.ZipInfo] = {}
    keys: dict[str, str] = {}
    total = 0
    for info in infos:
        bad = name_problem(info.filename) or _entry_problem(info)
        if bad:
            problems.append(bad)
            continue
        key = canonical_key(info.filename)
        if key in keys:
            problems.append(f"条目 “{info.filename}” 与 “{keys[key]}” 是同一个文件名的两种写法（./、//、大小写或 Unicode 形式不同）：不接受重名")
            continue
        keys[key] = info.filename
        if info.is_dir():
            continue
        total += info.file_size
        if info.file_size > limits.entry_bytes:
            problems.append(f"条目 “{info.filename}” 解压后 {_mb(info.file_size)}，超过单个文件上限 {_mb(limits.entry_bytes)}")
        if info.file_size > limits.ratio_floor and info.file_size > limits.ratio * max(info.compress_size, 1):
            problems.append(f"条目 “{info.filename}” 压缩比 {info.file_size // max(info.compress_size, 1)}:1"
                            f"（解压后 {_mb(info.file_size)}），超过 {limits.ratio}:1：疑似压缩炸弹，未解压")
        entries[canonical(info.filename)] = info
    if total > limits.total_bytes:
        problems.append(f"解压后共 {_mb(total)}，超过上限 {_mb(limits.total_bytes)}：未解压")
    return entries, problems
