"""``ucm-check serve`` over HTTP and ``/ws`` without a browser, as an office intranet would meet it:
the guards (token, Origin, no outside host, no listing, no path out of the folder) and a clerk's
journey (start screen, a typed answer saved, an export downloaded, the audit log)."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="ucm-check[web] (textual-serve) is not installed")
import aiohttp  # noqa: E402

from tests.web.client import Served, Tab  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file the clerk could see (the server's own .ucm-serve/ left out) and its SHA-256."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".ucm-serve" not in p.parts}


@pytest.fixture
def folder(tmp_path):
    served = tmp_path / "served"
    served.mkdir()
    shutil.copy(ROOT / "profiles" / "hunan-county-typical.toml", served / "t.toml")
    return served


@pytest.fixture
def server(folder, request):
    """The server with its sessions forked from the warm zygote (waited for), or, with the
    parameter "plain", started as plain processes (``--no-fork``, as on Windows)."""
    plain = getattr(request, "param", "forked") == "plain"
    served = Served(folder, *(["--no-fork"] if plain else []))
    if not plain:
        served.wait_audit("fork_server_ready")
    yield served
    served.close()


def ws_url(server: Served) -> str:
    return server.base.replace("http", "ws", 1) + "/ws?width=100&height=30"


def signed_in(server: Served, origin: str | None = "own") -> dict[str, str]:
    headers = {"Cookie": f"ucm_token={server.token}"}
    if origin:
        headers["Origin"] = server.origin if origin == "own" else origin
    return headers


async def open_tab(http: aiohttp.ClientSession, server: Served, token: str = "") -> Tab:
    headers = signed_in(server)
    if token:
        headers["Cookie"] = f"ucm_token={token}"
    ws = await http.ws_connect(ws_url(server), headers=headers)
    return Tab(ws)


async def still_serving(http: aiohttp.ClientSession, server: Served) -> None:
    async with http.get(f"{server.base}/?token={server.token}") as page:
        assert page.status == 200


async def ended(pid: int) -> bool:
    """True once process ``pid`` has exited (polled: it is given up to QUIT_GRACE and then killed)."""
    for _ in range(300):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        if Path(f"/proc/{pid}/stat").exists() and ") Z " in Path(f"/proc/{pid}/stat").read_text():
            return True  # exited, not yet reaped
        await asyncio.sleep(0.1)
    return False


async def serving_again(http: aiohttp.ClientSession, server: Served) -> None:
    for _ in range(600):
        async with http.get(f"{server.base}/?token={server.token}") as page:
            if page.status == 200:
                return
        await asyncio.sleep(0.1)
    raise AssertionError("the server still refuses new tabs after the others closed")


# the guards ---------------------------------------------------------------------------------------

async def test_without_a_valid_token_the_page_and_the_websocket_are_refused(server, folder):
    before = snapshot(folder)
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{server.base}/") as page:
            assert page.status == 401 and "token" in await page.text()
        async with http.get(f"{server.base}/?token=not-the-token") as page:
            assert page.status == 403 and "令牌无效" in await page.text()
        async with http.get(f"{server.base}/?token={server.token}x") as page:
            assert page.status == 403
        for headers, status in (({"Origin": server.origin}, 401),
                                ({"Origin": server.origin, "Cookie": "ucm_token=forged"}, 403)):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(ws_url(server), headers=headers)
            assert refused.value.status == status
        async with http.get(f"{server.base}/static/js/textual.js") as script:
            assert script.status == 401
        await still_serving(http, server)
    assert snapshot(folder) == before
    reasons = [line["reason"] for line in server.audit() if line["event"] == "refused"]
    assert reasons.count("no_token") >= 2 and reasons.count("bad_token") >= 3


async def test_a_websocket_from_another_sites_page_is_refused(server, folder):
    before = snapshot(folder)
    async with aiohttp.ClientSession() as http:
        for origin in ("http://evil.example", f"http://127.0.0.1:{server.port + 1}", "null", None):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(ws_url(server), headers=signed_in(server, origin))
            assert refused.value.status == 403, origin
        await still_serving(http, server)
    assert snapshot(folder) == before
    assert "http://evil.example" in [line.get("origin") for line in server.audit()]


async def test_the_page_loads_nothing_from_another_host_and_lists_no_folder(server):
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{server.base}/?token={server.token}") as page:
            html = await page.text()
            assert page.headers["Referrer-Policy"] == "no-referrer"  # the token is in the address
            assert "HttpOnly" in page.headers["Set-Cookie"] and "SameSite=Strict" in page.headers["Set-Cookie"]
        urls = re.findall(r"""(?:src|href|url)\s*[=(]\s*["']?([^"') >]+)""", html) + re.findall(r"wss?://[^\"' ]+", html)
        assert urls, html
        outside = [u for u in urls if "://" in u and not u.split("://", 1)[1].startswith(f"127.0.0.1:{server.port}/")]
        assert not outside, outside
        assert "googleapis" not in html and "开始" in html
        cookie = {"Cookie": f"ucm_token={server.token}"}
        for path in ("/static/", "/static/js/", "/static/../server.py", "/static/%2e%2e/server.py"):
            async with http.get(f"{server.base}{path}", headers=cookie) as listing:
                assert listing.status in (403, 404), path
                assert "textual.js" not in await listing.text()
        async with http.get(f"{server.base}/static/js/textual.js", headers=cookie) as script:
            assert script.status == 200


# the clerk's journey --------------------------------------------------------------------------------

@pytest.mark.parametrize("server", ["forked", "plain"], indirect=True)
async def test_a_clerk_opens_answers_saves_and_downloads_the_report(server, folder, request):
    async with aiohttp.ClientSession() as http:
        tab = await open_tab(http, server)
        await tab.wait_for("t.toml")  # the start screen lists the folder's profile
        await tab.keys("enter")
        await tab.wait_for("总分 86.2 分")
        await tab.keys("down", "down", "enter")  # 三、统一执法人员着装
        await tab.wait_for("执法着装规范")
        mark = tab.mark()
        await tab.keys("tab", "backspace", "2", "enter")  # the second question: dress violations, 7 -> 2, committed on leaving it
        await tab.wait_for("未保存", since=mark)
        mark = tab.mark()
        await tab.keys("ctrl+s")
        await tab.wait_for("已保存", since=mark)
        assert "dress_violations = 2  # 督查通报 7 起" in (folder / "t.toml").read_text(encoding="utf-8")

        await tab.keys("escape", "x")  # export, from the overview
        await tab.wait_for("自评报告")
        await tab.keys("down", "down", "down", "down")
        await tab.keys("enter")
        _, key = await tab.wait_text("deliver_file_start")
        async with http.get(f"{server.base}/download/{key}", headers={"Cookie": f"ucm_token={server.token}"}) as got:
            assert got.status == 200
            assert "attachment" in got.headers["Content-Disposition"]
            assert "filename*=UTF-8''t-%E8%87%AA%E8%AF%84%E6%8A%A5%E5%91%8A.docx" in got.headers["Content-Disposition"]
            body = await got.read()
        kept = folder / "t-自评报告.docx"
        assert kept.read_bytes() == body  # downloaded, and kept beside the profile
        assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(body)).namelist()
        await tab.ws.close()
    start = next(line for line in server.audit() if line["event"] == "session_start")
    assert start["process"] == ("started" if "plain" in request.node.name else "forked")
    assert await ended(start["pid"]), "the session's process outlived its tab"
    events = [(line["event"], line.get("user"), line.get("file")) for line in server.audit()]
    for expected in (("opened", "启动者", "t.toml"), ("saved", "启动者", "t.toml"),
                     ("exported", "启动者", "t-自评报告.docx"), ("downloaded", "启动者", "t-自评报告.docx")):
        assert expected in events, events
    assert all(re.match(r"\d{4}-\d\d-\d\dT", line["time"]) for line in server.audit())


async def test_a_new_self_check_in_hanzi_is_written_inside_the_folder_only(server, folder, tmp_path):
    outside = tmp_path / "outside.toml"
    async with aiohttp.ClientSession() as http:
        tab = await open_tab(http, server)
        await tab.wait_for("t.toml")
        await tab.keys("n")
        await tab.wait_for("单位")
        await tab.type("某县城市管理和综合执法局")
        for _ in range(5):  # name -> standard -> level -> region -> period -> file
            await tab.keys("tab")
        await tab.keys(*["backspace"] * 12)
        mark = tab.mark()
        await tab.type("../outside.toml")
        await tab.keys("enter")
        await tab.wait_for("不在其中", since=mark)
        assert not outside.exists()
        await tab.keys(*["backspace"] * 15)
        await tab.type("新档案.toml")
        await tab.keys("enter")
        await tab.wait_for("已生成 新档案.toml", since=mark)
    assert 'name = "某县城市管理和综合执法局"' in (folder / "新档案.toml").read_text(encoding="utf-8")
    assert not outside.exists()


async def test_a_link_out_of_the_folder_is_listed_but_not_opened(server, folder, tmp_path):
    secret = tmp_path / "elsewhere.toml"
    shutil.copy(ROOT / "profiles" / "hunan-county-typical.toml", secret)
    (folder / "a-link.toml").symlink_to(secret)
    before = snapshot(folder), secret.read_bytes()
    async with aiohttp.ClientSession() as http:
        tab = await open_tab(http, server)
        await tab.wait_for("a-link.toml")
        await tab.keys("enter")  # the first entry: a-link.toml
        await tab.wait_for("不在其中")
        await still_serving(http, server)
    assert (snapshot(folder), secret.read_bytes()) == before
    assert any(line["event"] == "refused" and line.get("reason") == "outside_folder" for line in server.audit())


async def test_the_second_person_on_a_profile_sees_who_else_has_it_open_and_merges(folder):
    added = subprocess.run([sys.executable, "-m", "ucm_check", "serve", str(folder), "--add-user", "张三"],
                           capture_output=True, text=True, encoding="utf-8", check=True)
    zhang = added.stdout.splitlines()[1].strip()
    server = Served(folder)
    try:
        await two_people(server, folder, zhang)
    finally:
        server.close()
    saved = (folder / "t.toml").read_text(encoding="utf-8")
    assert "staff_not_fully_equipped = 3" in saved and "dress_violations = 2  # 督查通报 7 起" in saved
    events = [(line["event"], line.get("user"), line.get("how")) for line in server.audit()]
    assert ("saved", "启动者", "opened") in events and ("saved", "张三", "disk") in events, events


async def two_people(server: Served, folder: Path, zhang: str) -> None:
    async with aiohttp.ClientSession() as http:
        first = await open_tab(http, server)
        await first.wait_for("t.toml")
        await first.keys("enter")
        await first.wait_for("总分")
        second = await open_tab(http, server, zhang)
        await second.wait_for("t.toml")
        await second.keys("enter")
        text = await second.wait_for("也打开了此档案")
        assert "启动者 自 " in text
        # both change an answer in 三、统一执法人员着装; the first saves, the second merges into it
        for tab in (first, second):
            await tab.keys("down", "down", "enter")
            await tab.wait_for("执法着装规范")
        await first.keys("tab", "backspace", "2")
        await second.keys("backspace", "3")
        mark = first.mark()
        await first.keys("ctrl+s")
        await first.wait_for("已保存", since=mark)
        mark = second.mark()
        await second.keys("ctrl+s")
        await second.wait_for("已被其他程序修改", since=mark)
        await second.keys("enter")  # 合并保存
        await second.wait_for("已保存", since=mark)


# bad input -----------------------------------------------------------------------------------------

async def test_malformed_and_oversized_messages_are_dropped_and_the_server_keeps_serving(server, folder):
    before = snapshot(folder)
    async with aiohttp.ClientSession() as http:
        tab = await open_tab(http, server)
        await tab.wait_for("t.toml")
        for junk in ("not json", "{}", "[]", '["stdin"]', '["stdin", 5]', '["resize", {"width": "x"}]',
                     '["resize", {"width": 100000, "height": -1}]', '["ping", {"a": 1}]', '["nonsense", 1]', "null",
                     json.dumps(["stdin", "\udcff"], ensure_ascii=True)):
            await tab.ws.send_str(junk)
        await tab.ws.send_bytes(b"\x00\xff binary")
        mark = tab.mark()
        await tab.keys("n")  # the same session still answers
        await tab.wait_for("单位", since=mark)
        big = await open_tab(http, server)
        await big.wait_for("t.toml")
        await big.ws.send_str(json.dumps(["stdin", "a" * 200_000]))
        await asyncio.wait_for(big.reader, 30)
        assert big.ws.close_code == 1009  # message too big
        await still_serving(http, server)
    assert snapshot(folder) == before


async def test_a_hundred_sessions_at_once_get_the_cap_message_and_the_server_keeps_serving(folder):
    server = Served(folder, "--max-sessions", "3")
    before = snapshot(folder)
    try:
        async with aiohttp.ClientSession() as http:
            tabs = await asyncio.gather(*[open_tab(http, server) for _ in range(100)])

            async def settled(tab: Tab) -> None:  # refused (closed by the server) or showing its start screen
                for _ in range(900):
                    if tab.reader.done() or "t.toml" in tab.screen():
                        return
                    await asyncio.sleep(0.1)

            await asyncio.gather(*[settled(tab) for tab in tabs])
            refused = [t for t in tabs if "会话已达上限" in t.screen()]
            assert len(refused) == 97
            assert all(t.ws.close_code == 1013 for t in refused)
            opened = [t for t in tabs if t not in refused]
            for tab in opened:
                await tab.wait_for("t.toml")
            async with http.get(f"{server.base}/?token={server.token}") as page:
                assert page.status == 503 and "上限" in await page.text()
            for tab in opened:
                await tab.ws.close()
            await serving_again(http, server)  # the closed tabs' processes end and free their places
            again = await open_tab(http, server)
            await again.wait_for("t.toml")
    finally:
        server.close()
    assert snapshot(folder) == before
    assert sum(1 for line in server.audit() if line.get("reason") == "session_cap") == 97


async def test_a_flood_of_bad_tokens_is_counted_not_written_line_by_line(server, folder):
    before = snapshot(folder)
    async with aiohttp.ClientSession() as http:
        for i in range(300):  # even split across a minute's turn, one side is over the 120 logged
            async with http.get(f"{server.base}/?token=guess{i}") as page:
                assert page.status == 403
        await still_serving(http, server)
    server.close()
    audit = server.audit()
    logged = sum(1 for line in audit if line["event"] == "refused" and line.get("reason") == "bad_token")
    dropped = sum(sum(line["counts"].values()) for line in audit if line["event"] == "refused_not_logged")
    assert logged + dropped == 300 and dropped > 0 and logged <= 2 * 120
    assert snapshot(folder) == before
