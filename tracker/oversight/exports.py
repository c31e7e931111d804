"""The overdue list as CSV and as Excel: the same rows and columns as the page, with dates as dates."""

from __future__ import annotations

import csv
import io
from datetime import date

from xlsxwriter import Workbook

from tracker.oversight.overdue import OverdueRow
from tracker.text import clean_text

COLUMNS = [
    "Type",
    "Item",
    "Action",
    "Inspection",
    "Theme",
    "Owner",
    "RAG",
    "Original date",
    "Revised date",
    "Times moved",
    "Reasons for moves",
    "Days overdue",
]


# A spreadsheet treats a cell starting with one of these as a formula: someone's milestone title must not run.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str):
        value = clean_text(value)
        if value.startswith(_FORMULA_STARTS):
            return "'" + value
    return value


def _values(row: OverdueRow, today: date) -> list:
    revised = row.due_date if row.due_date != row.original_date else None
    return [
        safe_cell(v)
        for v in [
            row.kind,
            row.item,
            row.action_title,
            row.inspection,
            row.theme,
            row.owner,
            row.rag.label,
            row.original_date,
            revised,
            row.times_moved,
            row.reasons or "",
            row.days_overdue(today),
        ]
    ]


def to_csv(rows: list[OverdueRow], today: date) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, date) else v for v in _values(row, today)])
    return buffer.getvalue()


def to_xlsx(rows: list[OverdueRow], today: date, title: str) -> bytes:
    buffer = io.BytesIO()
    # Constant memory: rows stream to the file as they are written, for a county's thousands of overdue items.
    # Text is written as text, never read as a formula or a link (see safe_cell).
    book = Workbook(
        buffer,
        {"constant_memory": True, "in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    sheet = book.add_worksheet("Overdue")
    bold, date_format = book.add_format({"bold": True}), book.add_format({"num_format": "d mmmm yyyy"})
    for column, width in enumerate((10, 50, 50, 35, 25, 35, 8, 16, 16, 8, 60, 10)):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(2, 0)
    sheet.write_string(0, 0, title, bold)
    sheet.write_row(1, 0, COLUMNS, bold)
    for n, row in enumerate(rows, start=2):
        for column, value in enumerate(_values(row, today)):
            if value is None:
                continue
            if isinstance(value, date):
                sheet.write_datetime(n, column, value, date_format)
            elif isinstance(value, str):
                sheet.write_string(n, column, value)
            else:
                sheet.write_number(n, column, value)
    book.close()
    return buffer.getvalue()
