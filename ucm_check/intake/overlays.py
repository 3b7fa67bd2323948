"""The office's own files in the intake folder: spot checks (``X.check.toml``) and surveys
(``X.social.toml``), paired with the **unit** they are about, never with one bundle's file name.

A unit may resubmit under a new name (``株洲市-更正.zip`` after ``株洲市.zip``): the province's spot
check and survey follow the unit to whichever of its bundles counts. Which unit a file is about:
the roster id or name in its ``unit`` field, or, when the field is left out, a unit's place name
or full name in the file name (longest match, as for an unreadable bundle). A file whose field
names one unit while its file name names another is refused as misplaced (exit 2): one of the two
is wrong and the office must say which. Of several valid files of one kind for one unit, the one
with the latest ``date`` (then the later file name) applies and the others are listed as unused.
"""

from __future__ import annotations

import os

import attrs

from ucm_check.intake.paths import shown_path, unit_by_file_name
from ucm_check.intake.roster import Roster, Unit
from ucm_check.files.problems import ProfileError


#: Largest spot-check or survey file read (they hold a few facts: a few kilobytes).
MAX_OVERLAY_BYTES = 1024 * 1024


@attrs.define
class Overlay:
    """One valid spot check or survey and the unit it is about."""

    path: str
    """Relative to the intake folder."""
    kind: str
    """``check`` or ``social``."""
    unit: Unit
    data: object
    """The :class:`~.spotcheck.SpotCheck` or :class:`~.social.Social`."""

    @property
    def what(self) -> str:
        return "核查文件" if self.kind == "check" else "社会评价文件"


def unit_of(roster: Roster, written: str) -> Unit | None:
    """The unit a ``unit`` field names: a roster id, a name or an alias."""
    return roster.unit(written) or roster.find(written)


@attrs.define
class Overlays:
    """The overlays of one intake folder by unit id, and the files not used with the reason."""

    chosen: dict[tuple[str, str], Overlay] = attrs.Factory(dict)
    """(unit id, kind) -> the overlay that applies to the unit."""
    unused: list[tuple[str, str]] = attrs.Factory(list)
    """(file, why it is not used)."""

    def get(self, unit: Unit, kind: str):
        found = self.chosen.get((unit.id, kind))
        return found.data if found else None


def collect(folder: str, paths: list[str], roster: Roster, loaders: dict[str, tuple[str, object]],
            errors: list[ProfileError]) -> Overlays:
    """Load every overlay file in ``paths`` (absolute, regular files) with ``loaders`` (kind ->
    (suffix, loader)); problems in the files themselves go to ``errors``."""
    from ucm_check.files.inputs import InvalidFile

    found = Overlays()
    for path in paths:
        kind, (suffix, loader) = next((k, v) for k, v in loaders.items() if path.endswith(v[0]))
        shown = shown_path(path, folder)
        what = "核查文件" if kind == "check" else "社会评价文件"
        try:
            size = os.path.getsize(path)
        except OSError:
            size = 0
        if size > MAX_OVERLAY_BYTES:
            errors.append(ProfileError(path, 0, 0, f"{what}有 {size // 1024} KB，超过上限 {MAX_OVERLAY_BYTES // 1024} KB：未读取"))
            continue
        try:
            data = loader(path)
        except InvalidFile as exc:
            errors.extend(exc.errors)
            continue
        by_name = unit_by_file_name(roster, path)
        if data.unit:
            unit = unit_of(roster, data.unit)
            if unit is None:
                errors.append(ProfileError(path, 0, 0, f"文件写的单位 “{data.unit}” 不在名册中（unit 写名册中的编号或单位名称）"))
                continue
            if by_name is not None and by_name != unit:
                errors.append(ProfileError(path, 0, 0, f"文件写的单位 “{data.unit}”（{unit.name}）与文件名所指的 “{by_name.name}”"
                                                       f"（{by_name.id}）不符：放错了位置？请改正文件名或 unit"))
                continue
        elif by_name is None:
            found.unused.append((shown, f"{what}未使用：没有写 unit，文件名中也找不到名册中的单位"))
            continue
        else:
            unit = by_name
        overlay = Overlay(shown, kind, unit, attrs.evolve(data, file=shown))
        key = (unit.id, kind)
        other = found.chosen.get(key)
        if other is not None:
            newer, older = sorted((other, overlay), key=_order, reverse=True)
            found.chosen[key] = newer
            found.unused.append((older.path, f"{what}未使用：{unit.name} 另有日期较新的{what} {newer.path}"))
        else:
            found.chosen[key] = overlay
    return found


def _order(overlay: Overlay) -> tuple:
    date = getattr(overlay.data, "date", None)
    return (date.isoformat() if date else "", overlay.path)
