"""One open profile in the TUI: the editor holding the user's edits and the live result.

No Textual here: the scoring path is the one ``ucm-check check`` takes (:func:`ucm_check.profile.checking.score`
on a validated :class:`~ucm_check.profile.reading.Profile`), only with the edited facts.
"""

from __future__ import annotations

import datetime as dt

import attrs

from ucm_check.profile.checking import score
from ucm_check.profile.editing import Editor
from ucm_check.engine.host import Host
from ucm_check.model import NOT_APPLICABLE, UNANSWERED, Area, AreaResult, Finding, ProfileResult


@attrs.define
class Session:
    """The open profile, its pending edits and the result of the last scoring."""

    host: Host
    editor: Editor
    as_of: dt.date | None = None
    recovered: bool = False
    """Whether the pending edits came back from a draft (the top bar says so until they are saved)."""
    result: ProfileResult = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.rescore()

    @property
    def standard(self):
        return self.editor.standard

    @property
    def today(self) -> dt.date:
        """The date the engine judges deadlines by: ``--as-of``, else today."""
        return self.as_of or dt.date.today()

    def rescore(self) -> ProfileResult:
        """Score the profile with the edits applied, exactly as ``check`` would score the saved file."""
        profile = attrs.evolve(self.editor.profile, facts=self.editor.facts(), unit=self.editor.unit())
        self.result = score(profile, self.host, as_of=self.as_of)
        return self.result

    def set(self, area: str, key: str, value) -> ProfileResult:
        """Record one answer (or :data:`~ucm_check.profile.editing.CLEARED`) and re-score."""
        self.editor.set(area, key, value)
        return self.rescore()

    def area_result(self, area_id: str) -> AreaResult:
        return next(a for a in self.result.areas if a.area.id == area_id)

    def finding(self, code: str) -> Finding | None:
        return next((f for f in self.result.findings if f.rule.code == code), None)

    def area_of(self, code: str) -> Area | None:
        return next((a.area for a in self.result.areas for f in a.findings if f.rule.code == code), None)

    def completeness(self) -> tuple[int, int]:
        """(answered, applicable) rules: not-applicable rules count in neither."""
        findings = [f for f in self.result.findings if f.status != NOT_APPLICABLE]
        return sum(1 for f in findings if f.status != UNANSWERED), len(findings)

    def count(self, status: str) -> int:
        return sum(1 for f in self.result.findings if f.status == status)
