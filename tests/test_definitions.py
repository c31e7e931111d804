"""One definition each of stale and due soon (tracker/definitions.py): My actions, the dashboard and the
reminders agree, and follow STALE_DAYS and DUE_SOON_DAYS; the SQL and Python forms of each rule agree."""

import email
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.helpers.data import committed
from tests.helpers.factories import make_action, make_milestone
from tracker import definitions
from tracker.extensions import db
from tracker.models import Action, ActionStatus, Milestone, User

TODAY = date(2026, 11, 22)  # the tests' day (tests/conftest.py)


def _reminder_to(app, user: User) -> str:
    result = app.test_cli_runner().invoke(args=["reminders", "send", "--date", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    for path in Path(app.config["REMINDER_OUTBOX"]).glob("*.eml"):
        message = email.message_from_bytes(path.read_bytes())
        if message["To"] == user.email:
            return message.get_payload(decode=True).decode()
    return ""


@pytest.mark.parametrize(
    ("stale_days", "status", "stale"),
    [
        (45, ActionStatus.IN_PROGRESS, True),
        (60, ActionStatus.IN_PROGRESS, False),
        # Waiting for a director's sign-off is not the owner's neglect, however long it waits.
        (45, ActionStatus.AWAITING_SIGN_OFF, False),
    ],
)
def test_stale_days_decides_stale_on_my_actions_the_dashboard_and_reminders(
    app, client, world, stale_days, status, stale
):
    app.config["STALE_DAYS"] = stale_days
    with committed(app):
        action = db.session.get(Action, world.action.id)
        action.status = status
        action.updated_at = datetime.combine(TODAY - timedelta(days=50), datetime.min.time())
    title = world.action.title

    client.sign_in(world.owner)
    mine = client.get_page("actions.my_actions").select_one("[data-attention=stale]")
    assert f"Not updated for {stale_days} days" in mine.text
    assert (title in mine.text) is stale

    client.sign_in(world.director)
    dashboard = client.get_page("oversight.dashboard")
    assert dashboard.select_one("#stale-heading").text.startswith(f"Not updated for {stale_days} days")
    assert (title in dashboard.select_one("#stale-list").text) is stale

    mail = _reminder_to(app, world.owner)
    assert mail, "the owner has an overdue milestone, so gets a reminder either way"
    assert (f"Actions not updated recently (1):\n- {title}:" in mail) is stale


@pytest.mark.parametrize(("due_soon_days", "due_soon"), [(14, False), (30, True)])
def test_due_soon_days_decides_due_soon_on_my_actions_the_dashboard_and_reminders(
    app, client, world, due_soon_days, due_soon
):
    app.config["DUE_SOON_DAYS"] = due_soon_days
    with committed(app):
        owner, director = db.session.get(User, world.owner.id), db.session.get(User, world.director.id)
        point = db.session.get(Action, world.action.id).improvement_point
        action = make_action(point, owner, director, title="Extra slots", target_date=date(2027, 6, 30))
        make_milestone(action, TODAY + timedelta(days=20), title="Slots booked")  # 12 December 2026

    client.sign_in(world.owner)
    mine = client.get_page("actions.my_actions").select_one("[data-attention=due-soon]")
    assert f"Due in the next {due_soon_days} days" in mine.text
    assert ("Extra slots" in mine.text) is due_soon

    client.sign_in(world.director)
    dashboard = client.get_page("oversight.dashboard")
    assert dashboard.select_one("#due-soon-heading").text.startswith(f"Due in the next {due_soon_days} days")
    assert ("Slots booked" in dashboard.select_one("#due-soon-list").text) is due_soon

    mail = _reminder_to(app, world.owner)
    assert (f"Milestones due in the next {due_soon_days} days (1):\n- Slots booked (Extra slots)" in mail) is due_soon


def test_the_sql_and_python_forms_of_each_rule_agree_at_their_edges(app, world):
    days = 14
    until = definitions.due_soon_until(TODAY, days)
    dues = [TODAY - timedelta(days=1), TODAY, until, until + timedelta(days=1)]
    with committed(app):
        action = db.session.get(Action, world.action.id)
        for due in dues:
            make_milestone(action, due, title=f"Due {due}")
        action.updated_at = definitions.stale_cutoff(TODAY, days) - timedelta(seconds=1)
    with app.app_context():
        titles = [f"Due {due}" for due in dues]
        ours = select(Milestone.title).join(Action).where(Milestone.title.in_(titles))
        overdue = set(db.session.scalars(ours.where(definitions.overdue_milestone_sql(TODAY))))
        soon = set(db.session.scalars(ours.where(definitions.due_soon_milestone_sql(TODAY, until))))
        assert overdue == {
            f"Due {d}" for d in dues if definitions.milestone_is_overdue(None, d, TODAY, action_open=True)
        }
        assert overdue == {f"Due {TODAY - timedelta(days=1)}"}
        assert soon == {f"Due {d}" for d in dues if definitions.is_due_soon(d, TODAY, days)}
        assert soon == {f"Due {TODAY}", f"Due {until}"}
        stale = db.session.scalars(select(Action.id).where(definitions.stale_sql(TODAY, days))).all()
        action = db.session.get(Action, world.action.id)
        assert (world.action.id in stale) is definitions.is_stale(action.status, action.updated_at, TODAY, days) is True
