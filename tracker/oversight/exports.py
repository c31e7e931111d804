"""The overdue list as CSV and as Excel: the same rows and columns as the page, with dates as dates."""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
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


def _bold(sheet, value) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=True)
    return cell


def _date(sheet, value: date) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = "d mmmm yyyy"
    return cell


def to_csv(rows: list[OverdueRow], today: date) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, date) else v for v in _values(row, today)])
    return buffer.getvalue()


def to_xlsx(rows: list[OverdueRow], today: date, title: str) -> bytes:
    # Write-only: rows stream straight to the file instead of being kept as cell objects (several times faster
    # for a county's thousands of overdue items), so formats are given cell by cell as rows are written.
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Overdue")
    sheet.freeze_panes = "A3"
    for letter, width in zip("ABCDEFGHIJKL", (10, 50, 50, 35, 25, 35, 8, 16, 16, 8, 60, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append([_bold(sheet, title)])
    sheet.append([_bold(sheet, column) for column in COLUMNS])
    for row in rows:
        values = _values(row, today)
        for n in (7, 8):  # original and revised dates
            if values[n] is not None:
                values[n] = _date(sheet, values[n])
        sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
