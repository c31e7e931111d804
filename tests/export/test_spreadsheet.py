"""The Excel layout every download shares, read back as Excel would read it."""

import io
from datetime import date

from openpyxl import load_workbook

from tests.helpers.data import committed
from tests.helpers.factories import make_action, make_authority, make_inspection, make_point, make_user
from tracker.export.spreadsheet import RAG_COLOURS, Column, workbook
from tracker.models import Rag, Role

COLUMNS = [Column("Item", 40, "long"), Column("RAG", 8, "rag"), Column("Due", 16, "date"), Column("Days", 8, "number")]
ROWS = [
    ["Audit of 40 contacts", "Red", date(2026, 10, 1), 52],
    ['=HYPERLINK("http://example.org")', "Amber", None, 3],
    ["Panel refresh", "Green", date(2026, 11, 1), 21],
    ["Signed off", "Blue", date(2026, 9, 1), 0],
]


def _read(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def _laid_out(sheet, last_row: int, last_column: str) -> None:
    assert sheet.auto_filter.ref == f"A2:{last_column}{last_row}"
    assert sheet.freeze_panes == "A3"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    # One page wide (absent means 1 in the file format), as many pages long as it takes (0).
    assert (sheet.page_setup.fitToWidth or 1, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$1:$2"
    assert sheet["A1"].font.b and all(c.font.b for c in sheet[2])


def test_the_sheet_is_filterable_frozen_wrapped_filled_and_set_up_to_print():
    sheet = _read(workbook("Overdue", "Leeds: overdue at 22 November 2026", COLUMNS, ROWS))
    _laid_out(sheet, 6, "D")
    assert sheet["A1"].value == "Leeds: overdue at 22 November 2026"
    assert "Leeds: overdue at 22 November 2026" in sheet.oddHeader.left.text
    assert [c.value for c in sheet[2]] == ["Item", "RAG", "Due", "Days"]
    # The rating's word stays in the cell, on its own fill, in a text colour that reads on it.
    for row, rating in zip(range(3, 7), ["Red", "Amber", "Green", "Blue"], strict=True):
        cell = sheet[f"B{row}"]
        fill, text = RAG_COLOURS[rating]
        assert cell.value == rating
        assert cell.fill.fgColor.rgb.upper().endswith(fill.lstrip("#"))
        assert cell.font.color.rgb.upper().endswith(text.lstrip("#"))
    assert all(sheet[f"A{row}"].alignment.wrap_text for row in range(3, 7))
    assert not sheet["D3"].alignment.wrap_text and sheet["C3"].number_format == "d mmmm yyyy"
    assert sheet["A4"].value.startswith("'=")  # text, never a formula
    assert int(sheet.column_dimensions["A"].width) == 40


def test_an_empty_list_still_has_its_filterable_header():
    sheet = _read(workbook("Overdue", "Nothing overdue", COLUMNS, []))
    _laid_out(sheet, 2, "D")


def test_the_overdue_download_is_laid_out_so(client):
    with committed(client.app):
        authority = make_authority()
        director = make_user(authority, Role.DIRECTOR)
        point = make_point(make_inspection(authority))
        for rag in (Rag.RED, Rag.AMBER):
            make_action(point, make_user(authority), director, rag=rag, target_date=date(2026, 10, 1))
    client.sign_in(director)
    sheet = _read(client.get("oversight.overdue_xlsx").data)
    header = [c.value for c in sheet[2]]
    last_column = chr(ord("A") + len(header) - 1)
    _laid_out(sheet, 4, last_column)
    rag = header.index("RAG") + 1
    assert {sheet.cell(row, rag).fill.fgColor.rgb[-6:] for row in (3, 4)} == {
        RAG_COLOURS["Red"][0][1:],
        RAG_COLOURS["Amber"][0][1:],
    }
    for wrapped in ("Reasons for moves", "RAG reason", "Recovery", "Latest update"):
        assert sheet.cell(3, header.index(wrapped) + 1).alignment.wrap_text, wrapped
