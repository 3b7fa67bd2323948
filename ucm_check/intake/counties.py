"""The office's own spot checks on counties (湘建执函〔2020〕94号 §四: 检查面延伸到县).

A province receives cities; each city's bundle carries its counties' intake results
(:mod:`.carried`), including each county's profile as submitted. A spot check (or survey) the
province files for a **county** (``吉首市.check.toml``, ``unit = "433101"``) is applied to that
county's result in its city's bundle: the county's profile is re-scored with the verified facts,
and the comparison, the difference and 自评偏高 (by the province's own margin) are shown under the
city.

**How the county's final score changes (reading).** The city judged the county with its own
scheme, and the city's survey of the county is not carried up. So with a spot check alone, the
county keeps the city's result less what the inspectors found: final − (self total − verified
total), and its lowest possible score likewise; under ``social = "weight"`` the difference counts
at the self-evaluation's weight (1 − w), rounded half up to two places. When the province files
its own survey for the county as well, the county is judged afresh with the province's scheme.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import attrs

from ucm_check.engine.host import Host
from ucm_check.intake.records import LATE, ON_TIME, Intake, Record


def check_counties(intake: Intake, overlays, host: Host) -> dict[str, str]:
    """Apply the overlays about counties carried in the intake's city bundles. Returns, for every
    overlay about such a county, ``""`` when it was applied or why it could not be."""
    records = {r.unit.id: r for r in intake.records}
    by_unit: dict[str, list] = {}
    for overlay in overlays.chosen.values():
        if overlay.unit.id not in records and overlay.unit.parent in records:
            by_unit.setdefault(overlay.unit.id, []).append(overlay)
    out: dict[str, str] = {}
    for unit_id, found in by_unit.items():
        unit = found[0].unit
        city = records[unit.parent]
        why = _apply(intake, city, unit, overlays, host)
        out.update({o.path: why for o in found})
    return out


def _apply(intake: Intake, city: Record, unit, overlays, host: Host) -> str:
    from ucm_check.profile.checking import score
    from ucm_check.intake.judge import judge
    from ucm_check.intake.roster import normal_name
    from ucm_check.intake.submission import Submission
    from ucm_check.profile.reading import InvalidProfile, parse_text

    if city.status not in (ON_TIME, LATE):
        return f"{unit.name} 所属的 {city.unit.name} 没有有效的提交包，无法核查其县级结果"
    index = next((i for i, c in enumerate(city.counties) if c.id == unit.id or intake.roster.find(c.name) == unit), None)
    if index is None:
        return f"{city.unit.name} 的提交包所附县级收件结果中没有 {unit.name}"
    county = city.counties[index]
    if county.status not in (ON_TIME, LATE) or not county.profile_text:
        return (f"{city.unit.name} 所附县级收件结果中没有 {unit.name} 的自评档案"
                "（该县未有效报送，或收件结果由较早版本的 ucm-check 生成）")
    try:
        profile = parse_text(f"{unit.name}.toml", county.profile_text, host.standards)
    except InvalidProfile as exc:
        return f"{city.unit.name} 所附的 {unit.name} 自评档案无效：{exc.errors[0].message}"
    if normal_name(str(profile.unit.get("name", ""))) not in unit.names():
        return f"{city.unit.name} 所附的自评档案写的单位是 “{profile.unit.get('name', '')}”，不是 {unit.name}"
    as_of = county.as_of or city.as_of
    sub = Submission(city.file, str(profile.unit.get("name", "")), as_of, profile, score(profile, host, as_of=as_of))
    check, social = overlays.get(unit, "check"), overlays.get(unit, "social")
    scheme = intake.roster.scheme
    verified = Record(unit, county.status, city.file, as_of=as_of, deadline=intake.roster.deadline_of(unit))
    judge(verified, sub, check, social, scheme if social is not None else attrs.evolve(scheme, social="none"), host)
    final, basis = verified.final, verified.basis
    if social is None and county.final is not None and final is not None:
        weight = 1 - scheme.social_weight if scheme.social == "weight" else Decimal(1)
        final = _places(county.final - weight * (sub.result.total - verified.final), scheme)
        basis = _places(county.basis - weight * (sub.result.lowest_total - verified.basis), scheme)
    city.counties[index] = attrs.evolve(county, final=final, basis=basis, verified=verified,
                                        overrated=verified.overrated(scheme) if check is not None else county.overrated)
    return ""


def _places(value: Decimal, scheme) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if scheme.social == "weight" else value
