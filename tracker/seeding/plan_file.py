"""Reading seed/plan.yaml into plain records, refusing anything that does not fit (with where and why)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from tracker.models import ActionStatus, DocumentKind, EvidenceKind, Rag, Role
from tracker.models.history import EVENT_KINDS, OVERALL_GRADES


class PlanFileError(ValueError):
    pass


@dataclass
class SeedUser:
    job_title: str
    email: str
    role: Role


@dataclass
class SeedPastInspection:
    """An inspection before the tracker, as a seed document states it (months only, where it says so)."""

    kind: DocumentKind
    started: date  # the first of the month
    ended: date | None
    published: date | None
    overall_effectiveness: str | None
    entered_by: str  # a director's job title
    source: str  # which seed document says so, and where


@dataclass
class SeedAuthority:
    name: str
    slug: str
    users: list[SeedUser]
    history: list[SeedPastInspection] = field(default_factory=list)


@dataclass
class SeedReplan:
    on: date
    from_date: date
    to_date: date
    reason: str


@dataclass
class SeedMilestone:
    title: str
    due: date
    original_due: date
    replans: list[SeedReplan]
    completed: date | None


@dataclass
class SeedEvidence:
    kind: EvidenceKind
    description: str
    date: date
    link: str | None
    added_by: str
    shows_impact: bool


@dataclass
class SeedUpdate:
    on: date
    by: str
    rag: Rag
    narrative: str
    recovery: str | None


@dataclass
class SeedAction:
    title: str
    description: str
    owner: str
    lead_director: str
    theme: str
    target_date: date
    added: date | None
    status: ActionStatus
    rag: Rag
    rag_reason: str
    signed_off_by: str | None
    signed_off_on: date | None
    milestones: list[SeedMilestone]
    evidence: list[SeedEvidence]
    updates: list[SeedUpdate]


@dataclass
class SeedPoint:
    number: int
    summary: str
    actions: list[SeedAction]


@dataclass
class SeedDocument:
    file: str
    authority: str
    points: list[SeedPoint] = field(default_factory=list)
    plan_submitted: date | None = None


@dataclass
class SeedPlan:
    authorities: list[SeedAuthority]
    documents: list[SeedDocument]


class _Reader:
    """Typed access to one mapping of the YAML, naming the place of any fault."""

    def __init__(self, data: Any, where: str):
        if not isinstance(data, dict):
            raise PlanFileError(f"{where}: expected a mapping")
        self.data, self.where = data, where

    def get(self, key: str, kind: type, *, required: bool = True, default: Any = None) -> Any:
        value = self.data.get(key, default)
        if value is None:
            if required:
                raise PlanFileError(f"{self.where}.{key}: missing")
            return default
        if kind is date and isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                raise PlanFileError(f"{self.where}.{key}: {value!r} is not a date (YYYY-MM-DD)") from None
        if kind is str and isinstance(value, int | float):
            value = str(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise PlanFileError(f"{self.where}.{key}: expected {kind.__name__}, got {type(value).__name__}")
        if kind is str:
            value = value.strip()
            if required and not value:
                raise PlanFileError(f"{self.where}.{key}: empty")
        return value

    def choice(self, key: str, enum_cls: type, *, required: bool = True):
        value = self.get(key, str, required=required)
        if value is None:
            return None
        try:
            return enum_cls(value)
        except ValueError:
            allowed = ", ".join(m.value for m in enum_cls)
            raise PlanFileError(f"{self.where}.{key}: {value!r} is not one of {allowed}") from None

    def items(self, key: str, *, required: bool = True) -> list[tuple[Any, str]]:
        value = self.data.get(key)
        if value is None and not required:
            return []
        if not isinstance(value, list) or (required and not value):
            raise PlanFileError(f"{self.where}.{key}: expected a non-empty list")
        return [(item, f"{self.where}.{key}[{i}]") for i, item in enumerate(value)]


def load_plan(path: Path) -> SeedPlan:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PlanFileError(f"{path}: cannot be read: {exc}") from None
    root = _Reader(data, path.name)
    return SeedPlan(
        authorities=[_authority(item, where) for item, where in root.items("authorities")],
        documents=[_document(item, where) for item, where in root.items("documents")],
    )


def _authority(data: Any, where: str) -> SeedAuthority:
    r = _Reader(data, where)
    users = []
    for item, w in r.items("users"):
        u = _Reader(item, w)
        users.append(
            SeedUser(job_title=u.get("job_title", str), email=u.get("email", str), role=u.choice("role", Role))
        )
    return SeedAuthority(
        name=r.get("name", str),
        slug=r.get("slug", str),
        users=users,
        history=[_past(item, w) for item, w in r.items("history", required=False)],
    )


def _past(data: Any, where: str) -> SeedPastInspection:
    r = _Reader(data, where)
    kind = r.choice("kind", DocumentKind)
    if kind not in EVENT_KINDS:
        raise PlanFileError(f"{where}.kind: a committee report is not an inspection")
    grade = r.get("overall_effectiveness", str, required=False)
    if grade is not None and grade not in OVERALL_GRADES:
        raise PlanFileError(f"{where}.overall_effectiveness: {grade!r} is not one of {', '.join(OVERALL_GRADES)}")
    started = _month(r, "started")
    ended = _month(r, "ended", required=False)
    if ended is not None and ended < started:
        raise PlanFileError(f"{where}.ended: before it started")
    return SeedPastInspection(
        kind=kind,
        started=started,
        ended=ended,
        published=r.get("published", date, required=False),
        overall_effectiveness=grade,
        entered_by=r.get("entered_by", str),
        source=r.get("source", str),
    )


def _month(r: _Reader, key: str, *, required: bool = True) -> date | None:
    """A month written YYYY-MM (papers give a visit's months, not its days)."""
    value = r.get(key, str, required=required)
    if value is None:
        return None
    try:
        return date.fromisoformat(f"{value}-01")
    except ValueError:
        raise PlanFileError(f"{r.where}.{key}: {value!r} is not a month (YYYY-MM)") from None


def _document(data: Any, where: str) -> SeedDocument:
    r = _Reader(data, where)
    points = []
    for item, w in r.items("improvement_points"):
        p = _Reader(item, w)
        points.append(
            SeedPoint(
                number=p.get("number", int),
                summary=p.get("summary", str, required=False, default=""),
                actions=[_action(a, aw) for a, aw in p.items("actions")],
            )
        )
    return SeedDocument(
        file=r.get("file", str),
        authority=r.get("authority", str),
        points=points,
        plan_submitted=r.get("plan_submitted", date, required=False),
    )


def _action(data: Any, where: str) -> SeedAction:
    r = _Reader(data, where)
    signed = r.data.get("signed_off")
    signed_r = _Reader(signed, f"{where}.signed_off") if signed is not None else None
    return SeedAction(
        title=r.get("title", str),
        description=r.get("description", str, required=False, default=""),
        owner=r.get("owner", str),
        lead_director=r.get("lead_director", str),
        theme=r.get("theme", str),
        target_date=r.get("target_date", date),
        added=r.get("added", date, required=False),
        status=r.choice("status", ActionStatus),
        rag=r.choice("rag", Rag),
        rag_reason=r.get("rag_reason", str),
        signed_off_by=signed_r.get("by", str) if signed_r else None,
        signed_off_on=signed_r.get("on", date) if signed_r else None,
        milestones=[_milestone(m, w) for m, w in r.items("milestones")],
        evidence=[_evidence(e, w) for e, w in r.items("evidence", required=False)],
        updates=[_update(u, w) for u, w in r.items("updates", required=False)],
    )


def _milestone(data: Any, where: str) -> SeedMilestone:
    r = _Reader(data, where)
    due = r.get("due", date)
    replans = []
    for item, w in r.items("replans", required=False):
        rp = _Reader(item, w)
        replans.append(
            SeedReplan(
                on=rp.get("on", date),
                from_date=rp.get("from", date),
                to_date=rp.get("to", date),
                reason=rp.get("reason", str),
            )
        )
    return SeedMilestone(
        title=r.get("title", str),
        due=due,
        original_due=r.get("original_due", date, required=False, default=due),
        replans=replans,
        completed=r.get("completed", date, required=False),
    )


def _evidence(data: Any, where: str) -> SeedEvidence:
    r = _Reader(data, where)
    return SeedEvidence(
        kind=r.choice("kind", EvidenceKind),
        description=r.get("description", str),
        date=r.get("date", date),
        link=r.get("link", str),  # seed evidence is always a link: the demo holds no files
        added_by=r.get("added_by", str),
        shows_impact=r.get("shows_impact", bool, required=False, default=False),
    )


def _update(data: Any, where: str) -> SeedUpdate:
    r = _Reader(data, where)
    return SeedUpdate(
        on=r.get("on", date),
        by=r.get("by", str),
        rag=r.choice("rag", Rag),
        narrative=r.get("narrative", str),
        recovery=r.get("recovery", str, required=False),
    )
