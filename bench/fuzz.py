"""A longer fuzzing run than the property tests: mutated inputs of every kind through the real
commands, counted by exit code. The aim is zero exit 4, zero tracebacks and zero lost files.

Each case is one mutation (``tests/fuzzing.py``): an operation (replace a value, drop or repeat a
line, flip a byte, truncate, add a ``[foo.bar]`` table, BOM+CRLF, UTF-16, an unknown key), a
position and a value from the edge list (nan, inf, 1e30, a 30-digit count, arrays nested 1,200
deep, dates where numbers belong ...); bundles get flipped bytes, truncation, patched compression
methods and flags, twin and unsafe names, symlink entries, rewritten manifests, reports and profiles.

The newer surfaces (issue 24, ``tests/fuzzing_newer.py``): assess sources (CSV cells, damaged
xlsx), schemes, rosters, kept history and periods; intake bundles, rosters and ``.check``/``.social``
overlays; the ``[report]`` table and plan text behind ``report`` and ``letters``; edge dates for
``check``/``plan``/``report``. Every case runs in a forked child: one that runs longer than
``--timeout`` seconds is killed and counted as a hang, and each child's peak RSS is read back
(``wait4``), so a case above 500 MB is counted too. Children are capped at 3 GiB of address space.

    python bench/fuzz.py                          # 300 cases of each older kind, seed 1
    python bench/fuzz.py --count 2000 --kinds profile bundle --seed 7
    python bench/fuzz.py --kinds assess-csv=1500 intake-bundle=800 report=150 --json found.json
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import resource
import select
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzzing import KINDS, OPERATIONS, VALUES, Mutation, Result, problems, run_kind  # noqa: E402
from tests.fuzzing_newer import NEWER_KINDS, NEWER_VALUES, newer_problems, run_newer  # noqa: E402

RSS_LIMIT_MB = 500
ALL_KINDS = (*KINDS, *NEWER_KINDS)


def case(kind: str, seed: int, index: int) -> Mutation:
    rnd = random.Random(f"{seed}-{kind}-{index}")
    return Mutation(rnd.choice(OPERATIONS), rnd.randrange(100_000), rnd.choice(NEWER_VALUES if kind in NEWER_KINDS else VALUES))


def run_any(kind: str, m: Mutation, folder: Path) -> Result:
    return run_newer(kind, m, folder) if kind in NEWER_KINDS else run_kind(kind, m, folder)


def problems_of(kind: str, result: Result) -> list[str]:
    return newer_problems(kind, result) if kind in NEWER_KINDS else problems(kind, result)


def isolated(kind: str, m: Mutation, folder: Path, timeout: float) -> tuple[Result, bool, float]:
    """Run one case in a forked child: (its result, whether it was killed as a hang, its peak RSS in MB)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, send the result, leave without running the parent's cleanup
        os.close(read)
        try:
            resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
            payload = json.dumps(run_any(kind, m, folder)._asdict())
        except BaseException as exc:  # noqa: BLE001 - a harness failure is reported, not hidden
            payload = json.dumps({"code": -1, "stdout": "", "stderr": f"harness: {exc!r}", "lost": ""})
        with os.fdopen(write, "wb") as fh:
            fh.write(payload.encode("utf-8", "surrogatepass"))
        os._exit(0)
    os.close(write)
    chunks, hung, deadline = [], False, time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            os.kill(pid, signal.SIGKILL)
            hung = True
            break
        ready, _, _ = select.select([read], [], [], left)
        if ready:
            chunk = os.read(read, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    os.close(read)
    _, status, usage = os.wait4(pid, 0)
    rss = usage.ru_maxrss / 1024
    if hung:
        return Result(-9, "", f"killed after {timeout:.0f} s", ""), True, rss
    try:
        return Result(**json.loads(b"".join(chunks).decode("utf-8", "surrogatepass"))), False, rss
    except ValueError:
        return Result(-1, "", f"child died (status {status}) without a result", ""), False, rss


def warm_up(kinds: list[str]) -> None:
    """Build the shared base folders once in the parent, so every child starts from them."""
    from tests import fuzzing_newer

    if any(k.startswith("assess-") for k in kinds):
        fuzzing_newer.district_base()
    if any(k.startswith("intake-") for k in kinds):
        fuzzing_newer.intake_base()
    if "dated" in kinds:
        fuzzing_newer.ensure_packs()
    import docx  # noqa: F401 - imported once here rather than in every child
    import openpyxl  # noqa: F401


def parse_kinds(values: list[str], count: int) -> list[tuple[str, int]]:
    """``kind`` or ``kind=N`` (N cases of that kind instead of ``--count``)."""
    chosen = []
    for value in values:
        kind, _, n = value.partition("=")
        if kind not in ALL_KINDS:
            raise SystemExit(f"unknown kind {kind!r}; known: {', '.join(ALL_KINDS)}")
        chosen.append((kind, int(n) if n else count))
    return chosen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300, help="cases per kind")
    parser.add_argument("--kinds", nargs="+", default=list(KINDS), help=f"kinds, or kind=N; known: {' '.join(ALL_KINDS)}")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=60, help="seconds before a case counts as a hang")
    parser.add_argument("--json", help="write every problem case (kind, mutation, codes, stderr tail) here")
    args = parser.parse_args()
    chosen = parse_kinds(args.kinds, args.count)
    rows, bad = [], []
    with tempfile.TemporaryDirectory() as scratch:
        warm_up([k for k, _ in chosen])
        for kind, count in chosen:
            codes: collections.Counter[int] = collections.Counter()
            failed = hangs = heavy = 0
            peak = 0.0
            started = time.perf_counter()
            for i in range(count):
                m = case(kind, args.seed, i)
                folder = Path(scratch) / f"{kind}-{i}"
                folder.mkdir()
                result, hung, rss = isolated(kind, m, folder, args.timeout)
                codes[result.code] += 1
                peak = max(peak, rss)
                found = [] if hung else problems_of(kind, result)
                hangs += hung
                if rss > RSS_LIMIT_MB:
                    heavy += 1
                    found.append(f"peak RSS {rss:.0f} MB")
                if hung:
                    found.append(result.stderr)
                if found:
                    failed += 1
                    bad.append({"kind": kind, "mutation": list(m), "code": result.code, "problems": found,
                                "rss_mb": round(rss), "stderr": result.stderr[-600:]})
                os.system(f"rm -rf '{folder}'")
            seconds = time.perf_counter() - started
            rows.append((kind, count, codes, failed, hangs, heavy, peak, seconds))
            print(f"{kind}: {count} cases, {dict(sorted(codes.items()))}, {failed} with problems", file=sys.stderr, flush=True)
    print(f"seed {args.seed}\n")
    print("| input | cases | exit 0 | exit 1 | exit 2 | exit 3 | exit 4 | hangs | > 500 MB | peak MB | cases with problems | seconds |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for kind, count, codes, failed, hangs, heavy, peak, seconds in rows:
        other = sum(n for c, n in codes.items() if c not in (0, 1, 2, 3, 4, -9))
        print(f"| {kind} | {count} | {codes[0]} | {codes[1]} | {codes[2]} | {codes[3]} | {codes[4]} | {hangs} | {heavy} | "
              f"{peak:.0f} | {failed}{f' (+{other} other codes)' if other else ''} | {seconds:.0f} |")
    for item in bad[:20]:
        print(f"\n{item['kind']} {item['mutation']}: {'; '.join(item['problems'])}\n{item['stderr'][-400:]}")
    if args.json:
        Path(args.json).write_text(json.dumps(bad, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
