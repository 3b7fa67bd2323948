"""Helpers shared by the commands: building the plugin host from options, writing output."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

from ucm_check.host import Host, build_host


def add_host_arguments(parser: argparse.ArgumentParser) -> None:
    """Options every command that loads plugins accepts."""
    parser.add_argument("--no-entry-points", action="store_true", help="只加载内置插件，不加载已安装的插件包")


def host_from_args(args: argparse.Namespace) -> Host:
    return build_host(entry_points=not getattr(args, "no_entry_points", False))


def write_atomic(path: str, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and ``os.replace``."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".ucm-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def out(text: str) -> None:
    """Write a report to stdout as UTF-8 whatever the console's encoding."""
    sys.stdout.buffer.write(text.encode("utf-8")) if hasattr(sys.stdout, "buffer") else sys.stdout.write(text)
    sys.stdout.flush()


def err(text: str) -> None:
    """Write a message to stderr as UTF-8."""
    data = text if text.endswith("\n") else text + "\n"
    sys.stderr.buffer.write(data.encode("utf-8")) if hasattr(sys.stderr, "buffer") else sys.stderr.write(data)
    sys.stderr.flush()
