"""Benchmark: ucm-check's cold start beside its floors, and where the import time goes.

    python bench/cold_start.py [--runs 15] [--baseline DIR] [--top 15] [--attrs]

Paired runs, a fresh interpreter each, the two sides alternating so both see the same load:

1. ``python -c pass`` vs ``ucm-check --version`` (aim: within 1.5x), and vs ``cli.main(["--version"])``
   called from ``python -c`` (the same without the ``import re`` of pip's console script);
2. ``python -c "import tomllib; tomllib.load(...)"`` vs ``ucm-check check ONE --format json`` with
   the compiled-standard cache warm (aim: within 2.5x), and the same check with
   ``UCM_CHECK_NO_CACHE=1`` (the cost of a first run, or of a run after a pack changed).

``--baseline DIR`` also times another checkout of ucm-check (e.g. ``git archive main | tar -x -C
DIR``), run by the same interpreter with ``DIR`` and ``DIR/plugins`` first on ``PYTHONPATH``, as the
"before" column. Then ``-X importtime`` tables (median over the runs, top cumulative entries) for
before and after. Plugin modules imported by ``importlib.import_module`` do not appear in
``-X importtime``: the host's own timings (``--log-level debug``) or the "no cache" row show them.

Medians of ``--runs`` pairs. Bytecode caching is on for the children (as after ``pip install``).
``--attrs`` times importing the check command with attrs generating fewer methods (no ``__repr__``,
no ``__eq__``/``__hash__``), to see what such a change to the design card's classes would be worth.
The cache lives in a temporary folder (as ``XDG_CACHE_HOME`` on Linux, so that finding the folder
costs what it costs a user). Results go by hand into docs/performance.md (never a timed
test: the machines here are noisy); print the load average with them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "profiles" / "hunan-county-typical.toml"
BASE_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "UCM_CHECK_NO_CACHE")}


CPU: dict[str, list[float]] = {}
"""CPU seconds (user + system) of each side's runs, beside the wall clock: less swayed by the other
processes of a shared machine."""


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of ``cmd``."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    _, _, usage = os.wait4(child.pid, 0)
    child.returncode = 0
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def paired(sides: dict[str, tuple[list[str], dict[str, str]]], runs: int) -> dict[str, list[float]]:
    """Each side ``runs`` times after a warm-up, interleaved, the order turning every round."""
    names = list(sides)
    for name in names:
        run(*sides[name])
    samples: dict[str, list[float]] = {n: [] for n in names}
    for i in range(runs):
        for name in names[i % len(names):] + names[:i % len(names)]:
            wall, cpu = run(*sides[name])
            samples[name].append(wall)
            CPU.setdefault(name, []).append(cpu)
    return samples


def importtime(cmd: list[str], env: dict[str, str], runs: int, cwd: Path = ROOT) -> dict[str, float]:
    """Median cumulative µs per top-level import of ``cmd`` under ``-X importtime``."""
    found: dict[str, list[int]] = {}
    for _ in range(runs):
        err = subprocess.run([sys.executable, "-X", "importtime", *cmd], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, env=env, cwd=cwd).stderr
        for line in err.splitlines():
            if not line.startswith("import time:") or "cumulative" in line:
                continue
            _, cumulative, name = (part.strip() for part in line[len("import time:"):].split("|"))
            found.setdefault(name, []).append(int(cumulative))
    return {name: statistics.median(v) for name, v in found.items()}


def table(title: str, times: dict[str, float], top: int) -> None:
    print(f"\n{title}\n| import (cumulative, median) | ms |\n|---|---:|")
    for name, us in sorted(times.items(), key=lambda kv: -kv[1])[:top]:
        print(f"| `{name.strip()}` | {us / 1000:.1f} |")


ATTRS_VARIANT = """
import sys, time
variant = sys.argv[1]
start = time.process_time()
import attr._make as make, attr._next_gen as next_gen
if variant != "as written":
    original = make.attrs
    def attrs(maybe_cls=None, **kw):
        if "repr" in variant:
            kw["repr"] = False
        if "eq" in variant:
            kw["eq"], kw["order"] = False, False
        return original(maybe_cls, **kw)
    make.attrs = next_gen.attrs = attrs
import ucm_check.commands.check
print((time.process_time() - start) * 1000)
"""


def attrs_variants(runs: int, env: dict[str, str]) -> None:
    """What generating fewer attrs methods would save: importing the check command's modules (attrs
    and every class on the check path) with attrs as written, without ``__repr__``, without
    ``__eq__``/``__hash__``/ordering, and without both, in CPU time (less swayed by other processes
    than the wall clock). A measurement only: the classes stay as written."""
    variants = ["as written", "repr=False", "eq=False", "repr=False, eq=False"]
    times: dict[str, list[float]] = {v: [] for v in variants}
    for i in range(runs + 1):
        for v in variants[i % 4:] + variants[:i % 4]:
            done = subprocess.run([sys.executable, "-c", ATTRS_VARIANT, v], capture_output=True, text=True,
                                  env=env, cwd=ROOT, check=True)
            if i:
                times[v].append(float(done.stdout))
    print("\n| attrs classes generated | import of the check command, median CPU ms |\n|---|---:|")
    for v in variants:
        print(f"| {v} | {statistics.median(times[v]):.1f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--baseline", type=Path, help="another checkout of ucm-check to time as 'before'")
    parser.add_argument("--top", type=int, default=15, help="rows of each importtime table")
    parser.add_argument("--attrs", action="store_true", help="also time the check command's imports with fewer attrs methods")
    args = parser.parse_args()
    exe = shutil.which("ucm-check") or sys.exit("ucm-check is not on PATH: pip install -e . first")
    py, profile = sys.executable, str(PROFILE)
    with tempfile.TemporaryDirectory() as cache:
        # On Linux the cache folder comes from XDG_CACHE_HOME, so platformdirs is imported as on a user's
        # machine; elsewhere UCM_CHECK_CACHE_DIR keeps the bench out of the real cache folder.
        env = dict(BASE_ENV, XDG_CACHE_HOME=cache)
        env.pop("UCM_CHECK_CACHE_DIR", None)
        if sys.platform != "linux":
            env["UCM_CHECK_CACHE_DIR"] = cache
        cold = dict(env, UCM_CHECK_NO_CACHE="1")
        check = [exe, "check", profile, "--format", "json"]
        sides = {
            "python -c pass": ([py, "-c", "pass"], env),
            "ucm-check --version": ([exe, "--version"], env),
            "--version without the console script": (
                [py, "-c", "import sys; from ucm_check.cli import main; sys.exit(main(['--version']))"], env),
            "tomllib floor": ([py, "-c", f"import tomllib; tomllib.load(open({profile!r}, 'rb'))"], env),
            "check, cache warm": (check, env),
            "check, no cache": (check, cold),
        }
        if args.baseline:
            base = dict(env, PYTHONPATH=os.pathsep.join([str(args.baseline), str(args.baseline / "plugins")]))
            sides["before: --version"] = ([exe, "--version"], base)
            sides["before: check"] = (check, base)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        samples = paired(sides, args.runs)
        med = {name: statistics.median(v) * 1000 for name, v in samples.items()}
        print(f"medians of {args.runs} paired runs, load average {load:.2f} at start, "
              f"{os.getloadavg()[0] if hasattr(os, 'getloadavg') else float('nan'):.2f} at end\n")
        cpu = {name: statistics.median(v) * 1000 for name, v in CPU.items()}
        print("| side | median ms | min ms | median CPU ms |\n|---|---:|---:|---:|")
        for name, v in samples.items():
            print(f"| {name} | {med[name]:.1f} | {min(v) * 1000:.1f} | {cpu[name]:.1f} |")
        print()
        ratios = [("ucm-check --version", "python -c pass", 1.5),
                  ("--version without the console script", "python -c pass", 1.5),
                  ("check, cache warm", "tomllib floor", 2.5),
                  ("check, no cache", "tomllib floor", 2.5)]
        if args.baseline:
            ratios += [("before: --version", "python -c pass", 1.5), ("before: check", "tomllib floor", 2.5)]
        for side, floor, aim in ratios:
            ratio = med[side] / med[floor]
            print(f"{side} / {floor}: {ratio:.2f}x, CPU {cpu[side] / cpu[floor]:.2f}x "
                  f"(aim <= {aim}x: {'met' if ratio <= aim else 'NOT met'})")
        module_check = ["-m", "ucm_check", "check", profile, "--format", "json"]
        if args.baseline:
            table("before: importtime of check", importtime(module_check, base, 5, args.baseline), args.top)
        table("after: importtime of check (cache warm)", importtime(module_check, env, 5), args.top)
        table("after: importtime of --version", importtime(["-m", "ucm_check", "--version"], env, 5), 6)
        if args.attrs:
            attrs_variants(args.runs, env)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
