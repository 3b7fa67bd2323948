"""The one atomic writer: a regular file is replaced whole; a device or pipe is written into, never replaced."""

from __future__ import annotations

import os
import stat
import threading

import pytest

from ucm_check.files.atomic import write_bytes


def test_a_regular_file_is_replaced_and_keeps_its_mode(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("old", encoding="utf-8")
    os.chmod(path, 0o640)
    write_bytes(path, b"new")
    assert path.read_bytes() == b"new" and stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_is_written_into_and_stays_a_pipe(tmp_path):
    """``--output /dev/null`` once replaced the machine's /dev/null with a regular file; a FIFO
    stands in for the device here."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_bytes(fifo, b"report")
    reader.join(timeout=10)
    assert got == [b"report"] and stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]
