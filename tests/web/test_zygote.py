"""Sessions forked from the warm zygote (``ucm_check.web.zygote``): a closed tab leaves no process
and no zombie; a killed zygote costs no open session, new tabs start as plain processes until it is
back; a crowd over the cap is refused cleanly while the rest work; the zygote listens on nothing.
No timings are asserted (bench/serve_sessions.py measures them)."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="ucm-check[web] (textual-serve) is not installed")
if not hasattr(os, "fork"):
    pytest.skip("no fork here (Windows): sessions are plain processes", allow_module_level=True)
import aiohttp  # noqa: E402

from tests.web.client import Served, Tab  # noqa: E402
from tests.web.test_serve import folder, open_tab, snapshot  # noqa: E402,F401  (folder: the served folder fixture)

ROOT = Path(__file__).resolve().parents[2]


def parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def sockets(pid: int) -> set[str]:
    links = {os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")}
    return {link for link in links if link.startswith("socket:")}


def gone(pid: int) -> bool:
    """No process and no zombie: nothing left in /proc."""
    return not Path(f"/proc/{pid}").exists()


async def until(check, seconds: float = 60.0) -> bool:
    for _ in range(int(seconds * 10)):
        if check():
            return True
        await asyncio.sleep(0.1)
    return check()


def started(server: Served, count: int) -> list[dict]:
    return server.wait_audit("session_start", count)


async def still_answers(tab: Tab) -> None:
    mark = tab.mark()
    await tab.keys("n")  # 新建自评 opens its form
    await tab.wait_for("单位", since=mark)


async def test_a_closed_tab_ends_its_forked_session_and_leaves_no_zombie(folder):
    server = Served(folder, "--spare", "0")
    try:
        zygote = server.wait_audit("fork_server_ready")[0]["pid"]
        async with aiohttp.ClientSession() as http:
            tab = await open_tab(http, server)
            await tab.wait_for("t.toml")
            pid = started(server, 1)[0]["pid"]
            assert started(server, 1)[0]["process"] == "forked"
            assert parent_of(pid) == zygote  # forked by the zygote, not started by the server
            assert not sockets(zygote) & sockets(pid)  # a session cannot ask the zygote for more sessions
            await tab.ws.close()
            assert await until(lambda: gone(pid)), f"session {pid} is still in /proc: {Path(f'/proc/{pid}/stat').read_text()}"
            assert not gone(zygote)  # the zygote stays for the next tab
            again = await open_tab(http, server)
            await again.wait_for("t.toml")
    finally:
        server.close()
    assert await until(lambda: gone(zygote)), "the zygote outlived its server"


async def test_killing_the_zygote_keeps_open_sessions_and_new_tabs_open_until_it_is_back(folder):
    server = Served(folder, "--spare", "0")
    before = snapshot(folder)
    try:
        zygote = server.wait_audit("fork_server_ready")[0]["pid"]
        async with aiohttp.ClientSession() as http:
            first = await open_tab(http, server)
            await first.wait_for("t.toml")
            os.kill(zygote, signal.SIGKILL)
            server.wait_audit("fork_server_lost")
            await still_answers(first)  # the open session does not depend on the zygote
            second = await open_tab(http, server)  # while it is down: a plain process
            await second.wait_for("t.toml")
            assert started(server, 2)[1]["process"] == "started"
            assert parent_of(started(server, 2)[1]["pid"]) == server.proc.pid
            await still_answers(second)
            new_zygote = server.wait_audit("fork_server_ready", 2)[1]["pid"]  # restarted after a pause
            assert new_zygote != zygote
            third = await open_tab(http, server)
            await third.wait_for("t.toml")
            assert started(server, 3)[2]["process"] == "forked"
            assert parent_of(started(server, 3)[2]["pid"]) == new_zygote
            pids = [line["pid"] for line in started(server, 3)]
            for tab in (first, second, third):
                await tab.ws.close()
            assert await until(lambda: all(gone(pid) or zombie(pid) for pid in pids))
    finally:
        server.close()
    assert snapshot(folder) == before


def zombie(pid: int) -> bool:
    """The first session lost its parent with the zygote: whoever adopts it (pid 1) reaps it, or not."""
    try:
        return ") Z " in Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True


async def test_twenty_five_tabs_at_once_with_a_cap_of_twenty_refuse_five_and_the_rest_work(folder):
    server = Served(folder, "--spare", "0", "--max-sessions", "20")
    before = snapshot(folder)
    try:
        server.wait_audit("fork_server_ready")
        async with aiohttp.ClientSession() as http:
            tabs = await asyncio.gather(*[open_tab(http, server) for _ in range(25)])

            async def settled(tab: Tab) -> None:
                await until(lambda: tab.reader.done() or "t.toml" in tab.screen(), 120)

            await asyncio.gather(*[settled(tab) for tab in tabs])
            refused = [t for t in tabs if "会话已达上限（20 个）" in t.screen()]
            assert len(refused) == 5 and all(t.ws.close_code == 1013 for t in refused)
            opened = [t for t in tabs if t not in refused]
            for tab in opened:
                await tab.wait_for("t.toml")
            sessions = started(server, 20)
            assert [line["process"] for line in sessions] == ["forked"] * 20
            assert len({line["pid"] for line in sessions}) == 20
            await asyncio.gather(*[still_answers(tab) for tab in opened[::5]])
            for tab in opened:
                await tab.ws.close()
            pids = [line["pid"] for line in sessions]
            assert await until(lambda: all(gone(pid) for pid in pids), 120)
    finally:
        server.close()
    assert snapshot(folder) == before


def test_the_zygote_listens_on_nothing_and_takes_no_command_from_a_request(folder):
    """Its only socket is the one the server handed it; a request carries a size, never a program."""
    server = Served(folder, "--spare", "0")
    try:
        zygote = server.wait_audit("fork_server_ready")[0]["pid"]
        inodes = {link[len("socket:["):-1] for link in sockets(zygote)}
        assert len(inodes) == 1
        listening = set()
        for table in ("unix", "tcp", "tcp6", "udp", "udp6"):
            for line in Path(f"/proc/{zygote}/net/{table}").read_text().splitlines()[1:]:
                fields = line.split()
                if table == "unix" and int(fields[3], 16) & 0x10000:  # __SO_ACCEPTCON: listening
                    listening.add(fields[6])
                elif table != "unix" and fields[3] in ("0A", "07"):  # TCP LISTEN, or a bound UDP socket
                    listening.add(fields[9])
        assert not inodes & listening
    finally:
        server.close()


@pytest.mark.parametrize("request_bytes", [b"", b"not json", b'{"width": 80}', b'{"width": "80", "height": 24}',
                                           b'{"width": 100000, "height": 24}', b'["rm", "-rf", "/"]'])
def test_a_request_the_zygote_cannot_read_forks_nothing(request_bytes, tmp_path):
    from ucm_check.web.zygote import _size

    assert _size(request_bytes) is None
    assert _size(b'{"width": 100, "height": 30, "argv": ["sh"]}') == (100, 30)  # extra keys choose nothing


async def test_a_profile_added_after_the_server_started_is_listed_in_the_next_tab(folder):
    """By default nothing is drawn ahead of a tab (a spare would list the folder as it was then)."""
    server = Served(folder)
    try:
        server.wait_audit("fork_server_ready")
        await asyncio.sleep(2)  # long enough for anything drawn ahead to have drawn its listing
        shutil.copy(ROOT / "profiles" / "hunan-county-typical.toml", folder / "后来的.toml")
        async with aiohttp.ClientSession() as http:
            tab = await open_tab(http, server)
            await tab.wait_for("后来的.toml")
    finally:
        server.close()


@pytest.mark.parametrize("how", ["forked", "plain"])
async def test_a_killed_server_leaves_no_zygote_and_no_session_behind(folder, how):
    """Nobody can close those tabs any more: the zygote sees its channel close, each session sees
    its server gone (Textual's web driver alone would keep the app running without input)."""
    server = Served(folder, "--spare", "0", *(["--no-fork"] if how == "plain" else []))
    try:
        zygote = server.wait_audit("fork_server_ready")[0]["pid"] if how == "forked" else None
        async with aiohttp.ClientSession() as http:
            tab = await open_tab(http, server)
            await tab.wait_for("t.toml")
            pid = started(server, 1)[0]["pid"]
            server.proc.kill()
            server.proc.wait()
            left = [p for p in (zygote, pid) if p is not None]
            assert await until(lambda: all(gone(p) or zombie(p) for p in left)), \
                f"left behind: {[p for p in left if not gone(p)]}"
    finally:
        server.close()
