"""A browserless client for ``ucm-check serve``: start the server on a folder, speak its ``/ws``
protocol (JSON text frames in, terminal bytes out) and read the screen as text."""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp

ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")
KEYS = {"enter": "\r", "tab": "\t", "down": "\x1b[B", "up": "\x1b[A", "escape": "\x1b", "backspace": "\x7f",
        "ctrl+s": "\x13", "ctrl+q": "\x11", "ctrl+p": "\x10"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """``ucm-check serve FOLDER`` in a subprocess on 127.0.0.1; ``url`` is the line it printed.
    ``program`` runs another ``ucm-check`` (the frozen one, with ``env``) instead of this checkout's."""

    def __init__(self, folder: Path, *extra: str, scheme: str = "http", program: list[str] | None = None,
                 env: dict[str, str] | None = None) -> None:
        self.folder, self.port = folder, free_port()
        env = {**(os.environ if env is None else env), "PYTHONUNBUFFERED": "1"}
        argv = program or [sys.executable, "-m", "ucm_check"]
        plugins = () if program else ("--no-entry-points",)
        self.proc = subprocess.Popen(
            [*argv, "serve", str(folder), "--port", str(self.port), "--host", "127.0.0.1", *plugins, *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True, encoding="utf-8")
        line = self.proc.stdout.readline()
        match = re.search(rf"({scheme}://\S+)/\?token=(\S+)", line)
        assert match, f"no URL printed: {line!r} {self.proc.stderr.read() if self.proc.poll() is not None else ''}"
        self.base, self.token = match.group(1), match.group(2)
        self.origin = self.base

    def close(self) -> str:
        """Stop the server; returns what it wrote to stderr."""
        self.proc.terminate()
        try:
            _, err = self.proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        return err

    def wait_audit(self, event: str, count: int = 1, timeout: float = 90.0) -> list[dict]:
        """The audit lines of ``event`` once there are ``count`` of them (e.g. the zygote is warm)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            lines = [line for line in self.audit() if line["event"] == event]
            if len(lines) >= count:
                return lines
            time.sleep(0.1)
        raise AssertionError(f"no {count} {event!r} lines in the audit log: {self.audit()}")

    def audit(self) -> list[dict]:
        path = self.folder / ".ucm-serve" / "audit.jsonl"
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


class Tab:
    """One browser tab's websocket: keys in, the screen's text out (escapes stripped)."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws, self.raw, self.texts = ws, b"", []
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.raw += message.data
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.texts.append(json.loads(message.data))

    def screen(self) -> str:
        return ANSI.sub(b"", self.raw).decode("utf-8", "replace")

    async def wait_for(self, needle: str, timeout: float = 30.0, since: int = 0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = ANSI.sub(b"", self.raw[since:]).decode("utf-8", "replace")
            if needle in text:
                return text
            if self.reader.done():
                break
            await asyncio.sleep(0.1)
        raise AssertionError(f"{needle!r} never appeared; the screen shows:\n{self.screen()[-3000:]}")

    async def wait_text(self, kind: str, timeout: float = 30.0) -> list:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for envelope in self.texts:
                if envelope and envelope[0] == kind:
                    return envelope
            await asyncio.sleep(0.1)
        raise AssertionError(f"no {kind!r} message; got {self.texts}")

    def mark(self) -> int:
        return len(self.raw)

    async def keys(self, *keys: str) -> None:
        for key in keys:
            await self.ws.send_str(json.dumps(["stdin", KEYS.get(key, key)]))
            await asyncio.sleep(0.2)

    async def type(self, text: str) -> None:
        await self.ws.send_str(json.dumps(["stdin", text]))
        await asyncio.sleep(0.2)
