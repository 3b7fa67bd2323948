"""Monthly assessment at scale: 1,000 units × 36 months (import, composite and ranking, trends).

A generated scheme folder: four groups of 250 units, each group weighting three of four sources
(seed 004's shape), one CSV per source per month as a source would send it. Each phase runs in its
own fresh process so its peak memory (max RSS) is its own; CPU time (user + system, interpreter
start-up included) is reported beside wall time because the machines here are shared:

* ``import``: validate and keep every source file of every month (36 × 4 files of 750 rows);
* ``rank``: rank every month in order (composite, ranks, flags, streaks, funding), keeping each
  month's ``results.json``;
* ``trends``: the 12-month look-back of every unit;
* then the next month (37 after 36): imported, and ranked with the 36 kept (from month 36's carry)
  against the same month ranked in a folder that holds only it (aim: at most 1.2x).

Memory should not grow with the months kept: ``--months 12 36`` runs the rank phase at both sizes.

    python bench/assess_scale.py                    # 1,000 units, 36 months
    python bench/assess_scale.py --units 200 --months 12 36
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
SOURCES = ("third_party", "digital", "office", "streets")
SCHEME = """[scheme]
name = "基准"
tie_break = ["third_party"]
[sources.third_party]
name = "第三方"
[sources.digital]
name = "数字化"
[sources.office]
name = "城考办"
[sources.streets]
name = "街道"
""" + "".join(f"""
[groups.g{g}]
name = "组{g}"
weights = {{ third_party = 40, digital = 40, {'office' if g % 2 else 'streets'} = 20 }}
red = 2
black = 1
escalation = {{ bottom = 10, after = 2, ladder = ["约谈", "诫勉谈话", "停职"] }}
{'funding = { rule = "linear", up = 20, down = 20 }' if g == 3 else ''}
""" for g in range(4))

PHASE = """
import resource, sys, time
sys.path.insert(0, {root!r})
from ucm_check.assess.folder import open_folder
from ucm_check.assess.periods import parse_month
phase, path, months = sys.argv[1], sys.argv[2], int(sys.argv[3])
start = time.perf_counter()
folder = open_folder(path)
periods = [parse_month(f"{{2024 + (m - 1) // 12}}-{{(m - 1) % 12 + 1:02d}}") for m in range(1, months + 1)]
if phase.endswith("-next"):  # month months + 1 only, with whatever the folder has kept
    periods = [parse_month(f"{{2024 + months // 12}}-{{months % 12 + 1:02d}}")]
    phase = phase[:-5]
if phase == "import":
    from ucm_check.assess.cycle import import_source
    for p in periods:
        for s in {sources!r}:
            import_source(folder, p, s, f"{{path}}/收件/{{p.id}}-{{s}}.csv")
elif phase == "rank":
    from ucm_check.assess.results import rank_and_keep
    rank_and_keep(folder, periods[-1])
else:
    from ucm_check.assess.trends import history
    history(folder, to=periods[-1].id, months=12)
usage = resource.getrusage(resource.RUSAGE_SELF)
sys.stderr.write(f"TIME {{time.perf_counter() - start}} CPU {{usage.ru_utime + usage.ru_stime}} MAXRSS {{usage.ru_maxrss}}\\n")
"""


def generate(folder: Path, units: int, months: int) -> None:
    """Scheme, roster and every month's source files."""
    folder.mkdir(parents=True)
    (folder / "scheme.toml").write_text(SCHEME, encoding="utf-8")
    rows = ["单位名称,简称,组别,定额经费"]
    for i in range(units):
        g = i % 4
        rows.append(f"第{i + 1:04d}单位,单位{i + 1:04d},g{g},{'100000' if g == 3 else ''}")
    (folder / "roster.csv").write_text("\n".join(rows) + "\n", encoding="utf-8-sig")
    inbox = folder / "收件"
    inbox.mkdir()
    for m in range(1, months + 2):  # one more month than kept: the next monthly run
        period = f"{2024 + (m - 1) // 12}-{(m - 1) % 12 + 1:02d}"
        for k, source in enumerate(SOURCES):
            lines = ["单位名称,得分"]
            for i in range(units):
                g = i % 4
                uses = source in ("third_party", "digital") or (source == "office") == bool(g % 2)
                if uses:
                    lines.append(f"第{i + 1:04d}单位,{60 + (i * 7 + m * 3 + k * 5) % 40}.{(i + m + k) % 10}")
            (inbox / f"{period}-{source}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8-sig")


def next_month(months: int) -> str:
    return f"{2024 + months // 12}-{months % 12 + 1:02d}"


def phase(name: str, folder: Path, months: int) -> tuple[float, float, int]:
    code = PHASE.format(root=str(ROOT), sources=SOURCES)
    run = subprocess.run([sys.executable, "-c", code, name, str(folder), str(months)], capture_output=True, text=True)
    if run.returncode:
        raise SystemExit(run.stderr)
    line = run.stderr.strip().splitlines()[-1].split()
    return float(line[1]), float(line[3]), int(line[5])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--months", type=int, nargs="+", default=[36])
    parser.add_argument("--repeat", type=int, default=5, help="runs of the next month's rank on each side")
    args = parser.parse_args()
    print(f"{args.units} units, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print(f"{'months':>6}  {'phase':<7} {'wall s':>8}  {'CPU s':>8}  {'peak MB':>8}")
    for months in args.months:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "scale"
            started = time.perf_counter()
            generate(folder, args.units, months)
            print(f"{months:>6}  {'(files)':<7} {time.perf_counter() - started:>8.2f}")
            total = 0.0
            for name in ("import", "rank", "trends"):
                seconds, cpu, rss = phase(name, folder, months)
                total += cpu
                print(f"{months:>6}  {name:<7} {seconds:>8.2f}  {cpu:>8.2f}  {rss / 1024:>8.1f}")
            print(f"{months:>6}  {'all':<7} {'':>8}  {total:>8.2f}   (aim: 1,000 units × 36 months ≤ 3 s CPU)")
            # The next month: ranked with `months` kept (the carry) against the same month alone in a
            # folder that holds nothing else; medians of --repeat fresh processes each.
            alone = Path(tmp) / "alone"
            alone.mkdir()
            for name in ("scheme.toml", "roster.csv"):
                (alone / name).write_bytes((folder / name).read_bytes())
            os.symlink(folder / "收件", alone / "收件")
            phase("import-next", folder, months)
            phase("import-next", alone, months)
            kept, single = [], []
            for _ in range(args.repeat):
                for target, into in ((folder, kept), (alone, single)):
                    for results in target.glob(f"history/{next_month(months)}/results.json"):
                        results.unlink()
                    into.append(phase("rank-next", target, months)[1])
            ratio = statistics.median(kept) / statistics.median(single)
            print(f"{months + 1:>6}  rank with {months} kept {statistics.median(kept):.3f} s CPU, alone "
                  f"{statistics.median(single):.3f} s: {ratio:.2f}x (aim ≤ 1.2x)")


if __name__ == "__main__":
    main()
