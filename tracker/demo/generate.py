"""`demo generate`: a large synthetic plan inserted in bulk (100,000 actions in a few minutes).

Proportions follow the seed plan: per action about three milestones (a fifth of them moved once, with
a reason), one or two pieces of evidence, five progress updates and their audit events; about eight
improvement points per inspection and three actions per point (more, once a council has 60
inspections), each point with its theme; a third of
actions signed off, the rest spread over Red, Amber and Green. Rows go in through SQLAlchemy Core in
batches with ids assigned here, so it is a few statements per thousand rows rather than one per row.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, insert, select, text
from werkzeug.security import generate_password_hash

from tracker.councils.names import default_possessive
from tracker.demo import vocabulary as words
from tracker.extensions import db
from tracker.models import (
    Action,
    ActionStatus,
    AuditEvent,
    Authority,
    DocumentKind,
    Evidence,
    EvidenceKind,
    ImprovementPoint,
    Inspection,
    Milestone,
    MilestoneReplan,
    PointFrameworkArea,
    PointKind,
    PointTheme,
    ProgressUpdate,
    Rag,
    Role,
    Theme,
    User,
)
from tracker.points.themes import FRAMEWORK_THEMES
from tracker.seeding.operations import DEMO_PASSWORD
from tracker.timeutil import today

BATCH = 5000
POINTS_PER_INSPECTION = 8
ACTIONS_PER_POINT = 3
# Twenty years of inspections, visits and the SEND and youth justice plans alongside: beyond this a council
# has more actions per point rather than more inspections.
MAX_INSPECTIONS = 60
# A service manager owns tens of actions at a time; over the years a council's plans pass through many hands.
ACTIONS_PER_MANAGER = 40
MIN_MANAGERS = 20
# Actions whose target passed this long ago are closed, bar the odd one nobody closed.
LONG_PAST = timedelta(days=730)
MILESTONES_PER_ACTION = 3
UPDATES_PER_ACTION = 5


@dataclass
class Generated:
    authorities: int = 0
    users: int = 0
    inspections: int = 0
    actions: int = 0
    rows: int = 0
    counts: dict = field(default_factory=dict)


class _Ids:
    """The next free id of each table, so rows can point at each other before they are inserted."""

    def __init__(self, models):
        self._next = {m: (db.session.scalar(select(func.max(m.id))) or 0) + 1 for m in models}

    def take(self, model) -> int:
        value = self._next[model]
        self._next[model] += 1
        return value


# Ofsted's reports cross-reference each area for improvement with a National Framework area from 2025; a
# synthetic point of a later document takes the first area that suggests its theme (so the two agree).
FRAMEWORK_CITED_FROM = date(2025, 1, 1)
_FRAMEWORK_AREA = {theme: area for area, themes in reversed(FRAMEWORK_THEMES.items()) for theme in themes}


def generate(authorities: int, actions: int, *, seed: int = 2026) -> Generated:
    rng = random.Random(seed)
    models = (Authority, User, Inspection, ImprovementPoint, Action, Milestone, MilestoneReplan, Evidence)
    ids = _Ids((*models, ProgressUpdate, AuditEvent))
    rows: dict[type, list[dict]] = {
        m: [] for m in (*models, PointTheme, PointFrameworkArea, ProgressUpdate, AuditEvent)
    }
    password_hash = generate_password_hash(DEMO_PASSWORD)
    day = today()  # the plans are dated back from the day the app judges dates by (TRACKER_TODAY when pinned)
    per_authority = [actions // authorities + (1 if i < actions % authorities else 0) for i in range(authorities)]
    start = db.session.scalar(select(func.count(Authority.id))) or 0

    for index, count in enumerate(per_authority, start=start + 1):
        authority_id = ids.take(Authority)
        # Numbered after the suffix, so the default rule would keep the whole name: its papers say "Demo 1".
        short = f"Demo {index}"
        rows[Authority].append(
            {
                "id": authority_id,
                "name": f"Demo Borough Council {index}",
                "slug": f"demo-{index}",
                "short_name": short,
                "possessive": default_possessive(short),
            }
        )
        managers = max(MIN_MANAGERS, count // ACTIONS_PER_MANAGER)
        people = _people(ids, rows, authority_id, index, password_hash, managers)
        _plan(rng, ids, rows, authority_id, people, count, day)

    result = Generated(authorities=authorities, actions=actions)
    for model, batch in rows.items():
        _insert(model, batch)
        result.counts[model.__tablename__] = len(batch)
        result.rows += len(batch)
    result.users = len(rows[User])
    result.inspections = len(rows[Inspection])
    _advance_sequences(models + (ProgressUpdate, AuditEvent))
    db.session.commit()
    _analyse()
    return result


def _people(ids, rows, authority_id: int, index: int, password_hash: str, managers: int) -> dict[Role, list[int]]:
    people: dict[Role, list[int]] = {}
    plan = [(Role.ADMINISTRATOR, 1), (Role.DIRECTOR, 3), (Role.SERVICE_MANAGER, managers), (Role.COMMITTEE_MEMBER, 2)]
    for role, how_many in plan:
        for n in range(1, how_many + 1):
            user_id = ids.take(User)
            people.setdefault(role, []).append(user_id)
            rows[User].append(
                {
                    "id": user_id,
                    "authority_id": authority_id,
                    "email": f"{role.value.replace('_', '-')}{n}@demo-{index}.example.org",
                    "job_title": f"{role.label} {n}",
                    "role": role,
                    "password_hash": password_hash,
                    "active": True,
                    "is_demo": True,
                    "created_at": datetime(2015, 1, 1),
                    "session_version": 1,
                }
            )
    return people


def _plan(rng, ids, rows, authority_id: int, people, count: int, day: date) -> None:
    inspections = min(MAX_INSPECTIONS, max(1, math.ceil(count / (POINTS_PER_INSPECTION * ACTIONS_PER_POINT))))
    themes = list(Theme)
    spacing = min(365, 5400 / inspections)
    for n in range(inspections):
        # The newest document came out half a year ago; older ones at most a year apart, over up to 15 years.
        published = day - timedelta(days=180 + int((inspections - 1 - n) * spacing))
        inspection_id = ids.take(Inspection)
        rows[Inspection].append(
            {
                "id": inspection_id,
                "authority_id": authority_id,
                "doc_type": rng.choice([DocumentKind.INSPECTION_REPORT, DocumentKind.FOCUSED_VISIT]),
                "visit_start": published - timedelta(days=40),
                "visit_end": published - timedelta(days=30),
                "published": published,
                "source_filename": f"synthetic-{authority_id}-{n}.txt",
                "source_text": "A synthetic inspection document made by `demo generate`.",
                "source_sha256": f"{authority_id:08d}{n:08d}".ljust(64, "0"),
                "created_at": datetime.combine(published, time(9)),
            }
        )
        # The actions shared evenly over the documents (the newest take any remainder), then over the points.
        share = count // inspections + (1 if inspections - 1 - n < count % inspections else 0)
        points = max(1, min(POINTS_PER_INSPECTION, share // ACTIONS_PER_POINT))
        for position in range(1, points + 1):
            theme = themes[(n * POINTS_PER_INSPECTION + position) % len(themes)]
            point_id = ids.take(ImprovementPoint)
            team = rng.choice(words.TEAMS)
            rows[ImprovementPoint].append(
                {
                    "id": point_id,
                    "inspection_id": inspection_id,
                    "kind": PointKind.RECOMMENDATION,
                    "number": position,
                    "position": position,
                    "text": words.POINTS[theme].format(team=team),
                }
            )
            rows[PointTheme].append({"improvement_point_id": point_id, "theme": theme})
            if published >= FRAMEWORK_CITED_FROM and (area := _FRAMEWORK_AREA.get(theme)):
                rows[PointFrameworkArea].append({"improvement_point_id": point_id, "area": area, "position": 1})
            for _ in range(share // points + (1 if position <= share % points else 0)):
                _action(rng, ids, rows, authority_id, people, point_id, theme, team, published, day)


def _action(rng, ids, rows, authority_id, people, point_id, theme, team, published: date, day: date) -> None:
    action_id = ids.take(Action)
    owner = rng.choice(people[Role.SERVICE_MANAGER])
    director = rng.choice(people[Role.DIRECTOR])
    created = datetime.combine(published + timedelta(days=rng.randint(5, 40)), time(10))
    target = published + timedelta(days=rng.randint(300, 800))
    complete = target < day and rng.random() < (0.99 if target < day - LONG_PAST else 0.85)
    status = (
        ActionStatus.COMPLETE if complete else rng.choice([ActionStatus.IN_PROGRESS] * 4 + [ActionStatus.NOT_STARTED])
    )
    rag = Rag.BLUE if complete else rng.choices([Rag.GREEN, Rag.AMBER, Rag.RED], weights=[6, 3, 1])[0]
    updated = min(datetime.combine(day, time(9)), created + timedelta(days=rng.randint(10, 700)))
    rows[Action].append(
        {
            "id": action_id,
            "improvement_point_id": point_id,
            "authority_id": authority_id,
            "title": rng.choice(words.ACTIONS).format(n=rng.randint(2, 40), team=team),
            "description": "",
            "owner_id": owner,
            "lead_director_id": director,
            "theme": theme.label,
            "target_date": target,
            "status": status,
            "rag": rag,
            "rag_reason": "Signed off: the re-audit shows the difference." if complete else "On track with the plan.",
            "recovery": "Agency cover agreed until the posts are filled." if rag in (Rag.RED, Rag.AMBER) else None,
            "signed_off_by_id": director if complete else None,
            "signed_off_at": updated if complete else None,
            "created_at": created,
            "updated_at": updated,
            "version": 1,
        }
    )
    _audit(ids, rows, authority_id, action_id, "action", action_id, owner, created, "created", "title", None, "Action")
    _audit(ids, rows, authority_id, action_id, "action", action_id, owner, created, "created", "rag", None, Rag.GREEN)
    for m in range(MILESTONES_PER_ACTION):
        due = created.date() + timedelta(days=90 * (m + 1))
        milestone_id = ids.take(Milestone)
        moved = rng.random() < 0.2
        new_due = due + timedelta(days=rng.randint(14, 90)) if moved else due
        done = complete or new_due < day - timedelta(days=rng.randint(0, 200))
        rows[Milestone].append(
            {
                "id": milestone_id,
                "action_id": action_id,
                "title": words.MILESTONES[m % len(words.MILESTONES)],
                "due_date": new_due,
                "original_due_date": due,
                "completed_date": new_due if done else None,
            }
        )
        if moved:
            rows[MilestoneReplan].append(
                {
                    "id": ids.take(MilestoneReplan),
                    "milestone_id": milestone_id,
                    "previous_due_date": due,
                    "new_due_date": new_due,
                    "reason": rng.choice(words.REPLAN_REASONS),
                    "replanned_by_id": owner,
                    "replanned_at": datetime.combine(due - timedelta(days=7), time(11)),
                }
            )
    for e in range(rng.choice([1, 1, 2])):
        rows[Evidence].append(
            {
                "id": ids.take(Evidence),
                "action_id": action_id,
                "kind": EvidenceKind.AUDIT,
                "description": "Audit of cases showing the change in practice.",
                "evidence_date": min(day, created.date() + timedelta(days=120 * (e + 1))),
                "link": f"https://documents.example.org/demo/{action_id}/{e}",
                "added_by_id": owner,
                "added_at": created + timedelta(days=120 * (e + 1)),
                "shows_impact": complete,
            }
        )
    # Updates spread between creation and the last change; every action starts Green, moves to the rating it
    # has now at one of them (recorded as a change of rating, as the app records it), and goes Blue at sign-off.
    working = Rag.GREEN if rag == Rag.BLUE else rag
    turn = rng.randint(1, UPDATES_PER_ACTION - 1)
    for u in range(UPDATES_PER_ACTION):
        at = created + (updated - created) * (u + 1) / UPDATES_PER_ACTION - timedelta(minutes=5)
        now = working if u >= turn else Rag.GREEN
        if u == turn and working != Rag.GREEN:
            _audit(ids, rows, authority_id, action_id, "action", action_id, owner, at, "changed", "rag", Rag.GREEN, now)
        update_id = ids.take(ProgressUpdate)
        rows[ProgressUpdate].append(
            {
                "id": update_id,
                "action_id": action_id,
                "narrative": rng.choice(words.NARRATIVES),
                "rag": now,
                "rag_reason": "As reported to the improvement board.",
                "author_id": owner,
                "created_at": at,
            }
        )
        _audit(ids, rows, authority_id, action_id, "progress_update", update_id, owner, at, "created", "rag", None, now)
    if complete:
        signed_off = (director, updated, "changed", "rag", working, rag)
        _audit(ids, rows, authority_id, action_id, "action", action_id, *signed_off)


def _audit(ids, rows, authority_id, action_id, entity, entity_id, actor, at, event, field, before, after) -> None:
    rows[AuditEvent].append(
        {
            "id": ids.take(AuditEvent),
            "occurred_at": at,
            "actor_id": actor,
            "authority_id": authority_id,
            "plan_action_id": action_id,
            "entity_type": entity,
            "entity_id": entity_id,
            "event": event,
            "field": field,
            "before": str(before.value) if hasattr(before, "value") else before,
            "after": str(after.value) if hasattr(after, "value") else after,
        }
    )


def _insert(model, batch: list[dict]) -> None:
    for chunk in _chunks(batch, BATCH):
        db.session.execute(insert(model), chunk)


def _chunks(items: list, size: int) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _analyse() -> None:
    """Refresh the planner's statistics, as after any bulk load: PostgreSQL's autovacuum would in a while, and
    until it does the planner takes a table of 100,000 rows for an empty one and picks its plans to match."""
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("ANALYZE"))


def _advance_sequences(models) -> None:
    """PostgreSQL hands out ids from sequences: move each past the ids given here."""
    if db.engine.dialect.name != "postgresql":
        return
    for model in models:
        table = model.__tablename__
        db.session.execute(
            text(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), (SELECT MAX(id) FROM \"{table}\"))")
        )
