"""An inspection with no publication date (imported before it was required, or read from a council's paper)
is flagged on the dashboard, and its date added on the inspection page, audited (issue 19)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tests.helpers.data import committed, snapshot
from tracker.extensions import db
from tracker.inspections.publication import IN_FUTURE
from tracker.models import AuditEvent, DocumentKind, Inspection


@pytest.fixture
def undated(client, world) -> int:
    """The world's plan as an inspection report with no publication date."""
    with committed(client.app):
        inspection = db.session.get(Inspection, world.action.improvement_point.inspection_id)
        inspection.published, inspection.doc_type = None, DocumentKind.INSPECTION_REPORT
        inspection.visit_end = date(2025, 1, 10)
        return inspection.id


def test_the_dashboard_asks_for_a_missing_publication_date_and_shows_the_deadline_once_added(client, world, undated):
    client.sign_in(world.director)
    row = client.get_page("oversight.dashboard").select_one("#deadlines .tracker-no-published")
    assert row.select_one("a")["href"] == f"/inspections/{undated}/published"
    client.post_form(f"/inspections/{undated}/published", {"published": ["30", "1", "2025"]}, status=302)
    deadlines = client.get_page("oversight.dashboard").select_one("#deadlines")
    assert deadlines.select_one(".tracker-no-published") is None
    assert "Action plan to Ofsted" in deadlines.get_text()
    with committed(client.app):
        assert db.session.get(Inspection, undated).published == date(2025, 1, 30)
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.field == "published"))
        assert (event.entity_type, event.event, event.actor_id) == ("inspection", "changed", world.director.id)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (["", "", ""], "Enter the date the document was published"),
        (["23", "11", "2026"], IN_FUTURE),
        (["9", "1", "2025"], "same as or after the last day of the inspection"),
    ],
)
def test_a_missing_future_or_too_early_date_is_refused_and_changes_nothing(client, world, undated, typed, message):
    client.sign_in(world.director)
    before = snapshot(client.app)
    page = client.post_form(f"/inspections/{undated}/published", {"published": typed}, status=200)
    assert message in page.select_one(".govuk-error-summary").get_text()
    assert snapshot(client.app) == before


def test_another_councils_inspection_is_not_found(client, world):
    client.sign_in(world.outsider_director)
    inspection_id = world.action.improvement_point.inspection_id
    assert client.get(f"/inspections/{inspection_id}/published").status_code == 404
