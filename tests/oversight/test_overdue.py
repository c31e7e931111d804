"""The overdue list: what it holds (checked independently), filters, sorting, pagination and exports."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.helpers.data import committed
from tests.helpers.factories import make_action, make_authority, make_inspection, make_point, make_user
from tests.helpers.queries import queries_at_sizes
from tests.helpers.seeded import seeded_user
from tracker.actions import operations as ops
from tracker.extensions import db
from tracker.models import Action, ActionStatus, Authority, ImprovementPoint, Inspection, Milestone, Role, User
from tracker.oversight.overdue import OverdueFilters, filter_options, overdue_page

TODAY = date(2026, 11, 22)


def _expected(app, authority: str) -> set[tuple[str, str]]:
    """The overdue items, worked out here from the models rather than by the page's query."""
    with app.app_context():
        actions = db.session.scalars(
            select(Action).join(ImprovementPoint).join(Inspection).join(Authority).where(Authority.name == authority)
        ).all()
        items = set()
        for action in actions:
            if action.status == ActionStatus.COMPLETE:
                continue
            if action.target_date < TODAY:
                items.add(("Action", action.title))
            for milestone in action.milestones:
                if milestone.completed_date is None and milestone.due_date < TODAY:
                    items.add(("Milestone", milestone.title))
        return items


def _page_items(client, **args) -> list[tuple[str, str]]:
    page = client.get_page("oversight.overdue", **args)
    rows = []
    for tr in page.select("#overdue tbody tr"):
        kind = tr.select_one("td span").get_text(strip=True).split(" · ")[0]
        rows.append((kind, tr.select_one("td a").get_text(strip=True)))
    return rows


def _csv(client, **args) -> list[dict]:
    response = client.get("oversight.overdue_csv", **args)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


@pytest.mark.parametrize("authority", ["Leicestershire County Council", "Leeds City Council", "Leicester City Council"])
def test_the_list_holds_exactly_what_is_overdue(seeded_client, authority):
    app = seeded_client.app
    seeded_client.sign_in(seeded_user(app, authority))
    expected = _expected(app, authority)
    assert set(_page_items(seeded_client)) == expected
    assert {(r["Type"], r["Item"]) for r in _csv(seeded_client)} == expected


def test_the_2024_leicestershire_plan_shows_its_overdue_red_action(seeded_client):
    seeded_client.sign_in(seeded_user(seeded_client.app, "Leicestershire County Council"))
    page = seeded_client.get_page("oversight.overdue", rag="red")
    text = page.select_one("#overdue").get_text(" ", strip=True)
    assert "initial child protection conference" in text.lower()
    assert all(tag.get_text(strip=True) == "Red" for tag in page.select("#overdue .govuk-tag"))


def test_sorted_by_days_overdue_by_default_and_by_owner_on_request(seeded_client):
    seeded_client.sign_in(seeded_user(seeded_client.app, "Leicester City Council"))
    page = seeded_client.get_page("oversight.overdue")
    days = [int(td.get_text(strip=True)) for td in page.select("#overdue tbody td.govuk-table__cell--numeric")]
    assert days == sorted(days, reverse=True) and days
    page = seeded_client.get_page("oversight.overdue", sort="owner")
    owners = [tr.select("td")[1].get_text(strip=True) for tr in page.select("#overdue tbody tr")]
    assert owners == sorted(owners)


def test_filters_narrow_the_page_and_the_exports_alike(seeded_client):
    app = seeded_client.app
    seeded_client.sign_in(seeded_user(app, "Leicester City Council"))
    everything = _csv(seeded_client)
    owner_name = everything[0]["Owner"]
    with app.app_context():
        owner_id = db.session.scalar(select(User.id).where(User.job_title == owner_name))
    mine = _page_items(seeded_client, owner=owner_id)
    assert mine and len(mine) <= len(everything)
    assert {(r["Type"], r["Item"]) for r in _csv(seeded_client, owner=owner_id)} == set(mine)
    assert all(r["Owner"] == owner_name for r in _csv(seeded_client, owner=owner_id))
    theme = everything[0]["Theme"]
    assert all(r["Theme"] == theme for r in _csv(seeded_client, theme=theme))
    assert _page_items(seeded_client, rag="green", theme="No such theme") == []
    # a filter value that does not parse is ignored rather than an error
    assert len(_page_items(seeded_client, owner="nonsense")) == len(_page_items(seeded_client))


def test_pages_together_hold_the_whole_list(seeded_client):
    seeded_client.app.config["OVERDUE_PAGE_SIZE"] = 2
    seeded_client.sign_in(seeded_user(seeded_client.app, "Leicester City Council"))
    whole = [(r["Type"], r["Item"]) for r in _csv(seeded_client)]
    pages = []
    for n in range(1, len(whole) // 2 + 2):
        pages += _page_items(seeded_client, page=n)
    assert pages == whole


def test_the_excel_file_holds_the_same_rows_as_the_csv_with_moved_dates_and_reasons(seeded_client):
    app = seeded_client.app
    with committed(app):  # move an overdue milestone to a date that has also passed
        milestone = db.session.scalars(
            select(Milestone)
            .join(Action)
            .join(ImprovementPoint)
            .join(Inspection)
            .join(Authority)
            .where(
                Authority.name == "Leicestershire County Council",
                Milestone.completed_date.is_(None),
                Milestone.due_date < TODAY,
            )
        ).first()
        ops.replan_milestone(
            milestone,
            milestone.action.owner,
            new_due_date=date(2026, 11, 13),
            reason="Chairs' diaries full until mid-November.",
        )
    seeded_client.sign_in(seeded_user(app, "Leicestershire County Council"))
    rows = _csv(seeded_client)
    response = seeded_client.get("oversight.overdue_xlsx")
    assert response.status_code == 200
    assert "Leicestershire County Council - overdue.xlsx" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    header = [c.value for c in sheet[2]]
    excel = [dict(zip(header, [c.value for c in row], strict=True)) for row in sheet.iter_rows(min_row=3)]
    assert [(r["Type"], r["Item"]) for r in excel] == [(r["Type"], r["Item"]) for r in rows]
    moved = [r for r in rows if r["Revised date"]]
    assert moved
    for csv_row in moved:
        excel_row = next(r for r in excel if r["Item"] == csv_row["Item"])
        assert excel_row["Original date"].date().isoformat() == csv_row["Original date"]
        assert excel_row["Revised date"].date().isoformat() == csv_row["Revised date"]
        assert excel_row["Reasons for moves"] == csv_row["Reasons for moves"] != ""
    # Laid out to be read: a bold title and header kept in view, dates shown as dates, wide text columns.
    assert sheet["A1"].font.b and all(c.font.b for c in sheet[2]) and sheet.freeze_panes == "A3"
    assert {c.number_format for row in sheet.iter_rows(min_row=3) for c in row[7:9] if c.value} == {"d mmmm yyyy"}
    # Excel shows 50 characters; the file keeps the width with the cell's padding added.
    assert int(sheet.column_dimensions["B"].width) == 50


def test_directors_and_administrators_see_only_their_own_councils_overdue_list(seeded_client):
    """Issue 16: no one, administrators included, can ask for another council's list or its exports."""
    app = seeded_client.app
    with app.app_context():
        leeds = db.session.scalar(select(Authority.id).where(Authority.name == "Leeds City Council"))
    seeded_client.sign_in(seeded_user(app, "Leicester City Council", Role.ADMINISTRATOR))
    page = seeded_client.get_page("oversight.overdue", authority=leeds)
    assert page.select_one(".govuk-caption-l").get_text(strip=True) == "Leicester City Council"
    exported = seeded_client.get("oversight.overdue_csv", authority=leeds)
    assert "Leicester City Council" in exported.headers["Content-Disposition"]
    seeded_client.sign_in(seeded_user(app, "Leicester City Council"))
    page = seeded_client.get_page("oversight.overdue", authority=leeds)
    assert page.select_one(".govuk-caption-l").get_text(strip=True) == "Leicester City Council"
    seeded_client.sign_in(seeded_user(app, "Leicester City Council", Role.SERVICE_MANAGER))
    assert seeded_client.get("oversight.overdue").status_code == 403


def test_the_list_makes_the_same_queries_at_10000_actions(client):
    counts = []
    for size, page, count in queries_at_sizes(client, "oversight.overdue"):
        counts.append(count)
        assert len(page.select("#overdue tbody tr")) == (50 if size > 50 else 8)
    assert counts[0] == counts[1], counts


def test_an_owner_with_an_empty_name_is_shown_by_job_title_on_the_page_and_in_the_filter(app):
    """The database names people as the pages do: by name, or by job title when the name is empty."""
    with committed(app):
        authority = make_authority()
        owner = make_user(authority, name="", job_title="Head of Fostering")
        director = make_user(authority, Role.DIRECTOR)
        make_action(make_point(make_inspection(authority)), owner, director, target_date=date(2026, 1, 5))
    with app.app_context():
        rows, total = overdue_page(authority.id, TODAY, OverdueFilters(), 1, 50)
        options = filter_options(authority.id)
    assert total == 1 and rows[0].owner == "Head of Fostering"
    assert [name for _, name in options["owners"]] == ["Head of Fostering"]


def test_the_excel_title_gives_the_day_as_the_councils_papers_do(seeded_client):
    seeded_client.app.config["TODAY"] = "2026-12-05"
    seeded_client.sign_in(seeded_user(seeded_client.app, "Leicestershire County Council"))
    sheet = load_workbook(io.BytesIO(seeded_client.get("oversight.overdue_xlsx").data)).active
    assert sheet["A1"].value.endswith("overdue actions and milestones at 5 December 2026")


def test_the_statement_that_fills_rows_in_must_select_the_row_fields_in_order(monkeypatch):
    """Rows are made by unpacking, so a column added or moved in one place only is refused when built."""
    from dataclasses import make_dataclass

    from tracker.oversight import overdue

    keys = overdue._keys(overdue._Shape())
    assert overdue._filled(keys) is not None
    fields = [name for name in overdue.OverdueRow.__dataclass_fields__]
    fields[1], fields[2] = fields[2], fields[1]
    monkeypatch.setattr(overdue, "OverdueRow", make_dataclass("Reordered", fields))
    with pytest.raises(TypeError, match="OverdueRow's fields, in order"):
        overdue._filled(keys)
