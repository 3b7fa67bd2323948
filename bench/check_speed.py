"""Benchmark: cold ``ucm-check check`` against the bare tomllib floor, one profile and 1,000.

    python bench/check_speed.py [--runs 15] [--count 1000]

1. Cold check of one profile: ``ucm-check check PROFILE --format json`` in a new process, against
   ``python -c "import tomllib; tomllib.load(open(PROFILE, 'rb'))"``. Aim: within 2.5x.
2. Batch: one ``ucm-check check`` call on 1,000 generated profiles, against one Python process that
   tomllib-parses the same files. Aim: within 1.5x.

Both sides start a fresh interpreter each run; the median of ``--runs`` runs is reported.
Results are recorded by hand in docs/performance.md (machines here are noisy: never a timed test).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "profiles" / "hunan-county-typical.toml"


def generate(folder: Path, count: int, seed: int = 2020) -> list[Path]:
    """``count`` valid profiles: the typical county with counts and rates varied at random."""
    rng = random.Random(seed)
    text = TEMPLATE.read_text(encoding="utf-8")
    counts = ["dress_violations", "vehicles_not_painted", "traffic_violations", "procedure_violations",
              "uncivil_conduct_cases", "stall_bbq_unmanaged", "vendors_not_guided", "late_assignments",
              "publicity_reports"]
    rates = ["certificate_rate", "satisfaction_rate", "on_time_closure_rate", "quality_case_rate"]
    paths = []
    for i in range(count):
        body = text.replace("某县", f"第{i}县")
        for key in counts:
            body = _set(body, key, str(rng.randint(0, 12)))
        for key in rates:
            body = _set(body, key, f"{rng.uniform(40, 100):.1f}")
        path = folder / f"county-{i:05d}.toml"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


def _set(text: str, key: str, value: str) -> str:
    lines = text.splitlines()
    for n, line in enumerate(lines):
        if line.startswith(f"{key} = "):
            lines[n] = f"{key} = {value}"
    return "\n".join(lines) + "\n"


#: As on a user's machine: bytecode is cached (some sandboxes set PYTHONDONTWRITEBYTECODE, which
#: would make every run compile ucm-check from source while the stdlib floor stays precompiled).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str], runs: int) -> float:
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, check=False)  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, check=False)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    exe = shutil.which("ucm-check") or sys.exit("ucm-check is not on PATH: pip install -e . first")
    py = sys.executable
    profile = str(TEMPLATE)

    floor = timed([py, "-c", f"import tomllib; tomllib.load(open({profile!r}, 'rb'))"], args.runs)
    cold = timed([exe, "check", profile, "--format", "json"], args.runs)
    print(f"cold, one profile: ucm-check {cold * 1000:.1f} ms, tomllib floor {floor * 1000:.1f} ms, "
          f"ratio {cold / floor:.2f}x (aim <= 2.5x)")

    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(Path(tmp), args.count)
        listing = Path(tmp) / "files.txt"
        listing.write_text("\n".join(map(str, paths)), encoding="utf-8")
        parse = ("import tomllib, sys\n"
                 f"for p in open({str(listing)!r}, encoding='utf-8').read().split():\n"
                 "    tomllib.load(open(p, 'rb'))\n")
        runs = max(3, args.runs // 3)
        parse_floor = timed([py, "-c", parse], runs)
        batch = timed([exe, "check", *map(str, paths), "--format", "json"], runs)
        print(f"batch of {args.count}: ucm-check {batch * 1000:.0f} ms, tomllib floor {parse_floor * 1000:.0f} ms, "
              f"ratio {batch / parse_floor:.2f}x (aim <= 1.5x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
