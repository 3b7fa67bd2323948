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


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_the_colophon_page_is_made_even_by_a_section_break_word_implements_not_by_a_page_count(parts):
    """GB/T 9704 §7.4 puts the 版记 on the last even page. The only thing that makes the page even is
    the final section's ``<w:type w:val="evenPage"/>`` (ECMA-376 Part 1 §17.6.22, simple type
    ST_SectionMark: the section begins on the next even page), Word's 分节符（偶数页）; its
    ``<w:vAlign w:val="bottom"/>`` (§17.6.23, 页面设置 ▸ 版式 ▸ 垂直对齐方式 底端对齐) puts it at the
    foot. Nothing counts pages: no page break, no paragraph told to start a page, no field."""
    from lxml import etree

    root = etree.fromstring(parts["word/document.xml"].encode("utf-8"))
    body = root.find(f"{W}body")
    text_section, colophon = root.iter(f"{W}sectPr")
    assert colophon.getparent() is body  # the last section's properties are the body's own
    assert colophon.find(f"{W}type").get(f"{W}val") == "evenPage"
    assert colophon.find(f"{W}vAlign").get(f"{W}val") == "bottom"
    kind = text_section.find(f"{W}type")
    assert kind is None or kind.get(f"{W}val") == "nextPage"  # the text itself starts on page 1
    assert not root.findall(f".//{W}br[@{W}type='page']") and not root.findall(f".//{W}pageBreakBefore")
    assert not root.findall(f".//{W}lastRenderedPageBreak")
    fields = " ".join(node.text or "" for node in root.iter(f"{W}instrText")) + " ".join(
        node.get(f"{W}instr") or "" for node in root.iter(f"{W}fldSimple"))
    assert not re.search(r"\b(PAGE|NUMPAGES|SECTIONPAGES|IF)\b", fields), fields


def test_the_section_break_rides_on_the_date_so_no_empty_line_can_open_a_page_of_its_own(parts):
    """A section break in an empty paragraph is a line of text: when the 成文日期 ends a page it would
    start a numbered blank page before the blank page and the 版记. It sits in the date's paragraph."""
    from lxml import etree

    root = etree.fromstring(parts["word/document.xml"].encode("utf-8"))
    text_section = next(root.iter(f"{W}sectPr"))
    paragraph = text_section.getparent().getparent()
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", "".join(paragraph.itertext()))


def test_the_colophon_section_prints_no_page_number_on_either_side(parts):
    """§7.5: the 版记 page (and the blank page before it) carry no number. The 版记 section has its
    own odd (``default``) and ``even`` footers (``w:footerReference``, §17.10.2), both empty; odd and
    even footers are on (``w:evenAndOddHeaders``, §17.10.1)."""
    from lxml import etree

    assert "<w:evenAndOddHeaders/>" in parts["word/settings.xml"]
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"].encode("utf-8"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    root = etree.fromstring(parts["word/document.xml"].encode("utf-8"))
    text_section, colophon = root.iter(f"{W}sectPr")
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    refs = {ref.get(f"{W}type"): target[ref.get(rid)] for ref in colophon.findall(f"{W}footerReference")}
    assert set(refs) == {"default", "even"}
    for name in refs.values():
        footer = parts[f"word/{name}"]
        assert "PAGE" not in footer and not re.findall(r"<w:t[ >]", footer), footer
    numbered = {target[ref.get(rid)] for ref in text_section.findall(f"{W}footerReference")}
    assert all(" PAGE " in parts[f"word/{name}"] for name in numbered) and len(numbered) == 2
