"""Fixtures for saving tests: a host that knows every standard of this tree."""

from __future__ import annotations

import pytest

from tests.packs import pack_host


@pytest.fixture(scope="session")
def all_host():
    """The builtin Hunan 2020 standard plus the Henan 2021 and local-norms packs."""
    return pack_host()
