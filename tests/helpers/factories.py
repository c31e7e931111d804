"""Factory functions with good defaults. Call inside an app context; they flush, the test commits."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, insert, select
from werkzeug.security import generate_password_hash

from tracker.extensions import db
from tracker.models import (
    Action,
    ActionStatus,
    Authority,
    DocumentKind,
    ImprovementPoint,
    Inspection,
    Milestone,
    PointKind,
    Rag,
    Role,
    User,
)

_n = itertools.count(1)
PASSWORD = "correct horse battery staple"
# Hashed once: a slow hash per user would make every test that builds a team take seconds.
_PASSWORD_HASH = generate_password_hash(PASSWORD)


def make_authority(name: str | None = None) -> Authority:
    n = next(_n)
    authority = Authority(name=name or f"Testshire County Council {n}", slug=f"testshire-{n}")
    db.session.add(authority)
    db.session.flush()
    return authority


def make_user(authority: Authority | None = None, role: Role = Role.SERVICE_MANAGER, **fields) -> User:
    n = next(_n)
    if role == Role.OPERATOR:
        authority = None  # operators belong to no council (the database insists)
    elif authority is None:
        authority = make_authority()
    user = User(
        authority=authority,
        email=fields.pop("email", f"user{n}@testshire.example.org"),
        job_title=fields.pop("job_title", f"{role.label} {n}"),
        role=role,
        password_hash=_PASSWORD_HASH,
        **fields,
    )
    db.session.add(user)
    db.session.flush()
    return user


def make_inspection(authority: Authority, **fields) -> Inspection:
    n = next(_n)
    published = fields.pop("published", date(2025, 1, 30))
    # Imported the day after publication, as the seed has it: a paper as at a later date holds the plan.
    fields.setdefault("created_at", datetime.combine((published or date(2025, 1, 30)) + timedelta(days=1), time(9)))
    inspection = Inspection(
        authority=authority,
        doc_type=fields.pop("doc_type", DocumentKind.FOCUSED_VISIT),
        published=published,
        source_filename=f"document-{n}.txt",
        source_text=fields.pop("source_text", f"Document {n}"),
        source_sha256=f"{n:064d}",
        **fields,
    )
    db.session.add(inspection)
    db.session.flush()
    return inspection


def make_point(inspection: Inspection, **fields) -> ImprovementPoint:
    position = len(inspection.improvement_points) + 1
    point = ImprovementPoint(
        inspection=inspection,
        kind=fields.pop("kind", PointKind.WHAT_NEEDS_TO_IMPROVE),
        number=fields.pop("number", position),
        position=position,
        text=fields.pop("text", f"Improvement point {position}."),
    )
    db.session.add(point)
    db.session.flush()
    return point


def make_action(point: ImprovementPoint, owner: User, director: User | None = None, **fields) -> Action:
    n = next(_n)
    action = Action(
        improvement_point=point,
        title=fields.pop("title", f"Action {n}"),
        owner=owner,
        lead_director=director or owner,
        theme=fields.pop("theme", "Front door"),
        target_date=fields.pop("target_date", date(2026, 12, 31)),
        status=fields.pop("status", ActionStatus.IN_PROGRESS),
        rag=fields.pop("rag", Rag.GREEN),
        rag_reason=fields.pop("rag_reason", "On track."),
        **fields,
    )
    db.session.add(action)
    db.session.flush()
    return action


def make_milestone(action: Action, due: date, **fields) -> Milestone:
    milestone = Milestone(
        action=action,
        title=fields.pop("title", "A milestone"),
        due_date=due,
        original_due_date=fields.pop("original_due_date", due),
        **fields,
    )
    db.session.add(milestone)
    db.session.flush()
    return milestone


def make_plan(size: int, authority: Authority | None = None) -> tuple[Authority, User]:
    """An authority with a plan of `size` actions, each with two milestones; returns it and its owner."""
    authority = authority or make_authority()
    owner = make_user(authority)
    director = make_user(authority, Role.DIRECTOR)
    inspection = make_inspection(authority)
    point = make_point(inspection)
    for i in range(size):
        action = make_action(point, owner, director, title=f"Planned action {i}")
        make_milestone(action, date(2026, 1, 1 + i % 28))
        make_milestone(action, date(2027, 1, 1 + i % 28), completed_date=None)
    return authority, owner


def make_big_plan(authority: Authority, owner: User, director: User, actions: int) -> None:
    """A plan of many actions, inserted in bulk (the ORM one by one would take minutes at 10,000).

    Every tenth action is past its target date; each action has two milestones, one overdue in three.
    """
    inspection = make_inspection(authority)
    points = [make_point(inspection) for _ in range(20)]
    first = db.session.scalar(select(func.coalesce(func.max(Action.id), 0))) + 1
    rags = [Rag.GREEN, Rag.AMBER, Rag.RED]
    db.session.execute(
        insert(Action),
        [
            {
                "id": first + i,
                "improvement_point_id": points[i % 20].id,
                "authority_id": authority.id,
                "title": f"Bulk action {i}",
                "description": "",
                "owner_id": owner.id,
                "lead_director_id": director.id,
                "theme": ("Front door", "Children in care", "Care leavers")[i % 3],
                "target_date": date(2026, 1, 1) if i % 10 == 0 else date(2027, 6, 30),
                "status": ActionStatus.IN_PROGRESS,
                "rag": rags[i % 3],
                "rag_reason": "Bulk.",
                "version": 1,
            }
            for i in range(actions)
        ],
    )
    db.session.execute(
        insert(Milestone),
        [
            {
                "action_id": first + i,
                "title": f"Milestone {n} of {i}",
                "due_date": date(2026, 3, 1) if (i + n) % 3 == 0 else date(2027, 3, 1),
                "original_due_date": date(2026, 3, 1) if (i + n) % 3 == 0 else date(2027, 3, 1),
            }
            for i in range(actions)
            for n in range(2)
        ],
    )
    db.session.flush()
