"""Re-make the pictures of docs/img the README shows: ``python docs/img/make.py`` (needs LibreOffice
and pdftoppm; uses docs/fonts.conf so the GB fonts are stood in for by free ones)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IMG = ROOT / "docs" / "img"
AS_OF = "2026-12-15"
sys.path.insert(0, str(ROOT))
from tests.documents.filled import FILLED  # noqa: E402  (the render tests' own profile)


def ucm(*argv: str) -> None:
    subprocess.run([sys.executable, "-m", "ucm_check", "--log-level", "error", *argv], check=True)


def pdf(document: Path) -> Path:
    env = {**os.environ, "FONTCONFIG_FILE": str(ROOT / "docs" / "fonts.conf")}
    target = "pdf:writer_pdf_Export:{\"IsSkipEmptyPages\":{\"type\":\"boolean\",\"value\":\"false\"}}" \
        if document.suffix == ".docx" else "pdf"
    subprocess.run(["soffice", f"-env:UserInstallation={(document.parent / 'lo').as_uri()}", "--headless",
                    "--convert-to", target, "--outdir", str(document.parent), str(document)], check=True, env=env,
                   capture_output=True)
    return document.with_suffix(".pdf")


def png(source: Path, page: int, name: str, dpi: int = 50) -> None:
    stem = IMG / Path(name).stem
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                    str(source), str(stem)], check=True)


def pages(source: Path) -> int:
    import pdfplumber

    with pdfplumber.open(source) as doc:
        return len(doc.pages)


def main() -> None:
    work = Path(tempfile.mkdtemp())
    county = work / "county.toml"
    county.write_text((ROOT / "profiles" / "hunan-county-typical.toml").read_text(encoding="utf-8") + FILLED,
                      encoding="utf-8")
    shutil.copy(ROOT / "profiles" / "hunan-county-typical.plan.toml", work / "county.plan.toml")
    ucm("report", str(county), "-o", str(work / "report.docx"), "--as-of", AS_OF)
    report = pdf(work / "report.docx")
    png(report, 1, "report-first-page.png")
    png(report, pages(report), "report-last-page.png")
    ucm("letters", str(county), "--unit", "督查科", "-o", str(work / "letter.docx"), "--as-of", AS_OF)
    png(pdf(work / "letter.docx"), 1, "letter-first-page.png")
    ucm("plan", str(county), "--format", "xlsx", "-o", str(work / "plan.xlsx"), "--as-of", AS_OF)
    plan = pdf(work / "plan.xlsx")
    png(plan, pages(plan) - 1, "plan-timetable-a4.png")  # the last page holds only the end of the legend
    from tests.assess.district import build_year  # the year of scores the README's assess example shows

    build_year(work / "assess", months=3)
    ucm("assess", "publish", str(work / "assess"), "--period", "2026-03", "-o", str(work / "rank.xlsx"))
    png(pdf(work / "rank.xlsx"), 1, "assess-ranking-a4.png")
    from tests.intake.conftest import ROSTER
    from tests.intake.test_journey import bundle  # the intake journey's way of making a unit's bundle

    inbox = work / "intake-inbox"
    inbox.mkdir()
    for city, date, facts in (("长沙市", "2020-11-10", {}), ("衡阳市", "2020-11-20", {"late_assignments": "5"}),
                              ("益阳市", "2020-11-01", {"dress_violations": "5"}),
                              ("永州市", "2020-11-13", {"major_negative_events": "2", "certificate_rate": "90"})):
        bundle(work, inbox / f"{city}.zip", f"{city}城市管理和综合执法局", date, **facts)
    ucm("intake", str(inbox), "--roster", str(ROSTER), "--as-of", "2020-11-30", "--format", "xlsx",
        "-o", str(work / "intake.xlsx"))
    png(pdf(work / "intake.xlsx"), 1, "intake-summary-a4.png")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
