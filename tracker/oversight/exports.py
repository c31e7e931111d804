"""The overdue list as CSV and as Excel: the page's rows with every column in full, dates as dates."""

from __future__ import annotations

import csv
import io
from datetime import date

from tracker.export.spreadsheet import Column, safe_cell, workbook
from tracker.oversight.overdue import OverdueRow

EXPORT_COLUMNS = [
    Column("Type", 10),
    Column("Item", 50, "long"),
    Column("Action", 50, "long"),
    Column("Inspection", 35, "long"),
    Column("Theme", 25, "long"),
    Column("Owner", 35, "long"),
    Column("RAG", 8, "rag"),
    Column("Original date", 16, "date"),
    Column("Revised date", 16, "date"),
    Column("Times moved", 8, "number"),
    Column("Reasons for moves", 60, "long"),
    Column("Days overdue", 10, "number"),
    Column("Status", 18, "long"),
    Column("RAG reason", 50, "long"),
    Column("Recovery", 50, "long"),
    Column("Latest update date", 16, "date"),
    Column("Latest update", 80, "long"),
]
COLUMNS = [column.header for column in EXPORT_COLUMNS]


def _values(row: OverdueRow, today: date) -> list:
    revised = row.due_date if row.due_date != row.original_date else None
    return [
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
        row.status.label,
        row.rag_reason or "",
        row.recovery or "",
        row.latest_update_on,
        row.latest_update or "",
    ]


def to_csv(rows: list[OverdueRow], today: date) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            ["" if v is None else v.isoformat() if isinstance(v, date) else safe_cell(v) for v in _values(row, today)]
        )
    return buffer.getvalue()


def to_xlsx(rows: list[OverdueRow], today: date, title: str) -> bytes:
    return workbook("Overdue", title, EXPORT_COLUMNS, (_values(row, today) for row in rows))
