"""The overdue list as CSV and as Excel: the same rows and columns as the page, with dates as dates."""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font

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
    book = Workbook()
    sheet = book.active
    sheet.title = "Overdue"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True)
    sheet.append(COLUMNS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(_values(row, today))
    for row in sheet.iter_rows(min_row=3):
        for cell in row[7:9]:
            cell.number_format = "d mmmm yyyy"
    sheet.freeze_panes = "A3"
    for letter, width in zip("ABCDEFGHIJKL", (10, 50, 50, 35, 25, 35, 8, 16, 16, 8, 60, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
