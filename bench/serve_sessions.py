"""``ucm-check serve``: time to the first screen over ``/ws`` (one tab, then N tabs at once) and
memory per session process. Prints numbers and ratios; never asserts times (machines are noisy).

    python bench/serve_sessions.py [--sessions 20]

    python bench/serve_sessions.py --no-fork   # the baseline: every session a plain process

Targets (issue 23): first screen <= 1 s for a new tab even when the warm spare is taken; 20 sessions
opened at once all get theirs within 5 s; memory per session as RSS, PSS and USS (forked sessions
share the zygote's pages, so RSS overstates them). Linux only (memory read from /proc).
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


def memory_kib(pid: int) -> dict[str, int]:
    """RSS, PSS and USS (private clean + dirty) of one process, from /proc/PID/smaps_rollup."""
    out = {"rss": 0, "pss": 0, "uss": 0}
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return out
    for line in lines:
        key, _, rest = line.partition(":")
        if key == "Rss":
            out["rss"] = int(rest.split()[0])
        elif key == "Pss":
            out["pss"] = int(rest.split()[0])
        elif key in ("Private_Clean", "Private_Dirty"):
            out["uss"] += int(rest.split()[0])
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def parents() -> dict[int, int]:
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[int(stat.parent.name)] = int(fields[1])
    return found


def children(pid: int) -> list[int]:
    return [child for child, parent in parents().items() if parent == pid]


def sessions_of(server: int) -> tuple[list[int], list[int]]:
    """(session processes, zygotes): forked sessions are the zygote's children, plain ones the server's."""
    tree = parents()
    direct = [p for p, parent in tree.items() if parent == server]
    forked = [p for p, parent in tree.items() if parent in direct]
    zygotes = [p for p in direct if any(tree[f] == p for f in forked) or _is_zygote(p)]
    return [p for p in direct if p not in zygotes] + forked, zygotes


def _is_zygote(pid: int) -> bool:
    try:
        return b"--zygote-fd" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def memory_line(pids: list[int]) -> str:
    if not pids:
        return "none"
    total = {k: sum(memory_kib(p)[k] for p in pids) for k in ("rss", "pss", "uss")}
    each = {k: v / 1024 / len(pids) for k, v in total.items()}
    return (f"{len(pids)} processes, each RSS {each['rss']:.1f} MiB, PSS {each['pss']:.1f} MiB, "
            f"USS {each['uss']:.1f} MiB; all PSS {total['pss'] / 1024:.0f} MiB")


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


class Serving:
    """``ucm-check serve`` on a copy of the typical profile, in a subprocess."""

    def __init__(self, folder: Path, *extra: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "ucm_check", "serve", str(folder), "--port",
                                      str(free_port()), *extra], stdout=subprocess.PIPE, text=True)
        self.base, self.token = re.search(r"(http://\S+)/\?token=(\S+)", self.proc.stdout.readline()).groups()

    async def tab(self) -> tuple[float, aiohttp.ClientWebSocketResponse, aiohttp.ClientSession]:
        return await first_screen(self.base, self.token, b"t.toml")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=60)


async def main(sessions: int, settle: float, fork: bool, repeat: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="ucm-serve-bench-"))
    shutil.copy(ROOT / "profiles" / "hunan-county-typical.toml", folder / "t.toml")
    how = ["--no-fork"] if not fork else []
    print(f"sessions {'forked from the warm zygote' if fork else 'plain processes (--no-fork)'}; "
          f"load average before: {os.getloadavg()[0]:.2f}")
    try:
        server = Serving(folder, "--spare", "1", *how)
        try:
            await asyncio.sleep(settle)  # a server runs long before the clerks arrive: its warm spare is ready
            took, ws, http = await server.tab()
            print(f"first screen, one tab taking the warm spare (--spare 1): {took * 1000:7.0f} ms")
            await ws.close()
            await http.close()
        finally:
            server.stop()
        server = Serving(folder, "--spare", "0", "--max-sessions", str(max(sessions, repeat) + 1), *how)
        try:
            await serve_without_spares(server, sessions, settle, repeat)
        finally:
            server.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"cores: {os.cpu_count()}; python {sys.version.split()[0]}; load average after: {os.getloadavg()[0]:.2f}")


async def serve_without_spares(server: Serving, sessions: int, settle: float, repeat: int) -> None:
    """With no spare (as when it is taken), every tab waits for its own new session process."""
    await asyncio.sleep(settle)  # the zygote is warm
    fresh, kept = [], []
    for _ in range(repeat):
        took, ws, http = await server.tab()
        fresh.append(took)
        kept.append((ws, http))
    fresh.sort()
    median = fresh[len(fresh) // 2]
    print(f"first screen, a new tab with no spare (--spare 0): {median * 1000:7.0f} ms median of {repeat} "
          f"(slowest {fresh[-1] * 1000:.0f} ms; target <= 1000 ms: {median:.2f}x)")
    await asyncio.sleep(1)
    pids, zygotes = sessions_of(server.proc.pid)
    print(f"memory, {len(kept)} open tabs: {memory_line(pids)}")
    print(f"memory, the zygote: {memory_line(zygotes)}")
    print(f"memory, the server: {memory_line([server.proc.pid])}")
    for ws, http in kept:
        await ws.close()
        await http.close()
    await asyncio.sleep(3)
    load = os.getloadavg()[0]
    server_cpu = cpu_seconds(server.proc.pid)
    started = time.perf_counter()
    results = await asyncio.gather(*[server.tab() for _ in range(sessions)])
    slowest = time.perf_counter() - started
    server_cpu = cpu_seconds(server.proc.pid) - server_cpu
    session_cpu = sum(cpu_seconds(pid) for pid in sessions_of(server.proc.pid)[0])
    times = sorted(r[0] for r in results)
    print(f"{sessions} tabs at once: all first screens in {slowest * 1000:7.0f} ms "
          f"(target <= 5000 ms: {slowest / 5.0:.2f}x); median {times[len(times) // 2] * 1000:.0f} ms; "
          f"load average at the start {load:.2f}")
    print(f"CPU for those {sessions} first screens: sessions {session_cpu:.2f} s in all "
          f"({session_cpu / sessions * 1000:.0f} ms each), the server relaying them {server_cpu:.2f} s")
    await asyncio.sleep(1)
    pids, _ = sessions_of(server.proc.pid)
    print(f"memory, {sessions} open tabs: {memory_line(pids)}")
    for _, ws, http in results:
        await ws.close()
        await http.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--settle", type=float, default=8.0, help="seconds to wait after the server starts")
    parser.add_argument("--repeat", type=int, default=5, help="new tabs opened one after another, spare taken")
    parser.add_argument("--no-fork", action="store_true", help="the baseline: every session a plain process")
    options = parser.parse_args()
    asyncio.run(main(options.sessions, options.settle, not options.no_fork, options.repeat))
