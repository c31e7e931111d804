"""Writing a report into a Word template: the template's styles and page, the report's words and numbers.

Everything a paper needs to survive other word processors is set on the paragraphs and tables themselves,
not left to the template: headings and table lead-ins keep with what follows, tables have fixed column widths
wide enough for their longest words, header rows repeat and no row splits across pages.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from tracker.reports.column_widths import column_widths
from tracker.reports.docx_template import default_template, table_style_name
from tracker.reports.model import Paragraph, Report, Table
from tracker.text import clean_text, one_line
from tracker.timeutil import utcnow

LANGUAGE = "en-GB"
# Wide enough for "222." in 12 pt Arial and the tab after it.
NUMBER_INDENT = Cm(1.27)
INDENT_TWIPS = 720  # the same 1.27 cm
BULLET_INDENT, BULLET_HANG = Cm(1.9), Cm(0.63)
CELL_PADDING_PT = 2 * 5.4 + 2  # Word's default cell margins (0.08 in each side), and a little slack
FALLBACK_SIZE_PT = 12.0
TABLE_SIZES_PT = (11.0, 10.0, 9.0)  # what a table too wide at the text's size is tried at, in turn
REFERENCE_SIZE_PT = 9.0  # a long look-up table's size (Table.reference), as the printed paper sets it small
HEADING_STYLES = {2: "Heading 1", 3: "Heading 2"}


def write(report: Report, template: bytes | None, council: str) -> bytes:
    document = Document(io.BytesIO(template or default_template()))
    _clear_body(document)
    _properties(document, one_line(report.title), council)
    _set_language(document)
    writer = _Writer(document)
    for line in report.heading_lines:
        paragraph = document.add_paragraph(clean_text(line), style="Title")
        paragraph.paragraph_format.keep_with_next = True
    for section in report.sections:
        heading = document.add_paragraph(clean_text(section.heading), style=HEADING_STYLES.get(section.level))
        heading.paragraph_format.keep_with_next = True
        # Each appendix starts a page of its own, as the printed paper's do.
        heading.paragraph_format.page_break_before = section.appendix
        for n, block in enumerate(section.blocks):
            # A table's lead-in (numbered or not) stays on the page with the table's first rows.
            lead_in = n + 1 < len(section.blocks) and isinstance(section.blocks[n + 1], Table)
            if isinstance(block, Table):
                writer.table(block)
            elif block.number:
                writer.numbered(block, keep_with_next=lead_in)
            else:
                writer.plain(block, keep_with_next=lead_in)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _clear_body(document: DocxDocument) -> None:
    """Remove the template's content, keeping its last section's properties (page set-up, header and footer)."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _properties(document: DocxDocument, title: str, council: str) -> None:
    """The paper's own: the template's author, dates and remarks (python-docx's "2013") are all replaced."""
    properties = document.core_properties
    now = utcnow().replace(microsecond=0, tzinfo=None)
    properties.title = title
    properties.author = properties.last_modified_by = council
    properties.created = properties.modified = now
    properties.language = LANGUAGE
    properties.revision = 1
    for name in ("subject", "keywords", "comments", "category", "content_status", "identifier", "version"):
        setattr(properties, name, "")
    printed = properties._element.find(qn("cp:lastPrinted"))
    if printed is not None:
        properties._element.remove(printed)


def _set_language(document: DocxDocument) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        document.styles.element.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), LANGUAGE)


def _font_size(document: DocxDocument) -> float:
    """Normal's size in points, through the styles it is based on; 12 when the template leaves it to Word."""
    style = document.styles["Normal"]
    while style is not None:
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    return FALLBACK_SIZE_PT


class _Writer:
    def __init__(self, document: DocxDocument):
        self.document = document
        self.table_style = table_style_name(document)
        names = {style.name for style in document.styles}
        self.bullet_style = next((s for s in ("List Bullet 2", "List Bullet") if s in names), None)
        section = document.sections[-1]
        self.text_width_pt = (section.page_width - section.left_margin - section.right_margin) / 12700
        self.size_pt = _font_size(document)
        self.num_id = _paper_numbering(document)

    def plain(self, block: Paragraph, keep_with_next: bool) -> None:
        paragraph = self.document.add_paragraph()
        lines = clean_text(block.text).split("\n")
        for n, line in enumerate(lines):
            run = paragraph.add_run(line)
            if n < len(lines) - 1:
                run.add_break()
        paragraph.paragraph_format.keep_with_next = keep_with_next

    def numbered(self, block: Paragraph, keep_with_next: bool) -> None:
        # Word's own numbering: one "List Number" list runs through the whole document, matching the builder's.
        paragraph = self.document.add_paragraph(clean_text(block.text), style="List Number")
        numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numbering.get_or_add_ilvl().val = 0
        numbering.get_or_add_numId().val = self.num_id
        _hanging(paragraph, NUMBER_INDENT, NUMBER_INDENT)
        paragraph.paragraph_format.keep_with_next = keep_with_next or bool(block.bullets)
        for n, bullet in enumerate(block.bullets):
            if self.bullet_style:
                item = self.document.add_paragraph(clean_text(bullet), style=self.bullet_style)
            else:  # a template without bullet styles: the bullet written out, in the same hanging indent
                item = self.document.add_paragraph("•\t" + clean_text(bullet))
            _hanging(item, BULLET_INDENT, BULLET_HANG)
            item.paragraph_format.keep_with_next = keep_with_next or n < len(block.bullets) - 1

    def _fitting(self, block: Table) -> tuple[float, list[float]]:
        """The largest size, from the template's own down to 9 pt, at which every column holds its longest word
        within the page's width, and the columns' widths at it: a wide table (a plan's summary, with a column
        per rating) is set smaller, as councils' papers set such tables, rather than run off the page."""
        sizes = [self.size_pt, *(size for size in TABLE_SIZES_PT if size < self.size_pt)]
        if block.reference:
            sizes = [min(sizes[-1], REFERENCE_SIZE_PT)]
        for size in sizes:
            widths = column_widths(block.header, block.rows, self.text_width_pt, size, CELL_PADDING_PT, block.widths)
            if sum(widths) <= self.text_width_pt + 0.5:
                break
        return size, widths

    def table(self, block: Table) -> None:
        table = self.document.add_table(rows=1, cols=len(block.header))
        table.style = self.table_style
        table.autofit = False  # a fixed layout: the widths below, not the contents, set the columns
        size, widths = self._fitting(block)
        smaller = Pt(size) if size < self.size_pt else None
        header = table.rows[0]
        _row_properties(header, header_row=True)
        for cell, text, width in zip(header.cells, block.header, widths, strict=True):
            run = cell.paragraphs[0].add_run(clean_text(text))
            run.bold, run.font.size = True, smaller
            # The header row goes with the first row: left alone at a page's foot, LibreOffice lost the rows
            # that followed it on the next page.
            cell.paragraphs[0].paragraph_format.keep_with_next = True
            cell.width = Pt(width)
        for values in block.rows:
            row = table.add_row()
            _row_properties(row, header_row=False)
            for n, (cell, text, width) in enumerate(zip(row.cells, values, widths, strict=True)):
                cell.paragraphs[0].add_run(clean_text(text)).font.size = smaller
                cell.width = Pt(width)
                if n in block.numeric_columns:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Pt(width)
        self.document.add_paragraph()


def _paper_numbering(document: DocxDocument) -> int:
    """A numbering of the paper's own, 1. 2. 3. … through the whole document, its number's tab at the indent.

    The template's List Number style gives the look of the paragraphs, but its numbering often puts the tab
    after the number at 0.63 cm (python-docx's, Word's default), so that "22." pushes the first line out of
    line with the rest: LibreOffice showed first lines starting half-way to the indent.
    """
    numbering = document.part.numbering_part.element
    ids = [int(n.get(qn("w:abstractNumId"))) for n in numbering.findall(qn("w:abstractNum"))]
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{max(ids, default=0) + 1}">'
        '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="{INDENT_TWIPS}"/>'
        f'</w:tabs><w:ind w:left="{INDENT_TWIPS}" w:hanging="{INDENT_TWIPS}"/></w:pPr></w:lvl></w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))  # every abstractNum comes before the first num (the schema's order)
    if first_num is None:
        numbering.append(abstract)
    else:
        first_num.addprevious(abstract)
    return numbering.add_num(int(abstract.get(qn("w:abstractNumId")))).numId


def _hanging(paragraph, left, hang) -> None:
    paragraph.paragraph_format.left_indent = left
    paragraph.paragraph_format.first_line_indent = -hang


def _row_properties(row, header_row: bool) -> None:
    """No row splits across pages; the header row is read out as such and repeated on each page."""
    properties = row._tr.get_or_add_trPr()
    # The schema's order: cantSplit before tblHeader (Word refuses a file that breaks it).
    for tag, wanted in (("w:cantSplit", True), ("w:tblHeader", header_row)):
        if wanted:
            marker = OxmlElement(tag)
            marker.set(qn("w:val"), "true")
            properties.append(marker)
