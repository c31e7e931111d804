"""Seeding the demo: parse each seed document with the importer's parser, then replay the plan's history.

Each action's history (progress updates, re-planned and completed milestones, evidence, sign-off) is
replayed through the same operations the pages use, at the dates the plan file gives, so the audit
trail and RAG history look as they would had the plan been run in the tracker.
Idempotent: a document already in the database (same checksum) is left alone, and so are existing users.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from flask import current_app
from flask_migrate import upgrade
from sqlalchemy import Connection, MetaData, exists, inspect, select, text
from werkzeug.security import generate_password_hash

from tracker.actions import operations as plan_ops
from tracker.audit import change_fields
from tracker.database_roles import owner_engine
from tracker.extensions import db
from tracker.inspections.history import add_past
from tracker.inspections.operations import create_inspection, find_duplicate
from tracker.models import ActionStatus, Authority, ImprovementPoint, PastInspection, Rag, Role, User
from tracker.parsing import parse_file
from tracker.points.themes import theme_named
from tracker.seeding.plan_file import PlanFileError, SeedAction, SeedAuthority, SeedDocument, load_plan
from tracker.timeutil import long_date

PLAN_FILE = "plan.yaml"
DOCUMENTS_FOLDER = "documents"
DEMO_EMAIL_DOMAIN = "example.org"
# Printed by `make run`. Demo accounts exist only where this seed has run.
DEMO_PASSWORD = "improve-for-children"


@dataclass
class SeedSummary:
    authorities_created: int = 0
    users_created: int = 0
    inspections_created: int = 0
    inspections_skipped: int = 0
    actions_created: int = 0


def demo_email(local_part: str, slug: str) -> str:
    return f"{local_part}@{slug}.{DEMO_EMAIL_DOMAIN}"


class ResetRefused(Exception):
    """The database holds more than the demo: it is not emptied."""


def reset_database() -> None:
    """Drop every table and build the schema again from the migrations. Only the demo's `seed --reset` does
    this, and only to a database whose accounts are all the demo's: the audit trail refuses deletes (a
    database trigger), so it is dropped with everything else, as the schema's owner."""
    db.session.remove()
    with owner_engine(current_app) as engine, engine.begin() as connection:
        if holds_real_accounts(connection):
            raise ResetRefused(
                "This database holds accounts that are not the demo's: --reset empties only a demo database. "
                "Nothing was changed."
            )
        everything = MetaData()
        everything.reflect(connection)
        everything.drop_all(connection)
        if connection.dialect.name == "postgresql":
            connection.execute(text("DROP FUNCTION IF EXISTS audit_event_is_append_only() CASCADE"))
    upgrade()


def holds_real_accounts(connection: Connection) -> bool:
    """Whether any account was made by something other than the demo (User.is_demo): a person's, or the
    first administrator's from `users create-admin`."""
    if not inspect(connection).has_table(User.__tablename__):
        return False
    return bool(connection.scalar(select(exists().where(User.is_demo.is_(False)))))


def seed_demo(seed_folder: Path, *, password: str = DEMO_PASSWORD) -> SeedSummary:
    plan = load_plan(seed_folder / PLAN_FILE)
    summary = SeedSummary()
    # One slow hash shared by the demo accounts, which share the demo password: seeding stays quick.
    password_hash = generate_password_hash(password)
    people = {a.name: _authority_and_users(a, password_hash, summary) for a in plan.authorities}
    for seed_authority in plan.authorities:
        _seed_history(seed_authority, *people[seed_authority.name])
    _demo_operator(password_hash, summary)
    for document in plan.documents:
        if document.authority not in people:
            raise PlanFileError(f"{document.file}: authority {document.authority!r} is not under authorities")
        authority, users = people[document.authority]
        _seed_document(seed_folder / DOCUMENTS_FOLDER / document.file, document, authority, users, summary)
    db.session.commit()
    return summary


# The installation's service operator in the demo: belongs to no council, so it is not in plan.yaml's list.
DEMO_OPERATOR_EMAIL = "operator@service.example.org"


def _demo_operator(password_hash: str, summary: SeedSummary) -> None:
    if db.session.scalar(select(User.id).where(User.email == DEMO_OPERATOR_EMAIL)) is None:
        db.session.add(
            User(
                authority=None,
                email=DEMO_OPERATOR_EMAIL,
                job_title="Service operator",
                role=Role.OPERATOR,
                password_hash=password_hash,
                is_demo=True,
            )
        )
        summary.users_created += 1


def _authority_and_users(seed: SeedAuthority, password_hash: str, summary: SeedSummary):
    authority = db.session.scalar(select(Authority).where(Authority.name == seed.name))
    if authority is None:
        authority = Authority(name=seed.name, slug=seed.slug)
        db.session.add(authority)
        summary.authorities_created += 1
    users = {}
    for seed_user in seed.users:
        email = demo_email(seed_user.email, seed.slug)
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            user = User(
                authority=authority,
                email=email,
                job_title=seed_user.job_title,
                role=seed_user.role,
                password_hash=password_hash,
                is_demo=True,
            )
            db.session.add(user)
            summary.users_created += 1
        if seed_user.job_title in users:
            raise PlanFileError(f"{seed.name}: job title {seed_user.job_title!r} is used twice")
        users[seed_user.job_title] = user
    db.session.flush()
    return authority, users


def _seed_history(seed: SeedAuthority, authority: Authority, users: dict) -> None:
    """The inspections before the tracker that the seed documents state, entered as by a director."""
    for past in seed.history:
        director = _user(users, past.entered_by, (Role.DIRECTOR,), f"{seed.name} history")
        already = db.session.scalar(
            select(PastInspection.id).where(
                PastInspection.authority_id == authority.id,
                PastInspection.doc_type == past.kind,
                PastInspection.started_month == past.started,
            )
        )
        if already is None:
            add_past(
                authority.id,
                director,
                doc_type=past.kind,
                started_month=past.started,
                ended_month=past.ended,
                published=past.published,
                overall_effectiveness=past.overall_effectiveness,
            )


def _seed_document(path: Path, seed: SeedDocument, authority: Authority, users: dict, summary: SeedSummary):
    parsed = parse_file(path)
    if find_duplicate(parsed.source_text, authority.id) is not None:
        summary.inspections_skipped += 1
        return
    if parsed.authority and _normalise(parsed.authority) != _normalise(authority.name):
        raise PlanFileError(f"{seed.file}: the document is about {parsed.authority}, not {authority.name}")
    numbers = [p.number for p in seed.points]
    if numbers != list(range(1, len(parsed.improvement_points) + 1)):
        raise PlanFileError(
            f"{seed.file}: the parser found {len(parsed.improvement_points)} improvement points; "
            f"the plan file numbers {numbers}"
        )
    # When the council had the document: for Ofsted's, its publication; for a committee paper, its meeting
    # (the inspection keeps that as its source's date, not as Ofsted's publication).
    published = parsed.published or date.today()
    inspection = create_inspection(
        parsed, authority, source_filename=path.name, actor=None, at=_at(published + timedelta(days=1))
    )
    summary.inspections_created += 1
    if seed.plan_submitted:
        change_fields(inspection, None, at=_at(seed.plan_submitted), plan_submitted_on=seed.plan_submitted)
    for point, seed_point in zip(inspection.improvement_points, seed.points, strict=True):
        if seed_point.actions and not point.answered_by_council:
            raise PlanFileError(
                f"{seed.file} point {seed_point.number}: a {point.kind.label.lower()} is not the council's to "
                "answer, so the plan file cannot give it actions"
            )
        for seed_action in seed_point.actions:
            _replay_action(point, seed_action, users, published, f"{seed.file} point {seed_point.number}")
            summary.actions_created += 1


def _normalise(name: str) -> str:
    return " ".join(name.lower().replace("council", "").split())


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour))


def _user(users: dict, job_title: str | None, roles: tuple[Role, ...], where: str) -> User:
    user = users.get(job_title)
    if user is None or user.role not in roles:
        wanted = " or ".join(r.label.lower() for r in roles)
        raise PlanFileError(f"{where}: {job_title!r} is not a {wanted} of this authority")
    return user


def _replay_action(point: ImprovementPoint, seed: SeedAction, users: dict, published: date, where: str):
    owner = _user(users, seed.owner, (Role.SERVICE_MANAGER,), where)
    director = _user(users, seed.lead_director, (Role.DIRECTOR,), where)
    if (seed.status == ActionStatus.COMPLETE) != (seed.signed_off_on is not None):
        raise PlanFileError(f"{where}: an action is complete exactly when it has signed_off")
    if (seed.rag == Rag.BLUE) != (seed.status == ActionStatus.COMPLETE):
        raise PlanFileError(f"{where}: Blue is for complete, signed-off actions only")

    first_rag = seed.updates[0].rag if seed.updates else seed.rag
    created = _at(seed.added or published + timedelta(days=14), 9)
    action = plan_ops.create_action(
        point,
        director,
        title=seed.title,
        description=seed.description,
        owner=owner,
        lead_director=director,
        theme=theme_named(seed.theme),
        target_date=seed.target_date,
        rag=first_rag,
        rag_reason="Agreed in the improvement plan.",
        at=created,
    )
    milestones = [
        plan_ops.add_milestone(action, director, title=m.title, due_date=m.original_due, at=created)
        for m in seed.milestones
    ]

    # Everything that happened to the action, in date order; the hour keeps a same-day order sensible.
    events: list[tuple[datetime, str, object]] = [(_at(u.on, 11), "update", u) for u in seed.updates]
    for milestone, seed_milestone in zip(milestones, seed.milestones, strict=True):
        events += [(_at(r.on, 12), "replan", (milestone, r)) for r in seed_milestone.replans]
        if seed_milestone.completed:
            events.append((_at(seed_milestone.completed, 13), "complete", (milestone, seed_milestone.completed)))
    events += [(_at(e.date, 14), "evidence", e) for e in seed.evidence]
    events.sort(key=lambda event: event[0])
    # The history is replayed as it would have been recorded: nothing happens to an action before it exists
    # (the dashboard's RAG over time counts each change from the rating it replaced).
    if events and events[0][0].date() < created.date():
        raise PlanFileError(f"{where}: something is dated {long_date(events[0][0])}, before the action was added")
    for when, kind, item in events:
        _apply(action, owner, users, kind, item, when, where)

    last = events[-1][0] if events else created
    if seed.status == ActionStatus.IN_PROGRESS and action.status == ActionStatus.NOT_STARTED:
        raise PlanFileError(f"{where}: an action in progress needs at least one progress update")
    if seed.status != ActionStatus.COMPLETE:
        # The plan file's current rating and its reason, where they differ from the last update's.
        plan_ops.set_rating(action, owner, rag=seed.rag, rag_reason=seed.rag_reason, at=last + timedelta(minutes=5))
    if seed.status in (ActionStatus.AWAITING_SIGN_OFF, ActionStatus.COMPLETE):
        plan_ops.propose_completion(action, owner, at=last + timedelta(minutes=30))
    if seed.status == ActionStatus.COMPLETE:
        signer = _user(users, seed.signed_off_by, (Role.DIRECTOR,), where)
        signed = max(_at(seed.signed_off_on, 16), last + timedelta(hours=1))
        plan_ops.sign_off(action, signer, reason=seed.rag_reason, at=signed)


def _apply(action, owner: User, users: dict, kind: str, item, when: datetime, where: str) -> None:
    if kind == "update":
        author = _user(users, item.by, tuple(Role), where)
        plan_ops.record_progress(
            action,
            author,
            rag=item.rag,
            rag_reason=item.narrative,
            narrative=item.narrative,
            recovery=item.recovery,
            at=when,
        )
    elif kind == "replan":
        milestone, replan = item
        plan_ops.replan_milestone(milestone, owner, new_due_date=replan.to_date, reason=replan.reason, at=when)
    elif kind == "complete":
        milestone, completed = item
        plan_ops.complete_milestone(milestone, owner, completed_date=completed, at=when)
    else:
        added_by = _user(users, item.added_by, tuple(Role), where)
        plan_ops.add_evidence(
            action,
            added_by,
            kind=item.kind,
            description=item.description,
            evidence_date=item.date,
            shows_impact=item.shows_impact,
            link=item.link,
            at=when,
        )
