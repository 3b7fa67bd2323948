"""The fork server's own loop (POSIX): one warm process that has imported the TUI and built the
plugin host once, then forks a session per browser tab.

It listens on nothing: its only channel is the ``SOCK_SEQPACKET`` socket the server handed it when
it started it (an inherited descriptor). A request is a small JSON object (the tab's size) with
three descriptors attached (the session's stdin, stdout and stderr); the answer is the child's pid.
What the child runs is fixed by the zygote's own command line, which the server built: nothing in
a request can choose a program, a folder or an argument. When the server's end closes, it exits.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

#: A request names only the tab's size; anything longer is not from the server.
MAX_REQUEST = 512
#: How often a session checks that its server still runs.
ORPHAN_CHECK = 2.0


def warm(make_app: Callable[[], Any]) -> str:
    """Draw ``make_app()``'s first screen once, headless, before any fork: every session then finds
    the modules, parsed styles and caches of its first screen made (and shares their memory). Returns
    what went wrong, or ''; a failure only makes the sessions colder."""
    import asyncio

    import structlog  # noqa: F401  (every session's audit log)
    import textual.drivers.web_driver  # noqa: F401  (every session's driver)

    async def draw() -> None:
        async with make_app().run_test(size=(80, 24)) as pilot:
            await pilot.pause()

    try:
        asyncio.run(draw())
    except Exception as exc:  # noqa: BLE001
        return repr(exc)
    return ""


def serve_forks(channel: socket.socket, run_session: Callable[[], int]) -> int:
    """Fork ``run_session`` once per request on ``channel`` until the server goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the server, which then closes the channel
    signal.signal(signal.SIGCHLD, _reap)
    server = os.getppid()
    sys.stdout.flush()
    sys.stderr.flush()
    gc.collect()
    gc.freeze()  # the warm objects stay out of the collector: children do not dirty their pages
    channel.send(json.dumps({"ready": os.getpid()}).encode())
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(channel, MAX_REQUEST, 3)
        except OSError:
            return 0
        if not message:
            for fd in fds:
                os.close(fd)
            return 0
        size = _size(message)
        if size is None or len(fds) != 3:
            for fd in fds:
                os.close(fd)
            channel.send(json.dumps({"error": "bad request"}).encode())
            continue
        try:
            pid = os.fork()
        except OSError as exc:  # out of processes or memory: the server falls back to a plain process
            pid = -1
            error = str(exc)
        if pid == 0:
            _child(channel, fds, size, run_session, server)  # never returns
        for fd in fds:
            os.close(fd)
        channel.send(json.dumps({"pid": pid} if pid > 0 else {"error": error}).encode())


def _size(message: bytes) -> tuple[int, int] | None:
    try:
        request = json.loads(message)
    except ValueError:
        return None
    width, height = (request.get("width"), request.get("height")) if isinstance(request, dict) else (None, None)
    if type(width) is int and type(height) is int and 1 <= width <= 1000 and 1 <= height <= 500:
        return width, height
    return None


def _child(channel: socket.socket, fds: list[int], size: tuple[int, int], run_session: Callable[[], int],
           server: int) -> None:
    code = 1
    try:
        channel.close()  # a session cannot ask for more sessions
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.environ["COLUMNS"], os.environ["ROWS"] = str(size[0]), str(size[1])
        end_with(server)
        code = run_session()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def end_with(server: int) -> None:
    """End this session (SIGTERM) when its server is gone (killed, crashed): Textual's web driver
    stops reading at the end of its input but keeps the app running, and nobody could close its tab.
    POSIX only (on Windows ``os.kill(pid, 0)`` would end the server)."""
    if os.name == "posix":
        threading.Thread(target=_watch_server, args=(server,), name="ucm-orphan-check", daemon=True).start()


def _watch_server(server: int) -> None:
    while True:
        time.sleep(ORPHAN_CHECK)
        try:
            os.kill(server, 0)
        except ProcessLookupError:
            os.kill(os.getpid(), signal.SIGTERM)
            return
        except PermissionError:  # the pid now belongs to another user's process: ours is gone
            os.kill(os.getpid(), signal.SIGTERM)
            return


def _reap(signum: int, frame: object) -> None:
    """Collect every ended child at once, so none stays a zombie."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
