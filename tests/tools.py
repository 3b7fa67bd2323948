"""The programs that judge what we write (LibreOffice, pdftoppm, tmux, chromium), found or missed.

Locally a missing program skips its tests, saying which program and how to install it. CI sets
``UCM_REQUIRE_TOOLS=1`` (``.ci/run`` does): there a missing judge fails the test instead, so a green
run always means the files were judged.

Use :func:`need` inside a test or helper, or mark a whole module with
``pytestmark = pytest.mark.requires_tool("tmux")`` (``tests/conftest.py`` checks the mark).
"""

from __future__ import annotations

import os
import shutil

import pytest

REQUIRE_ENV = "UCM_REQUIRE_TOOLS"

#: tool -> (what it is, the commands that provide it, the Debian packages that install it)
TOOLS = {
    "soffice": ("LibreOffice", ("soffice", "libreoffice"), "libreoffice-calc-nogui libreoffice-writer-nogui"),
    "pdftoppm": ("pdftoppm (poppler)", ("pdftoppm",), "poppler-utils"),
    "tmux": ("tmux", ("tmux",), "tmux"),
    "chromium": ("Chromium", ("chromium", "chromium-browser"), "chromium"),
}


def required() -> bool:
    """True when a missing judge must fail the test (``UCM_REQUIRE_TOOLS`` set to anything but 0/empty)."""
    return os.environ.get(REQUIRE_ENV, "").strip() not in ("", "0")


def need(tool: str) -> str:
    """The path of ``tool``; skips the test when it is missing, or fails it under :data:`REQUIRE_ENV`."""
    label, commands, packages = TOOLS[tool]
    for command in commands:
        path = shutil.which(command)
        if path:
            return path
    message = f"{label} is not installed (apt-get install {packages}; .ci/run installs it)"
    if required():
        pytest.fail(f"{REQUIRE_ENV}=1 and {message}: this test's judge is missing", pytrace=False)
    pytest.skip(message)
    raise AssertionError("unreachable")
