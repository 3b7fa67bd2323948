"""The status table of a standard of dated obligations without points (Henan 2021, local norms)."""

from __future__ import annotations

from ucm_check.model import ProfileResult

STATUS_HEADERS = ("评价内容", "已落实", "逾期完成", "未到期", "即将到期", "逾期", "未落实", "未填写", "不适用")


def status_rows(result: ProfileResult) -> list[list[str]]:
    """One row per area with the number of obligations in each state, then the totals."""
    from ucm_check.ci.formats.text import OBLIGATION_STATUSES

    by_name = {name: status for status, name in OBLIGATION_STATUSES.items()}
    statuses = [by_name[h] for h in STATUS_HEADERS[1:]]
    rows = []
    for a in result.areas:
        rows.append([f"{a.area.number}、{a.area.title}", *(str(a.count(s)) for s in statuses)])
    rows.append(["合计", *(str(sum(a.count(s) for a in result.areas)) for s in statuses)])
    return rows
