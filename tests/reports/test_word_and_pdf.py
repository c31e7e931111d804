"""The paper's Word file (in the council's template, surviving LibreOffice) and its accessible PDF."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import RGBColor
from pypdf import PdfReader
from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Authority
from tracker.reports import committee, data, render
from tracker.reports.defaults import default_inputs
from tracker.reports.docx_template import default_template
from tracker.reports.model import Paragraph, Report, Section, Table

LEICESTERSHIRE = "Leicestershire County Council"
COMMITTEE = "Children and Families Overview and Scrutiny Committee"
WORD = re.compile(r"[\w’']+")


def _paper(app, authority_name: str = LEICESTERSHIRE) -> Report:
    with app.app_context():
        authority = db.session.scalar(select(Authority).where(Authority.name == authority_name))
        inputs = default_inputs(authority, COMMITTEE, date(2026, 12, 1), date(2026, 11, 22))
        return committee.build(inputs, data.load(inputs))


@pytest.fixture
def paper(seeded_app) -> Report:
    return _paper(seeded_app)


def _headings(report: Report) -> list[str]:
    return [section.heading for section in report.sections]


def _tables(report: Report) -> list[Table]:
    return [block for section in report.sections for block in section.blocks if isinstance(block, Table)]


# Word ---------------------------------------------------------------------------------------------------------


def test_the_word_papers_properties_name_the_council_and_its_title(paper):
    docx = render.to_docx(paper, council=LEICESTERSHIRE)
    properties = Document(io.BytesIO(docx)).core_properties
    assert properties.title == paper.title
    assert properties.author == properties.last_modified_by == LEICESTERSHIRE
    assert properties.language == "en-GB" and properties.created.year >= 2025
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        for name in package.namelist():
            if name.startswith("docProps/"):
                text = package.read(name)
                assert b"python-docx" not in text and b"2013" not in text, name


def test_word_tables_have_fixed_widths_repeated_header_rows_and_rows_that_do_not_split(paper):
    document = Document(io.BytesIO(render.to_docx(paper, council=LEICESTERSHIRE)))
    assert len(document.tables) == len(_tables(paper)) > 0
    for table in document.tables:
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        rows = table._tbl.tr_lst
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(row.trPr.find(qn("w:cantSplit")) is not None for row in rows)
        assert all(row.trPr.find(qn("w:tblHeader")) is None for row in rows[1:])
        widths = [column.width for column in table.columns]
        assert len(set(widths)) > 1 or len(widths) == 1  # set per column, not Word's equal split


def test_headings_and_table_lead_ins_keep_with_what_follows_and_numbers_have_room_for_three_digits(paper):
    document = Document(io.BytesIO(render.to_docx(paper, council=LEICESTERSHIRE)))
    paragraphs = document.paragraphs
    headings = [p for p in paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert [p.text for p in headings] == _headings(paper)
    assert all(p.paragraph_format.keep_with_next for p in headings)
    body = document.element.body
    for table in document.tables:
        before = table._tbl.getprevious()
        assert before.tag == qn("w:p")
        assert before.find(qn("w:pPr")).find(qn("w:keepNext")) is not None
    numbered = [p for p in paragraphs if p.style.name == "List Number"]
    assert len(numbered) == len(paper.numbered())
    assert all(-p.paragraph_format.first_line_indent.pt >= 30 for p in numbered)  # "222." and a tab
    # One numbering runs through them all, its number's tab at the indent (not at Word's default 0.63 cm).
    [num_id] = {p._p.pPr.numPr.numId.val for p in numbered}
    numbering = document.part.numbering_part.element
    [num] = [n for n in numbering.findall(qn("w:num")) if n.numId == num_id]
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    [abstract] = [a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id]
    assert abstract.find(f"{qn('w:lvl')}/{qn('w:pPr')}/{qn('w:tabs')}/{qn('w:tab')}").get(qn("w:pos")) == "720"
    assert body.find(qn("w:sectPr")) is not None


def test_the_default_template_is_black_arial_on_a4_with_page_numbers():
    document = Document(io.BytesIO(default_template()))
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        style = document.styles[name]
        fonts = style.element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:ascii")) == "Arial" and fonts.get(qn("w:asciiTheme")) is None, name
        assert style.font.color.rgb == RGBColor(0, 0, 0) and style.font.color.theme_color is None, name
    assert document.styles["Normal"].font.size.pt == 12
    assert document.styles["Heading 1"].font.bold
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert "PAGE" in section.footer._element.xml


def test_a_councils_template_gives_the_paper_its_styles_header_and_page(paper):
    template = Document(io.BytesIO(default_template()))
    heading = template.styles["Heading 1"]
    heading.font.name, heading.font.color.rgb = "Georgia", RGBColor(0x80, 0, 0x40)
    template.sections[0].header.paragraphs[0].text = "Kirklees Council: OFFICIAL"
    template.sections[0].left_margin = template.sections[0].right_margin = 914400  # an inch
    template.add_paragraph("The template's own sample text")
    buffer = io.BytesIO()
    template.save(buffer)

    document = Document(io.BytesIO(render.to_docx(paper, buffer.getvalue(), council="Kirklees Council")))
    assert document.styles["Heading 1"].font.name == "Georgia"
    assert document.styles["Heading 1"].font.color.rgb == RGBColor(0x80, 0, 0x40)
    assert document.sections[0].header.paragraphs[0].text == "Kirklees Council: OFFICIAL"
    assert document.sections[0].left_margin == 914400
    texts = [p.text for p in document.paragraphs]
    assert "The template's own sample text" not in texts
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"][0] == _headings(paper)[0]
    # The tables fit the template's narrower text width.
    available = document.sections[0].page_width - 2 * 914400
    for table in document.tables:
        assert abs(sum(column.width for column in table.columns) - available) < 12700 * 2


def test_the_word_paper_survives_libreoffice(paper, tmp_path):
    """Converted by LibreOffice, the paper has every heading in order and no table word broken across lines."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: `make system-packages` installs it")  # fails under CI
    # Besides the paper's own tables, one whose builder's shares would break long words in narrow columns.
    crowded = Table(
        caption="Owners",
        header=["No.", "Owner", "Service", "Partner", "Board", "Status", "Due", "Notes"],
        rows=[["1", "Independent", "Safeguarding", "Accommodation", "Partnership", "Outstanding", "Sept", "Met"]] * 3,
        widths=[5, 5, 5, 5, 5, 5, 5, 65],
    )
    paper.sections[-1].blocks.append(crowded)
    source = tmp_path / "paper.docx"
    source.write_bytes(render.to_docx(paper, council=LEICESTERSHIRE))
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "paper.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    position = 0
    for heading in _headings(paper):
        position = lines.index(heading, position) + 1  # ValueError: missing, or out of order
    words = set(WORD.findall(text))
    for table in _tables(paper):
        for row in [table.header, *table.rows]:
            for cell in row:
                broken = [word for word in WORD.findall(cell) if word not in words]
                assert not broken, f"{table.caption}: {broken} broken in {cell!r}"


# PDF ----------------------------------------------------------------------------------------------------------


def _pdfinfo(pdf: bytes, tmp_path) -> dict[str, str]:
    path = tmp_path / "paper.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in out.splitlines())}


def _structure_types(reader: PdfReader) -> set[str]:
    seen, stack = set(), [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if isinstance(node, dict):
            if "/S" in node:
                seen.add(str(node["/S"]))
            kids = node.get("/K")
            if kids is not None:
                kids = kids.get_object()
                stack.extend(kids if isinstance(kids, list) else [kids])
    return seen


def _pdf(app, report: Report) -> bytes:
    with app.app_context():  # the print layout is one of the app's templates
        return render.to_pdf(report)


def test_the_pdf_is_tagged_with_the_papers_title_and_real_lists(seeded_app, paper, tmp_path):
    pdf = _pdf(seeded_app, paper)
    info = _pdfinfo(pdf, tmp_path)
    assert info["Tagged"] == "yes"
    assert info["Title"] == paper.title
    types = _structure_types(PdfReader(io.BytesIO(pdf)))
    assert {"/H2", "/L", "/LI", "/Table", "/TH"} <= types, types


def test_no_page_of_the_pdf_ends_with_a_heading(seeded_app, paper):
    reader = PdfReader(io.BytesIO(_pdf(seeded_app, paper)))
    assert len(reader.pages) > 3
    headings = {" ".join(h.split()) for h in _headings(paper)}
    for number, page in enumerate(reader.pages[:-1], start=1):
        lines = [" ".join(line.split()) for line in page.extract_text().splitlines() if line.strip()]
        lines = [line for line in lines if line != str(number)]  # the page number in the footer
        assert lines and lines[-1] not in headings, f"page {number} ends with the heading {lines[-1]!r}"
        assert not re.fullmatch(r"\d+\.", lines[-1]), f"page {number} ends with a paragraph's number alone"


def test_a_heading_never_ends_a_page_wherever_the_break_falls(app):
    """One-line paragraphs, one more each time, walk the heading down page one and over onto page two: on no
    count may it be left as page one's last line (without break-after: avoid, one count leaves it there)."""
    reached_page_two = False
    with app.app_context():
        for count in range(18, 30):
            blocks = [Paragraph(f"Line {n} of the opening section.", number=n) for n in range(1, count + 1)]
            closing = Section("Recommendation", blocks=[Paragraph("That the committee notes the report.", count + 1)])
            report = Report(
                heading_lines=["A"], title="Heading test", sections=[Section("Opening", blocks=blocks), closing]
            )
            pages = PdfReader(io.BytesIO(render.to_pdf(report))).pages
            first = [line.strip() for line in pages[0].extract_text().splitlines() if line.strip() not in ("", "1")]
            assert first[-1] != "Recommendation" and not re.fullmatch(r"\d+\.", first[-1]), (count, first[-1])
            reached_page_two |= "Recommendation" in pages[-1].extract_text() and len(pages) > 1
    assert reached_page_two
