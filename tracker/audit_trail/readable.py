"""The audit trail as people read it: values by their labels ("Not started", "3 March 2025"), records and
people by their names, fields and events in words.

The trail stores what the code wrote (`tracker.audit.as_text`): enum values, ISO dates, record ids. A page
of events is made readable with one query per kind of record named on it (a fixed number, whatever the
page holds), never one per row.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from tracker.audit_trail.queries import AuditRow
from tracker.extensions import db
from tracker.models import (
    Action,
    ActionStatus,
    DocumentKind,
    Evidence,
    EvidenceKind,
    ImprovementPoint,
    Inspection,
    Milestone,
    PointKind,
    Rag,
    Role,
    User,
)
from tracker.models.inspection import document_title
from tracker.timeutil import long_date

# Fields whose stored value is an enum's value, by the record they belong to (None: any record).
_ENUMS: dict[tuple[str | None, str], type[enum.Enum]] = {
    (None, "rag"): Rag,
    (None, "status"): ActionStatus,
    (None, "role"): Role,
    (None, "doc_type"): DocumentKind,
    ("evidence", "kind"): EvidenceKind,
    ("improvement_point", "kind"): PointKind,
}

# Field names where the words are not simply the name with spaces.
_FIELDS = {
    "rag": "RAG rating",
    "rag_reason": "reason for the rating",
    "recovery": "recovery plan",
    "doc_type": "kind of document",
    "signed_off_at": "signed off on",
    "signed_off_by": "signed off by",
    "two_factor_secret": "two-factor key",
    "GET": "page",
    "POST": "form",
}

# Records shown by a name of their own, with the query that finds the names of a set of ids.
_RECORDS = {
    "action": "action",
    "milestone": "milestone",
    "user": "account",
    "evidence": "evidence",
    "improvement_point": "improvement point",
    "inspection": "inspection",
}


# Fields whose stored value is the id of another record (an import confirmed as an inspection), by that record.
_REFERENCES = {"inspection": "inspection"}


@dataclass(frozen=True)
class ReadableRow:
    occurred_at: datetime
    actor: str
    event: str
    record: str  # "milestone “Audit 40 contacts”", "account “Head of Service”"; "action" when linked after
    field: str | None
    plan_action_id: int | None
    plan_action: str | None  # the title of the action the event belongs to
    before: str
    after: str


def words(name: str) -> str:
    """A stored name ("rag_reason", "sign_in_failed") in words: "reason for the rating", "sign in failed"."""
    return _FIELDS.get(name, name.replace("_", " "))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def value_text(entity_type: str, field: str | None, raw: str | None) -> str:
    """A stored value as people read it: an enum by its label, a date or time written out, else as stored."""
    if raw is None:
        return ""
    kind = _ENUMS.get((entity_type, field or "")) or _ENUMS.get((None, field or ""))
    if kind is not None:
        try:
            return kind(raw).label  # type: ignore[attr-defined]
        except ValueError:
            return raw  # written by an older version under another name: shown as it was stored
    if len(raw) == 10:
        try:
            return long_date(date.fromisoformat(raw))
        except ValueError:
            return raw
    if len(raw) >= 16 and raw[10:11] == "T":
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            return raw
        return f"{long_date(moment)} {moment:%H:%M}"
    return raw


def _value(entity_type: str, field: str | None, raw: str | None, names: dict[tuple[str, int], str]) -> str:
    """A value as people read it; the id of another record by that record's name."""
    kind = _REFERENCES.get(field or "")
    if kind is not None and raw and raw.isdigit() and (kind, int(raw)) in names:
        return names[(kind, int(raw))]
    return value_text(entity_type, field, raw)


def _names(rows: list[AuditRow]) -> dict[tuple[str, int], str]:
    """The name of every record the rows mention, by (entity type, id): one query per kind of record."""
    wanted: dict[str, set[int]] = {kind: set() for kind in _RECORDS}
    for row in rows:
        if row.entity_type in wanted and row.entity_id is not None:
            wanted[row.entity_type].add(row.entity_id)
        if row.plan_action_id is not None:
            wanted["action"].add(row.plan_action_id)
        if (kind := _REFERENCES.get(row.field or "")) is not None:
            wanted[kind].update(int(v) for v in (row.before, row.after) if v and v.isdigit())
    found: dict[tuple[str, int], str] = {}

    def add(kind: str, pairs: Iterable[tuple[int, str]]) -> None:
        found.update(((kind, i), name) for i, name in pairs)

    if ids := wanted["action"]:
        add("action", db.session.execute(select(Action.id, Action.title).where(Action.id.in_(ids))).all())
    if ids := wanted["milestone"]:
        add("milestone", db.session.execute(select(Milestone.id, Milestone.title).where(Milestone.id.in_(ids))).all())
    if ids := wanted["user"]:
        add("user", db.session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all())
    if ids := wanted["evidence"]:
        add(
            "evidence",
            db.session.execute(select(Evidence.id, Evidence.description).where(Evidence.id.in_(ids))).all(),
        )
    if ids := wanted["improvement_point"]:
        points = select(ImprovementPoint.id, ImprovementPoint.kind, ImprovementPoint.number)
        add(
            "improvement_point",
            ((i, f"{k.label} {n}") for i, k, n in db.session.execute(points.where(ImprovementPoint.id.in_(ids)))),
        )
    if ids := wanted["inspection"]:
        documents = select(Inspection.id, Inspection.doc_type, Inspection.named_on).where(Inspection.id.in_(ids))
        add("inspection", ((i, document_title(k, on)) for i, k, on in db.session.execute(documents)))
    return found


def readable(rows: list[AuditRow]) -> list[ReadableRow]:
    """The rows of a page of the trail, as people read them."""
    names = _names(rows)
    result = []
    for row in rows:
        noun = _RECORDS.get(row.entity_type, row.entity_type.replace("_", " "))
        name = names.get((row.entity_type, row.entity_id)) if row.entity_id is not None else None
        if row.entity_type == "action" and row.entity_id == row.plan_action_id:
            name = None  # the page names and links the action itself after the record
            record = noun
        else:
            # A record since deleted (a draft import) keeps its number: the trail outlives it.
            record = f"{noun} “{name}”" if name else f"{noun} {row.entity_id}" if row.entity_id is not None else noun
        result.append(
            ReadableRow(
                occurred_at=row.occurred_at,
                actor=row.actor or "The system",
                event=_capital(words(row.event)),
                record=record,
                field=words(row.field) if row.field else None,
                plan_action_id=row.plan_action_id,
                plan_action=names.get(("action", row.plan_action_id)) if row.plan_action_id is not None else None,
                before=_value(row.entity_type, row.field, row.before, names),
                after=_value(row.entity_type, row.field, row.after, names),
            )
        )
    return result
