"""What the documents are built from, gathered the way ``check`` and ``plan`` gather it, for the
CLI commands and the TUI's export alike. Nothing here writes: the plan is reconciled in memory."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from ucm_check.model import ProfileResult
from ucm_check.plan import Changes, Plan, current_plan
from ucm_check.profile.reading import Profile


@attrs.frozen
class Sources:
    """A scored profile and its plan, brought up to date with it."""

    profile: Profile
    result: ProfileResult
    plan: Plan
    plan_saved: bool
    """True when the plan came from a saved ``*.plan.toml`` (it may still lag behind the profile)."""
    changes: Changes | None
    """What reconciling changed in a saved plan (None when nothing did, or there was no plan)."""
    as_of: dt.date

    @property
    def texts(self) -> dict[str, Any]:
        """The profile's ``[report]`` table (empty without one)."""
        return dict(self.profile.extra.get("report") or {})


def gather(profile: Profile, result: ProfileResult, host: Any, as_of: dt.date) -> Sources:
    """The sources of ``profile``: its plan read from beside it (raises
    :class:`~ucm_check.plan.InvalidPlan`) and reconciled with ``result`` in memory."""
    current = current_plan(profile.file, result, host, as_of, save=False)
    lagging = current.changes if current.old is not None and current.changed else None
    return Sources(profile, result, current.plan, current.old is not None, lagging, as_of)


def report_docx(src: Sources, date: dt.date | None = None) -> bytes:
    """The 自评报告 of ``src`` as .docx bytes; ``date`` (成文日期) defaults to the ``[report]``
    table's, else the as-of day. Evidence files are looked at (hashed) beside the profile."""
    from ucm_check.documents.report import build, evidence_rows
    from ucm_check.ci.evidence import check_profile

    texts = src.texts
    doc = build(src.result, src.plan, as_of=src.as_of, date=date or texts.get("date") or src.as_of, texts=texts,
                evidence=evidence_rows(check_profile(src.profile)), plan_saved=src.plan_saved)
    return doc.to_bytes()
