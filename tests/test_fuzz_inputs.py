"""Property tests: a mutated profile, policy, tailoring file, plan, evidence table or bundle never
makes ucm-check exit 4 or print a traceback, never costs the user a file, and ``check --format
json`` always prints one JSON document. A fixed seed and a small budget here; ``bench/fuzz.py``
runs the same mutations longer."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzzing import KINDS, OPERATIONS, VALUES, Mutation, problems, run_kind

mutations = st.builds(Mutation, st.sampled_from(OPERATIONS), st.integers(0, 100_000), st.sampled_from(VALUES))


@pytest.mark.parametrize("kind", KINDS)
@settings(derandomize=True, max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(m=mutations)
def test_a_mutated_input_never_ends_in_exit_4_a_traceback_or_a_lost_file(kind, m):
    with tempfile.TemporaryDirectory() as folder:
        result = run_kind(kind, m, Path(folder))
    assert problems(kind, result) == [], (m, result.code, result.stderr[-2000:])


@pytest.mark.parametrize("kind, m", [
    ("profile", Mutation("value", 57, "nan")),
    ("profile", Mutation("value", 30, "1" * 30)),
    ("profile", Mutation("value", 30, "[" * 1200 + "]" * 1200)),
    ("policy", Mutation("value", 1, "inf")),
    ("tailoring", Mutation("value", 4, "1e30")),
    ("plan", Mutation("value", 14, "nan")),
    ("evidence", Mutation("value", 1, '"./a.pdf"')),
    ("bundle", Mutation("", 6, '"x"')),
    ("bundle", Mutation("", 3, "")),
])
def test_the_issues_reproducers_are_exit_2_with_a_chinese_message(kind, m):
    with tempfile.TemporaryDirectory() as folder:
        result = run_kind(kind, m, Path(folder))
    assert problems(kind, result) == [] and result.code == 2, (result.code, result.stderr[-2000:])
