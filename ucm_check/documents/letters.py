"""责任书: one document per unit of the rectification plan, listing its items, deadlines and
milestones, with room for both sides' signatures and seals.

The items of a unit are exactly those :func:`ucm_check.plan.views.by_unit` gives it (the 责任清单
of ``ucm-check plan``): every item it leads, is responsible for or cooperates on, with that role.
"""

from __future__ import annotations

from typing import Sequence

import datetime as dt
import re

from docx.enum.text import WD_ALIGN_PARAGRAPH

from ucm_check.documents.common import deadline_cell, roadmap
from ucm_check.documents.layout import FONTS, STYLE_TABLE, Official, add_text, set_fonts
from ucm_check.plan.model import Item, Plan
from ucm_check.plan.views import NO_UNIT, by_unit

_LOOKALIKE = str.maketrans({"/": "／", "\\": "＼", ":": "：", "*": "＊", "?": "？", '"': "＂", "<": "＜", ">": "＞",
                            "|": "｜"})
"""Characters a file system refuses, replaced by their full-width forms: 督查/科 and 督查_科 stay apart."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
NAME_CHARS = 60
"""Characters of a unit name kept in a file name (3 bytes each in UTF-8: well under 255 bytes)."""
SEALLESS = ("科", "股", "室", "组", "中队")
"""Ends of the names of internal offices and squads, which usually have no seal of their own: their
责任书 asks only for the head's signature."""
SOMEONE = "由本单位指定"
"""The 责任人 of an item this unit does not lead: the lead unit's person is not this unit's."""
ITEM_HEADERS = ("序号", "问题", "整改措施", "职责", "责任人", "完成时限")
MILESTONE_HEADERS = ("时间", "序号", "内容", "状态")
ROLES = {"牵头": "牵头", "责任": "责任", "配合": "配合"}
DUTIES = (
    "牵头单位对所列事项的整改负总责，责任单位按分工抓落实，配合单位按职责积极配合。",
    "按完成时限完成整改，整改情况和佐证材料报整改台账，经核查后销号；逾期未完成的，在整改台账中如实标注逾期。",
    "确需调整完成时限的，应说明理由，经批准后在整改台账中记录调整情况。",
    "本责任书一式两份，双方各执一份，自签订之日起生效，至所列事项全部销号时止。",
)
"""The terms every 责任书 states: they restate how the plan works (销号, 逾期, recorded deadline
moves), not anything about the unit's own work."""


def units(plan: Plan) -> list[str]:
    """Units that get a 责任书: every named unit of the plan, in the 责任清单's order."""
    return [name for name, _ in by_unit(plan) if name != NO_UNIT]


def unassigned(plan: Plan) -> list[Item]:
    """Items without any unit: they appear in no 责任书."""
    return [item for name, pairs in by_unit(plan) if name == NO_UNIT for item, _ in pairs]


def file_name(unit: str) -> str:
    """``责任书-督查科.docx``: characters a file system refuses become their full-width forms, control
    characters an underscore, trailing dots and spaces (refused by Windows) are dropped."""
    safe = _CONTROL.sub("_", unit.translate(_LOOKALIKE)).strip().rstrip(". ")[:NAME_CHARS].rstrip(". ") or "单位"
    return f"责任书-{safe}.docx"


def file_names(units: Sequence[str]) -> dict[str, str]:
    """Unit -> its file name, never two alike, even where a file system ignores case: a name
    taken already gets ``-2``, ``-3`` ... in the order the units come."""
    taken: set[str] = set()
    names = {}
    for unit in units:
        base = file_name(unit)
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            name = base.removesuffix(".docx") + f"-{n}.docx"
        taken.add(name.casefold())
        names[unit] = name
    return names


def build(plan: Plan, unit: str, *, bureau: str, standard: str, as_of: dt.date) -> Official:
    """The 责任书 of ``unit``: its items with role, person and deadline, their milestones, the terms,
    and the signature block for the bureau and the unit."""
    pairs = next((p for name, p in by_unit(plan) if name == unit), [])
    items = [item for item, _ in pairs]
    doc = Official(title=f"整改工作责任书（{unit}）", author=bureau)
    doc.title("整改工作责任书")
    for run in add_text(doc.paragraph(indent=False, align=WD_ALIGN_PARAGRAPH.CENTER), f"（{unit}）"):
        set_fonts(run, FONTS["heading2"][0])
    doc.blank()
    doc.paragraph(f"为抓好{standard}自评发现问题的整改，明确责任、时限和要求，{bureau}与{unit}签订本责任书。"
                  f"{unit}承担以下{len(items)}项整改事项。")
    doc.heading1("一、责任事项")
    rows = [[str(n), item.problem, item.measures, ROLES.get(role, role), _person(item, role),
             deadline_cell(item, as_of)] for n, (item, role) in enumerate(pairs, 1)]
    doc.table(ITEM_HEADERS, rows, (14, 38, 42, 14, 20, 28), align="cllccc")
    doc.heading1("二、阶段节点和完成时限")
    number = {item.id: str(n) for n, item in enumerate(items, 1)}
    steps = [(when, number.get(i, i), what, state) for when, i, what, state in roadmap(items, as_of)]
    doc.table(MILESTONE_HEADERS, steps, (28, 18, 86, 24), align="ccll")
    doc.heading1("三、责任要求")
    for n, text in enumerate(DUTIES, 1):
        doc.paragraph(f"{n}. {text}")
    _signatures(doc, bureau, unit)
    return doc


HALF_LINE = 12
"""3号 characters that fit a signature column (half the text block, less the cell margins)."""


def _person(item: Item, role: str) -> str:
    """The 责任人 a unit signs for: the item's person where it leads the item, else its own choice."""
    if role != "牵头":
        return SOMEONE
    return item.person or "未指定"


def _signatures(doc: Official, bureau: str, unit: str) -> None:
    """Two columns without borders: the bureau on the left, the unit on the right, each with room
    for a seal, a signature and a handwritten date."""
    doc.blank(2)
    from ucm_check.documents.names import lines

    def block(label: str, name: str) -> list[str]:
        seal = [] if name.endswith(SEALLESS) else ["（盖章）"]
        named = lines(label + name, HALF_LINE) if len(label + name) <= HALF_LINE else [label, *lines(name, HALF_LINE)]
        return [*[n for n in named if n], *seal, "", "负责人（签字）：", "", "　　年　　月　　日"]

    left, right = block("", bureau), block("责任单位：", unit)
    height = max(len(left), len(right))
    left, right = left + [""] * (height - len(left)), right + [""] * (height - len(right))
    table = doc.doc.add_table(rows=height, cols=2)
    for r, pair in enumerate(zip(left, right)):
        for c, text in enumerate(pair):
            p = table.rows[r].cells[c].paragraphs[0]
            p.style = doc.doc.styles[STYLE_TABLE]
            for run in add_text(p, text):
                run.font.size = doc.doc.styles["Normal"].font.size

