"""Intake speed and memory: ``ucm-check intake`` over a folder of generated submission bundles.

One real bundle is made with ``ucm-check bundle`` (the city profile plus a 64 KiB evidence file);
the others are copies with the unit's name changed and the manifest's hashes recomputed, so every
bundle verifies and is re-scored like a real one. A roster lists every unit; one bundle in ten is
dated after the deadline and one unit in fifty sends nothing. ``--big`` adds one bundle with a
large evidence file to show that memory follows the largest bundle, not the count.

Each intake runs as a fresh process; peak memory is its maximum resident set size. Aim: 2,000
bundles in under 60 s on the 2-core machine, memory flat from 200 to 2,000.

    python bench/intake_scaling.py                  # 200 and 2000
    python bench/intake_scaling.py --sizes 2000 --big 64
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "profiles" / "hunan-city.toml"
TEMPLATE_NAME = "某市城市管理和综合执法局"

RUN = """
import resource, sys
from ucm_check.cli import main
code = main(["intake", *sys.argv[1:]])
sys.stderr.write(f"MAXRSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\nEXIT {code}\\n")
"""


def template(work: Path, evidence_kib: int) -> dict[str, bytes]:
    """The files of one real bundle (made by ucm-check itself), by entry name."""
    import zipfile

    from ucm_check.cli import main

    (work / "佐证").mkdir(parents=True, exist_ok=True)
    (work / "佐证" / "台账.pdf").write_bytes(os.urandom(evidence_kib * 1024))
    text = SOURCE.read_text(encoding="utf-8") + '\n[evidence]\nHN-01-1 = ["佐证/台账.pdf"]\n'
    (work / "unit.toml").write_text(text, encoding="utf-8")
    code = main(["--log-level", "error", "bundle", str(work / "unit.toml"), "-o", str(work / "t.zip"), "--as-of", "2020-11-10"])
    assert code == 0
    with zipfile.ZipFile(work / "t.zip") as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def generate(folder: Path, roster: Path, count: int, files: dict[str, bytes], big_mib: int = 0) -> None:
    """``count`` units on a roster and their bundles (every 50th missing, every 10th late)."""
    from ucm_check.ci import bundle

    units = ['[roster]\noffice = "测试省厅"\nstandard = "hunan-2020"\ndeadline = 2020-11-15\n']
    folder.mkdir(parents=True, exist_ok=True)
    base = json.loads(files[bundle.MANIFEST])
    for i in range(count):
        name = f"测试{i:05d}市城市管理和综合执法局"
        units.append(f'[[unit]]\nid = "U{i:05d}"\nname = "{name}"\nlevel = "设区市"\n')
        if i % 50 == 49:
            continue
        date = "2020-11-20" if i % 10 == 9 else "2020-11-10"
        new = {}
        for entry, data in files.items():
            if entry in ("unit.toml", bundle.REPORT_JSON, bundle.REPORT_MD):
                data = data.replace(TEMPLATE_NAME.encode(), name.encode()).replace(b"2020-11-10", date.encode())
            if entry == "佐证/台账.pdf" and big_mib and i == 0:
                data = os.urandom(big_mib * 1024 * 1024)
            if entry != bundle.MANIFEST:
                new[entry] = data
        roles = {item["path"]: item["role"] for item in base["files"]}
        new[bundle.MANIFEST] = bundle.manifest(new, roles, profile="unit.toml", plan=None,
                                               as_of=dt.date.fromisoformat(date), unit=name)
        bundle.write_zip(str(folder / f"{i:05d}.zip"), new)
    roster.write_text("\n".join(units), encoding="utf-8")


def run(folder: Path, roster: Path) -> tuple[float, int, int]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", RUN, str(folder), "--roster", str(roster), "--as-of", "2020-11-30",
                           "--format", "json", "-o", os.devnull], capture_output=True, text=True, cwd=ROOT)
    took = time.perf_counter() - start
    rss = int(next(line.split()[1] for line in done.stderr.splitlines() if line.startswith("MAXRSS")))
    code = int(next(line.split()[1] for line in done.stderr.splitlines() if line.startswith("EXIT")))
    return took, rss // 1024, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="*", type=int, default=[200, 2000])
    parser.add_argument("--evidence-kib", type=int, default=64)
    parser.add_argument("--big", type=int, default=0, metavar="MIB", help="make the first bundle's evidence this large")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = template(work / "template", args.evidence_kib)
        print(f"bundle: {len(files)} entries, evidence {args.evidence_kib} KiB; cores: {os.cpu_count()}")
        print(f"{'bundles':>8} {'seconds':>8} {'ms/bundle':>10} {'peak MiB':>9} {'exit':>5}")
        for size in args.sizes:
            folder, roster = work / f"in{size}", work / f"roster{size}.toml"
            generate(folder, roster, size, files, args.big)
            sent = len(list(folder.iterdir()))
            took, mib, code = run(folder, roster)
            print(f"{sent:>8} {took:>8.1f} {1000 * took / sent:>10.1f} {mib:>9} {code:>5}")


if __name__ == "__main__":
    main()
