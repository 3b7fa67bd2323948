"""Receive a folder of submissions against the roster: verify each bundle, attribute it to its
unit, judge it on time, late, missing or invalid, and apply the spot check and the social
evaluation filed beside it.

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
from typing import Iterator

from ucm_check.engine.host import Host
from ucm_check.intake.judge import judge
from ucm_check.intake.records import INVALID, LATE, MISSING, ON_TIME, Intake, Record
from ucm_check.intake.roster import Roster, Unit, normal_name
from ucm_check.intake.submission import Submission, read_submission
from ucm_check.files.problems import ProfileError


def bundles(folder: str) -> Iterator[str]:
    """Every ``*.zip`` under ``folder`` (hidden folders skipped), in a stable order."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(".zip") and not name.startswith("."):
                yield os.path.join(root, name)


def attribute(roster: Roster, sub: Submission) -> Unit | None:
    """The roster unit a bundle belongs to: by the name in its manifest, else (for a bundle that
    could not be read) by a unit's place name or full name in the file name, longest first."""
    if sub.unit_name:
        return roster.find(sub.unit_name)
    stem = normal_name(os.path.splitext(os.path.basename(sub.path))[0])
    hits = [(len(n), u) for u in roster.units for n in (normal_name(u.name), normal_name(u.region)) if n and n in stem]
    return max(hits, key=lambda h: h[0])[1] if hits else None


def _sidecar(path: str, suffix: str, loader, unit: Unit, intake: Intake):
    """The spot-check or survey file beside bundle ``path``, if any and valid and for ``unit``."""
    side = os.path.splitext(path)[0] + suffix
    if not os.path.exists(side):
        return None
    from ucm_check.profile.reading import InvalidFile

    try:
        found = loader(side)
    except InvalidFile as exc:
        intake.errors += exc.errors
        return None
    if found.unit not in (unit.id, unit.name) and normal_name(found.unit) not in unit.names():
        intake.errors.append(ProfileError(side, 0, 0, f"文件写的单位 “{found.unit}” 与旁边提交包的单位 “{unit.name}”（{unit.id}）不符：放错了位置？"))
        return None
    return found


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


def receive(folder: str, roster: Roster, host: Host, *, office: str = "", as_of: dt.date) -> Intake:
    """Receive every bundle under ``folder`` for the units that submit to ``office``."""
    from ucm_check.intake.carried import check_against, counties
    from ucm_check.intake.social import SUFFIX as SOCIAL, load_social
    from ucm_check.intake.spotcheck import SUFFIX as CHECK, load_check

    standard = host.standards[roster.standard]
    expected = {u.id: u for u in roster.children(office)}
    intake = Intake(roster, office, as_of, [], standard=standard)
    best: dict[str, Record] = {}
    invalid: dict[str, list[tuple[str, list[str]]]] = {}
    used: set[str] = set()
    for path in bundles(folder):
        shown = os.path.relpath(path, folder)
        sub = read_submission(path, host)
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
        check = _sidecar(path, CHECK, lambda p: load_check(p, standard), unit, intake)
        social = _sidecar(path, SOCIAL, load_social, unit, intake)
        used.add(os.path.splitext(path)[0])
        record = Record(unit, file=shown, as_of=sub.as_of, deadline=roster.deadline_of(unit))
        if sub.carried is not None:
            record.counties, problem = counties(sub.carried)
            record.notes += [f"下级收件结果无法读取：{problem}"] if problem else check_against(record.counties, roster, unit)
        record.status = ON_TIME if sub.as_of <= record.deadline else LATE
        judge(record, sub, check, social, roster.scheme, host)
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
            record = Record(unit, INVALID, path, deadline=roster.deadline_of(unit), reasons=reasons)
            bad = bad[:-1]
        elif record is None:
            record = Record(unit, MISSING, deadline=roster.deadline_of(unit))
        record.others += [f"{p}（无效：{'；'.join(r)}）" for p, r in bad]
        intake.records.append(record)
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith((CHECK, SOCIAL)) and os.path.join(root, name[: -len(CHECK if name.endswith(CHECK) else SOCIAL)]) not in used:
                what = "核查文件" if name.endswith(CHECK) else "社会评价文件"
                intake.stray.append((os.path.relpath(os.path.join(root, name), folder),
                                     f"{what}未使用：旁边没有同名的有效提交包（{name.split('.')[0]}.zip）"))
    return intake
