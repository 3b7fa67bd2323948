"""Let LibreOffice judge the files we write: convert xlsx/docx to PDF and read the pages back.

Tests that need LibreOffice call :func:`to_pdf`, which skips (saying why) when ``soffice`` is not
installed, or fails under ``UCM_REQUIRE_TOOLS=1`` as CI runs (``tests/tools.py``); ``.ci/run``
installs it. Each conversion gets its own LibreOffice profile folder so
conversions running side by side do not block on one another's lock file.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.tools import need

MM_PER_PT = 25.4 / 72
PRINTED_BLANKS = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'
"""Keep the blank pages Writer inserts (before a section that starts on an even page): a printer prints them."""
FONTS_CONF = Path(__file__).resolve().parents[1] / "docs" / "fonts.conf"
"""Maps 仿宋_GB2312, 方正小标宋简体, 黑体 and 楷体_GB2312 to installed free fonts, so renders are
judged with the families the documents name (the same file users are told about)."""


def to_pdf(document: Path, out_dir: Path) -> Path:
    """Convert *document* to PDF with LibreOffice headless and return the PDF's path."""
    soffice = need("soffice")
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = out_dir / ".lo-profile"
    run = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
         "--convert-to", PRINTED_BLANKS if document.suffix == ".docx" else "pdf", "--outdir", str(out_dir), str(document)],
        capture_output=True, text=True, timeout=240, env={**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)},
    )
    pdf = out_dir / (document.stem + ".pdf")
    assert run.returncode == 0 and pdf.exists(), f"LibreOffice failed: {run.stdout}\n{run.stderr}"
    return pdf


def page_sizes_mm(pdf: Path) -> list[tuple[int, int]]:
    """Each page's (width, height) in whole millimetres."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return [(round(p.width * MM_PER_PT), round(p.height * MM_PER_PT)) for p in doc.pages]


def char_sizes(pdf: Path) -> list[float]:
    """The font size of every printed character, over all pages."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return [c["size"] for p in doc.pages for c in p.chars if c["text"].strip()]


def page_text(pdf: Path) -> list[str]:
    """The text of each page."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return [p.extract_text() or "" for p in doc.pages]


def first_page_png(pdf: Path, png: Path, dpi: int = 80) -> Path:
    """Render the first page to *png* with pdftoppm (skips, or fails under CI, when poppler-utils is missing)."""
    pdftoppm = need("pdftoppm")
    stem = png.with_suffix("")
    subprocess.run([pdftoppm, "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(stem)], check=True, timeout=120)
    return png
