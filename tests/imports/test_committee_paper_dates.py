"""A council's committee paper is dated by its meeting, not by Ofsted's publication of the report it reports:
the review page asks for both before confirming (issue 19), so the inspection's statutory deadline shows."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.helpers.data import committed
from tests.imports.readings import reading, start_reading
from tests.imports.test_import import _choose_people, _review_fields
from tracker.extensions import db
from tracker.inspections.publication import OFSTED_REPORT
from tracker.models import DocumentImport, Inspection, SourceKind

MEETING = date(2026, 6, 3)  # the paper's own date, as the reader takes it from the paper's heading


def _paper(name: str):
    return reading(name, doc_type="committee_report", published=MEETING)  # the visit ended 13 March 2026


def _inspections(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Inspection.id)))


def test_an_ofsted_report_is_asked_for_one_date_and_a_committee_paper_for_two(client, world):
    client.sign_in(world.director)
    ofsted = client.get_page(start_reading(client, world.director, reading("one date")))
    assert ofsted.select_one("#published-day") and not ofsted.select_one("#ofsted_published-day")
    paper = client.get_page(start_reading(client, world.director, _paper("two dates")))
    assert [paper.select_one(f"#published-{part}")["value"] for part in ("day", "month", "year")] == ["3", "6", "2026"]
    assert [paper.select_one(f"#ofsted_published-{part}").get("value", "") for part in ("day", "month", "year")] == [
        "",
        "",
        "",
    ]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (["", "", ""], OFSTED_REPORT.missing),
        (["23", "12", "2026"], OFSTED_REPORT.in_future),
        (["12", "3", "2026"], OFSTED_REPORT.before_visit),
    ],
)
def test_a_committee_paper_is_not_confirmed_without_a_proper_ofsted_publication_date(client, world, typed, message):
    client.sign_in(world.director)
    url = start_reading(client, world.director, _paper(f"refused {message}"))
    data = {**_choose_people(_review_fields(client, url), world), "ofsted_published": typed}
    page = client.post_form(url, {**data, "operation": ["confirm"]}, status=200)
    summary = page.select_one(".govuk-error-summary")
    assert message in summary.get_text()
    assert summary.select_one("a")["href"] == "#ofsted_published-day"
    assert _inspections(client.app) == 2  # the world's two, nothing more
    # What was typed is kept: the page shown again, and the draft saved, hold it.
    again = client.get_page(url)
    assert [again.select_one(f"#ofsted_published-{p}").get("value", "") for p in ("day", "month", "year")] == typed
    assert again.select_one("#owner_id option[selected]")["value"] == str(world.owner.id)


def test_confirmed_with_both_dates_the_paper_keeps_its_meeting_and_the_deadline_runs_from_ofsteds(client, world):
    client.sign_in(world.director)
    url = start_reading(client, world.director, _paper("both dates"))
    data = {**_choose_people(_review_fields(client, url), world), "ofsted_published": ["17", "4", "2026"]}
    client.post_form(url, {**data, "operation": ["confirm"]}, status=302)
    with committed(client.app):
        inspection = db.session.scalar(select(Inspection).order_by(Inspection.id.desc()))
        assert inspection.source_kind == SourceKind.COMMITTEE_REPORT
        assert (inspection.source_dated, inspection.published) == (MEETING, date(2026, 4, 17))
        title = inspection.title
    rows = client.get_page("oversight.dashboard").select("#deadlines tbody tr")
    cells = [[td.get_text(" ", strip=True) for td in row.select("td")] for row in rows]
    # 70 working days from Friday 17 April 2026, past the May bank holidays.
    assert [title, "Action plan to Ofsted (70 working days from publication)", "28 July 2026"] in [c[:3] for c in cells]


def test_a_draft_saved_before_the_ofsted_date_was_asked_still_loads_and_asks_for_it(client, world):
    client.sign_in(world.director)
    url = start_reading(client, world.director, _paper("an older draft"))
    with committed(client.app):
        pending = db.session.get(DocumentImport, int(url.rsplit("/", 1)[1]))
        pending.draft = {k: v for k, v in pending.draft.items() if k != "ofsted_published"}
    page = client.get_page(url)
    assert [page.select_one(f"#ofsted_published-{p}").get("value", "") for p in ("day", "month", "year")] == [
        "",
        "",
        "",
    ]
    data = _choose_people(_review_fields(client, url), world)
    page = client.post_form(url, {**data, "operation": ["confirm"]}, status=200)
    assert OFSTED_REPORT.missing in page.select_one(".govuk-error-summary").get_text()


def test_the_ofsted_date_typed_for_a_paper_survives_its_kind_changed_and_changed_back(client, world):
    client.sign_in(world.director)
    url = start_reading(client, world.director, _paper("kind changed"))
    data = {**_review_fields(client, url), "ofsted_published": ["17", "4", "2026"], "doc_type": ["inspection_report"]}
    client.post_form(url, {**data, "operation": ["save"]}, status=302)
    page = client.get_page(url)
    assert not page.select_one("#ofsted_published-day")  # an Ofsted report: one date
    client.post_form(
        url, {**_review_fields(client, url), "doc_type": ["committee_report"], "operation": ["save"]}, status=302
    )
    page = client.get_page(url)
    assert [page.select_one(f"#ofsted_published-{p}")["value"] for p in ("day", "month", "year")] == ["17", "4", "2026"]
