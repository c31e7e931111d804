"""Edge cases found in review of the directors' pages, reminders and committee reports."""

import csv
import io
import socket
from datetime import date

import pytest
from openpyxl import load_workbook

from tests.helpers.data import committed
from tests.helpers.factories import make_action, make_authority, make_inspection, make_point, make_user
from tests.helpers.seeded import seeded_user
from tracker.actions import operations as ops
from tracker.extensions import db
from tracker.models import Action, CommitteeReport, Milestone, Role
from tracker.reports import operations as report_ops
from tracker.reports.defaults import default_inputs


def test_exported_cells_never_run_as_formulas(client, world, app):
    with committed(app):
        db.session.get(Milestone, world.milestone.id).title = '=HYPERLINK("http://evil.example","click")'
    client.sign_in(world.director)
    rows = list(csv.reader(io.StringIO(client.get("oversight.overdue_csv").get_data(as_text=True))))
    assert rows[1][1] == '\'=HYPERLINK("http://evil.example","click")'
    sheet = load_workbook(io.BytesIO(client.get("oversight.overdue_xlsx").data)).active
    cell = sheet.cell(row=3, column=2)
    assert cell.data_type == "s" and cell.value.startswith("'=")


def test_control_characters_cannot_break_exports_or_reports(client, world, app):
    with committed(app):
        db.session.get(Action, world.action.id).title = "Oversight\x0b audit"
        db.session.get(Milestone, world.milestone.id).title = "Audit\x07 of 40"
    client.sign_in(world.director)
    assert client.get("oversight.overdue_xlsx").status_code == 200
    with app.app_context():
        inputs = default_inputs(
            world.action.improvement_point.inspection.authority,
            "Scrutiny\r\nCommittee",
            date(2026, 12, 1),
            date(2026, 11, 22),
        )
    with committed(app):
        report = report_ops.save_draft(None, inputs, db.session.merge(world.director))
        report_ops.publish(report, db.session.merge(world.director))
    response = client.get(f"/reports/{report.id}/download.docx")
    assert response.status_code == 200
    assert "\n" not in response.headers["Content-Disposition"]


def test_a_form_strips_control_characters(client, world):
    client.sign_in(world.director)
    client.post_form(
        "oversight.challenge", {"question": "Why\x00 the delay?\x1b"}, status=302, action_id=world.action.id
    )
    client.sign_in(world.owner)
    assert "Why the delay?" in client.get_page("actions.my_actions").select_one("[data-attention=challenges]").text


def test_a_challenge_does_not_make_an_action_look_updated(app, world):
    with committed(app):
        action = db.session.get(Action, world.action.id)
        before = (action.updated_at, action.version)
        ops.raise_challenge(action, db.session.merge(world.director), question="Why so quiet?")
    with app.app_context():
        action = db.session.get(Action, world.action.id)
        assert (action.updated_at, action.version) == before


def test_only_the_owner_answers_a_challenge(client, world, app):
    client.sign_in(world.director)
    client.post_form("oversight.challenge", {"question": "Why?"}, status=302, action_id=world.action.id)
    with app.app_context():
        challenge_id = db.session.get(Action, world.action.id).challenges[0].id
    values = {"action_id": world.action.id, "challenge_id": challenge_id}
    assert client.get("oversight.answer", **values).status_code == 403
    client.sign_in(world.owner)
    assert client.get("oversight.answer", **values).status_code == 200


def test_a_director_cannot_sign_off_an_action_they_own(app):
    with committed(app):
        authority = make_authority()
        director = make_user(authority, Role.DIRECTOR)
        action = make_action(make_point(make_inspection(authority)), director, director)
        ops.add_evidence(
            action,
            director,
            kind="audit",
            description="Audit.",
            evidence_date=date(2026, 11, 1),
            shows_impact=True,
            link="https://intranet.example.org/a",
        )
        ops.propose_completion(action, director)
        with pytest.raises(ops.PlanRuleError, match="Another director"):
            ops.sign_off(action, director, reason="Mine.")


def test_a_report_published_meanwhile_cannot_be_edited(seeded_app):
    director = seeded_user(seeded_app, "Leicestershire County Council")
    with committed(seeded_app):
        authority = db.session.merge(director).authority
        report = report_ops.save_draft(
            None,
            default_inputs(authority, "Scrutiny", date(2026, 12, 1), date(2026, 11, 22)),
            db.session.merge(director),
        )
    with seeded_app.app_context():  # one request loads the draft to edit it…
        stale = db.session.get(CommitteeReport, report.id)
        inputs = report_ops.inputs_from_json(stale.inputs)
        with seeded_app.app_context():  # …while another publishes it
            fresh = db.session.get(CommitteeReport, report.id)
            report_ops.publish(fresh, db.session.merge(director))
            db.session.commit()
        inputs.title = "Changed after publishing"
        with pytest.raises(report_ops.ReportRuleError):
            report_ops.save_draft(stale, inputs, db.session.merge(director))
        db.session.rollback()
    with seeded_app.app_context():
        assert db.session.get(CommitteeReport, report.id).title != "Changed after publishing"


def test_the_newest_dated_inspection_leads_even_beside_an_undated_one(seeded_app):
    with committed(seeded_app):
        authority = db.session.merge(seeded_user(seeded_app, "Leicestershire County Council")).authority
        make_inspection(authority, published=None)
        inputs = default_inputs(authority, "Scrutiny", date(2026, 12, 1), date(2026, 11, 22))
        chosen = db.session.get(type(authority.inspections[0]), inputs.inspection_ids[0])
        assert chosen.named_on == date(2024, 5, 3)  # the 2024 inspection, named by its visit (not yet published)


def test_reminders_that_cannot_be_sent_are_retried_and_do_not_stop_the_rest(app, world):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=closed_port, MAIL_USE_TLS=False)
    result = app.test_cli_runner().invoke(args=["reminders", "send", "--date", "2026-11-22"])
    assert result.exit_code == 1
    assert "could not be sent; run the command again" in result.output
    app.config.update(MAIL_SERVER=None)
    again = app.test_cli_runner().invoke(args=["reminders", "send", "--date", "2026-11-22"])
    assert again.exit_code == 0 and "0 already sent" in again.output and "Sent to" in again.output


def test_a_page_number_beyond_any_list_is_harmless(client, world):
    client.sign_in(world.director)
    assert client.get("oversight.overdue", page=10**15).status_code == 200
