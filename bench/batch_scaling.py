"""Batch speed and memory: ``ucm-check check`` over generated profiles against the parse floor.

The floor is one Python process that reads and tomllib-parses the same files (Decimal floats, as
ucm-check does): issue 23's definition. ucm-check parses with tomli's compiled wheel, about 3x faster
than tomllib, so a second floor parsing with tomli is printed too: the ratio to it is what ucm-check
adds beyond its own parser. Both run as fresh processes, so interpreter start-up counts on both sides; the best
of ``--repeat`` runs is kept because the machines here are shared. Peak memory is the process's
maximum resident set size. Aim: within 1.5x of the floor at 1,000 profiles, time growing linearly
and memory flat from 100 to 10,000.

    python bench/batch_scaling.py                 # 100, 1000, 3000, 10000
    python bench/batch_scaling.py --sizes 1000 --formats text json sarif
    python bench/batch_scaling.py --breakdown --sizes     # per-stage µs per profile, in one process
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "profiles" / "hunan-county-typical.toml"

FLOOR = """
import importlib, os, resource, sys
from decimal import Decimal
parser = importlib.import_module(sys.argv[2])
root = sys.argv[1]
for folder, _, files in os.walk(root):
    for name in sorted(files):
        with open(os.path.join(folder, name), "rb") as fh:
            parser.loads(fh.read().decode("utf-8-sig"), parse_float=Decimal)
sys.stderr.write(f"MAXRSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n")
"""

CHECK = """
import resource, sys
from ucm_check.cli import main
code = main(["check", *sys.argv[1:]])
sys.stderr.write(f"MAXRSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n")
"""


def generate(folder: Path, count: int, seed: int = 2026) -> None:
    """``count`` varied county profiles: counts, rates and names differ, the shape is the typical one."""
    rng = random.Random(seed)
    template = SOURCE.read_text(encoding="utf-8")
    for i in range(count):
        text = template.replace("某县城市管理和综合执法局", f"第{i}县城市管理和综合执法局")
        text = text.replace("dress_violations = 7", f"dress_violations = {rng.randint(0, 12)}")
        text = text.replace("certificate_rate = 93.8", f"certificate_rate = {rng.randint(880, 1000) / 10}")
        text = text.replace("satisfaction_rate = 82.6", f"satisfaction_rate = {rng.randint(550, 990) / 10}")
        text = text.replace("stall_bbq_unmanaged = 3", f"stall_bbq_unmanaged = {rng.randint(0, 9)}")
        sub = folder / f"{i // 100:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"county-{i:05d}.toml").write_text(text, encoding="utf-8")


#: Children may write bytecode: with PYTHONDONTWRITEBYTECODE set (as in this shared tree) every run
#: would recompile each recently edited module, which an installed ucm-check never does.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_once(argv: list[str]) -> tuple[float, int, float]:
    """Wall seconds, peak RSS in KiB and CPU seconds (user + system) of one run of ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if "MAXRSS " not in done.stderr:
        raise SystemExit(f"{' '.join(argv[:2])} … failed:\n{done.stderr}")
    rss = int(done.stderr.rpartition("MAXRSS ")[2].split()[0])
    return elapsed, rss, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def measure(sides: dict[str, list[str]], repeat: int) -> dict[str, tuple[float, int, float]]:
    """Per side: the best wall time, the peak RSS of that run and the least CPU time of any run. The
    sides take turns (one warm-up each, then ``repeat`` rounds), so that a machine whose speed drifts
    (a shared one does, by 20% within a minute) slows every side alike."""
    for argv in sides.values():
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)  # caches, bytecode
    best = {name: (float("inf"), 0, float("inf")) for name in sides}
    for _ in range(repeat):
        for name, argv in sides.items():
            wall, rss, cpu = run_once(argv)
            old = best[name]
            best[name] = (wall, rss, min(old[2], cpu)) if wall < old[0] else (old[0], old[1], min(old[2], cpu))
    return best


def breakdown(folder: Path) -> None:
    """In one process, where a profile's time goes: parse, validate, score, summary row, JSON record."""
    from decimal import Decimal

    import tomli

    from ucm_check.ci.outcome import row_for
    from ucm_check.profile.checking import Checked, score
    from ucm_check.engine.host import build_host
    from ucm_check.profile.reading import parse_text

    start = time.perf_counter()
    host = build_host()
    standards = host.standards
    setup = time.perf_counter() - start
    files = sorted(str(p) for p in folder.rglob("*.toml"))
    texts = [Path(f).read_bytes().decode("utf-8-sig") for f in files]
    from ucm_check.ci.formats.json_records import profile_json

    t = {"tomli parse": 0.0, "validate (parse_text minus parse)": 0.0, "score (engine)": 0.0, "summary row": 0.0,
         "JSON record (compact)": 0.0}
    for f, text in zip(files, texts):
        t0 = time.perf_counter()
        tomli.loads(text, parse_float=Decimal)
        t1 = time.perf_counter()
        profile = parse_text(f, text, standards)
        t2 = time.perf_counter()
        result = score(profile, host)
        t3 = time.perf_counter()
        row_for(Checked(f, profile, result), [])
        t4 = time.perf_counter()
        profile_json(result)
        t5 = time.perf_counter()
        t["JSON record (compact)"] += t5 - t4
        t["tomli parse"] += t1 - t0
        t["validate (parse_text minus parse)"] += (t2 - t1) - (t1 - t0)
        t["score (engine)"] += t3 - t2
        t["summary row"] += t4 - t3
    print(f"host and plugins: {setup * 1000:.0f} ms once")
    for name, total in t.items():
        print(f"{name:<36} {total / len(files) * 1e6:>6.0f} µs/profile")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 3000, 10000])
    parser.add_argument("--formats", nargs="+", default=["text"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--breakdown", action="store_true", help="also time each stage in one process (1,000 profiles)")
    args = parser.parse_args()
    if args.breakdown:
        with tempfile.TemporaryDirectory(prefix="ucm-bench-") as tmp:
            generate(Path(tmp), 1000)
            breakdown(Path(tmp))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, best of {args.repeat}, CPU seconds "
          f"(user + system; wall in brackets), load average {os.getloadavg()[0]:.2f}")
    print(f"{'profiles':>8}  {'format':<6} {'tomllib floor':>14} {'tomli floor':>14} {'check':>14} "
          f"{'/ tomllib':>9} {'/ tomli':>8} {'µs/profile':>10} {'floor MB':>8} {'check MB':>8}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="ucm-bench-") as tmp:
            folder = Path(tmp) / "submissions"
            folder.mkdir()
            generate(folder, size)
            sides = {"tomllib": [sys.executable, "-c", FLOOR, str(folder), "tomllib"],
                     "tomli": [sys.executable, "-c", FLOOR, str(folder), "tomli"]}
            sides.update({fmt: [sys.executable, "-c", CHECK, str(folder), "--format", fmt] for fmt in args.formats})
            best = measure(sides, args.repeat)
            floor_s, floor_kb, floor_cpu = best["tomllib"]
            own_s, _, own_cpu = best["tomli"]
            for fmt in args.formats:
                check_s, check_kb, check_cpu = best[fmt]
                print(f"{size:>8}  {fmt:<6} {floor_cpu:>6.2f} ({floor_s:>5.2f}) {own_cpu:>6.2f} ({own_s:>5.2f}) "
                      f"{check_cpu:>6.2f} ({check_s:>5.2f}) {check_cpu / floor_cpu:>9.2f} {check_cpu / own_cpu:>8.2f} "
                      f"{check_cpu / size * 1e6:>10.0f} {floor_kb / 1024:>8.1f} {check_kb / 1024:>8.1f}", flush=True)


if __name__ == "__main__":
    main()
