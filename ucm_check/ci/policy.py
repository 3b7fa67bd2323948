"""A province's CI policy (TOML): the gates a submission must pass, each reported with how far off it is.

::

    min_total = 85                       # lowest acceptable total (incomplete: the lowest possible total)
    max_unanswered = 0                   # unanswered applicable rules allowed
    max_overdue = 0                      # overdue rectification items allowed (county.plan.toml)
    veto = ["HN-06-1", "HN-12-*"]        # a deduction here fails the run whatever the score (一票否决)
    evidence_required = ["HN-05-*"]      # a compliance claim here must list evidence (佐证材料)

    [min_area]                           # lowest acceptable score per checklist area
    discipline = 12
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from decimal import Decimal
from typing import Any, Iterable, Mapping

import attrs

from ucm_check.files.inputs import InvalidFile, ProfileError, load_toml, read_text, show
from ucm_check.model import AWARDED, MET_STATUSES, UNANSWERED, ProfileResult, Standard
from ucm_check.numbers import fmt

KEYS = {
    "name": "策略名称",
    "min_total": "最低总分",
    "min_area": "各区域最低得分",
    "veto": "一票否决规则",
    "max_unanswered": "最多未填写项数",
    "max_overdue": "最多逾期整改项数",
    "evidence_required": "须附佐证材料的规则",
}


class InvalidPolicy(InvalidFile):
    """Raised with every problem found in a policy file."""


@attrs.frozen
class GateResult:
    """One gate applied to one profile."""

    file: str
    gate: str
    """``min_score``, ``min_total``, ``min_area``, ``veto``, ``max_unanswered``, ``max_overdue``, ``evidence``."""
    threshold: Decimal | int
    value: Decimal | int
    passed: bool
    message: str = ""
    """Chinese sentence naming the gate and by how much it failed; empty when passed."""
    area: str = ""
    """Area id, for ``min_area``."""
    rules: tuple[str, ...] = ()
    """Rule codes that tripped ``veto`` or ``evidence``; item ids for ``max_overdue``."""

    @property
    def shortfall(self) -> Decimal | int:
        """How far the value is on the wrong side of the threshold (0 when passed)."""
        if self.passed:
            return 0
        return self.threshold - self.value if self.gate in ("min_score", "min_total", "min_area") else self.value - self.threshold


@attrs.frozen
class Policy:
    """The gates of one policy file; an unset gate is None (or empty) and is not applied."""

    file: str = ""
    name: str = ""
    min_score: Decimal | None = None
    """The command line's ``--min-score``, reported as its own gate."""
    min_total: Decimal | None = None
    min_area: Mapping[str, Decimal] = attrs.field(factory=dict)
    veto: tuple[str, ...] = ()
    max_unanswered: int | None = None
    max_overdue: int | None = None
    evidence_required: tuple[str, ...] = ()

    def requires_evidence(self, code: str) -> bool:
        return any(fnmatch.fnmatchcase(code, p) for p in self.evidence_required)

    def is_veto(self, code: str) -> bool:
        return any(fnmatch.fnmatchcase(code, p) for p in self.veto)

    def evaluate(self, result: ProfileResult, *, evidence: Mapping[str, Any] | None = None,
                 overdue: list[Any] | None = None) -> list[GateResult]:
        """Apply every set gate to ``result``. ``evidence`` maps rule codes to listed files;
        ``overdue`` is the plan's overdue items (needed only when ``max_overdue`` is set)."""
        gates: list[GateResult] = []
        file = result.file
        scored = result.standard.scored  # score gates on a standard without points are refused up front
        for gate, need, label in (("min_score", self.min_score, "--min-score"), ("min_total", self.min_total, "min_total（最低总分）")):
            if need is None or not scored:
                continue
            basis = result.total if result.complete else result.lowest_total
            what = "总分" if result.complete else "评价不完整，最低可能得分"
            ok = basis >= need
            gates.append(GateResult(file, gate, need, basis, ok, "" if ok else
                         f"未通过门槛 {label}：{what} {fmt(basis)} 低于要求的 {fmt(need)}（差 {fmt(need - basis)} 分）"))
        for area_id, need in self.min_area.items():
            found = next((a for a in result.areas if a.area.id == area_id), None)
            if found is None or not scored:
                continue  # the area belongs to another standard
            worst = found.score - (found.unanswered_points if not found.area.bonus else 0)
            worst = max(worst, Decimal(0))
            ok = worst >= need and not found.error
            name = f"{found.area.number} {found.area.title}"
            gates.append(GateResult(file, "min_area", need, worst, ok, "" if ok else
                         f"未通过门槛 min_area（{name} 最低得分）：得分 {fmt(worst)}"
                         f"{'（含未填写项按最不利计）' if found.count(UNANSWERED) else ''}，要求不低于 {fmt(need)}，差 {fmt(need - worst)} 分",
                         area=area_id))
        if self.veto:
            from ucm_check.engine.status import VETO_STATUSES, describe

            hit = [f for f in result.findings if self.is_veto(f.rule.code) and f.status in VETO_STATUSES]
            codes = tuple(f.rule.code for f in hit)
            what = "、".join(f"{f.rule.code} {f.rule.title}（{describe(f)}）" for f in hit)
            gates.append(GateResult(file, "veto", 0, len(hit), not hit, "" if not hit else
                         f"未通过门槛 veto（一票否决）：{len(hit)} 项否决规则未达标：{what}", rules=codes))
        if self.max_unanswered is not None:
            n = len(result.unanswered)
            ok = n <= self.max_unanswered
            gates.append(GateResult(file, "max_unanswered", self.max_unanswered, n, ok, "" if ok else
                         f"未通过门槛 max_unanswered（最多未填写项数）：{n} 项未填写，最多允许 {self.max_unanswered} 项，超出 {n - self.max_unanswered} 项"))
        if self.max_overdue is not None:
            from ucm_check.engine.status import LABEL, OVERDUE_STATUSES

            duties = [f for f in result.findings if f.status in OVERDUE_STATUSES]
            ids = tuple(f.rule.code for f in duties)
            named = [f"{f.rule.code} {LABEL[f.status]}" for f in duties]
            for item in overdue or []:
                item_id = str(getattr(item, "id", item))
                if getattr(item, "rule", None) in ids:
                    continue  # the plan's item for a duty already counted
                ids += (item_id,)
                named.append(f"{item_id} 整改逾期")
            n = len(ids)
            ok = n <= self.max_overdue
            gates.append(GateResult(file, "max_overdue", self.max_overdue, n, ok, "" if ok else
                         f"未通过门槛 max_overdue（最多逾期整改项数）：{n} 项"
                         + (f"逾期（{'、'.join(named)}）" if duties else f"整改逾期（{'、'.join(ids)}）") + "，"
                         f"最多允许 {self.max_overdue} 项，超出 {n - self.max_overdue} 项", rules=ids))
        if self.evidence_required:
            listed = evidence or {}
            lacking = tuple(f.rule.code for f in result.findings
                            if (f.status in MET_STATUSES or f.status == AWARDED) and self.requires_evidence(f.rule.code)
                            and not listed.get(f.rule.code))
            gates.append(GateResult(file, "evidence", 0, len(lacking), not lacking, "" if not lacking else
                         f"未通过门槛 evidence（佐证材料）：{len(lacking)} 项自评达标或加分的规则未列佐证材料：{'、'.join(lacking)}",
                         rules=lacking))
        return gates


def _codes(standards: Iterable[Standard]) -> list[str]:
    return [r.code for s in standards for a in s.areas for r in a.rules]


def parse_policy(file: str, text: str, standards: Mapping[str, Standard]) -> Policy:
    """Validate policy ``text``; raise :class:`InvalidPolicy` with every problem, located."""
    from ucm_check.files.locate import locate
    from ucm_check.files.inputs import suggest, type_name

    data = load_toml(file, text, InvalidPolicy)
    errors: list[ProfileError] = []

    def err(path: tuple[str, ...], message: str, *, value: bool = True) -> None:
        line, col = locate(text, path, value=value)
        errors.append(ProfileError(file, line, col, message))

    def number(path: tuple[str, ...], value: Any, *, integer: bool = False) -> Any:
        ok = isinstance(value, int) if integer else isinstance(value, (int, Decimal))
        if not ok or isinstance(value, bool) or value < 0:
            want = "不小于 0 的整数" if integer else "不小于 0 的数字"
            err(path, f"{'.'.join(path)}（{KEYS.get(path[0], '')}）应为{want}，实际为{type_name(value)} {show(value)}")
            return None
        return value if integer else Decimal(value)

    codes = _codes(standards.values())
    areas = {a.id: a for s in standards.values() for a in s.areas if s.scored}
    unscored_areas = {a.id: s for s in standards.values() if not s.scored for a in s.areas}

    def patterns(key: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            err((key,), f"{key}（{KEYS[key]}）应为规则编号的字符串数组，如 [\"HN-06-1\", \"HN-05-*\"]，实际为{type_name(value)}")
            return ()
        for v in value:
            if not any(fnmatch.fnmatchcase(c, v) for c in codes):
                err((key,), f"{key} 中的 “{v}” 不匹配任何规则编号{suggest(v, codes)}")
        return tuple(value)

    kw: dict[str, Any] = {"file": file}
    for key, value in data.items():
        if key not in KEYS:
            err((key,), f"策略文件中有未知字段 “{key}”{suggest(key, list(KEYS))}；可用：{'、'.join(KEYS)}", value=False)
        elif key == "name":
            if isinstance(value, str):
                kw["name"] = value
            else:
                err((key,), f"name（策略名称）应为字符串，实际为{type_name(value)}")
        elif key == "min_total":
            kw[key] = number((key,), value)
        elif key in ("max_unanswered", "max_overdue"):
            kw[key] = number((key,), value, integer=True)
        elif key in ("veto", "evidence_required"):
            kw[key] = patterns(key, value)
        elif not isinstance(value, dict):
            err((key,), f"min_area 应为表 [min_area]，每行 区域编号 = 最低得分，实际为{type_name(value)}")
        else:
            mins = {}
            for area_id, need in value.items():
                area = areas.get(area_id)
                if area is None and area_id in unscored_areas:
                    err((key, area_id), value=False, message=refusal(f"min_area.{area_id}（区域最低得分）",
                                                                     [unscored_areas[area_id]]))
                    continue
                if area is None:
                    err((key, area_id), value=False, message=f"[min_area] 中的 “{area_id}” 不是区域编号{suggest(area_id, list(areas))}；可用：{'、'.join(areas)}")
                    continue
                need = number((key, area_id), need)
                if need is not None and need > area.max:
                    err((key, area_id), f"min_area.{area_id} = {fmt(need)} 超过该区域满分 {fmt(area.max)}，永远无法达到")
                elif need is not None:
                    mins[area_id] = need
            kw["min_area"] = mins
    if errors:
        errors.sort(key=lambda e: (e.line, e.column))
        raise InvalidPolicy(errors)
    return Policy(**{k: v for k, v in kw.items() if v is not None})


def refusal(gate: str, standards: Iterable[Standard], files: Iterable[str] = ()) -> str:
    """Why a score gate cannot apply to standards without points, and what to use instead."""
    standards = list(standards)
    names = "、".join(f"{s.id}（{s.document}）" for s in standards)
    files = list(files)
    which = f"；涉及档案 {files[0]}" + (f" 等 {len(files)} 个" if len(files) > 1 else "") if files else ""
    prefixes = sorted({r.code.split("-")[0] + "-*" for s in standards for a in s.areas for r in a.rules})
    veto = "、".join(f'"{p}"' for p in prefixes) or '"…"'
    return (f"{gate}不能用于没有分值的标准 {names}：该标准按完成时限检查，没有总分{which}。"
            f"请删去此项，或改用 veto = [{veto}] 和 max_overdue 检查逾期、未落实事项")


def score_gate_refusals(policy: Policy, standards: Mapping[str, Standard],
                        used: Mapping[str, list[str]]) -> list[ProfileError]:
    """The total-score gates (``min_total``, ``--min-score``) a run cannot apply: one located error
    each when profiles (``used``: standard id -> files) use a standard without points."""
    from ucm_check.files.locate import locate

    unscored = [standards[sid] for sid in sorted(used) if sid in standards and not standards[sid].scored]
    if not unscored:
        return []
    files = [f for s in unscored for f in used[s.id]]
    found: list[ProfileError] = []
    if policy.min_total is not None and policy.file:
        try:
            line, col = locate(read_text(policy.file, "策略文件", InvalidPolicy), ("min_total",), value=False)
        except InvalidPolicy:
            line, col = 1, 1
        found.append(ProfileError(policy.file, line, col, refusal("min_total（最低总分）", unscored, files)))
    if policy.min_score is not None:
        found.append(ProfileError("--min-score", 0, 0, refusal("--min-score（最低分）", unscored, files)))
    return found


def load_policy(path: str, standards: Mapping[str, Standard]) -> Policy:
    """Read and validate a policy file (UTF-8); raise :class:`InvalidPolicy`."""
    return parse_policy(path, read_text(path, "策略文件", InvalidPolicy), standards)


def overdue_items(profile_file: str, as_of: dt.date) -> tuple[list[Any], list[ProfileError]]:
    """Overdue items of the profile's rectification plan (``county.plan.toml``); none without a plan."""
    from ucm_check.plan import InvalidPlan, load_plan, plan_path_for

    path = plan_path_for(profile_file)
    if not path.exists():
        return [], []
    try:
        return list(load_plan(path).overdue(as_of)), []
    except InvalidPlan as exc:
        return [], list(exc.errors)
