"""Atomic file writes: a temporary file in the same folder, fsync, then :func:`os.replace`.

A crash or a full disk leaves either the old file or the new one, never half of each. The new
file keeps the mode of the file it replaces (``mkstemp`` alone would leave it ``0600``).
"""

from __future__ import annotations

import os
import tempfile
from typing import IO, Any


class AtomicFile:
    """A file written next to ``path`` and moved over it by :meth:`commit` (or dropped by :meth:`discard`)."""

    def __init__(self, path: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8"):
        self.path = os.fspath(path)
        folder = os.path.dirname(os.path.abspath(self.path))
        fd, self.tmp = tempfile.mkstemp(prefix=f".{os.path.basename(self.path)}.", suffix=".tmp", dir=folder)
        kwargs: dict[str, Any] = {} if "b" in mode else {"encoding": encoding, "newline": ""}
        self.stream: IO[Any] = os.fdopen(fd, mode, **kwargs)

    def commit(self) -> None:
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        try:
            mode = os.stat(self.path).st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(self.tmp, mode)
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        self.stream.close()
        if os.path.exists(self.tmp):
            os.unlink(self.tmp)


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, keeping an existing file's permissions."""
    target = AtomicFile(path, "wb")
    try:
        target.stream.write(data)
        target.commit()
    except BaseException:
        target.discard()
        raise


def write_text(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """:func:`write_bytes` for text; ``utf-8-sig`` writes the BOM Excel and WPS want in a CSV."""
    write_bytes(path, text.encode(encoding))
