"""A year of monthly scores for seed 004's district (15 streets, 8 bureaus, 12 环卫所/中队), written as
the sources would send them: the third party an xlsx with a title row, the 数字化城管 platform a GBK
CSV, the others UTF-8 CSV with BOM. Generated scores stay within 60-89.9; the hand-set cells below
lift or sink chosen units so that their results can be worked out by hand (see test_district.py).
"""

from __future__ import annotations

import csv
from pathlib import Path

from ucm_check.cli import main

SOURCES = ("third_party", "digital", "bureaus", "office", "streets", "internal")
GROUP_SOURCES = {"街道办事处组": ("third_party", "digital", "bureaus", "office"),
                 "区直局委组": ("third_party", "streets"),
                 "区直局委专项工作组": ("third_party", "digital", "internal", "office", "streets")}
ALL = dict.fromkeys(SOURCES)


def _all(value):
    return {s: value for s in SOURCES}


#: (month, short name) -> source -> score ("缺评" for a source that did not assess the unit).
HAND: dict[tuple[int, str], dict[str, object]] = {
    **{(m, "西湖街道"): _all("99") for m in (1, 2, 3)},
    **{(m, "东风街道"): _all("50") for m in (1, 2, 3, 4)},
    (5, "东风街道"): _all("99.5"),
    (3, "人民街道"): {"third_party": "98", "digital": "97", "bureaus": "96", "office": "95"},
    (3, "青年街道"): {"third_party": "98", "digital": "97", "bureaus": "96", "office": "95"},
    (3, "光明街道"): {"third_party": "96", "digital": "94", "bureaus": "90", "office": "90"},
    (3, "新华街道"): {"third_party": "94", "digital": "96", "bureaus": "90", "office": "90"},
    (3, "胜利街道"): {"third_party": "93", "digital": "93", "bureaus": "缺评", "office": "80"},
    (3, "区城管局"): {"third_party": "91.5", "streets": "88"},
    (3, "区住建局"): {"third_party": "40", "streets": "50"},
    (3, "一环卫所"): {"third_party": "99", "digital": "98", "internal": "97", "office": "96", "streets": "95"},
    (3, "二环卫所"): _all("30"),
}


def roster(folder: Path) -> list[dict[str, str]]:
    with open(folder / "roster.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def generated(month: int, index: int, source: str) -> str:
    """A deterministic score in 60-89.9 for unit ``index`` in ``month`` from ``source``."""
    k = SOURCES.index(source)
    return f"{60 + (index * 7 + month * 3 + k * 5) % 30}.{(index + month + k) % 10}"


def month_files(folder: Path, month: int, out: Path) -> dict[str, Path]:
    """Write each source's file for 2026-``month`` into ``out`` as the source sends it."""
    units = roster(folder)
    out.mkdir(parents=True, exist_ok=True)
    files = {}
    for source in SOURCES:
        rows = []
        for i, u in enumerate(units):
            if source in GROUP_SOURCES[u["组别"]]:
                value = HAND.get((month, u["简称"]), {}).get(source) or generated(month, i, source)
                rows.append((u["简称"] if i % 2 else u["单位名称"], value))
        files[source] = _write(out, source, month, rows)
    return files


def _write(out: Path, source: str, month: int, rows: list[tuple[str, object]]) -> Path:
    if source == "third_party":
        from openpyxl import Workbook

        book = Workbook()
        ws = book.active
        ws.append([f"2026年{month}月城市精细化管理第三方考评结果"])
        ws.append(["序号", "被考评单位", "考评月份", "得分", "备注"])
        for n, (unit, value) in enumerate(rows, start=1):
            ws.append([n, unit, f"2026年{month}月", float(value) if value != "缺评" else value, ""])
        path = out / f"第三方{month:02d}.xlsx"
        book.save(path)
        return path
    encoding = "gbk" if source == "digital" else "utf-8-sig"
    path = out / f"{source}-{month:02d}.csv"
    with open(path, "w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["单位名称", "得分"])
        writer.writerows(rows)
    return path


def build_year(folder: Path, months: int = 12) -> Path:
    """``assess init`` then import every source for months 1..``months`` through the CLI."""
    assert main(["assess", "init", str(folder)]) == 0
    for month in range(1, months + 1):
        for source, path in month_files(folder, month, folder.parent / "收件" / f"{month:02d}").items():
            code = main(["assess", "import", str(folder), "--period", f"2026-{month:02d}", "--source", source, "-f", str(path)])
            assert code == 0, (month, source)
    return folder
