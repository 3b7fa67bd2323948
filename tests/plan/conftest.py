"""Fixtures for plan tests: a typical county's result and a freshly generated plan."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from tests.helpers import PROFILES
from ucm_check.profile.checking import check_file
from ucm_check.plan import deadline_chooser, reconcile

AS_OF = dt.date(2026, 11, 24)


@pytest.fixture
def county(tmp_path):
    """A copy of the typical county profile in a temporary folder (its plan goes beside it)."""
    path = tmp_path / "county.toml"
    shutil.copy(PROFILES / "hunan-county-typical.toml", path)
    return path


@pytest.fixture
def typical(host):
    return check_file(str(PROFILES / "hunan-county-typical.toml"), host, as_of=AS_OF).result


@pytest.fixture
def fresh_plan(host, typical):
    plan, _ = reconcile(None, typical, as_of=AS_OF, deadline_for=deadline_chooser(host, typical.unit, AS_OF),
                        profile="county.toml")
    return plan
