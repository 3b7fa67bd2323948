"""Our own Word package around python-docx's default one, made at save time: what a reviewer opens
with 文件 → 属性, what Word reads for language and compatibility, and nothing left of the template.

python-docx starts every file from its own 2013 template: Japanese theme fonts and font table,
``eastAsia="ja-JP"``/``en-US`` language tags, compatibility mode 14 (Word shows 兼容模式), about
150 unused English styles, a thumbnail, customXml, and metadata saying "python-docx" and
"Microsoft Macintosh Word". :func:`tidy` rewrites those parts so the file is ours: zh-CN tags, a
theme and font table with only the fonts we set, mode 15, only the styles the text uses, and core
properties of the document (title, author = the issuing unit, created = the 成文日期).
"""

from __future__ import annotations

import datetime as dt
import re

from docx.oxml.ns import qn
from lxml import etree

FONTS: dict[str, tuple[str, str]] = {
    "title": ("方正小标宋简体", "华文中宋"),
    "body": ("仿宋_GB2312", "仿宋"),
    "heading1": ("黑体", "SimHei"),
    "heading2": ("楷体_GB2312", "楷体"),
    "number": ("宋体", "SimSun"),
}
"""Role -> (font the standard names, the fallback written as ``w:altName`` in the font table)."""
LATIN = "Times New Roman"
"""Latin letters and digits in tables and hashes."""


CORE_LIMIT = 255
"""Characters python-docx (and Word's 属性 dialog) allow in a core property such as the title."""
LANG = {"w:val": "zh-CN", "w:eastAsia": "zh-CN", "w:bidi": "ar-SA"}
_DROP = ("/thumbnail", "/customXml", "/stylesWithEffects", "/numbering")
_KEEP_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}

APP_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
<Application>ucm-check</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>\
<Company>{company}</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>\
<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>"""


def clip(text: str, limit: int = CORE_LIMIT) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis when longer."""
    from ucm_check.documents.clean import strip

    text = " ".join(strip(str(text)).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def tidy(doc, *, title: str, author: str, created: dt.date | None) -> None:
    """Make the package of ``doc`` (a python-docx Document, fully built) ours; see the module."""
    _drop_parts(doc)
    _styles(doc)
    _settings(doc)
    _theme(doc)
    _font_table(doc)
    _metadata(doc, title, author, created)


def _drop_parts(doc) -> None:
    for owner in (doc.part.package, doc.part):
        for rid, rel in list(owner.rels.items()):
            if rel.reltype.endswith(_DROP):
                owner.rels.pop(rid)


def _used_style_ids(doc) -> set[str]:
    parts = [doc.part] + [r.target_part for r in doc.part.rels.values() if r.reltype.endswith(("/footer", "/header"))]
    used = set()
    for part in parts:
        root = part.element if hasattr(part, "element") else etree.fromstring(part.blob)
        for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
            used.update(node.get(qn("w:val")) for node in root.iter(qn(tag)))
    return used


def _styles(doc) -> None:
    """Only the styles the text uses (and what they are based on), zh-CN language, our fonts as
    the defaults, no latent styles of the template."""
    root = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in root.iterfind(qn("w:style"))}
    keep = _used_style_ids(doc) | _KEEP_STYLES
    todo = list(keep)
    while todo:
        style = by_id.get(todo.pop())
        if style is None:
            continue
        for link in ("w:basedOn",):
            node = style.find(qn(link))
            if node is not None and node.get(qn("w:val")) not in keep:
                keep.add(node.get(qn("w:val")))
                todo.append(node.get(qn("w:val")))
    for sid, style in by_id.items():
        if sid not in keep:
            root.remove(style)
        else:
            for link in ("w:next", "w:link"):
                node = style.find(qn(link))
                if node is not None and node.get(qn("w:val")) not in keep:
                    style.remove(node)
    latent = root.find(qn("w:latentStyles"))
    if latent is not None:
        root.remove(latent)
    rpr = root.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), LATIN)
    fonts.set(qn("w:eastAsia"), FONTS["body"][0])
    lang = rpr.find(qn("w:lang"))
    for key, value in LANG.items():
        lang.set(qn(key), value)


def _settings(doc) -> None:
    root = doc.settings.element
    for node in root.iter(qn("w:themeFontLang")):
        node.set(qn("w:val"), "zh-CN")
        node.set(qn("w:eastAsia"), "zh-CN")
    for node in root.iter(qn("w:compatSetting")):
        if node.get(qn("w:name")) == "compatibilityMode":
            node.set(qn("w:val"), "15")
    for tag in ("w:savePreviewPicture", "w:attachedTemplate"):
        for node in list(root.iter(qn(tag))):
            node.getparent().remove(node)


def _part(doc, suffix: str):
    return next((r.target_part for r in doc.part.rels.values() if r.reltype.endswith(suffix)), None)


def _theme(doc) -> None:
    """Theme fonts: 黑体 for headings and 宋体 for body text in East Asian script, no per-script
    (Japanese, Korean, traditional Chinese ...) substitutes."""
    part = _part(doc, "/theme")
    if part is None:
        return
    xml = part.blob.decode("utf-8")
    xml = re.sub(r"<a:font script=\"[^\"]*\" typeface=\"[^\"]*\"/>", "", xml)
    xml = re.sub(r"<a:latin typeface=\"[^\"]*\"", f'<a:latin typeface="{LATIN}"', xml)
    major, minor = xml.split("<a:minorFont>", 1)
    major = re.sub(r"<a:ea typeface=\"[^\"]*\"/>", f'<a:ea typeface="{FONTS["heading1"][0]}"/>', major)
    minor = re.sub(r"<a:ea typeface=\"[^\"]*\"/>", f'<a:ea typeface="{FONTS["number"][0]}"/>', minor)
    part._blob = (major + "<a:minorFont>" + minor).encode("utf-8")


def _font_table(doc) -> None:
    """Only the fonts the document names, each East Asian one with its fallback (``w:altName``)
    and the GB2312 character set."""
    part = _part(doc, "/fontTable")
    root = etree.fromstring(part.blob)
    for font in list(root):
        root.remove(font)
    for family, alt in [*FONTS.values(), (LATIN, None), ("Courier New", None)]:
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), family)
        if alt:
            etree.SubElement(font, qn("w:altName")).set(qn("w:val"), alt)
        etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "86" if alt else "00")
        kind = "roman" if family in (FONTS["title"][0], LATIN) else "modern"
        etree.SubElement(font, qn("w:family")).set(qn("w:val"), kind)
        etree.SubElement(font, qn("w:pitch")).set(qn("w:val"), "fixed" if family == "Courier New" else "variable")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _metadata(doc, title: str, author: str, created: dt.date | None) -> None:
    from xml.sax.saxutils import escape

    core = doc.core_properties
    core.title = clip(title)
    core.author = clip(author)
    core.last_modified_by = clip(author) or "ucm-check"
    core.comments = ""
    core.subject = ""
    core.keywords = ""
    core.category = ""
    core.language = "zh-CN"
    core.revision = 1
    when = dt.datetime.combine(created, dt.time(9)) if created else dt.datetime.now().replace(microsecond=0)
    core.created = core.modified = when
    app = doc.part.package.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties")
    app._blob = APP_XML.format(company=escape(clip(author))).encode("utf-8")
