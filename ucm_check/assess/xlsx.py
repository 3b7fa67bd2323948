"""The 排名表 as an xlsx workbook, ready to print on A4 landscape and post: one sheet per group with
title, weights, ranks and changes, flags (红旗 red, 黑旗 black), escalations, funding, and the rules
the ranking followed printed under the table."""

from __future__ import annotations

import io
from typing import Any

from ucm_check.assess.render import table, title, weights_line
from ucm_check.files.textwidth import width

RED_FILL, RED_TEXT = "#FFC7CE", "#9C0006"
ESCALATION_FILL = "#FFEB9C"
NOTE_WIDTH = 16
"""The 说明 column wraps at this many cells so the table fits A4 landscape at 11 pt."""
TIE_RULE = "同分规则：综合得分相同的，依次比较{tie}的得分，高者在前；仍相同的并列同一名次，下一名次顺延（如 1、2、2、4）。"
MISSING_RULE = {"reweight": "缺项规则：某来源本月未考评某单位（缺评）的，按其余来源的权重折算，并在说明栏注明。",
                "incomplete": "缺项规则：某来源本月未考评某单位（缺评）的，该单位本月不完整、不参加排名，列在最后。"}


def _number(text: str) -> float | None:
    """``text`` as a number, or None for words such as 缺评 and —."""
    from decimal import Decimal, InvalidOperation

    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    return float(value) if value.is_finite() else None


def _widths(headers: list[str], rows: list[list[str]]) -> list[int]:
    """Column widths from the cells (Chinese counted two wide); headers wrap, so they count up to 6."""
    out = []
    for c, header in enumerate(headers):
        head = min(max(width(part) for part in header.split("\n")), 6)
        cap = NOTE_WIDTH if header == "说明" else 30
        out.append(min(max([head] + [width(r[c]) for r in rows]), cap) + 2)
    return out


def render_xlsx(doc: dict[str, Any]) -> bytes:
    """The workbook's bytes for a month's (or a quarter's, a year's) results document."""
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    base = {"font_name": "宋体", "font_size": 11, "valign": "vcenter", "border": 1}
    f = {
        "title": book.add_format({**base, "bold": True, "font_size": 16, "border": 0, "align": "center"}),
        "sub": book.add_format({**base, "border": 0}),
        "header": book.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "align": "center", "text_wrap": True}),
        "cell": book.add_format(base),
        "center": book.add_format({**base, "align": "center"}),
        "number": book.add_format({**base, "num_format": f"0.{'0' * doc['scheme']['decimals']}" if doc['scheme']['decimals'] else "0"}),
        "red": book.add_format({**base, "bold": True, "bg_color": RED_FILL, "font_color": RED_TEXT, "align": "center"}),
        "black": book.add_format({**base, "bold": True, "bg_color": "#000000", "font_color": "#FFFFFF", "align": "center"}),
        "escalation": book.add_format({**base, "bold": True, "bg_color": ESCALATION_FILL}),
        "wrap": book.add_format({**base, "text_wrap": True}),
        "score": book.add_format({**base, "align": "center"}),
        "note": book.add_format({**base, "border": 0, "text_wrap": True, "valign": "top"}),
    }
    for group in doc["groups"]:
        _sheet(book, f, doc, group)
    book.close()
    return buf.getvalue()


def _sheet(book: Any, f: dict[str, Any], doc: dict[str, Any], group: dict[str, Any]) -> None:
    headers, rows = table(doc, group)
    headers = [h.replace("(", "\n").replace(")", "") for h in headers]
    ws = book.add_worksheet(group["name"][:31])
    last = len(headers) - 1
    ws.merge_range(0, 0, 0, last, f"{title(doc)}（{group['name']}）", f["title"])
    ws.set_row(0, 28)
    ws.merge_range(1, 0, 1, last, f"权重：{weights_line(group)}", f["sub"])
    for c, (header, cells_width) in enumerate(zip(headers, _widths(headers, rows))):
        ws.write_string(2, c, header, f["header"])
        ws.set_column(c, c, cells_width)
    ws.set_row(2, 44)
    composite = headers.index("综合得分")
    flag = headers.index("红黑旗") if "红黑旗" in headers else -1
    step = headers.index("问责") if "问责" in headers else -1
    note = headers.index("说明") if "说明" in headers else -1
    numeric = {0, *range(composite + 1, composite + 1 + len(group.get("sources", [])))}
    numeric |= {headers.index("月数")} if "月数" in headers else set()
    """名次, each source's score and 月数 are numbers (sorting "10" before "2" was the text's fault)."""
    for r, (cells, data) in enumerate(zip(rows, group["rows"]), start=3):
        for c, value in enumerate(cells):
            fmt = f["cell"] if c == 2 or c > composite + len(group.get("sources", [])) else f["center"]
            if c == note:
                fmt = f["wrap"]
            if c == flag and data.get("flag"):
                fmt = f[data["flag"]]
            elif c == step and value:
                fmt = f["escalation"]
            number = _number(value) if c in numeric else None
            if c == composite and data["composite"] is not None:
                ws.write_number(r, c, data["composite"], f["number"])
            elif number is not None:
                ws.write_number(r, c, number, f["score"] if c > composite else f["center"])
            else:
                ws.write_string(r, c, value, fmt)
        lines = -(-width(cells[note]) // NOTE_WIDTH) if note >= 0 else 1
        ws.set_row(r, max(20, 15 * lines + 4))
    names = {s["id"]: s["name"] for g in doc["groups"] for s in g["sources"]}
    tie = "、".join(f"“{names.get(s, s)}”" for s in doc["scheme"]["tie_break"]) or "（无）"
    notes = [TIE_RULE.format(tie=tie), MISSING_RULE[doc["scheme"]["missing"]]]
    if doc["kind"] == "month":
        notes.append("变化：与上月名次相比，↑ 上升、↓ 下降、＝ 不变、新 上月无名次。连续靠后：连续处于本组倒数名次的月数。")
    else:
        notes.append(f"本期由 {len(doc['months'])} 个月（{'、'.join(doc['months'])}）各月综合得分的算术平均得出。")
    for k, note in enumerate(notes):
        row = 4 + len(rows) + k
        ws.merge_range(row, 0, row, last, note, f["note"])
        ws.set_row(row, 30)
    ws.freeze_panes(3, 0)
    ws.repeat_rows(0, 2)
    ws.set_landscape()
    ws.set_paper(9)
    ws.set_margins(left=0.3, right=0.3, top=0.5, bottom=0.6)
    ws.center_horizontally()
    ws.fit_to_pages(1, 0)
    ws.set_footer("&C第 &P 页，共 &N 页")
