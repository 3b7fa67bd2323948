"""File names in an intake folder as the office reads them, and the unit a file name names.

A name copied from a USB stick may not be UTF-8 (a GBK name): it is shown decoded as GB18030 when
it can be, and anything unprintable escaped, so that messages and reports never carry raw bytes or
terminal escapes; a bundle or an office file that cannot be attributed otherwise goes to the unit
its file name names.
"""

from __future__ import annotations

import os

from ucm_check.intake.roster import Roster, Unit, normal_name


def shown_path(path: str, folder: str) -> str:
    """``path`` relative to ``folder`` as the office would read it: a name that is not UTF-8 (a GBK
    name copied from a USB stick) decoded as GB18030 when it can be, and anything unprintable
    escaped (:func:`ucm_check.files.archive.visible`)."""
    from ucm_check.files.archive import visible

    rel = os.path.relpath(path, folder)
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        try:
            rel = os.fsencode(rel).decode("gb18030")
        except UnicodeDecodeError:
            pass
    return visible(rel)


def unit_by_file_name(roster: Roster, path: str) -> Unit | None:
    """The unit whose roster id is the file name (``430200.check.toml``), or whose place name or
    full name appears in it, longest first."""
    stem = normal_name(shown_path(path, os.path.dirname(path) or ".").split(".")[0])
    if roster.unit(stem):
        return roster.unit(stem)
    hits = [(len(n), u) for u in roster.units for n in (normal_name(u.name), normal_name(u.region)) if n and n in stem]
    return max(hits, key=lambda h: h[0])[1] if hits else None
