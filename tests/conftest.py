"""Shared fixtures: the builtin host and the Hunan 2020 standard."""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path

import pytest

from ucm_check.engine.host import build_host

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config):
    # The compiled-standard cache of every CLI run the suite makes (in process or in a subprocess) goes to a
    # temporary folder, never ~/.cache; each test gets its own folder (below), this one covers session fixtures.
    import os
    import tempfile

    os.environ["UCM_CHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="ucm-check-test-cache-")
    config.addinivalue_line("markers", "requires_tool(name, ...): the test needs these judges (tests/tools.py): "
                                       "skipped without them, failed under UCM_REQUIRE_TOOLS=1")


def pytest_unconfigure(config):
    import os
    import shutil

    shutil.rmtree(os.environ.pop("UCM_CHECK_CACHE_DIR", ""), ignore_errors=True)


@pytest.fixture(autouse=True)
def _own_cache_folder(tmp_path_factory, monkeypatch):
    """Each test's CLI runs share a cache folder of their own: what one test installs or patches
    never reaches another through the compiled-standard cache."""
    monkeypatch.setenv("UCM_CHECK_CACHE_DIR", str(tmp_path_factory.mktemp("ucm-cache")))


def pytest_runtest_setup(item):
    from tests.tools import need

    for mark in item.iter_markers("requires_tool"):
        for tool in mark.args:
            need(tool)
PROFILES = ROOT / "profiles"


@pytest.fixture(scope="session")
def host():
    return build_host(entry_points=False)


@pytest.fixture(scope="session")
def hunan(host):
    return host.standards["hunan-2020"]


def _pack_entry_points(pack: Path) -> str:
    """The ``entry_points.txt`` a wheel of ``pack`` would install, read from its pyproject.toml."""
    import tomllib

    project = tomllib.loads((pack / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    points = project["entry-points"]["ucm_check"]
    return "[ucm_check]\n" + "".join(f"{name} = {value}\n" for name, value in points.items())


@pytest.fixture(scope="module")
def installed_packs(tmp_path_factory):
    """The Henan 2021 and local-norms packs made visible to the CLI as if pip-installed (CI installs only
    '.[test]'): their sources on sys.path and a ``.dist-info`` folder declaring their entry points.
    Where the packs really are installed, that installation is found first and used. Module-scoped:
    other modules see only what is really installed."""
    import sys

    site = tmp_path_factory.mktemp("site")
    added = []
    for pack, dist in (("henan2021", "ucm_check_henan2021"), ("localnorms", "ucm_check_localnorms"),
                       ("citycapacity", "ucm_check_citycapacity")):
        source = ROOT / "plugins" / pack
        info = site / f"{dist}-0.1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1.0\n", encoding="utf-8")
        (info / "entry_points.txt").write_text(_pack_entry_points(source), encoding="utf-8")
        added.append(str(source))
    added = [p for p in (*added, str(site)) if p not in sys.path]
    sys.path.extend(added)  # appended: a real installation earlier on the path wins
    yield site
    for path in added:
        sys.path.remove(path)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run ``async def`` tests in a fresh event loop (no asyncio plugin is installed)."""
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        names = pyfuncitem._fixtureinfo.argnames
        asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
        return True
    return None
