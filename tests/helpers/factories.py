"""Factory functions with good defaults. Call inside an app context; they flush, the test commits."""

from __future__ import annotations

import itertools
from datetime import date

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
    user = User(
        authority=authority or make_authority(),
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
    inspection = Inspection(
        authority=authority,
        doc_type=fields.pop("doc_type", DocumentKind.FOCUSED_VISIT),
        published=fields.pop("published", date(2025, 1, 30)),
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
