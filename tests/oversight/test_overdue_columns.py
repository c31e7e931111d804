"""What a director needs beside each overdue item: status (awaiting sign-off marked), RAG reason, recovery, the
latest progress update, and the owner by name and job title, on the page and in both exports alike."""

import csv
import io
from datetime import date, datetime

from openpyxl import load_workbook

from tests.helpers.data import committed
from tests.helpers.factories import make_action, make_authority, make_inspection, make_point, make_user
from tests.helpers.seeded import seeded_user
from tracker.extensions import db
from tracker.models import ActionStatus, ProgressUpdate, Rag, Role

LONG_UPDATE = "Audit of 40 contacts found thresholds applied inconsistently. " * 6 + "The end of the update."


def _world(app):
    with committed(app):
        authority = make_authority()
        director = make_user(authority, Role.DIRECTOR)
        named = make_user(authority, name="Priya Shah", job_title="Head of Service, Front Door")
        untitled = make_user(authority, name="", job_title="Head of Fostering")
        point = make_point(make_inspection(authority))
        red = make_action(
            point,
            named,
            director,
            title="Tighten thresholds at the front door",
            rag=Rag.RED,
            status=ActionStatus.IN_PROGRESS,
            rag_reason="Audit found thresholds applied inconsistently",
            recovery="Weekly threshold clinics from January",
            target_date=date(2026, 10, 1),
        )
        awaiting = make_action(
            point,
            untitled,
            director,
            title="Fostering panel refresh",
            rag=Rag.GREEN,
            status=ActionStatus.AWAITING_SIGN_OFF,
            target_date=date(2026, 9, 1),
        )
        for narrative, at in [("An older update.", datetime(2026, 10, 2, 9)), (LONG_UPDATE, datetime(2026, 11, 3, 9))]:
            db.session.add(ProgressUpdate(action=red, narrative=narrative, rag=Rag.RED, author=named, created_at=at))
    return director, red, awaiting


def test_the_page_shows_status_reason_recovery_latest_update_and_owner_name_with_job_title(client):
    director, red, awaiting = _world(client.app)
    client.sign_in(director)
    page = client.get_page("oversight.overdue")
    rows = {tr.select_one("td a").get_text(strip=True): tr for tr in page.select("#overdue tbody tr")}
    red_row, awaiting_row = rows[red.title], rows[awaiting.title]
    red_text = red_row.get_text(" ", strip=True)
    assert "Why Red: Audit found thresholds applied inconsistently" in red_text
    assert "Recovery: Weekly threshold clinics from January" in red_text
    latest = red_row.select_one(".tracker-latest-update").get_text(" ", strip=True)
    # The newest update, dated, and only its first part on the page.
    assert latest.startswith("Latest update, 3 November 2026: Audit of 40 contacts")
    assert "The end of the update." not in latest and latest.endswith("...")
    assert red_row.select("td")[1].get_text(strip=True) == "Priya Shah (Head of Service, Front Door)"
    assert awaiting_row.select("td")[1].get_text(strip=True) == "Head of Fostering"
    # Awaiting sign-off is marked as such, not shown like any other overdue action.
    assert awaiting_row.select_one(".tracker-awaiting-sign-off").get_text(strip=True) == "Awaiting sign-off"
    assert red_row.select_one(".tracker-awaiting-sign-off") is None
    assert "In progress" in red_row.select("td")[2].get_text(" ", strip=True)
    assert "No progress update yet" in awaiting_row.get_text(" ", strip=True)
    # The owner filter names people the same way.
    owners = [o.get_text(strip=True) for o in page.select("#filter-owner option")]
    assert owners == ["All owners", "Head of Fostering", "Priya Shah (Head of Service, Front Door)"]


def test_csv_and_excel_carry_the_same_columns_in_full(client):
    director, red, awaiting = _world(client.app)
    client.sign_in(director)
    rows = list(csv.DictReader(io.StringIO(client.get("oversight.overdue_csv").get_data(as_text=True))))
    sheet = load_workbook(io.BytesIO(client.get("oversight.overdue_xlsx").data)).active
    header = [c.value for c in sheet[2]]
    excel = [dict(zip(header, [c.value for c in row], strict=True)) for row in sheet.iter_rows(min_row=3)]
    for exported in (rows, excel):
        by_item = {r["Item"]: r for r in exported}
        assert set(by_item) == {red.title, awaiting.title}
        assert by_item[red.title]["Status"] == "In progress"
        assert by_item[awaiting.title]["Status"] == "Awaiting sign-off"
        assert by_item[red.title]["RAG reason"] == "Audit found thresholds applied inconsistently"
        assert by_item[red.title]["Recovery"] == "Weekly threshold clinics from January"
        assert by_item[red.title]["Latest update"] == LONG_UPDATE
        assert by_item[red.title]["Owner"] == "Priya Shah (Head of Service, Front Door)"
        assert by_item[awaiting.title]["Owner"] == "Head of Fostering"
        assert by_item[awaiting.title]["Latest update"] in ("", None)
    assert {r["Item"]: r["Latest update date"] for r in rows}[red.title] == "2026-11-03"
    assert {r["Item"]: r["Latest update date"] for r in excel}[red.title] == datetime(2026, 11, 3)


def test_the_dashboards_overdue_list_marks_an_action_awaiting_sign_off(client):
    director, red, awaiting = _world(client.app)
    client.sign_in(director)
    items = {
        li.select_one("a").get_text(strip=True): li
        for li in client.get_page("oversight.dashboard").select("#overdue-list li")
    }
    assert items[awaiting.title].select_one(".tracker-awaiting-sign-off").get_text(strip=True) == "Awaiting sign-off"
    assert items[red.title].select_one(".tracker-awaiting-sign-off") is None
    assert "Priya Shah (Head of Service, Front Door)" in items[red.title].get_text(" ", strip=True)


def test_the_reasons_for_moves_read_as_one_sentence_list(seeded_app, seeded_client):
    # The seed's Leicester milestone moved twice, each reason ending with a full stop of its own.
    seeded_client.sign_in(seeded_user(seeded_app, "Leicester City Council"))
    text = seeded_client.get_page("oversight.overdue").select_one("#overdue").get_text(" ", strip=True)
    assert "Moved 2 times:" in text
    assert ".;" not in text
