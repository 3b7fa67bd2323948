"""The server's end of the fork server (:mod:`.zygote`): start it, ask it for a session, and
watch what it forked as if it were an ``asyncio`` subprocess.

A forked session is not the server's child (the zygote is its parent and reaps it), so its end
is seen through a pidfd (Linux 5.3+) or, without one, by polling. When the zygote is missing,
still warming up or dead, :meth:`ForkServer.spawn` returns None and the caller starts a plain
process; a dead zygote is restarted after :data:`RESTART_PAUSE`, doubled each time one dies young.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger("ucm_check.web")

#: Seconds before a dead zygote is restarted; doubled for each one that died young, up to 64 times.
RESTART_PAUSE = 5.0
#: A zygote that lived this long died of something else than a broken install: the pause resets.
LIVED = 60.0
#: How long a zygote may take to warm up before it is killed (and restarted after a pause).
READY_WITHIN = 120.0
#: How long a zygote may take to answer a request before the session starts as a plain process.
ANSWER_WITHIN = 5.0


def available() -> bool:
    """True where sessions can be forked: POSIX with ``fork`` and descriptor passing."""
    return hasattr(os, "fork") and hasattr(socket, "send_fds") and hasattr(socket, "AF_UNIX")


class ForkedProcess:
    """What the zygote forked for one tab, shaped like ``asyncio.subprocess.Process`` for
    textual-serve's ``AppService``: ``pid``, ``stdin``, ``stdout``, ``stderr``, ``returncode``
    (``-1`` once ended: its exit status goes to the zygote), ``wait()``, ``kill()``."""

    def __init__(self, pid: int, stdin: asyncio.StreamWriter, stdout: asyncio.StreamReader,
                 stderr: asyncio.StreamReader) -> None:
        self.pid, self.stdin, self.stdout, self.stderr = pid, stdin, stdout, stderr
        self.returncode: int | None = None
        self._ended = asyncio.Event()
        self._pidfd = _pidfd(pid)
        loop = asyncio.get_running_loop()
        if self._pidfd is not None:
            loop.add_reader(self._pidfd, self._on_end)
        else:
            self._poller = loop.create_task(self._poll())

    def _on_end(self) -> None:
        if self.returncode is None:
            self.returncode = -1
        if self._pidfd is not None:
            asyncio.get_running_loop().remove_reader(self._pidfd)
            os.close(self._pidfd)
            self._pidfd = None
        self.stdin.close()
        self._ended.set()

    async def _poll(self) -> None:
        while _alive(self.pid):
            await asyncio.sleep(0.25)
        self._on_end()

    async def wait(self) -> int:
        await self._ended.wait()
        return self.returncode if self.returncode is not None else -1

    def send_signal(self, signum: int) -> None:
        if self.returncode is not None:
            return
        try:
            if self._pidfd is not None:
                signal.pidfd_send_signal(self._pidfd, signum)
            else:
                os.kill(self.pid, signum)
        except ProcessLookupError:
            pass

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class ForkServer:
    """One zygote for the server: ``argv`` is the session command, run with ``--zygote-fd``."""

    def __init__(self, argv: list[str], folder: Path, env: dict[str, str],
                 audit: Callable[..., None] = lambda event, **fields: None) -> None:
        self.argv, self.folder, self.env, self.audit = argv, folder, env, audit
        self.process: asyncio.subprocess.Process | None = None
        self.channel: socket.socket | None = None
        self.ready = False
        self.started_at = 0.0
        self.forked = 0
        self._lock = asyncio.Lock()
        self._starting: asyncio.Task | None = None
        self._restart: asyncio.TimerHandle | None = None
        self._watcher: asyncio.Task | None = None  # held: the loop keeps only weak references to tasks
        self._young_deaths = 0
        self._stopped = False

    async def start(self) -> None:
        """Start the zygote and wait until it is warm (or has died trying)."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.started_at, self.ready = time.monotonic(), False
        try:
            self.process = await asyncio.create_subprocess_exec(
                *self.argv, "--zygote-fd", str(theirs.fileno()), cwd=self.folder, env=self.env,
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        except OSError as exc:
            log.warning("the fork server did not start: %s", exc)
            ours.close()
            return
        finally:
            theirs.close()
        ours.setblocking(False)
        self.channel = ours
        process = self.process
        self._watcher = asyncio.get_running_loop().create_task(self._watch(process))
        answer = await self._receive(READY_WITHIN)
        if answer is not None and "ready" in answer and self.channel is ours:
            self.ready = True
            self.audit("fork_server_ready", pid=process.pid,
                       seconds=round(time.monotonic() - self.started_at, 2))

    async def _watch(self, process: asyncio.subprocess.Process) -> None:
        """When the zygote dies, forget it and restart it after a pause (longer when it died young)."""
        code = await process.wait()
        if self._stopped or process is not self.process:
            return
        self.audit("fork_server_lost", pid=process.pid, code=code)
        self._lost()
        lived = time.monotonic() - self.started_at
        self._young_deaths = 0 if lived > LIVED else self._young_deaths + 1
        pause = RESTART_PAUSE * 2 ** min(self._young_deaths, 6)
        self._restart = asyncio.get_running_loop().call_later(pause, self.start_soon)

    def start_soon(self) -> None:
        """Start the zygote in the background, unless it is running, starting or stopped."""
        if self._stopped or self.ready or (self._starting is not None and not self._starting.done()):
            return
        if self.process is not None and self.process.returncode is None:
            return  # alive but not ready: warming up, or lost and being killed (its watcher restarts it)
        self._starting = asyncio.get_running_loop().create_task(self.start())

    async def when_ready(self) -> None:
        """Start the zygote if it was never started and wait for it to be warm."""
        if self.process is None:
            self.start_soon()
        if self._starting is not None and not self._starting.done():
            await asyncio.shield(self._starting)

    async def spawn(self, width: int, height: int) -> ForkedProcess | None:
        """A session forked from the zygote, or None (then start a plain process)."""
        if not self.ready or self.channel is None:
            return None
        pipes = [os.pipe() for _ in range(3)]  # stdin, stdout, stderr: (read end, write end)
        theirs = [pipes[0][0], pipes[1][1], pipes[2][1]]
        ours = [pipes[0][1], pipes[1][0], pipes[2][0]]
        try:
            async with self._lock:
                request = json.dumps({"width": width, "height": height}).encode()
                try:
                    if self.channel is None:  # lost while this request waited its turn
                        raise ConnectionResetError("no channel")
                    socket.send_fds(self.channel, [request], theirs)
                except OSError as exc:
                    log.warning("the fork server is gone (%s): plain processes until it restarts", exc)
                    self._lost()
                    answer = None
                else:
                    answer = await self._receive(ANSWER_WITHIN)
        finally:
            for fd in theirs:
                os.close(fd)
        pid = answer.get("pid") if answer else None
        if type(pid) is not int or pid <= 0:
            for fd in ours:
                os.close(fd)
            if answer is not None:
                log.warning("the fork server refused: %s", answer.get("error"))
            return None
        self.forked += 1
        return ForkedProcess(pid, await _writer(ours[0]), await _reader(ours[1]), await _reader(ours[2]))

    async def _receive(self, timeout: float | None) -> dict | None:
        loop = asyncio.get_running_loop()
        try:
            data = await asyncio.wait_for(loop.sock_recv(self.channel, 4096), timeout)
        except (OSError, asyncio.TimeoutError) as exc:
            log.warning("the fork server did not answer: %r", exc)
            self._lost()
            return None
        if not data:
            self._lost()
            return None
        try:
            answer = json.loads(data)
        except ValueError:
            answer = None
        return answer if isinstance(answer, dict) else {}

    def _lost(self) -> None:
        """The zygote died or misbehaved: forget it (its sessions keep running) and restart it later."""
        self.ready = False
        if self.channel is not None:
            self.channel.close()
            self.channel = None
        if self.process is not None and self.process.returncode is None:
            self.process.kill()

    async def stop(self) -> None:
        """End the zygote (closing its channel is its signal to exit)."""
        self._stopped = True
        if self._restart is not None:
            self._restart.cancel()
        if self._starting is not None:
            self._starting.cancel()
        self.ready = False
        if self.channel is not None:
            self.channel.close()
            self.channel = None
        if self.process is not None and self.process.returncode is None:
            try:
                await asyncio.wait_for(self.process.wait(), 5.0)
            except asyncio.TimeoutError:
                self.process.kill()
                await self.process.wait()


async def _reader(fd: int) -> asyncio.StreamReader:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=2 ** 20)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(fd, "rb", buffering=0))
    return reader


async def _writer(fd: int) -> asyncio.StreamWriter:
    loop = asyncio.get_running_loop()
    transport, protocol = await loop.connect_write_pipe(asyncio.streams.FlowControlMixin,
                                                        os.fdopen(fd, "wb", buffering=0))
    return asyncio.StreamWriter(transport, protocol, None, loop)


def _pidfd(pid: int) -> int | None:
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):  # before Linux 5.3, or already gone and reaped
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie under an init that does not reap is as good as gone
        return ") Z " not in Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
