"""Every report format stays byte-identical to what main's code wrote before the batch speed work
(issue 23), for every bundled profile, a folder of them (with and without ``--details``) and a run
with every policy gate, a plan's overdue items, claimed evidence and a broken profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ci.reference.cases import CASES, EXPECTED, FORMATS, SUFFIX, run

pytestmark = pytest.mark.usefixtures("installed_packs")   # the Henan, local-norms and city-capacity cases


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_format_is_byte_identical_to_the_reference(case: str, tmp_path: Path):
    console = None
    for fmt in FORMATS:
        code, got = run(case, fmt, tmp_path)
        console = console or got
        assert got == console, f"{case} --format {fmt}: the console differs from the text run"
        if fmt != "text":
            name = f"{case}.{SUFFIX[fmt]}"
            assert (tmp_path / name).read_bytes() == (EXPECTED / name).read_bytes(), name
    assert console == (EXPECTED / f"{case}.txt").read_bytes(), f"{case}.txt"
