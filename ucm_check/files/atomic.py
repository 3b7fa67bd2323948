"""Atomic file writes: a temporary file in the same folder, fsync, then :func:`os.replace`.

A crash or a full disk leaves either the old file or the new one, never half of each. The new
file keeps the mode of the file it replaces (``mkstemp`` alone would leave it ``0600``).

Every failure is a :class:`SaveError` (an :class:`OSError` whose ``strerror`` is Chinese and names
the file) and leaves no temporary file behind:

* a file whose mode bits allow no one to write (``chmod 444``) is refused, whoever runs us (root
  may write anything, so permission checks with :func:`os.access` say nothing);
* a full disk (``ENOSPC``, met while writing or at ``fsync``), a read-only or missing folder, are
  reported in Chinese.

A process killed while saving leaves ``.NAME.PID-XXXXXXXX.tmp`` beside the file. The next save of
the same file removes such leftovers when their process is gone and they are older than
:data:`STALE_SECONDS`, so they never accumulate and a concurrent save is never disturbed.

:func:`replace_text` keeps the replaced file's UTF-8 BOM and line endings (CRLF or LF).
"""

from __future__ import annotations

import errno
import glob
import io
import os
import re
import tempfile
import time
from typing import IO, Any

STALE_SECONDS = 600
"""Leftover temporary files younger than this are never removed (their save may be under way)."""
_write = os.write  # one name tests replace to simulate a full disk


class SaveError(OSError):
    """A file could not be saved; ``str()`` and ``strerror`` are Chinese and name the file."""

    def __init__(self, code: int, message: str, path: str):
        super().__init__(code, message, path)

    def __str__(self) -> str:
        return f"“{self.filename}”：{self.strerror}"


def _save_error(exc: OSError, path: str) -> SaveError:
    if isinstance(exc, SaveError):
        return exc
    from ucm_check.files.inputs import os_message

    reason = os_message(exc, "")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) and exc.filename != path:
        reason += "（所在目录不可写）"
    return SaveError(exc.errno or errno.EIO, f"无法保存：{reason}", path)


def refuse_read_only(path: str) -> None:
    """Raise :class:`SaveError` when ``path`` exists and its mode bits allow no one to write it."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _save_error(exc, path) from None
    if not mode & 0o222:
        raise SaveError(errno.EACCES, f"文件是只读的（权限 {mode & 0o777:04o}），未改写；请先取消只读属性或另存为其他文件", path)


def sweep(path: str, *, now: float | None = None) -> int:
    """Remove leftover temporary files of earlier, killed saves of ``path``; return how many."""
    folder, name = os.path.split(os.path.abspath(path))
    removed = 0
    now = time.time() if now is None else now
    for tmp in glob.glob(os.path.join(glob.escape(folder), f".{glob.escape(name)}.*.tmp")):
        found = re.match(r"^(\d+)-", os.path.basename(tmp)[len(name) + 2:])
        try:
            if now - os.stat(tmp).st_mtime < STALE_SECONDS:
                continue
            if found and _running(int(found.group(1))):
                continue
            os.unlink(tmp)
            removed += 1
        except OSError:
            continue
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


class _Raw(io.RawIOBase):
    """The temporary file's descriptor, written with :data:`_write` so errors surface as they happen."""

    def __init__(self, fd: int):
        self.fd = fd

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        return _write(self.fd, bytes(data))

    def fileno(self) -> int:
        return self.fd

    def close(self) -> None:
        if not self.closed:
            try:
                os.close(self.fd)
            finally:
                super().close()


class AtomicFile:
    """A file written next to ``path`` and moved over it by :meth:`commit` (or dropped by :meth:`discard`).

    Raises :class:`SaveError` when the target is read-only or the folder cannot take a new file;
    after any failure of :meth:`commit` the temporary file is gone."""

    def __init__(self, path: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8"):
        self.path = os.fspath(path)
        refuse_read_only(self.path)
        self.tmp = ""
        if os.path.exists(self.path) and not os.path.isfile(self.path):
            # a device or pipe (``-o /dev/null``, a FIFO): write into it; replacing it would put a
            # regular file where the device was, for every program on the machine
            try:
                kwargs: dict[str, Any] = {} if "b" in mode else {"encoding": encoding, "newline": ""}
                self.stream: IO[Any] = open(self.path, mode, **kwargs)
            except OSError as exc:
                raise _save_error(exc, self.path) from None
            return
        folder = os.path.dirname(os.path.abspath(self.path))
        try:
            sweep(self.path)
            fd, self.tmp = tempfile.mkstemp(prefix=f".{os.path.basename(self.path)}.{os.getpid()}-", suffix=".tmp",
                                            dir=folder)
        except OSError as exc:
            raise _save_error(exc, self.path) from None
        buffered = io.BufferedWriter(_Raw(fd))
        self.stream = buffered if "b" in mode else io.TextIOWrapper(buffered, encoding=encoding, newline="")

    def commit(self) -> None:
        if not self.tmp:  # written straight into a device or pipe
            try:
                self.stream.close()
            except OSError as exc:
                raise _save_error(exc, self.path) from None
            return
        try:
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
        except OSError as exc:
            self.discard()
            raise _save_error(exc, self.path) from None

    def discard(self) -> None:
        """Drop the temporary file (never raises)."""
        try:
            self.stream.close()  # closes the descriptor even when the final flush fails
        except Exception:  # noqa: BLE001 - the disk that failed the save may fail this too
            pass
        if not self.tmp:
            return
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, keeping an existing file's permissions."""
    target = AtomicFile(path, "wb")
    try:
        target.stream.write(data)
        target.commit()
    except OSError as exc:
        target.discard()
        raise _save_error(exc, target.path) from None
    except BaseException:
        target.discard()
        raise


def write_text(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """:func:`write_bytes` for text; ``utf-8-sig`` writes the BOM Excel and WPS want in a CSV."""
    write_bytes(path, text.encode(encoding))


def replace_text(path: str | os.PathLike[str], text: str) -> None:
    """Save ``text`` (LF or CRLF) over the user's file at ``path`` in the file's own form: a UTF-8
    BOM kept when it had one, CRLF line endings when it used them."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
    except FileNotFoundError:
        head = b""
    except OSError as exc:
        raise _save_error(exc, os.fspath(path)) from None
    if b"\r\n" in head:
        text = re.sub(r"(?<!\r)\n", "\r\n", text)
    data = text.encode("utf-8")
    if head.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf"):
        data = b"\xef\xbb\xbf" + data
    write_bytes(path, data)
