"""Edits that collide with another program's change to the same value, found before a merge.

When the file changed on disk while the TUI held unsaved edits, a merge writes the edits into the
new version. Where the other program changed a value the clerk also edited (to something else),
neither side may silently win: :func:`find` lists those values with both versions so the clerk
can choose. Headless; the editing state is read, never changed.
"""

from __future__ import annotations

from typing import Any

import attrs

from ucm_check.profile.editing import CLEARED, Editor
from ucm_check.model import Fact
from ucm_check.profile.reading import load_profile


@attrs.frozen
class Conflict:
    """One value both sides changed differently."""

    area: str
    fact: Fact
    mine: Any
    """The clerk's edit (:data:`~ucm_check.profile.editing.CLEARED` when they cleared it)."""
    theirs: Any
    """The value on disk now (CLEARED when the other program removed it)."""

    def show(self, value: Any, unanswered: str = "未填写") -> str:
        """``value`` as a report prints it; a cleared value as ``unanswered``."""
        return unanswered if value is CLEARED else self.fact.show(value)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, tuple) and isinstance(b, tuple):
        return set(a) == set(b)
    return a is b if CLEARED in (a, b) else a == b


def find(editor: Editor) -> list[Conflict]:
    """Edits whose value the file on disk now holds differently from both the opened file and the
    edit. Raises :class:`~ucm_check.profile.reading.InvalidProfile` when the file on disk is not valid."""
    disk = load_profile(str(editor.path), editor.standards)
    found = []
    for (area, key), mine in editor.edits.items():
        if editor.standard.area(area) is None:
            continue  # unit information (单位信息): the clerk's edit is written, not asked about
        opened = editor.profile.facts.get(area, {}).get(key, CLEARED)
        theirs = disk.facts.get(area, {}).get(key, CLEARED)
        if not _same(theirs, opened) and not _same(theirs, mine):
            fact = next(f for f in editor.standard.area(area).facts if f.key == key)
            found.append(Conflict(area, fact, mine, theirs))
    return found
