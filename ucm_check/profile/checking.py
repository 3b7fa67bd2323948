"""Load, validate and score profiles with a plugin host: the path every front end shares."""

from __future__ import annotations

import datetime as dt

import attrs

from ucm_check.engine.scoring import evaluate
from ucm_check.engine.host import Host
from ucm_check.model import Area, ProfileResult
from ucm_check.profile.reading import InvalidProfile, Profile, ProfileError, load_profile


@attrs.define
class Checked:
    """One profile file after checking: a result, or the problems that stopped it."""

    file: str
    profile: Profile | None = None
    result: ProfileResult | None = None
    errors: list[ProfileError] = attrs.Factory(list)
    internal: bool = False
    """True when checking this file hit a bug in ucm-check (reported in ``errors``; the run exits 4)."""


def score(profile: Profile, host: Host, *, as_of: dt.date | None = None) -> ProfileResult:
    """Score a validated profile; an area whose plugin raises is recorded against that plugin."""
    standard = host.standards[profile.standard_id]

    def on_error(area: Area, exc: Exception) -> str:
        plugin = host.area_plugin.get((standard.id, area.id), area.id)
        host.fail(plugin, "evaluate", exc)
        return str(host.errors[-1])

    return evaluate(profile.unit, profile.facts, standard, file=profile.file, as_of=as_of, on_error=on_error)


def check_file(path: str, host: Host, *, as_of: dt.date | None = None) -> Checked:
    """Load, validate and score one file; never raises for bad input, and a bug met on one file
    is recorded on it (``internal``) so that a batch still reports every other file."""
    try:
        profile = load_profile(path, host.standards)
    except InvalidProfile as exc:
        return Checked(path, errors=exc.errors)
    except Exception as exc:  # noqa: BLE001 - a bug: keep the batch going, say so, exit 4
        return _internal(path, exc)
    try:
        return Checked(path, profile, score(profile, host, as_of=as_of))
    except Exception as exc:  # noqa: BLE001
        return _internal(path, exc)


def _internal(path: str, exc: Exception) -> Checked:
    from ucm_check.engine import log

    log.error("ucm_check.internal_error", file=path, error=repr(exc))
    message = f"内部错误：{type(exc).__name__}: {exc}（这是 ucm-check 的缺陷，请带上此文件报告）"
    return Checked(path, errors=[ProfileError(path, 0, 0, message)], internal=True)
