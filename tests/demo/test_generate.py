"""`demo generate`: a large plan in believable proportions, fast, usable by every page afterwards."""

from sqlalchemy import func, select

from tests.helpers.client import PageClient
from tests.helpers.data import committed
from tracker.actions import operations as ops
from tracker.extensions import db
from tracker.models import Action, AuditEvent, Milestone, PointTheme, ProgressUpdate, Rag, Role, User


def test_the_command_makes_the_plan_it_says(app):
    result = app.test_cli_runner().invoke(args=["demo", "generate", "--authorities", "2", "--actions", "300"])
    assert result.exit_code == 0, result.output
    assert "Generated 2 authorities" in result.output and "300 actions" in result.output
    with committed(app):

        def count(model):
            return db.session.scalar(select(func.count()).select_from(model))

        assert count(Action) == 300
        assert count(Milestone) == 900 and count(ProgressUpdate) == 1500
        assert count(AuditEvent) == 300 + 1500
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
