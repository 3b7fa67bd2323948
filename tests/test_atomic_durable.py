"""A saved file survives a power cut: its bytes are fsynced before the rename, and the folder after it.

Without the first fsync a crash just after :func:`os.replace` can leave an empty file where the
user's profile was; without the second the rename itself may be lost. Both are observed by wrapping
``os.fsync`` and ``os.replace`` and recording what each was called on, in order."""

from __future__ import annotations

import os
import stat

import pytest

from ucm_check.files import atomic


@pytest.fixture
def calls(monkeypatch):
    seen: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        kind = "folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
        size = "" if kind == "folder" else str(os.fstat(fd).st_size)
        seen.append(("fsync", f"{kind}:{size}"))
        return real_fsync(fd)

    def replace(src, dst, *args, **kwargs):
        seen.append(("replace", os.path.basename(dst)))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    return seen


def test_the_new_bytes_are_synced_before_the_rename_and_the_folder_after(tmp_path, calls):
    target = tmp_path / "u.toml"
    target.write_text("old = 1\n", encoding="utf-8")
    atomic.write_text(target, "new = 22\n")
    assert calls == [("fsync", "file:9"), ("replace", "u.toml"), ("fsync", "folder:")]
    assert target.read_text(encoding="utf-8") == "new = 22\n"


def test_replace_text_keeping_crlf_is_synced_the_same_way(tmp_path, calls):
    target = tmp_path / "u.plan.toml"
    target.write_bytes(b"a = 1\r\n")
    atomic.replace_text(target, "a = 2\n")
    assert calls == [("fsync", "file:7"), ("replace", "u.plan.toml"), ("fsync", "folder:")]
    assert target.read_bytes() == b"a = 2\r\n"


def test_a_folder_that_cannot_be_synced_still_leaves_the_new_file(tmp_path, monkeypatch):
    real_fsync = os.fsync

    def fsync(fd):
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(22, "Invalid argument")  # some network file systems refuse a folder fsync
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    target = tmp_path / "u.toml"
    atomic.write_text(target, "x = 1\n")
    assert target.read_text(encoding="utf-8") == "x = 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["u.toml"]
