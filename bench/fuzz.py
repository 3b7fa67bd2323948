"""A longer fuzzing run than the property tests: mutated inputs of every kind through the real
commands, counted by exit code. The aim is zero exit 4, zero tracebacks and zero lost files.

Each case is one mutation (``tests/fuzzing.py``): an operation (replace a value, drop or repeat a
line, flip a byte, truncate, add a ``[foo.bar]`` table, BOM+CRLF, UTF-16, an unknown key), a
position and a value from the edge list (nan, inf, 1e30, a 30-digit count, arrays nested 1,200
deep, dates where numbers belong ...); bundles get flipped bytes, truncation, patched compression
methods and flags, twin and unsafe names, symlink entries, rewritten manifests, reports and profiles.

    python bench/fuzz.py                          # 300 cases of each kind, seed 1
    python bench/fuzz.py --count 2000 --kinds profile bundle --seed 7
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzzing import KINDS, OPERATIONS, VALUES, Mutation, problems, run_kind  # noqa: E402


def case(kind: str, seed: int, index: int) -> Mutation:
    rnd = random.Random(f"{seed}-{kind}-{index}")
    return Mutation(rnd.choice(OPERATIONS), rnd.randrange(100_000), rnd.choice(VALUES))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300, help="cases per kind")
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rows, bad = [], []
    with tempfile.TemporaryDirectory() as scratch:
        for kind in args.kinds:
            codes: collections.Counter[int] = collections.Counter()
            failed = 0
            started = time.perf_counter()
            for i in range(args.count):
                m = case(kind, args.seed, i)
                folder = Path(scratch) / f"{kind}-{i}"
                folder.mkdir()
                result = run_kind(kind, m, folder)
                codes[result.code] += 1
                found = problems(kind, result)
                if found:
                    failed += 1
                    bad.append((kind, m, found, result.stderr[-400:]))
            seconds = time.perf_counter() - started
            rows.append((kind, args.count, codes, failed, seconds))
    print(f"seed {args.seed}, {args.count} cases per kind\n")
    print("| input | cases | exit 0 | exit 1 | exit 2 | exit 3 | exit 4 | other problems | seconds |")
    print("|---|---|---|---|---|---|---|---|---|")
    for kind, count, codes, failed, seconds in rows:
        other = sum(n for c, n in codes.items() if c not in (0, 1, 2, 3, 4))
        print(f"| {kind} | {count} | {codes[0]} | {codes[1]} | {codes[2]} | {codes[3]} | {codes[4]} | "
              f"{failed}{f' (+{other} other codes)' if other else ''} | {seconds:.0f} |")
    for kind, m, found, tail in bad[:20]:
        print(f"\n{kind} {m}: {'; '.join(found)}\n{tail}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
