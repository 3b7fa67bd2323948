"""``ucm-check serve`` options as an administrator meets them: addresses refused before anything
listens, a person added with a token shown once and stored only as a salted hash, HTTPS."""

from __future__ import annotations

import asyncio
import shutil
import ssl
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="ucm-check[web] (textual-serve) is not installed")
import aiohttp  # noqa: E402

from tests.web.client import Served  # noqa: E402


def serve(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ucm_check", "serve", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=60)


@pytest.mark.parametrize("args, says", [
    (["--host", "0.0.0.0"], "--public-url"),
    (["--host", "::"], "--public-url"),
    (["--port", "70000"], "65535"),
    (["--certfile", "nope.pem"], "--keyfile"),
    (["--certfile", "nope.pem", "--keyfile", "nope.key"], "文件不存在"),
    (["--host", "0.0.0.0", "--public-url", "ftp://x", "--allow-http"], "http(s)"),
    (["--max-sessions", "0"], "至少为 1"),
    (["--host", "192.168.1.5"], "明文"),                              # tokens in clear text on the LAN
    (["--host", "0.0.0.0", "--public-url", "http://192.168.1.5:8000"], "明文"),
])
def test_unsafe_or_impossible_addresses_are_refused_before_listening(tmp_path, args, says):
    out = serve(str(tmp_path), *args)
    assert out.returncode == 2 and says in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / ".ucm-serve").exists()


def test_a_folder_that_is_not_there_is_refused(tmp_path):
    out = serve(str(tmp_path / "missing"))
    assert out.returncode == 2 and "不是文件夹" in out.stderr


def test_an_added_person_signs_in_with_the_token_shown_once_and_only_its_hash_is_kept(tmp_path):
    out = serve(str(tmp_path), "--add-user", "张三")
    assert out.returncode == 0, out.stderr
    token = out.stdout.splitlines()[1].strip()
    stored = (tmp_path / ".ucm-serve" / "users.toml").read_text(encoding="utf-8")
    assert token not in stored and "张三" in stored
    entry = tomllib.loads(stored)["users"]["张三"]
    assert set(entry) >= {"salt", "sha256"} and len(entry["sha256"]) == 64
    server = Served(tmp_path)
    try:
        async def sign_in() -> tuple[int, int]:
            async with aiohttp.ClientSession() as http:
                async with http.get(f"{server.base}/?token={token}") as mine, \
                        http.get(f"{server.base}/?token={entry['sha256']}") as the_hash:
                    return mine.status, the_hash.status

        assert asyncio.run(sign_in()) == (200, 403)  # the stored hash is no token
    finally:
        server.close()
    assert any(line.get("user") is None and line["event"] == "refused" for line in server.audit())


def test_a_broken_users_file_is_named_with_what_is_wrong(tmp_path):
    (tmp_path / ".ucm-serve").mkdir()
    (tmp_path / ".ucm-serve" / "users.toml").write_text("[users.\"张三\"]\nsalt = 1\n", encoding="utf-8")
    out = serve(str(tmp_path), "--add-user", "李四")
    assert out.returncode == 2 and "users.toml" in out.stderr and "salt" in out.stderr


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_https_with_a_certificate_and_a_secure_cookie(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    folder = tmp_path / "served"
    folder.mkdir()
    server = Served(folder, "--certfile", str(cert), "--keyfile", str(key), scheme="https")
    try:
        async def get() -> tuple[int, str, str]:
            context = ssl.create_default_context(cafile=str(cert))
            context.check_hostname = False
            async with aiohttp.ClientSession() as http:
                async with http.get(f"{server.base}/?token={server.token}", ssl=context) as page:
                    return page.status, page.headers["Set-Cookie"], await page.text()

        status, cookie, html = asyncio.run(get())
    finally:
        server.close()
    assert server.base.startswith("https://")
    assert status == 200 and "Secure" in cookie and "wss://127.0.0.1" in html


def test_the_server_side_loads_no_textual():
    """Only a session process imports Textual; the server (and a frozen program serving) does not."""
    probe = ("import sys, ucm_check.commands.serve, ucm_check.web.server\n"
             "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("argv, expected", [
    ([], ["tui"]),                                              # double-click: the start screen on the cwd
    (["C:\\文档\\自评档案.TOML"], ["tui", "C:\\文档\\自评档案.TOML"]),  # a .toml dropped on the program
    (["check", "a.toml"], ["check", "a.toml"]),                 # a command line stays as typed
    (["a.toml", "b.toml"], ["a.toml", "b.toml"]),
    (["--version"], ["--version"]),
])
def test_the_frozen_program_opens_the_tui_on_a_double_click_or_a_dropped_profile(monkeypatch, argv, expected):
    from ucm_check.cli import frozen_default

    assert frozen_default(list(argv)) == list(argv)  # not frozen: unchanged
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert frozen_default(list(argv)) == expected


def test_behind_an_https_reverse_proxy_the_page_and_origin_are_the_proxys(tmp_path):
    """The proxy terminates TLS and forwards to 127.0.0.1: the page points the browser at wss://proxy,
    and /ws takes the proxy's Origin while still refusing any other."""
    public = "https://ucm.example.gov.cn:8443"
    server = Served(tmp_path, "--public-url", public, scheme="https")
    local = f"http://127.0.0.1:{server.port}"

    async def visit() -> tuple[str, int, int]:
        cookie = f"ucm_token={server.token}"
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{local}/?token={server.token}") as page:
                html = await page.text()
            statuses = []
            for origin in (public, "https://evil.example"):
                try:
                    ws = await http.ws_connect(f"{local.replace('http', 'ws')}/ws",
                                               headers={"Origin": origin, "Cookie": cookie})
                    statuses.append(101)
                    await ws.close()
                except aiohttp.WSServerHandshakeError as refused:
                    statuses.append(refused.status)
            return html, statuses[0], statuses[1]

    try:
        html, own, foreign = asyncio.run(visit())
    finally:
        server.close()
    assert "wss://ucm.example.gov.cn:8443/ws" in html and f"127.0.0.1:{server.port}" not in html
    assert (own, foreign) == (101, 403)
