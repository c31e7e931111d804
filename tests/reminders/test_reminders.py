"""`flask --app wsgi reminders send`: the right people get the right items, once a day."""

import email
from datetime import date
from pathlib import Path

from sqlalchemy import select

from tests.helpers.data import committed
from tests.helpers.factories import make_action, make_authority, make_inspection, make_milestone, make_point, make_user
from tracker.actions import operations as ops
from tracker.extensions import db
from tracker.models import Action, ReminderSent, Role


def _outbox(app) -> list[email.message.Message]:
    folder = Path(app.config["REMINDER_OUTBOX"])
    return [email.message_from_bytes(p.read_bytes()) for p in sorted(folder.glob("*.eml"))] if folder.exists() else []


def _by_recipient(app) -> dict[str, str]:
    return {m["To"]: m.get_payload(decode=True).decode() for m in _outbox(app)}


def _plan(app):
    with committed(app):
        authority = make_authority("Leicestershire County Council")
        owner = make_user(authority, job_title="Head of Service, Child Protection", email="cp@example.org")
        quiet = make_user(authority, job_title="Head of Service, Fostering", email="fostering@example.org")
        director = make_user(
            authority, Role.DIRECTOR, job_title="Director of Children and Family Services", email="dcs@example.org"
        )
        point = make_point(make_inspection(authority))
        action = make_action(point, owner, director, title="Timely conferences")
        make_milestone(action, date(2026, 9, 30), title="Agency chairs in post")  # overdue on 22 November
        make_milestone(action, date(2026, 12, 1), title="Extra slots booked")  # due within 14 days
        make_milestone(action, date(2027, 3, 31), title="90% within 15 days")  # not yet
        make_milestone(action, date(2026, 9, 1), title="Done already", completed_date=date(2026, 8, 30))
        ops.raise_challenge(action, director, question="Why is the September milestone still open?")
        calm = make_action(point, quiet, director, title="Fostering sufficiency")
        make_milestone(calm, date(2027, 6, 30))
        db.session.flush()
        # touched recently, so neither is stale
        for a in (action, calm):
            db.session.get(Action, a.id).updated_at = db.session.get(Action, a.id).created_at.replace(
                year=2026, month=11, day=20
            )
    return owner, quiet, director


def test_owners_and_directors_get_their_own_items(app):
    owner, quiet, director = _plan(app)
    result = app.test_cli_runner().invoke(args=["reminders", "send", "--date", "2026-11-22"])
    assert result.exit_code == 0, result.output
    assert "Sent 2 reminders for 2026-11-22" in result.output
    mail = _by_recipient(app)
    assert set(mail) == {"cp@example.org", "dcs@example.org"}  # nothing to say to the fostering lead
    owner_mail = mail["cp@example.org"]
    assert "Overdue milestones (1):\n- Agency chairs in post (Timely conferences): due 30 September 2026" in owner_mail
    assert (
        "Milestones due in the next 14 days (1):\n- Extra slots booked (Timely conferences): due 1 December 2026"
        in owner_mail
    )
    assert "90% within 15 days" not in owner_mail and "Done already" not in owner_mail
    assert "Challenges waiting for your answer (1):\n- Timely conferences: Why is the September milestone" in owner_mail
    assert "Actions not updated recently" not in owner_mail
    director_mail = mail["dcs@example.org"]
    assert "Leicestershire County Council's improvement plans as at 22 November 2026" in director_mail
    assert "- 1 overdue" in director_mail and "- 1 open challenges" in director_mail
    assert "- 0 answers to challenges waiting for a director" in director_mail


def test_stale_actions_are_reminded(app):
    owner, quiet, director = _plan(app)
    app.test_cli_runner().invoke(args=["reminders", "send", "--date", "2027-03-01"])
    fostering = _by_recipient(app)["fostering@example.org"]
    assert "Actions not updated recently (1):\n- Fostering sufficiency: last updated 20 November 2026" in fostering


def test_a_dry_run_sends_and_records_nothing(app):
    _plan(app)
    result = app.test_cli_runner().invoke(args=["reminders", "send", "--dry-run", "--date", "2026-11-22"])
    assert result.exit_code == 0
    assert "Would send to cp@example.org" in result.output and "Would send 2 reminders" in result.output
    assert _outbox(app) == []
    with app.app_context():
        assert db.session.query(ReminderSent).count() == 0


def test_a_second_run_on_the_same_day_sends_nothing_twice(app):
    _plan(app)
    runner = app.test_cli_runner()
    runner.invoke(args=["reminders", "send", "--date", "2026-11-22"])
    second = runner.invoke(args=["reminders", "send", "--date", "2026-11-22"])
    assert "Sent 0 reminders for 2026-11-22; 2 already sent that day." in second.output
    assert len(_outbox(app)) == 2
    runner.invoke(args=["reminders", "send", "--date", "2026-11-23"])
    assert len(_outbox(app)) == 4


def test_a_bad_date_is_refused_plainly(app):
    result = app.test_cli_runner().invoke(args=["reminders", "send", "--date", "22/11/2026"])
    assert result.exit_code == 2
    assert "Invalid value for '--date'" in result.output


def test_a_director_is_reminded_of_answers_waiting(app):
    owner, quiet, director = _plan(app)
    with committed(app):
        action = db.session.scalar(select(Action).where(Action.title == "Timely conferences"))
        ops.answer_challenge(action.challenges[0], action.owner, answer="Agency chairs start in December.")
    app.test_cli_runner().invoke(args=["reminders", "send", "--date", "2026-11-22"])
    director_mail = _by_recipient(app)["dcs@example.org"]
    assert "- 1 answers to challenges waiting for a director" in director_mail
    assert "- 0 open challenges" in director_mail
