"""CI (called by .ci/frozen): ``ucm-check serve`` from the frozen program, with no Python environment.

The program is started the way an office starts it (a bare environment, a folder of self-checks),
then a browserless tab signs in over ``/ws``: the start screen lists the folder's profile, the
session says it was forked from the warm process (POSIX), and stopping the server leaves no session.

    python .ci/frozen_serve.py PROGRAM FOLDER
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp  # noqa: E402  (the CI venv has the [web] extra)

from tests.web.client import Served  # noqa: E402
from tests.web.test_serve import open_tab  # noqa: E402


async def journey(server: Served) -> None:
    async with aiohttp.ClientSession() as http:
        tab = await open_tab(http, server)
        await tab.wait_for("hunan-county-typical.toml", timeout=60)
        await tab.ws.close()


def main(program: str, folder: str) -> int:
    env = {"HOME": folder, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm-256color"}
    begin = time.monotonic()
    server = Served(Path(folder), program=[program], env=env)
    try:
        if os.name == "posix":
            server.wait_audit("fork_server_ready", timeout=120)
        asyncio.run(journey(server))
        line = server.wait_audit("session_start")[0]
    finally:
        err = server.close()
    print(f"frozen: serve: the first tab's start screen {time.monotonic() - begin:.1f} s after launch, "
          f"session {line.get('process')}")
    if os.name == "posix" and line.get("process") != "forked":
        print(f"frozen: FAILED: the session was not forked from the warm process: {line}\n{err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
