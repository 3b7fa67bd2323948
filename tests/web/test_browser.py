"""A real browser on ``ucm-check serve``: Debian's chromium driven by Playwright (never
``playwright install``). The clerk opens the printed address, starts a new self-check with a unit
name typed through an input method (pinyin composition, committed as hanzi), answers a question,
saves, exports the 自评报告 as a download, and the screenshot shows Chinese glyphs.

Skipped, saying why, without chromium or playwright; failing instead when ``UCM_REQUIRE_TOOLS=1``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.web.client import Served

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
NAME = "某县城市管理和综合执法局"


def _missing() -> str:
    try:
        import playwright.sync_api  # noqa: F401
        import textual_serve  # noqa: F401
    except ImportError as exc:
        return f"{exc.name} is not installed (pip install -e '.[web,webtest]')"
    if not os.path.exists(CHROMIUM):
        return "chromium is not installed (apt-get install chromium)"
    return ""


def _requires_tools():
    reason = _missing()
    if reason and os.environ.get("UCM_REQUIRE_TOOLS") == "1":
        pytest.fail(f"UCM_REQUIRE_TOOLS=1 but {reason}")
    if reason:
        pytest.skip(reason)


def until(page, condition, seconds: float = 30.0) -> bool:
    """Poll ``condition`` while the page keeps running (no fixed wait decides a result)."""
    for _ in range(int(seconds * 5)):
        if condition():
            return True
        page.wait_for_timeout(200)
    return condition()


def glyph_shapes(png: Path, top: int, bottom: int) -> list[bytes]:
    """The ink blobs of one screen row (left to right), each as its bitmap: blank gives none, and
    missing-glyph boxes (tofu) give the same bitmap over and over."""
    from PIL import Image

    image = Image.open(png).convert("L").crop((0, top, Image.open(png).width, bottom))
    width, height = image.size
    pixels = image.load()
    row = [pixels[x, height // 2] for x in range(width)]
    background = max(set(row), key=row.count)
    ink = [any(abs(pixels[x, y] - background) > 60 for y in range(height)) for x in range(width)]
    shapes, start = [], None
    for x, inked in enumerate([*ink, False]):
        if inked and start is None:
            start = x
        elif not inked and start is not None:
            blob = image.crop((start, 0, x, height)).point(lambda v: 255 if abs(v - background) > 60 else 0)
            shapes.append(blob.tobytes())
            start = None
    return shapes


def test_a_clerk_in_chromium_types_hanzi_saves_and_downloads_the_report(tmp_path):
    _requires_tools()
    from playwright.sync_api import sync_playwright

    folder = tmp_path / "served"
    folder.mkdir()
    server = Served(folder)
    try:
        server.wait_audit("fork_server_ready")  # the tab's session is forked from the warm zygote
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            context = browser.new_context(viewport={"width": 1200, "height": 800}, accept_downloads=True)
            page = context.new_page()
            page.goto(f"{server.base}/?token={server.token}")
            page.wait_for_selector("body.-first-byte", timeout=30_000)
            page.wait_for_timeout(1500)
            page.click("#terminal")  # the terminal needs focus before it takes keys
            page.keyboard.press("n")
            page.wait_for_timeout(1500)
            cdp = context.new_cdp_session(page)
            for partial in ("m", "mou", "mou xian"):  # pinyin being composed, then committed as hanzi
                cdp.send("Input.imeSetComposition", {"text": partial, "selectionStart": len(partial),
                                                     "selectionEnd": len(partial)})
                page.wait_for_timeout(100)
            cdp.send("Input.insertText", {"text": NAME})
            page.wait_for_timeout(500)
            for _ in range(5):  # name -> standard -> level -> region -> period -> file
                page.keyboard.press("Tab")
                page.wait_for_timeout(150)
            for _ in range(12):
                page.keyboard.press("Backspace")
            page.keyboard.type("web.toml", delay=50)
            page.keyboard.press("Enter")
            profile = folder / "web.toml"
            assert until(page, profile.exists), "the new self-check was not written"
            blank = profile.read_bytes()
            page.keyboard.press("Enter")  # the first area
            page.wait_for_timeout(1500)
            page.keyboard.press("y")  # its first question: yes
            page.wait_for_timeout(800)
            page.keyboard.press("Control+s")
            assert until(page, lambda: profile.read_bytes() != blank), "saving changed nothing on disk"
            page.wait_for_timeout(500)  # the 已保存 notice is drawn
            page.screenshot(path=str(tmp_path / "saved.png"))
            page.keyboard.press("Escape")
            page.wait_for_timeout(800)
            page.keyboard.press("x")
            page.wait_for_timeout(1200)
            for _ in range(4):
                page.keyboard.press("ArrowDown")
                page.wait_for_timeout(150)
            downloads = []  # the page opens /download/KEY in a new tab, which turns into a download
            context.on("page", lambda tab: tab.on("download", lambda d: downloads.append(d)))
            page.on("download", lambda d: downloads.append(d))
            page.keyboard.press("Enter")
            assert until(page, lambda: bool(downloads)), "the export did not arrive as a download"
            download = downloads[0]
            assert download.suggested_filename == "web-自评报告.docx"
            got = tmp_path / "downloaded.docx"
            download.save_as(got)
            browser.close()
    finally:
        server.close()
    assert [line["process"] for line in server.audit() if line["event"] == "session_start"] == ["forked"]
    assert f'name = "{NAME}"' in profile.read_text(encoding="utf-8")
    report = subprocess.run([sys.executable, "-m", "ucm_check", "check", str(profile), "--format", "json",
                             "--no-entry-points"], capture_output=True, text=True, encoding="utf-8")
    assert json.loads(report.stdout)["profiles"][0]["completeness"]["answered"] == 1, report.stdout + report.stderr
    assert got.read_bytes() == (folder / "web-自评报告.docx").read_bytes()
    assert NAME in zipfile.ZipFile(got).read("word/document.xml").decode("utf-8")
    shapes = glyph_shapes(tmp_path / "saved.png", 0, 18)  # the top bar: ucm-check 自评：城市管理执法队伍…
    assert len(shapes) >= 15, "the top bar is blank"
    assert len(set(shapes)) >= 12, "the top bar's characters all look alike: missing glyphs (tofu)"
