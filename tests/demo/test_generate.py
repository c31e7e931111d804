"""`demo generate`: a large plan in believable proportions, fast, usable by every page afterwards."""

from datetime import date, timedelta

from sqlalchemy import func, select

from tests.conftest import SEED_TODAY
from tests.helpers.client import PageClient
from tests.helpers.data import actions_by_authority_agreement, committed
from tracker.actions import operations as ops
from tracker.demo.generate import ACTIONS_PER_MANAGER, LONG_PAST, generate
from tracker.extensions import db
from tracker.models import (
    Action,
    AuditEvent,
    Authority,
    Inspection,
    Milestone,
    PointTheme,
    ProgressUpdate,
    Rag,
    Role,
    User,
)

TODAY = date.fromisoformat(SEED_TODAY)  # the tests' app judges dates by this day, and so generates from it


def test_the_command_makes_the_plan_it_says(app):
    result = app.test_cli_runner().invoke(args=["demo", "generate", "--authorities", "2", "--actions", "300"])
    assert result.exit_code == 0, result.output
    assert "Generated 2 authorities" in result.output and "300 actions" in result.output
    with committed(app):

        def count(model):
            return db.session.scalar(select(func.count()).select_from(model))

        assert count(Action) == 300
        names = db.session.execute(select(Authority.short_name, Authority.possessive).order_by(Authority.id)).all()
        assert [tuple(n) for n in names][-2:] == [("Demo 1", "Demo 1’s"), ("Demo 2", "Demo 2’s")]
        assert actions_by_authority_agreement() == (300, 0)
        assert count(Milestone) == 900 and count(ProgressUpdate) == 1500
        # Each action's history: created (its title and a Green rating), five updates, and its rating's changes,
        # the last of which leaves it as it is now; none is dated after today.
        ratings_history = (
            select(AuditEvent.plan_action_id, AuditEvent.after)
            .where(AuditEvent.entity_type == "action", AuditEvent.field == "rag")
            .order_by(AuditEvent.plan_action_id, AuditEvent.occurred_at, AuditEvent.id)
        )
        latest = dict(db.session.execute(ratings_history).all())
        assert latest == {a.id: a.rag.value for a in db.session.scalars(select(Action))}
        created = select(func.count()).where(AuditEvent.event == "created", AuditEvent.entity_type == "action")
        assert db.session.scalar(created) == 2 * 300
        assert db.session.scalar(select(func.max(AuditEvent.occurred_at))).date() <= TODAY
        assert count(PointTheme) == db.session.scalar(select(func.count(func.distinct(Action.improvement_point_id))))
        ratings = dict(db.session.execute(select(Action.rag, func.count()).group_by(Action.rag)).all())
        assert set(ratings) == set(Rag) and ratings[Rag.BLUE] > 30


def test_the_app_goes_on_adding_to_a_generated_plan(app):
    app.test_cli_runner().invoke(args=["demo", "generate", "--actions", "50"])
    with committed(app):
        action = db.session.scalar(select(Action).where(Action.rag != Rag.BLUE).order_by(Action.id))
        update = ops.record_progress(action, action.owner, rag=action.rag, rag_reason="Fine.", narrative="Next.")
        db.session.flush()
        assert update.id > 250  # the ids after the generated ones, on PostgreSQL's sequences too
        director = db.session.scalar(select(User).where(User.role == Role.DIRECTOR))
    client = PageClient(app)
    client.sign_in(director)
    for page in ("/dashboard", "/overdue", "/plan", "/audit", f"/actions/{action.id}"):
        assert client.get(page).status_code == 200, page


def test_the_proportions_are_a_councils(app):
    """Tens of open actions per manager, old plans closed: what the pages' bounds are designed around."""
    with committed(app):
        generate(1, 2000)
        managers = db.session.scalar(select(func.count()).where(User.role == Role.SERVICE_MANAGER))
        assert managers == 2000 // ACTIONS_PER_MANAGER
        most_open = db.session.scalar(
            select(func.count()).where(Action.is_open).group_by(Action.owner_id).order_by(func.count().desc()).limit(1)
        )
        assert 5 <= most_open <= 40
        long_past = Action.target_date < TODAY - LONG_PAST
        still_open = db.session.scalar(select(func.count()).where(long_past, Action.is_open))
        closed = db.session.scalar(select(func.count()).where(long_past, ~Action.is_open))
        assert closed > 0 and still_open <= closed * 0.03


def test_the_plans_are_dated_back_from_the_apps_today(app):
    app.config["TODAY"] = "2031-03-05"
    with committed(app):
        generate(1, 100)
        newest = db.session.scalar(select(func.max(Inspection.published)))
        latest_event = db.session.scalar(select(func.max(AuditEvent.occurred_at)))
    assert newest == date(2031, 3, 5) - timedelta(days=180)
    assert date(2030, 1, 1) < latest_event.date() <= date(2031, 3, 5)
