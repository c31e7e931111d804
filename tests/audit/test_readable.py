"""The audit page as people read it: labels not stored values, names not ids, in a fixed number of queries."""

from datetime import date, datetime

from sqlalchemy import insert

from tests.helpers.data import committed
from tests.helpers.factories import make_milestone, make_user
from tests.helpers.queries import count_queries
from tracker.audit import change_fields, record
from tracker.audit_trail.readable import value_text
from tracker.extensions import db
from tracker.models import Action, ActionStatus, AuditEvent, Milestone, Rag, Role, User


def _rows(page) -> list[str]:
    return [" ".join(row.get_text(" ", strip=True).split()) for row in page.select("#audit tbody tr")]


def test_values_records_and_people_are_shown_as_people_read_them(client, world):
    with committed(client.app):
        action = db.session.get(Action, world.action.id)
        owner = db.session.get(User, world.owner.id)
        at = datetime(2026, 3, 3, 14, 5)
        change_fields(action, owner, at=at, status=ActionStatus.AWAITING_SIGN_OFF, rag=Rag.AMBER)
        change_fields(db.session.get(Milestone, world.milestone.id), owner, at=at, due_date=date(2027, 1, 29))
        record(owner, "changed", None, field="role", before="service_manager", after="director", at=at)
        # An import confirmed: its value is the inspection it became, shown by that inspection's name.
        inspection = action.improvement_point.inspection
        record(owner, "confirmed", None, field="inspection", after=inspection.id, at=at)
        inspection_name = inspection.title
    client.sign_in(world.director)
    rows = _rows(client.get_page("audit.search", **{"from": "2026-03-03", "to": "2026-03-03"}))
    text = "\n".join(rows)

    assert f"3 March 2026 14:05 {world.owner.job_title} Changed: action, status – Strengthen oversight" in text
    assert "status – Strengthen oversight In progress Awaiting sign-off" in text
    assert "RAG rating – Strengthen oversight Green Amber" in text
    assert "Changed: milestone “Audit of 40 contacts”, due date – Strengthen oversight 31 October 2026" in text
    assert "29 January 2027" in text
    assert f"The system Changed: account “{world.owner.job_title}”, role Service manager Director" in text
    assert f"inspection {inspection_name}" in text
    for raw in (
        "awaiting_sign_off",
        "in_progress",
        "amber",
        "2027-01-29",
        "service_manager",
        f"action {world.action.id}",
    ):
        assert raw not in text
    page = client.get_page("audit.search", **{"from": "2026-03-03", "to": "2026-03-03"})
    links = {a["href"] for a in page.select("#audit a")}
    assert links == {f"/actions/{world.action.id}"}


def test_a_value_an_older_version_wrote_is_shown_as_stored():
    assert value_text("action", "rag", "purple") == "purple"
    assert value_text("action", "title", "2026-13-45 plan") == "2026-13-45 plan"
    assert value_text("action", "signed_off_at", "2026-03-03T16:00:00") == "3 March 2026 16:00"


def test_the_page_takes_the_same_number_of_queries_however_many_records_it_names(client, world):
    with client.app.app_context():
        engine = db.engine

    def queries() -> int:
        client.sign_in(world.director)
        with count_queries(engine) as counter:
            client.get_page("audit.search", event="changed")
        return counter.count

    def change(n: int) -> None:
        action = db.session.get(Action, world.action.id)
        milestone = make_milestone(action, date(2027, 1, 1 + n), title=f"Step {n}")
        change_fields(milestone, None, due_date=date(2027, 2, 1 + n))
        person = make_user(db.session.get(User, world.director.id).authority, Role.SERVICE_MANAGER)
        change_fields(person, None, job_title=f"Post {n}")

    # One record of each kind, then a dozen more of each: one query per kind, not per record.
    with committed(client.app):
        change_fields(db.session.get(Action, world.action.id), None, title="One change")
        change(0)
    few = queries()
    with committed(client.app):
        for n in range(1, 13):
            change(n)
    many = queries()
    assert many == few


def test_counts_over_999_are_printed_with_commas(client, world):
    with committed(client.app):
        authority_id = world.director.authority_id
        db.session.execute(
            insert(AuditEvent),
            [{"authority_id": authority_id, "entity_type": "user", "event": "probed"} for _ in range(1234)],
        )
    client.sign_in(world.director)
    page = client.get_page("audit.search", event="probed")
    assert page.select_one("#audit-count").get_text(" ", strip=True).startswith("1,234 events.")
