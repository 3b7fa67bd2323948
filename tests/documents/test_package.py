"""What a reviewer's Word reads besides the text: language tags, fonts, metadata, compatibility
mode, styles and the outline. Read straight from the .docx's XML parts."""

from __future__ import annotations

import re
import zipfile

import pytest

from tests.documents.conftest import AS_OF, run

JAPANESE = ("ＭＳ", "明朝", "ゴシック", "游", "Jpan", "ja-JP", "メイリオ")


@pytest.fixture(scope="module")
def parts(tmp_path_factory):
    import shutil

    from tests.documents.conftest import PROFILES, TYPICAL
    from ucm_check.cli import main

    folder = tmp_path_factory.mktemp("package")
    shutil.copy(TYPICAL, folder / "county.toml")
    shutil.copy(PROFILES / "hunan-county-typical.plan.toml", folder / "county.plan.toml")
    out = folder / "r.docx"
    assert main(["--log-level", "error", "report", str(folder / "county.toml"), "-o", str(out), "--as-of", AS_OF,
                 "--date", "2026-12-20", "--no-entry-points"]) == 0
    with zipfile.ZipFile(out) as z:
        return {name: z.read(name).decode("utf-8", "replace") for name in z.namelist()}


def test_every_language_tag_says_simplified_chinese(parts):
    styles, settings = parts["word/styles.xml"], parts["word/settings.xml"]
    assert re.findall(r'<w:lang [^>]*/>', styles) == ['<w:lang w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA"/>']
    assert '<w:themeFontLang w:val="zh-CN" w:eastAsia="zh-CN"/>' in settings


def test_no_japanese_font_in_theme_font_table_or_anywhere_else(parts):
    for name, text in parts.items():
        assert [j for j in JAPANESE if j in text] == [], name
    fonts = re.findall(r'<w:font w:name="([^"]+)"', parts["word/fontTable.xml"])
    assert set(fonts) == {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体", "Times New Roman", "Courier New"}
    assert '<a:ea typeface="黑体"/>' in parts["word/theme/theme1.xml"]


def test_metadata_names_the_unit_the_title_and_the_date_written(parts):
    core, app = parts["docProps/core.xml"], parts["docProps/app.xml"]
    assert "<dc:title>某县城市管理和综合执法局关于2020年度自评情况的报告</dc:title>" in core
    assert "<dc:creator>某县城市管理和综合执法局</dc:creator>" in core
    assert re.search(r"<dcterms:created [^>]*>2026-12-20T", core)
    assert "python-docx" not in core + app and "Macintosh" not in app and "2013" not in core
    assert not any(n.startswith(("customXml", "docProps/thumbnail")) for n in parts)


def test_compatibility_mode_is_15_so_word_opens_it_without_compatibility_mode(parts):
    assert re.search(r'w:name="compatibilityMode" [^>]*w:val="15"', parts["word/settings.xml"])


def test_headings_carry_outline_levels_for_the_navigation_pane(parts):
    styles = parts["word/styles.xml"]
    for sid, level in (("一级标题", 0), ("二级标题", 1)):
        body = re.search(rf'w:styleId="{sid}">(.*?)</w:style>', styles).group(1)
        assert f'<w:outlineLvl w:val="{level}"/>' in body


def test_every_style_in_the_file_is_used_or_is_a_default_or_a_base(parts):
    styles = parts["word/styles.xml"]
    used = set()
    for name, text in parts.items():
        if name.startswith("word/") and name != "word/styles.xml":
            used |= set(re.findall(r'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', text))
    bases = set(re.findall(r'<w:basedOn w:val="([^"]+)"', styles))
    for head in re.findall(r"<w:style [^>]*>", styles):
        sid = re.search(r'w:styleId="([^"]+)"', head).group(1)
        assert sid in used or sid in bases or 'w:default="1"' in head, sid
    assert "latentStyles" not in styles and len(re.findall(r"<w:style ", styles)) <= 12


SECT_ORDER = ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType",
              "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid",
              "printerSettings", "sectPrChange")


def test_section_properties_keep_the_order_word_requires(parts):
    """Word refuses a file whose w:sectPr children are out of the schema's order (the 版记 section
    adds a w:vAlign)."""
    from lxml import etree

    root = etree.fromstring(parts["word/document.xml"].encode("utf-8"))
    sections = root.findall(".//{*}sectPr")
    assert len(sections) == 2  # the text, then the 版记 on its even page
    for sect in sections:
        names = [etree.QName(node).localname for node in sect]
        assert [SECT_ORDER.index(n) for n in names] == sorted(SECT_ORDER.index(n) for n in names), names
    assert any(etree.QName(n).localname == "vAlign" for n in sections[-1])
