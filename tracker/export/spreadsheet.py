"""Every Excel file the product writes, laid out once to be circulated as it comes: a title, a header row kept in
view and filterable, long text wrapped, ratings filled in their colours, and printed landscape one page wide
with the header repeated on every page."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from xlsxwriter import Workbook

from tracker.models import Rag
from tracker.text import clean_text, one_line

Kind = Literal["text", "long", "date", "number", "rag"]


@dataclass(frozen=True)
class Column:
    header: str
    width: int  # in characters, as Excel counts them
    kind: Kind = "text"  # "long" text is wrapped; a "rag" cell is filled in the rating's colour


# GOV.UK Frontend's tag colours: each text colour reads on its fill (contrast above 7:1), and the rating's word
# stays in the cell, so the file means the same printed in black and white or read by a screen reader.
RAG_COLOURS = {
    Rag.RED.label: ("#F4CDC6", "#2A0B06"),
    Rag.AMBER.label: ("#FCD6C3", "#6E3619"),
    Rag.GREEN.label: ("#CCE2D8", "#005A30"),
    Rag.BLUE.label: ("#BBD4EA", "#0C2D4A"),
}
DATE_FORMAT = "d mmmm yyyy"

# A spreadsheet treats a cell starting with one of these as a formula: someone's milestone title must not run.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str):
        value = clean_text(value)
        if value.startswith(_FORMULA_STARTS):
            return "'" + value
    return value


def _print_header(title: str) -> str:
    # Excel's page header treats "&" as a code, and holds at most 255 characters with its own codes.
    return "&L" + one_line(title).replace("&", "&&")[:200]


def workbook(sheet_name: str, title: str, columns: Sequence[Column], rows: Iterable[Sequence]) -> bytes:
    """One sheet: the title in A1, the header in row 2, then a row for each of rows (values in the columns'
    order; None leaves a cell empty)."""
    buffer = io.BytesIO()
    # Constant memory: rows stream to the file as they are written, for a county's thousands of rows.
    # Text is written as text, never read as a formula or a link (see safe_cell).
    book = Workbook(
        buffer,
        {"constant_memory": True, "in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    sheet = book.add_worksheet(sheet_name)
    top = {"valign": "top"}
    formats = {
        "text": book.add_format(top),
        "long": book.add_format({**top, "text_wrap": True}),
        "date": book.add_format({**top, "num_format": DATE_FORMAT}),
        "number": book.add_format(top),
    }
    rag_formats = {
        label: book.add_format({**top, "bg_color": fill, "font_color": text, "bold": True})
        for label, (fill, text) in RAG_COLOURS.items()
    }
    header = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1, "bg_color": "#F3F2F1"})
    for n, column in enumerate(columns):
        sheet.set_column(n, n, column.width)
    sheet.write_string(0, 0, one_line(title), book.add_format({"bold": True, "font_size": 14}))
    sheet.write_row(1, 0, [column.header for column in columns], header)
    last = 1
    for last, values in enumerate(rows, start=2):
        for n, (column, value) in enumerate(zip(columns, values, strict=True)):
            value = safe_cell(value)
            if value is None:
                continue
            cell_format = rag_formats.get(value, formats["text"]) if column.kind == "rag" else formats[column.kind]
            if isinstance(value, date):
                sheet.write_datetime(last, n, value, cell_format)
            elif isinstance(value, str):
                sheet.write_string(last, n, value, cell_format)
            else:
                sheet.write_number(last, n, value, cell_format)
    _lay_out(sheet, title, len(columns), last)
    book.close()
    return buffer.getvalue()


def _lay_out(sheet, title: str, width: int, last_row: int) -> None:
    """The header kept in view and filterable; printed landscape on A4, one page wide, header repeated."""
    sheet.freeze_panes(2, 0)
    sheet.autofilter(1, 0, last_row, width - 1)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)  # one page wide, as many long as it takes
    sheet.repeat_rows(0, 1)
    sheet.set_header(_print_header(title))
    sheet.set_footer("&RPage &P of &N")
