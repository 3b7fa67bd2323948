"""A mutation run: plant realistic bugs one at a time in a temporary copy of the project and run the
tests that should catch each. A planted bug the tests do not notice is a *survivor*: it gets a test
or a written reason (docs/testing.md).

Each mutant replaces one exact piece of source text (its ``nth`` occurrence) with another; the run
refuses a mutant whose text is no longer found, so the list cannot silently go stale. The copy is
put first on ``PYTHONPATH``, so subprocess tests run the mutated code too.

    python bench/mutate.py                 # every mutant
    python bench/mutate.py bonus-cap fsync # some, by name
    python bench/mutate.py --list
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
COPY = ("ucm_check", "plugins", "tests", "profiles", "rosters", "docs", "README.md", "pyproject.toml")


class Mutant(NamedTuple):
    """One planted bug: in ``file``, the ``nth`` (0-based) ``old`` becomes ``new``; ``tests`` should fail."""

    name: str
    file: str
    old: str
    new: str
    tests: tuple[str, ...]
    nth: int = 0


M = Mutant
MUTANTS = (
    # the five that survived the first run (issue 25)
    M("bonus-cap", "ucm_check/model.py", "return min(self._sum(True), self.standard.bonus_max)",
      "return self._sum(True)", ("tests/test_score_caps.py", "tests/test_headline.py")),
    M("further-deduction-cap", "ucm_check/model.py",
      "return min(sum((a.unanswered_points for a in self.areas if not a.area.bonus), ZERO), left)",
      "return sum((a.unanswered_points for a in self.areas if not a.area.bonus), ZERO)",
      ("tests/test_score_caps.py", "tests/test_headline.py")),
    M("composite-half-even", "ucm_check/assess/composite.py",
      "return quotient.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)",
      'return quotient.quantize(Decimal(1).scaleb(-decimals), rounding="ROUND_HALF_EVEN")',
      ("tests/assess/test_composite.py",)),
    M("completion-half-even", "ucm_check/plan/model.py", 'rate.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)',
      'rate.quantize(Decimal("0.1"), rounding="ROUND_HALF_EVEN")', ("tests/plan/test_model.py",)),
    M("fsync-file", "ucm_check/files/atomic.py", "            os.fsync(self.stream.fileno())\n", "",
      ("tests/test_atomic.py", "tests/test_atomic_durable.py", "tests/test_saving.py")),
    M("fsync-folder", "ucm_check/files/atomic.py", "        _sync_folder(os.path.dirname(os.path.abspath(self.path)))\n", "",
      ("tests/test_atomic.py", "tests/test_atomic_durable.py", "tests/test_saving.py")),
    # caps and edges in the scoring
    M("deducted-cap", "ucm_check/model.py", "return min(self._sum(False), self.standard.base)",
      "return self._sum(False)", ("tests/test_score_caps.py", "tests/test_headline.py", "tests/test_hunan_rules.py")),
    M("area-cap", "ucm_check/model.py", "return min(sum((f.points for f in self.findings), ZERO), self.area.max)",
      "return sum((f.points for f in self.findings), ZERO)", ("tests/test_hunan_rules.py", "tests/test_score_caps.py")),
    M("unanswered-area-room", "ucm_check/model.py", "return min(rules, self.area.max - self.points)", "return rules",
      ("tests/test_score_caps.py", "tests/test_headline.py")),
    M("per-count-cap", "ucm_check/shapes.py", "return Outcome(min(raw, self.cap), f\"{self.fact.label}",
      "return Outcome(raw, f\"{self.fact.label}", ("tests/test_hunan_rules.py",)),
    M("weighted-cap", "ucm_check/shapes.py", "return Outcome(min(raw, self.cap), observed", "return Outcome(raw, observed",
      ("tests/test_hunan_rules.py",)),
    M("missing-items-cap", "ucm_check/shapes.py", "return Outcome(min(self.step * missing, self.cap)",
      "return Outcome((self.step * missing)", ("tests/test_hunan_rules.py", "tests/test_score_caps.py")),
    M("band-edge", "ucm_check/shapes.py", "if value >= band.lower:", "if value > band.lower:",
      ("tests/test_hunan_rules.py",)),
    M("headline-highest", "ucm_check/engine/headline.py", "result.total + result.max_further_bonus)", "result.total + 20)",
      ("tests/test_headline.py", "tests/test_score_caps.py")),
    # dates
    M("overdue-on-deadline-day", "ucm_check/plan/model.py", "as_of > self.deadline", "as_of >= self.deadline",
      ("tests/plan/test_model.py",)),
    M("due-soon-edge", "ucm_check/shapes.py", "status = model.DUE_SOON if days <= soon_days",
      "status = model.DUE_SOON if days < soon_days", ("tests/plugins/test_dated_shapes.py", "tests/dated")),
    M("workdays-calendar", "ucm_check/dated/workdays.py", "if working:\n            count -= 1",
      "if current.weekday() < 5:\n            count -= 1", ("tests/dated/test_workdays_and_phrases.py",)),
    # multi-unit assessment
    M("red-flag-edge", "ucm_check/assess/ranking.py", 'flag = "red" if above < group.red',
      'flag = "red" if above <= group.red', ("tests/assess/test_ranking_rules.py",)),
    M("funding-tier-edge", "ucm_check/assess/ranking.py", '(tier.side == "top" and above < tier.count)',
      '(tier.side == "top" and above <= tier.count)', ("tests/assess/test_composite.py", "tests/assess/test_ranking_rules.py")),
    # the judges
    M("judges-never-required", "tests/tools.py", "    if required():\n", "    if False:\n", ("tests/test_required_tools.py",)),
    M("csv-formula-prefix", "ucm_check/files/cellsafe.py", 'TRIGGERS = ("=", "+", "-", "@", "\\t", "\\r")',
      'TRIGGERS = ("=", "+", "-", "\\t", "\\r")', ("tests/plan",)),
    M("ratio-floor", "ucm_check/files/archive.py", "if info.file_size > limits.ratio_floor and", "if info.file_size >= limits.ratio_floor and",
      ("tests/ci/test_archive.py", "tests/ci/test_archive_ratio.py")),
    # reading untrusted files
    M("magnitude-edge", "ucm_check/files/inputs.py", "if abs(value) >= MAX_MAGNITUDE:", "if abs(value) > MAX_MAGNITUDE:",
      ("tests/test_inputs.py", "tests/test_bad_inputs.py", "tests/test_profile_errors.py"), nth=1),
    M("places-edge", "ucm_check/files/inputs.py", "exponent < -MAX_PLACES", "exponent < -MAX_PLACES - 1",
      ("tests/test_inputs.py", "tests/test_bad_inputs.py", "tests/test_profile_errors.py")),
    M("zip-bomb-ratio", "ucm_check/files/archive.py", "info.file_size > limits.ratio * max(info.compress_size, 1)",
      "info.file_size > 10 * limits.ratio * max(info.compress_size, 1)",
      ("tests/ci/test_archive.py", "tests/ci/test_archive_ratio.py")),
    M("sarif-fingerprint-value", "ucm_check/ci/formats/sarif.py",
      'issue.key if issue.kind != "invalid" else ""))', 'issue.key if issue.kind != "invalid" else "", issue.message))',
      ("tests/ci/test_formats.py", "tests/ci/test_consumers.py")),
)


def copy_project(into: Path) -> None:
    for name in COPY:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, into / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.exists():
            shutil.copy2(source, into / name)


def plant(root: Path, m: Mutant) -> None:
    path = root / m.file
    text = path.read_text(encoding="utf-8")
    at = -1
    for _ in range(m.nth + 1):
        at = text.find(m.old, at + 1)
        if at < 0:
            raise SystemExit(f"{m.name}: {m.old!r} (occurrence {m.nth}) is no longer in {m.file}; update the list")
    path.write_text(text[:at] + m.new + text[at + len(m.old):], encoding="utf-8")


def run(m: Mutant, scratch: Path) -> tuple[bool, float, str]:
    """Plant ``m`` in a fresh copy; True when a test failed (the mutant is killed)."""
    root = scratch / m.name
    copy_project(root)
    plant(root, m)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join((str(root), str(root / "plugins"))),
           "PYTHONDONTWRITEBYTECODE": "1"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *m.tests],
                          cwd=root, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    last = (done.stdout.strip().splitlines() or [""])[-1]
    shutil.rmtree(root, ignore_errors=True)
    return done.returncode != 0, seconds, last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="mutants to run (default: all)")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    chosen = [m for m in MUTANTS if not args.names or m.name in args.names]
    if args.list:
        for m in chosen:
            print(f"{m.name:28} {m.file}")
        return 0
    survivors = []
    print("| mutant | file | tests | result | seconds |\n|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="ucm-mutate-") as scratch:
        for m in chosen:
            killed, seconds, last = run(m, Path(scratch))
            if not killed:
                survivors.append(m.name)
            print(f"| {m.name} | `{m.file}` | {' '.join(m.tests)} | {'killed' if killed else '**survived**'} "
                  f"({last}) | {seconds:.0f} |", flush=True)
    print(f"\n{len(chosen) - len(survivors)} of {len(chosen)} killed; survivors: {', '.join(survivors) or 'none'}")
    return 1 if survivors else 0


if __name__ == "__main__":
    raise SystemExit(main())
