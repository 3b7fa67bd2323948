"""Benchmark: time to the first screen of ``ucm-check tui PROFILE`` against a minimal Textual app.

    python bench/tui_startup.py [--runs 11]

Each run starts a fresh interpreter that runs the app headless and exits as soon as the app
reports ready (its first screen composed and painted). Both sides pay the same interpreter start
and Textual import; the TUI adds the plugin host, profile validation, scoring and the overview.
Aim: within 1.5x of the minimal app. Median of ``--runs`` runs; results go by hand into
docs/performance.md (never a timed test: the machines here are noisy).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "profiles" / "hunan-county-typical.toml"

MINIMAL = """
from textual.app import App
from textual.widgets import Footer, Static

class Minimal(App):
    def compose(self):
        yield Static("你好")
        yield Footer()

async def ready(pilot):
    pilot.app.exit()

Minimal().run(headless=True, size=(80, 24), auto_pilot=ready)
"""

TUI = f"""
from pathlib import Path
from ucm_check.engine.cache import build_host
from ucm_check.profile.reading import load_profile
from ucm_check.tui.app import UcmApp

async def ready(pilot):
    assert type(pilot.app.screen).__name__ == "OverviewScreen", pilot.app.screen
    pilot.app.exit()

host = build_host(entry_points=True, environment=True, cache=True)  # as the command builds it
load_profile({str(PROFILE)!r}, host.standards)  # what the command checks before starting the app
UcmApp(host, Path({str(PROFILE)!r})).run(headless=True, size=(80, 24), auto_pilot=ready)
"""


#: Bytecode cached as after ``pip install``; the compiled-standard cache in a temporary folder (set in main).
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "UCM_CHECK_NO_CACHE")}


def timed(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=ENV)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--no-cache", action="store_true", help="build the plugin host from the plugins every run")
    args = parser.parse_args()
    cache = tempfile.mkdtemp(prefix="ucm-bench-cache-")
    ENV.update(XDG_CACHE_HOME=cache, UCM_CHECK_CACHE_DIR=cache)
    if args.no_cache:
        ENV["UCM_CHECK_NO_CACHE"] = "1"
    print(f"load average {os.getloadavg()[0]:.2f} at start")
    timed(MINIMAL), timed(TUI)  # warm the file cache, bytecode and the compiled-standard cache
    minimal, tui = [], []
    for _ in range(args.runs):  # interleaved so both sides see the same machine load
        minimal.append(timed(MINIMAL))
        tui.append(timed(TUI))
    m, t = statistics.median(minimal), statistics.median(tui)
    print(f"minimal Textual app   median {m * 1000:7.1f} ms  (min {min(minimal) * 1000:.1f})")
    print(f"ucm-check tui PROFILE median {t * 1000:7.1f} ms  (min {min(tui) * 1000:.1f})")
    print(f"ratio {t / m:.2f}x  (aim: within 1.5x); load average {os.getloadavg()[0]:.2f} at end")


if __name__ == "__main__":
    main()
