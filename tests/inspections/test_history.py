"""The council's inspection history: tracked and recorded inspections newest first; a director adds, corrects
and removes the recorded ones, each change audited; bad input changes nothing and keeps what was typed."""

from datetime import date

from sqlalchemy import select

from tests.helpers.data import committed, snapshot
from tests.helpers.factories import make_authority, make_inspection, make_user
from tracker.extensions import db
from tracker.models import AuditEvent, DocumentKind, PastInspection, Role

RI = "Requires improvement to be good"


def _council(app):
    with committed(app):
        authority = make_authority()
        make_inspection(
            authority,
            doc_type=DocumentKind.INSPECTION_REPORT,
            visit_start=date(2024, 4, 15),
            visit_end=date(2024, 5, 3),
            published=None,
            overall_effectiveness="Outstanding",
        )
        people = {role: make_user(authority, role) for role in Role if role != Role.OPERATOR}
        outsider = make_user(make_authority(), Role.DIRECTOR)
    return people, outsider


def _fields(kind="inspection_report", started=("9", "2019"), ended=("10", "2019"), published=("", "", ""), grade=RI):
    return {
        "doc_type": kind,
        "started_month": list(started),
        "ended_month": list(ended),
        "published": list(published),
        "overall_effectiveness": grade,
    }


def _rows(page) -> list[list[str]]:
    return [
        [" ".join(td.get_text(" ", strip=True).split()) for td in tr.select("td")]
        for tr in page.select("#history tbody tr")
    ]


def _events(app, past_id: int) -> list[tuple[str, str | None, str | None, str | None]]:
    with app.app_context():
        return [
            (e.event, e.field, e.before, e.after)
            for e in db.session.scalars(
                select(AuditEvent)
                .where(AuditEvent.entity_type == "past_inspection", AuditEvent.entity_id == past_id)
                .order_by(AuditEvent.id)
            )
        ]


def test_a_director_adds_corrects_and_removes_an_earlier_inspection_each_audited(client, app):
    people, _ = _council(app)
    director = people[Role.DIRECTOR]
    client.sign_in(director)
    client.post_form("inspections.add_past", _fields(grade="Good"), status=302)
    with app.app_context():
        past = db.session.scalar(select(PastInspection))
        assert (past.started_month, past.ended_month, past.overall_effectiveness) == (
            date(2019, 9, 1),
            date(2019, 10, 1),
            "Good",
        )
        assert past.entered_by_id == director.id
    rows = _rows(client.get_page("inspections.history"))
    # Newest first: the tracked 2024 inspection, then the recorded 2019 one.
    assert rows[0][:4] == ["Inspection report", "15 April 2024 to 3 May 2024", "Not known", "Outstanding"]
    assert rows[1][:4] == ["Inspection report", "September/October 2019", "Not known", "Good"]

    form = client.get_page("inspections.correct_past", past_id=past.id)
    # The form shows what is recorded.
    assert form.select_one("#overall_effectiveness option[selected]")["value"] == "Good"
    assert form.select_one("#started_month-month")["value"] == "09"
    client.post_form("inspections.correct_past", _fields(), status=302, past_id=past.id)
    assert ("changed", "overall_effectiveness", "Good", RI) in _events(app, past.id)

    assert "September/October 2019" in client.get_page("inspections.remove_past", past_id=past.id).text
    with app.app_context():
        assert db.session.get(PastInspection, past.id) is not None  # looking removes nothing
    client.post_form("inspections.remove_past", {}, status=302, past_id=past.id)
    with app.app_context():
        assert db.session.get(PastInspection, past.id) is None
    events = _events(app, past.id)
    assert ("created", "started_month", None, "2019-09-01") in events
    assert events[-1] == ("deleted", "record", "Inspection report, September/October 2019", None)


def test_bad_input_is_refused_with_an_error_summary_changes_nothing_and_keeps_what_was_typed(client, app):
    people, _ = _council(app)
    client.sign_in(people[Role.DIRECTOR])
    before = snapshot(app)
    for fields, message in (
        (_fields(started=("", "")), "Enter the month the inspection started"),
        (_fields(started=("13", "2019")), "Month the inspection started must be a real month"),
        (_fields(started=("9", "")), "Month the inspection started must include a year"),
        (_fields(ended=("8", "2019")), "must be the same as or after it started"),
        (_fields(started=("1", "2099"), ended=("", "")), "must be this month or in the past"),
        (_fields(published=("1", "8", "2019")), "must be after the inspection started"),
        (_fields(kind="committee_report"), "Not a valid choice"),
        (_fields(grade="Superb"), "Not a valid choice"),
    ):
        page = client.post_form("inspections.add_past", fields)
        assert message in page.select_one(".govuk-error-summary").text, message
        assert page.select_one("#started_month-year")["value"] == fields["started_month"][1]
        assert page.select_one("#ended_month-month")["value"] == fields["ended_month"][0]
    assert snapshot(app) == before


def test_administrators_read_the_history_others_are_refused_and_another_councils_records_are_not_found(client, app):
    people, outsider = _council(app)
    client.sign_in(people[Role.DIRECTOR])
    client.post_form("inspections.add_past", _fields(), status=302)
    with app.app_context():
        past_id = db.session.scalar(select(PastInspection.id))
    client.sign_in(people[Role.ADMINISTRATOR])
    page = client.get_page("inspections.history")
    assert "September/October 2019" in page.text and "Correct" not in page.text
    assert client.get("inspections.add_past").status_code == 403
    for role in (Role.SERVICE_MANAGER, Role.COMMITTEE_MEMBER):
        client.sign_in(people[role])
        assert client.get("inspections.history").status_code == 403
    client.sign_in(outsider)
    assert "September/October 2019" not in client.get_page("inspections.history").text
    assert client.get("inspections.correct_past", past_id=past_id).status_code == 404
    client.post_form("inspections.correct_past", _fields(grade="Good"), status=404, past_id=past_id)
    client.post_form("inspections.remove_past", {}, status=404, past_id=past_id)
    with app.app_context():
        assert db.session.get(PastInspection, past_id).overall_effectiveness == RI  # neither corrected nor removed
    # Each attempt is recorded as a probe of another council's record; the record's own trail is untouched.
    assert [e[0] for e in _events(app, past_id)] == ["created"] * 5
    with app.app_context():
        probes = db.session.scalars(
            select(AuditEvent.after).where(
                AuditEvent.event == "probed", AuditEvent.field == f"past_inspection {past_id}"
            )
        ).all()
    assert sorted(p.split()[0] for p in probes) == ["GET", "POST", "POST"]
