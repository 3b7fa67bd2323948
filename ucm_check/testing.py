"""Test helpers for plugin authors, shipped as a pytest plugin (entry point ``pytest11``).

Installing ucm-check makes these fixtures available in any project's tests, with nothing to import::

    def test_night_patrol_is_deducted(ucm_host, ucm_profile, ucm_check_run):
        import my_plugin
        host = ucm_host(my_plugin)
        profile = ucm_profile({"unit": {...}, "night": {"night_patrol": False}}, host)
        result = ucm_check_run(profile, host)
        assert_findings(result, {"NP-1": ("deducted", "1")})

The plain functions (:func:`make_host`, :func:`make_profile`, :func:`run_check`,
:func:`assert_findings`) work outside pytest too. Nothing here imports Textual.
"""

from __future__ import annotations

import datetime as dt
import types
from decimal import Decimal
from typing import Any, Mapping

import pytest

from ucm_check.engine.host import Host, build_host
from ucm_check.model import ProfileResult, Standard
from ucm_check.profile.reading import Profile, parse_text


def make_host(*plugins: Any, builtins: bool = True, entry_points: bool = False) -> Host:
    """A host with ``plugins`` registered (modules, or any objects carrying ``@hookimpl`` functions).

    :param builtins: also load the builtin Hunan 2020 plugins (needed when a plugin adds areas to it).
    :param entry_points: also load installed plugin packages (off by default, so tests do not
        depend on what else is installed).
    Failures are recorded in ``host.errors`` exactly as in a real run; check it in your test.
    """
    host = build_host(entry_points=entry_points, disabled=() if builtins else _builtin_names())
    for index, plugin in enumerate(plugins):
        name = plugin.__name__ if isinstance(plugin, types.ModuleType) else f"{type(plugin).__name__}-{index}"
        host.register(name, plugin, module=getattr(plugin, "__name__", name), version="", source="test")
    return host


def _builtin_names() -> tuple[str, ...]:
    from ucm_check.engine.host import DEFAULT_PLUGINS

    return DEFAULT_PLUGINS


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return Decimal(str(value))
    return value


def make_profile(data: Mapping[str, Any], host_or_standards: Host | Mapping[str, Standard],
                 *, file: str = "<profile>") -> Profile:
    """A validated profile from a dict shaped like the TOML file (``{"unit": {...}, "area": {...}}``).

    The dict goes through the same validation as a file, so a wrong key or type raises
    :class:`ucm_check.profile.reading.InvalidProfile` with the message a user would see. Floats are taken
    by their decimal text (0.2 is exactly 0.2).
    """
    import tomli_w

    standards = host_or_standards.standards if isinstance(host_or_standards, Host) else host_or_standards
    return parse_text(file, tomli_w.dumps(_plain(data)), standards)


def run_check(profile: Profile, host: Host, *, as_of: dt.date | None = None) -> ProfileResult:
    """Score ``profile`` with ``host`` as ``ucm-check check`` would (``as_of`` defaults to today)."""
    from ucm_check.profile.checking import score

    return score(profile, host, as_of=as_of)


def assert_findings(result: ProfileResult, expected: Mapping[str, Any]) -> None:
    """Assert each rule's finding: ``{"NP-1": "deducted"}`` or ``{"NP-1": ("deducted", "1.5")}``.

    Statuses are the values in :mod:`ucm_check.model` (``compliant``, ``deducted``, ``overdue`` ...);
    points compare as exact decimals. On a mismatch the message lists every rule that differs with
    what was observed, so one run shows all of them.
    """
    findings = {f.rule.code: f for f in result.findings}
    problems = []
    for code, want in expected.items():
        status, points = (want, None) if isinstance(want, str) else (want[0], Decimal(str(want[1])))
        found = findings.get(code)
        if found is None:
            problems.append(f"{code}: 没有这条规则的结果（已有：{', '.join(sorted(findings)) or '无'}）")
            continue
        if found.status != status or (points is not None and found.points != points):
            got = f"{found.status} {found.points}" if points is not None else found.status
            wanted = f"{status} {points}" if points is not None else status
            problems.append(f"{code}: 期望 {wanted}，实际 {got}（{found.observed}{'；' + found.note if found.note else ''}）")
    if problems:
        raise AssertionError("findings differ:\n" + "\n".join(problems))


@pytest.fixture
def ucm_host():
    """Factory fixture: ``ucm_host(plugin, ..., builtins=True)`` → a :class:`~ucm_check.engine.host.Host`."""
    return make_host


@pytest.fixture
def ucm_profile():
    """Factory fixture: ``ucm_profile(data, host)`` → a validated :class:`~ucm_check.profile.reading.Profile`."""
    return make_profile


@pytest.fixture
def ucm_check_run():
    """Factory fixture: ``ucm_check_run(profile, host, as_of=None)`` → a scored result."""
    return run_check


@pytest.fixture
def ucm_assert_findings():
    """The :func:`assert_findings` function, as a fixture for tests that prefer not to import."""
    return assert_findings
