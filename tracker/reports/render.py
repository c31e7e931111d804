"""The three renderings of one report structure: HTML (for the page), Word and PDF. None decides content."""

from __future__ import annotations

import gc
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from flask import current_app

from tracker.reports.model import Paragraph, Report, Table
from tracker.text import clean_text, one_line


def _render(template: str, report: Report) -> str:
    # Straight from the template, without a request's context: the same report renders the same everywhere.
    return current_app.jinja_env.get_template(template).render(report=report)


def to_html(report: Report) -> str:
    """The report's body as HTML, to show inside a page."""
    return _render("reports/_body.html", report)


def to_print_html(report: Report) -> str:
    """A whole HTML document laid out for A4, from which the PDF is made."""
    return _render("reports/print.html", report)


def to_pdf(report: Report) -> bytes:
    from weasyprint import HTML  # heavy (Pango); loaded only when a PDF is wanted

    html = to_print_html(report)
    with fewer_collections():
        return HTML(string=html).write_pdf()


_threshold_lock = threading.Lock()
_pausing = 0
_saved_threshold: tuple[int, ...] = ()


@contextmanager
def fewer_collections(young: int = 100_000) -> Iterator[None]:
    """Collect the youngest generation only every `young` new objects while inside.

    WeasyPrint makes boxes, styles and lines for every piece of text, nearly all alive until the PDF is written,
    so the collector's default (a collection every 700 new objects) ran over two hundred times for a long report
    and found little to free: a tenth of the time, and most of its variance. Turning it off altogether cost
    70 MB more at the peak; this costs about 15 MB. Overlapping renders in threads share one setting, which the
    last to finish puts back.
    """
    global _pausing, _saved_threshold
    with _threshold_lock:
        if _pausing == 0:
            _saved_threshold = gc.get_threshold()
            gc.set_threshold(young, *_saved_threshold[1:])
        _pausing += 1
    try:
        yield
    finally:
        with _threshold_lock:
            _pausing -= 1
            if _pausing == 0:
                gc.set_threshold(*_saved_threshold)


def to_docx(report: Report) -> bytes:
    document = Document()
    _set_language(document, "en-GB")
    document.core_properties.title = one_line(report.title)
    document.core_properties.language = "en-GB"
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(12)
    for line in report.heading_lines:
        paragraph = document.add_paragraph()
        paragraph.add_run(clean_text(line)).bold = True
    for section in report.sections:
        if section.appendix:
            document.add_page_break()
        document.add_heading(clean_text(section.heading), level=section.level - 1)
        for block in section.blocks:
            if isinstance(block, Table):
                _table(document, block)
            elif block.number:
                # Word's own numbering: one "List Number" list runs through the whole document.
                document.add_paragraph(clean_text(block.text), style="List Number")
                for bullet in block.bullets:
                    document.add_paragraph(clean_text(bullet), style="List Bullet 2")
            else:
                _plain(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _plain(document, block: Paragraph) -> None:
    paragraph = document.add_paragraph()
    lines = clean_text(block.text).split("\n")
    for n, line in enumerate(lines):
        run = paragraph.add_run(line)
        if n < len(lines) - 1:
            run.add_break()


def _table(document, block: Table) -> None:
    table = document.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, text in zip(header.cells, block.header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(clean_text(text)).bold = True
    for values in block.rows:
        cells = table.add_row().cells
        for n, (cell, text) in enumerate(zip(cells, values, strict=True)):
            cell.text = clean_text(text)
            if n in block.numeric_columns:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph()


def _repeat_as_header(row) -> None:
    """Mark a table row as its header row (read out as such, repeated on each page)."""
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _set_language(document, language: str) -> None:
    run_defaults = document.styles.element.find(qn("w:docDefaults"))
    properties = run_defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), language)
