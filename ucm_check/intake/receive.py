"""Receive a folder of submissions against the roster: verify each bundle, attribute it to its
unit, judge it on time, late, missing or invalid, and apply the spot check and the social
evaluation filed for the unit (:mod:`.overlays`: they follow the unit to whichever of its bundles
counts, and a county's go to its result in its city's bundle, :mod:`.counties`).

**One bundle speaks for one unit.** Its manifest, its profile's ``[unit] name`` and the report
inside must name the same unit, or it is invalid and the unit's earlier valid bundle keeps
counting. Any failure reading a bundle is that unit's invalid result with the reason; the intake
goes on. Only regular files are read: links, FIFOs and devices are listed, never opened.

**Which date decides lateness.** The bundle's recorded assessment date (``as_of`` in
``MANIFEST.json``, the date ``ucm-check bundle --as-of`` scored and sealed it, today by default).
A file's modification time is not used: copying from a USB stick or saving a mail attachment
resets it, and the zip entries carry the fixed 1980-01-01 stamp that makes bundles reproducible.
The deadline day itself is on time (“11月15日前” includes the 15th). A bundle dated after the
intake's own date is refused as invalid (a date in the future cannot be right).

**Several bundles for one unit.** The valid one with the latest date counts (a corrected
resubmission replaces the first, and is judged late or on time by its own date); the others are
listed as superseded. Invalid bundles only count when the unit has no valid one.

Each bundle is read, judged and reduced to a compact :class:`Record` before the next is opened,
so memory is bounded by the largest bundle, not by how many there are.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from typing import Iterator

from ucm_check.engine.host import Host
from ucm_check.intake.judge import judge
from ucm_check.intake.records import INVALID, LATE, MISSING, ON_TIME, Intake, Record
from ucm_check.intake.paths import shown_path, unit_by_file_name
from ucm_check.intake.roster import Roster, Unit
from ucm_check.intake.submission import Submission, read_submission


def files(folder: str) -> Iterator[tuple[str, bool]]:
    """(path, is a regular file) of every bundle (``*.zip``) and office file (``*.check.toml``,
    ``*.social.toml``) under ``folder``, hidden files and folders skipped, in a stable order. Links,
    FIFOs and devices are reported as not regular without being opened (a FIFO would hang the
    intake, a link to /dev/zero would read until memory runs out); linked folders are not entered."""
    from ucm_check.intake.social import SUFFIX as SOCIAL
    from ucm_check.intake.spotcheck import SUFFIX as CHECK

    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith(".") or not name.lower().endswith((".zip", CHECK, SOCIAL)):
                continue
            path = os.path.join(root, name)
            try:
                regular = stat.S_ISREG(os.lstat(path).st_mode)
            except OSError:
                regular = False
            yield path, regular


def attribute(roster: Roster, sub: Submission) -> Unit | None:
    """The roster unit a bundle belongs to: by the name in its manifest, else (for a bundle that
    could not be read) by a unit's place name or full name in the file name, longest first."""
    if sub.unit_name:
        return roster.find(sub.unit_name)
    return unit_by_file_name(roster, sub.path)


def _problems(sub: Submission, unit: Unit, roster: Roster, as_of: dt.date) -> list[str]:
    """Reasons beyond the bundle's own integrity: wrong level or standard, a date in the future."""
    problems = list(sub.problems)
    if sub.profile is not None:
        level, sid = sub.profile.unit.get("level"), sub.profile.standard_id
        if level != unit.level:
            problems.append(f"档案的单位层级 “{level}” 与名册的 “{unit.level}” 不符（层级决定哪些规则适用）")
        if sid != roster.standard:
            problems.append(f"档案的评价标准 “{sid}” 与名册的 “{roster.standard}” 不符")
    if sub.as_of and sub.as_of > as_of:
        problems.append(f"提交包的评价日期 {sub.as_of.isoformat()} 晚于收件统计日期 {as_of.isoformat()}")
    return problems


def _read(path: str, host: Host) -> Submission:
    """:func:`read_submission`, with any failure it did not foresee turned into that bundle's
    invalid result: one bad bundle never stops the intake."""
    try:
        return read_submission(path, host)
    except Exception as exc:  # noqa: BLE001 - a hostile bundle must not end the run (RecursionError too)
        from ucm_check.engine import log

        log.warning("ucm_check.intake_bundle_failed", file=path, error=type(exc).__name__)
        return Submission(path, problems=[f"提交包无法读取（{type(exc).__name__}）：内容不符合 ucm-check bundle 的格式"])


def receive(folder: str, roster: Roster, host: Host, *, office: str = "", as_of: dt.date) -> Intake:
    """Receive every bundle under ``folder`` for the units that submit to ``office``."""
    from ucm_check.intake.carried import check_against, counties
    from ucm_check.intake.overlays import collect
    from ucm_check.intake.social import SUFFIX as SOCIAL, load_social
    from ucm_check.intake.spotcheck import SUFFIX as CHECK, load_check

    standard = host.standards[roster.standard]
    expected = {u.id: u for u in roster.children(office)}
    intake = Intake(roster, office, as_of, [], standard=standard)
    found = list(files(folder))
    for path, regular in found:
        if not regular:
            intake.stray.append((shown_path(path, folder), "不是普通文件（符号链接、管道或设备文件）：未读取"))
    loaders = {"check": (CHECK, lambda p: load_check(p, standard)), "social": (SOCIAL, load_social)}
    overlays = collect(folder, [p for p, regular in found if regular and p.endswith((CHECK, SOCIAL))], roster,
                       loaders, intake.errors)
    best: dict[str, Record] = {}
    invalid: dict[str, list[tuple[str, list[str]]]] = {}
    for path in (p for p, regular in found if regular and p.lower().endswith(".zip")):
        shown = shown_path(path, folder)
        sub = _read(path, host)
        unit = attribute(roster, sub)
        if unit is None:
            why = f"名册中没有单位 “{sub.unit_name}”" if sub.unit_name else "无法识别单位：" + "；".join(sub.problems[:3])
            intake.stray.append((shown, why))
            continue
        if unit.id not in expected:
            to = roster.unit(unit.parent).name if unit.parent and roster.unit(unit.parent) else roster.office
            intake.stray.append((shown, f"{unit.name} 应向 {to} 报送，不属于本级收件"))
            continue
        problems = _problems(sub, unit, roster, as_of)
        if problems or not sub.valid:
            invalid.setdefault(unit.id, []).append((shown, problems or ["提交包无法评分"]))
            continue
        record = Record(unit, file=shown, as_of=sub.as_of, deadline=roster.deadline_of(unit), profile_text=sub.profile_text)
        if sub.carried is not None:
            record.counties, problem = counties(sub.carried)
            record.notes += [f"下级收件结果无法读取：{problem}"] if problem else check_against(record.counties, roster, unit)
        record.status = ON_TIME if sub.as_of <= record.deadline else LATE
        judge(record, sub, overlays.get(unit, "check"), overlays.get(unit, "social"), roster.scheme, host)
        previous = best.get(unit.id)
        if previous is None or (record.as_of, record.file) > (previous.as_of, previous.file):
            if previous is not None:
                record.others.append(f"{previous.file}（评价日期 {previous.as_of}，已被较新的提交包取代）")
            best[unit.id] = record
        else:
            previous.others.append(f"{shown}（评价日期 {record.as_of}，已被较新的提交包取代）")
    for unit_id, unit in expected.items():
        record = best.get(unit_id)
        bad = invalid.get(unit_id, [])
        if record is None and bad:
            path, reasons = bad[-1]
            record = Record(unit, INVALID, path, deadline=roster.deadline_of(unit), reasons=reasons, complete=False)
            bad = bad[:-1]
        elif record is None:
            record = Record(unit, MISSING, deadline=roster.deadline_of(unit), complete=False)
        record.others += [f"{p}（无效：{'；'.join(r)}）" for p, r in bad]
        intake.records.append(record)
    from ucm_check.intake.counties import check_counties

    applied = check_counties(intake, overlays, host)
    intake.stray += overlays.unused + _unused(overlays, intake, roster, applied)
    _make_visible(intake)
    return intake


def _make_visible(intake: Intake) -> None:
    """Escape what came from the bundles (unit names, entry names, dates as written) before any
    writer echoes it: a manifest's ANSI escape must not recolour the office's terminal."""
    from ucm_check.files.archive import visible

    intake.stray = [(visible(f), visible(why)) for f, why in intake.stray]
    for record in intake.records:
        record.reasons = [visible(r) for r in record.reasons]
        record.others = [visible(o) for o in record.others]
        record.notes = [visible(n) for n in record.notes]


def _unused(overlays, intake: Intake, roster: Roster, applied: dict[str, str]) -> list[tuple[str, str]]:
    """The chosen overlays whose unit has no counted bundle here, each with the reason (``applied``:
    overlay path -> "" when it was applied to a county carried in a city's bundle, else why not)."""
    records = {r.unit.id: r for r in intake.records}
    out = []
    for overlay in sorted(overlays.chosen.values(), key=lambda o: o.path):
        record = records.get(overlay.unit.id)
        if overlay.path in applied:
            if applied[overlay.path]:
                out.append((overlay.path, f"{overlay.what}未使用：{applied[overlay.path]}"))
            continue
        if record is None:
            parent = roster.unit(overlay.unit.parent) if overlay.unit.parent else None
            why = f"{overlay.unit.name} 应向 {parent.name if parent else roster.office} 报送，不属于本级收件"
        elif record.status == MISSING:
            why = f"{overlay.unit.name} 未报送提交包"
        elif record.status == INVALID:
            why = f"{overlay.unit.name} 没有有效的提交包（{record.file} 无效）"
        else:
            continue
        out.append((overlay.path, f"{overlay.what}未使用：{why}"))
    return out
