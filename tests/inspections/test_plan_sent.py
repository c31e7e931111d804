"""Directors record when the action plan went to Ofsted; the statutory date then says whether it was met."""

from datetime import date

from sqlalchemy import select

from tests.helpers.data import committed, snapshot
from tests.helpers.factories import make_authority, make_inspection, make_user
from tracker.extensions import db
from tracker.models import AuditEvent, DocumentKind, Role


def _report(app):
    with committed(app):
        authority = make_authority()
        inspection = make_inspection(authority, doc_type=DocumentKind.INSPECTION_REPORT, published=date(2026, 6, 1))
        director = make_user(authority, Role.DIRECTOR)
        manager = make_user(authority, Role.SERVICE_MANAGER)
        outsider = make_user(make_authority(), Role.DIRECTOR)
    return inspection, director, manager, outsider


def test_recording_the_date_shows_whether_the_deadline_was_met(client, app):
    inspection, director, _, _ = _report(app)
    client.sign_in(director)
    page = client.get_page("inspections.show", inspection_id=inspection.id)
    # 70 working days from 1 June 2026, England's bank holidays (31 August) excluded
    assert "Due 8 September 2026; sent not recorded: Overdue" in page.select_one("#deadlines").text
    client.post_form("inspections.plan_sent", {"sent_on": ["1", "9", "2026"]}, status=302, inspection_id=inspection.id)
    page = client.get_page("inspections.show", inspection_id=inspection.id)
    assert "sent 1 September 2026: Met" in page.select_one("#deadlines").text
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.field == "plan_submitted_on"))
        assert event.after == "2026-09-01" and event.actor_id == director.id


def test_refusals_save_nothing_and_only_the_authoritys_directors_may_record(client, app):
    inspection, director, manager, outsider = _report(app)
    client.sign_in(director)
    before = snapshot(app)
    for sent, message in (
        (["1", "1", "2030"], "must be today or in the past"),
        (["1", "5", "2026"], "on or after the document's publication"),
        (["", "", ""], "Enter the date the action plan was sent to ofsted"),
    ):
        page = client.post_form("inspections.plan_sent", {"sent_on": sent}, inspection_id=inspection.id)
        assert message in page.select_one(".govuk-error-summary").text
    assert snapshot(app) == before
    client.sign_in(manager)
    assert client.get("inspections.plan_sent", inspection_id=inspection.id).status_code == 403
    client.sign_in(outsider)
    assert client.get("inspections.plan_sent", inspection_id=inspection.id).status_code == 404
