"""Property tests over the newer readers (issue 24): a mutated assess source, scheme, roster, kept
history or period; an intake bundle, roster or overlay; the ``[report]`` table or plan text; an edge
date never ends in exit 4, a traceback, a Python repr or a raw control character on the terminal,
and an intake always prints one JSON document. A fixed seed and a small budget here;
``bench/fuzz.py`` runs the same mutations by the thousand (docs/fuzz.md).

Every kind, and one replayed case of each class the first campaign found, must pass: the fixes of
issue 24 have landed (docs/fuzz.md, "Results after the fixes")."""

from __future__ import annotations

import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzzing import OPERATIONS, Mutation
from tests.fuzzing_newer import NEWER_KINDS, NEWER_VALUES, newer_problems, run_newer

mutations = st.builds(Mutation, st.sampled_from(OPERATIONS), st.integers(0, 100_000), st.sampled_from(NEWER_VALUES))

CASES = list(NEWER_KINDS)
SLOW = {"report": 2, "letters": 1, "dated": 2, "intake-bundle": 3}


@contextmanager
def at_most(seconds: int):
    """Fail a case that runs longer than ``seconds`` (a hang is a finding, not a slow test)."""
    def stop(*_):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("kind", CASES)
def test_a_mutated_newer_input_never_ends_in_exit_4_a_traceback_or_raw_control_characters(kind):
    @settings(derandomize=True, max_examples=SLOW.get(kind, 5), deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(m=mutations)
    def check(m):
        with tempfile.TemporaryDirectory() as folder, at_most(60):
            result = run_newer(kind, m, Path(folder))
        assert newer_problems(kind, result) == [], (m, result.code, result.stderr[-1500:])

    check()


#: One case of each class the first campaign of 2026-12-06 found (docs/fuzz.md), replayed exactly: each
#: was an exit 4, exit 3, a raw escape or a repr before issue 24's fixes.
FOUND = [
    ("assess-history", Mutation("truncate", 60822, "inf"), "a kept CSV cut inside a character: UnicodeDecodeError"),
    ("assess-history", Mutation("bom_crlf", 18701, '""'), "results.json with a BOM: JSONDecodeError"),
    ("assess-xlsx", Mutation("value", 45, "x"), "sheet XML cut: ParseError"),
    ("assess-xlsx", Mutation("dup_line", 21919, '"CON"'), "no worksheet: IndexError"),
    ("assess-csv", Mutation("value", 87806, '"督查_科"'), "57 decimals imported, rank: decimal Inexact"),
    ("assess-scheme", Mutation("value", 6233, "{}"), "missing = {}: TypeError"),
    ("intake-bundle", Mutation("byte", 71817, '"督查_科"'), "a report total that is not a number: the whole intake exits 4"),
    ("dated", Mutation("byte", 77177, '"督查:科"'), "--as-of 0001-01-01: exit 3 blamed on the pack (year 0)"),
    ("report", Mutation("value", 99123, '"a\\u001fb"'), "a control character in [report]: the XML writer's ValueError"),
    ("report", Mutation("value", 4857, "2100-12-31"), "the message shows datetime.date(2100, 12, 31)"),
    ("intake-roster", Mutation("value", 25480, '"\\u001b[31m红\\u001b[0m"'), "an ANSI escape echoed raw"),
    ("letters", Mutation("value", 0, '"督查科"'), "督查/科 and 督查_科 write one file, both reported written"),
]


@pytest.mark.parametrize("kind, m, what", FOUND)
def test_each_class_the_campaign_found_ends_in_a_chinese_exit_2_or_a_clean_run(kind, m, what):
    with tempfile.TemporaryDirectory() as folder, at_most(60):
        result = run_newer(kind, m, Path(folder))
    assert newer_problems(kind, result) == [], (what, result.code, result.stderr[-1500:])
