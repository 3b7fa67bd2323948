"""Bounds on the files the assessment reads, checked before a byte is parsed (issue 24: a 50 MB CSV
took 1.8 GB; a FIFO hung the import)."""

from __future__ import annotations

MAX_FILE_BYTES = 5 * 1024 * 1024
"""A score file or roster larger than this is refused unread (a district's file is a few kilobytes)."""


def file_size_problem(path: str) -> str:
    """Why the file at ``path`` is too large (or not a regular file) to read, or ``""``."""
    import os
    import stat

    try:
        info = os.stat(path)
    except OSError:
        return ""  # the reader's own open reports it
    if not stat.S_ISREG(info.st_mode):
        return "不是普通文件"
    if info.st_size > MAX_FILE_BYTES:
        return f"文件有 {info.st_size} 字节，超出 {MAX_FILE_BYTES} 字节的上限"
    return ""
