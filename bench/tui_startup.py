"""Benchmark: time to the first screen of ``ucm-check tui PROFILE`` against a minimal Textual app.

    python bench/tui_startup.py [--runs 11] [--no-cache]

Each run starts a fresh interpreter that runs the app headless and exits as soon as the app
reports ready (its first screen composed and painted). Two clocks: **to the first paint** (the
aim), wall clock from launching the interpreter to that moment and the process's CPU time then,
as the child reports them; and **to exit**, which adds the interpreter's teardown. CPU time is
less swayed than wall clock by the other jobs on a shared machine. Both sides pay the same
interpreter start and Textual import; the TUI adds the plugin host, profile validation, scoring
and the overview. Aim: within 1.5x of the minimal app. Medians of ``--runs`` interleaved runs;
results go by hand into docs/performance.md (never a timed test: the machines here are noisy).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "profiles" / "hunan-county-typical.toml"

#: Printed by each side at its first paint: the clock (for wall time since launch) and its CPU time.
READY = """
import time

async def ready(pilot):
    print("READY", time.time(), time.process_time(), type(pilot.app.screen).__name__, flush=True)
    pilot.app.exit()
"""

MINIMAL = READY + """
from textual.app import App
from textual.widgets import Footer, Static

class Minimal(App):
    def compose(self):
        yield Static("你好")
        yield Footer()

Minimal().run(headless=True, size=(80, 24), auto_pilot=ready)
"""

#: In the order of ``ucm-check tui PROFILE``: the command module imports the engine, then its run()
#: turns the garbage collector off, builds the host, checks the profile and imports the TUI.
TUI = READY + f"""
from pathlib import Path
from ucm_check.engine.cache import build_host

import gc
gc.disable()
from ucm_check.profile.reading import load_profile

host = build_host(entry_points=True, environment=True, cache=True)
load_profile({str(PROFILE)!r}, host.standards)
from ucm_check.tui.app import UcmApp, launch

launch(UcmApp(host, Path({str(PROFILE)!r})), headless=True, size=(80, 24), auto_pilot=ready)
"""


#: Bytecode cached as after ``pip install``; the compiled-standard cache in a temporary folder (set in main).
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "UCM_CHECK_NO_CACHE")}


def timed(code: str) -> dict[str, float]:
    """Seconds of one fresh interpreter running ``code``: wall clock and CPU time to its first
    paint (``paint``, ``paint_cpu``) and to its exit (``exit``, ``exit_cpu``; user + system).
    The TUI must have painted its overview, not the start list or an error."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    launched, start = time.time(), time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=ENV,
                         stdout=subprocess.PIPE, text=True).stdout
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    _, painted, paint_cpu, screen = next(line for line in out.splitlines() if line.startswith("READY")).split()
    assert screen in ("Screen", "OverviewScreen"), f"first screen {screen}"
    return {"paint": float(painted) - launched, "paint_cpu": float(paint_cpu), "exit": wall,
            "exit_cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)}


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def report(sides: dict[str, list[dict[str, float]]]) -> None:
    """A table of medians (min in brackets) per side, and each side's ratio to the first."""
    base = medians(next(iter(sides.values())))
    print(f"{'':24s} {'first paint':>14s} {'CPU':>14s} {'exit':>14s} {'CPU':>14s}")
    for name, runs in sides.items():
        m = medians(runs)
        cells = [f"{m[k] * 1000:6.0f} ({min(r[k] for r in runs) * 1000:4.0f})" for k in m]
        print(f"{name:24s} " + " ".join(f"{c:>14s}" for c in cells))
        print(f"{'  ratio':24s} " + " ".join(f"{m[k] / base[k]:13.2f}x" for k in m))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--no-cache", action="store_true", help="build the plugin host from the plugins every run")
    args = parser.parse_args()
    cache = tempfile.mkdtemp(prefix="ucm-bench-cache-")
    ENV.update(XDG_CACHE_HOME=cache, UCM_CHECK_CACHE_DIR=cache)
    if args.no_cache:
        ENV["UCM_CHECK_NO_CACHE"] = "1"
    print(f"load average {os.getloadavg()[0]:.2f} at start; {args.runs} interleaved runs; ms, median (min)")
    sides = {"minimal Textual app": MINIMAL, "ucm-check tui PROFILE": TUI}
    for code in sides.values():  # warm the file cache, bytecode and the compiled-standard cache
        timed(code)
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in sides}
    for _ in range(args.runs):  # interleaved so both sides see the same machine load
        for name, code in sides.items():
            runs[name].append(timed(code))
    report(runs)
    print(f"aim: first paint within 1.5x; load average {os.getloadavg()[0]:.2f} at end")


if __name__ == "__main__":
    main()
