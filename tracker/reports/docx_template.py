"""The Word template a paper is written into: the tracker's default, and the checks on a council's own.

The default is built here, in code, from python-docx's own blank document, so that every choice in it can be
read and reviewed (docs/decisions.md, issue 18): black Arial throughout like the council's seed paper, A4
portrait, page numbers in the footer. A council's template is any .docx with the styles a paper uses.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from tracker.parsing.limits import Limits
from tracker.parsing.model import DocumentError
from tracker.parsing.structure import check_docx

PARAGRAPH_STYLES = ("Title", "Heading 1", "Heading 2", "Normal", "List Number")
# Used when a table style of this name is there; otherwise the template's first table style.
PREFERRED_TABLE_STYLE = "Table Grid"
BLACK = RGBColor(0, 0, 0)


class TemplateRefused(ValueError):
    """The message is for the director or administrator who uploaded the file."""


@cache
def default_template() -> bytes:
    """The tracker's own template, built once per process."""
    document = Document()
    _drop_thumbnail(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(2)
    _page_number_footer(section.footer.paragraphs[0])
    styles = document.styles
    _arial(styles["Normal"], 12)
    for name, underline, italic in (("Title", False, False), ("Heading 1", True, False), ("Heading 2", False, True)):
        style = styles[name]
        _arial(style, 12, bold=True, underline=underline, italic=italic)
        # python-docx's Title is underscored with a blue rule, and its lines run together (contextual spacing).
        for tag in ("w:pBdr", "w:contextualSpacing"):
            element = style.element.pPr.find(qn(tag)) if style.element.pPr is not None else None
            if element is not None:
                element.getparent().remove(element)
        style.paragraph_format.space_before = Pt(0 if name == "Title" else 18 if name == "Heading 1" else 12)
        style.paragraph_format.space_after = Pt(12 if name == "Title" else 6)
        style.paragraph_format.keep_with_next = True
    for name in ("List Number", "List Bullet", "List Bullet 2"):
        styles[name].paragraph_format.space_after = Pt(6)
    _arial(styles["Footer"], 10)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _arial(style, size: int, bold: bool = False, italic: bool = False, underline: bool = False) -> None:
    """Black Arial, replacing whatever the style had: theme fonts and colours would win over a plain name."""
    properties = style.element.rPr
    if properties is not None:
        style.element.remove(properties)
    style.font.name = "Arial"
    fonts = style.element.rPr.find(qn("w:rFonts"))
    fonts.set(qn("w:cs"), "Arial")
    fonts.set(qn("w:eastAsia"), "Arial")
    style.font.size = Pt(size)
    style.font.bold, style.font.italic, style.font.underline = bold, italic, underline
    style.font.color.rgb = BLACK


def _page_number_footer(paragraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _drop_thumbnail(document: DocxDocument) -> None:
    # python-docx's blank document carries a preview picture of itself, which would be wrong for any paper.
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rel_id]


def table_style_name(document: DocxDocument) -> str | None:
    """The table style a paper's tables take: Table Grid if the template has it, else its first table style."""
    names = [style.name for style in document.styles if style.type == WD_STYLE_TYPE.TABLE]
    return PREFERRED_TABLE_STYLE if PREFERRED_TABLE_STYLE in names else (names[0] if names else None)


def check_template(data: bytes, limits: Limits) -> None:
    """Raise TemplateRefused unless data is a Word document a paper can be written into."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if not {"word/document.xml", "word/styles.xml"} <= names:
                raise TemplateRefused("The selected file is not a Word document: it has no document or styles part")
            # The parser's streamed checks of a .docx's shape: declared unpacked size, nesting depth.
            check_docx(archive, limits)
            _refuse_what_reaches_out(archive)
        document = Document(io.BytesIO(data))
    except TemplateRefused:
        raise
    except DocumentError as refused:
        raise TemplateRefused(f"The selected file cannot be used as a template. {refused}") from None
    except Exception:  # any way a damaged package fails to open (zip, XML or python-docx's own errors)
        raise TemplateRefused("The selected file is not a Word document that can be read") from None
    missing = missing_styles(document)
    if missing:
        raise TemplateRefused(f"The selected template does not have these styles: {', '.join(missing)}")


# Parts that run or fetch something when a paper is opened: macros, ActiveX controls, embedded objects and
# documents. A template is copied into every paper the council sends, so none of it may come along.
_ACTIVE_PARTS = ("vbaProject", "activeX", "embeddings/", "oleObject")
# Relationships that pull content in from elsewhere (an attached template, a chunk of another document) or
# point at an outside file or web address: Word fetches them when a committee member opens the paper, which
# can leak the reader's credentials or track who read it.
_PULLS_IN = ("attachedTemplate", "aFChunk", "oleObject", "package", "frame", "subDocument")
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>", re.IGNORECASE)


def _reaches_out(relationship: bytes) -> bool:
    """An outside target (a hyperlink only goes anywhere when clicked: allowed), or content pulled in."""
    kind = re.search(rb'Type\s*=\s*"[^"]*/(\w+)"', relationship)
    kind = kind.group(1).decode() if kind else ""
    external = re.search(rb'TargetMode\s*=\s*"External"', relationship, re.IGNORECASE) is not None
    return kind in _PULLS_IN or (external and kind != "hyperlink")


def _refuse_what_reaches_out(archive: zipfile.ZipFile) -> None:
    for name in archive.namelist():
        if any(part in name for part in _ACTIVE_PARTS):
            raise TemplateRefused(
                "The selected template contains macros, controls or embedded objects: save it as a plain Word "
                "document (.docx) without them"
            )
        if name.endswith(".rels") and any(_reaches_out(r) for r in _RELATIONSHIP.findall(archive.read(name))):
            raise TemplateRefused(
                "The selected template links to other files or web addresses (for example an attached "
                "template or a linked picture): remove the links and upload it again"
            )


def missing_styles(document: DocxDocument) -> list[str]:
    """The styles a paper needs that the template lacks (the numbering itself is the paper's own)."""
    present = {style.name: style for style in document.styles}
    missing = [name for name in PARAGRAPH_STYLES if name not in present]
    if table_style_name(document) is None:
        missing.append("a table style")
    return missing
