"""Making test data outside a request, then using it after."""

from contextlib import contextmanager

from flask import Flask
from sqlalchemy import func, select

from tracker.extensions import db
from tracker.models import (
    Action,
    AuditEvent,
    DocumentImport,
    Evidence,
    ImprovementPoint,
    Inspection,
    Milestone,
    MilestoneReplan,
    PointRecurrence,
    PointTheme,
    ProgressUpdate,
)


@contextmanager
def committed(app: Flask):
    """An app context whose objects stay readable once it ends: commits at the end without expiring them."""
    with app.app_context():
        db.session().expire_on_commit = False
        yield db.session
        db.session.commit()


def snapshot(app: Flask) -> dict:
    """What a refused form must not change: row counts of the plan and the audit trail, every action, and
    the points' themes."""
    with app.app_context():
        counts = {
            m.__name__: db.session.scalar(select(func.count()).select_from(m))
            for m in (
                Action,
                AuditEvent,
                DocumentImport,
                Evidence,
                ImprovementPoint,
                Inspection,
                Milestone,
                MilestoneReplan,
                PointRecurrence,
                ProgressUpdate,
            )
        }
        actions = db.session.execute(
            select(Action.id, Action.rag, Action.rag_reason, Action.status, Action.version).order_by(Action.id)
        ).all()
        milestones = db.session.execute(
            select(Milestone.id, Milestone.due_date, Milestone.completed_date).order_by(Milestone.id)
        ).all()
        themes = db.session.execute(
            select(PointTheme.improvement_point_id, PointTheme.theme).order_by(
                PointTheme.improvement_point_id, PointTheme.theme
            )
        ).all()
        return {"counts": counts, "actions": actions, "milestones": milestones, "themes": themes}


def actions_by_authority_agreement() -> tuple[int, int]:
    """(actions whose own authority is their document's, actions whose is not)."""
    document_authority = (
        select(Inspection.authority_id)
        .join(ImprovementPoint, ImprovementPoint.inspection_id == Inspection.id)
        .where(ImprovementPoint.id == Action.improvement_point_id)
        .scalar_subquery()
    )
    agrees = Action.authority_id == document_authority
    return (
        db.session.scalar(select(func.count()).select_from(Action).where(agrees)),
        db.session.scalar(select(func.count()).select_from(Action).where(~agrees)),
    )
