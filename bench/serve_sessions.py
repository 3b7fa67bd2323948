"""``ucm-check serve``: time to the first screen over ``/ws`` (one tab, then N tabs at once) and
memory per session process. Prints numbers and ratios; never asserts times (machines are noisy).

    python bench/serve_sessions.py [--sessions 20]

Targets (issue 23): first screen <= 1 s; 20 sessions opened at once all get theirs within 5 s.
Linux only (memory read from /proc).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


async def first_screen(base: str, token: str, needle: bytes) -> tuple[float, aiohttp.ClientWebSocketResponse,
                                                                       aiohttp.ClientSession]:
    http = aiohttp.ClientSession()
    started = time.perf_counter()
    ws = await http.ws_connect(base.replace("http", "ws", 1) + "/ws?width=100&height=30",
                               headers={"Origin": base, "Cookie": f"ucm_token={token}"})
    seen = b""
    async for message in ws:
        if message.type == aiohttp.WSMsgType.BINARY:
            seen += message.data
            if needle in ANSI.sub(b"", seen):
                return time.perf_counter() - started, ws, http
        elif message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            break
    raise RuntimeError("no first screen")


async def main(sessions: int, settle: float) -> None:
    folder = Path(tempfile.mkdtemp(prefix="ucm-serve-bench-"))
    shutil.copy(ROOT / "profiles" / "hunan-county-typical.toml", folder / "t.toml")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "ucm_check", "serve", str(folder), "--port", str(port),
                               "--max-sessions", str(sessions + 1)], stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        base, token = re.search(r"(http://\S+)/\?token=(\S+)", line).groups()
        needle = "t.toml".encode()
        await asyncio.sleep(settle)  # a server runs long before the clerks arrive: its warm spare is ready
        one, ws, http = await first_screen(base, token, needle)
        await asyncio.sleep(1)
        pids = children(server.pid)
        per_session = [rss_kib(pid) for pid in pids]
        await ws.close()
        await http.close()
        await asyncio.sleep(2)
        print(f"first screen, one tab:           {one * 1000:7.0f} ms  (target <= 1000 ms: {one / 1.0:.2f}x)")
        print(f"session process RSS:             {sum(per_session) / 1024 / max(len(pids), 1):7.1f} MiB each"
              f"  ({len(pids)} processes: the tab's and the next warm spare)")
        started = time.perf_counter()
        results = await asyncio.gather(*[first_screen(base, token, needle) for _ in range(sessions)])
        slowest = time.perf_counter() - started
        await asyncio.sleep(1)
        pids = children(server.pid)
        total = sum(rss_kib(pid) for pid in pids)
        times = sorted(r[0] for r in results)
        print(f"{sessions} tabs at once: all first screens in {slowest * 1000:7.0f} ms "
              f"(target <= 5000 ms: {slowest / 5.0:.2f}x); median {times[len(times) // 2] * 1000:.0f} ms")
        print(f"{sessions} session processes RSS: {total / 1024:7.1f} MiB, {total / 1024 / max(len(pids), 1):.1f} MiB each;"
              f" server {rss_kib(server.pid) / 1024:.1f} MiB")
        for _, ws, http in results:
            await ws.close()
            await http.close()
    finally:
        server.terminate()
        server.wait(timeout=60)
        shutil.rmtree(folder, ignore_errors=True)
    print(f"cores: {os.cpu_count()}; python {sys.version.split()[0]}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--settle", type=float, default=5.0, help="seconds to wait after the server starts")
    options = parser.parse_args()
    asyncio.run(main(options.sessions, options.settle))
