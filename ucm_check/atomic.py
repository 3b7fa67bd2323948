"""Atomic file writes: a temporary file in the same folder, fsync, then :func:`os.replace`.

A crash or a full disk leaves either the old file or the new one, never half of each. The new
file keeps the mode of the file it replaces (``mkstemp`` alone would leave it ``0600``).
"""

from __future__ import annotations

import os
import tempfile


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, keeping an existing file's permissions."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = os.stat(path).st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_text(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """:func:`write_bytes` for text; ``utf-8-sig`` writes the BOM Excel and WPS want in a CSV."""
    write_bytes(path, text.encode(encoding))
