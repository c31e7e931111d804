"""An action's audit events as plain sentences, newest first.

"Head of Service, Duty and Advice changed RAG from Amber to Red on 3 March 2026: two chairs left."
Events written together (same moment, person and object) make one sentence where they belong together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby

from tracker.actions.completion import WITHDRAWN
from tracker.models import Action, ActionStatus, AuditEvent, EvidenceKind, Rag
from tracker.timeutil import long_date

FIELD_LABELS = {
    "rag": "RAG",
    "rag_reason": "the reason for the rating",
    "recovery": "the recovery plan",
    "status": "status",
    "title": "title",
    "description": "description",
    "owner": "owner",
    "lead_director": "lead director",
    "theme": "theme",
    "target_date": "target date",
}
ENUMS = {"rag": Rag, "status": ActionStatus, "kind": EvidenceKind}
DATE_FIELDS = {"target_date", "due_date", "completed_date", "evidence_date"}


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    sentence: str


def _value(field: str, raw: str | None) -> str:
    if raw is None or raw == "":
        return "nothing"
    if field in ENUMS:
        try:
            return ENUMS[field](raw).label
        except ValueError:
            return raw
    if field in DATE_FIELDS:
        try:
            return long_date(date.fromisoformat(raw))
        except ValueError:
            return raw
    return raw


def describe(events: Iterable[AuditEvent], action: Action) -> list[HistoryEntry]:
    """Sentences for the events (given newest first): one per change, a progress update with its rating."""
    milestones = {m.id: m.title for m in action.milestones}
    evidence = {e.id: e.description for e in action.evidence}
    entries = []
    for (at, _), batch in groupby(events, key=lambda e: (e.occurred_at, e.actor_id)):
        batch = list(batch)
        actor = batch[0].actor.display_name if batch[0].actor else "The system"
        on = long_date(at)
        by_object: dict[tuple, dict[str, AuditEvent]] = {}
        for event in batch:
            by_object.setdefault((event.entity_type, event.entity_id, event.event), {})[event.field] = event
        update = next((key for key in by_object if key[0] == "progress_update"), None)
        if update is not None:
            del by_object[update]
            changes = next((v for k, v in by_object.items() if k[0] == "action" and k[2] == "changed"), {})
            by_object.pop(("action", action.id, "changed"), None)
            entries.append(HistoryEntry(at, _update_sentence(actor, on, changes)))
        for (entity, entity_id, event), changes in by_object.items():
            if entity == "action":
                entries += [HistoryEntry(at, s) for s in _action_sentences(actor, on, event, changes)]
            elif entity == "milestone":
                title = milestones.get(entity_id)
                entries.append(HistoryEntry(at, _milestone_sentence(actor, on, event, changes, title)))
            elif entity == "challenge":
                entries.append(HistoryEntry(at, _challenge_sentence(actor, on, event, changes)))
            elif entity == "evidence":
                shows_impact = "shows_impact" in changes and changes["shows_impact"].after == "yes"
                impact = " (evidence of impact)" if shows_impact else ""
                entries.append(
                    HistoryEntry(at, f"{actor} added evidence on {on}{impact}: {evidence.get(entity_id, '')}")
                )
    return entries


def _update_sentence(actor: str, on: str, changes: dict[str, AuditEvent]) -> str:
    sentence = f"{actor} added a progress update on {on}"
    if "status" in changes and WITHDRAWN not in changes:  # a withdrawal says so itself
        status = changes["status"]
        sentence += f", moving the status from {_value('status', status.before)} to {_value('status', status.after)}"
    if "rag" in changes:
        rag = changes["rag"]
        sentence += f", and changed RAG from {_value('rag', rag.before)} to {_value('rag', rag.after)}"
        if "rag_reason" in changes:
            sentence += f": {changes['rag_reason'].after}"
        if "recovery" in changes and changes["recovery"].after:
            sentence += f" Recovery: {changes['recovery'].after}"
    elif "rag_reason" in changes:
        sentence += f", keeping the rating, because: {changes['rag_reason'].after}"
    sentence = sentence if sentence.endswith((".", "!", "?")) else sentence + "."
    if WITHDRAWN in changes:
        sentence += " " + _withdrawn_sentence(on, changes[WITHDRAWN])
    return sentence


def _withdrawn_sentence(on: str, withdrawn: AuditEvent) -> str:
    return f"The proposal to complete the action was withdrawn on {on}: {withdrawn.after}."


def _action_sentences(actor: str, on: str, event: str, changes: dict[str, AuditEvent]) -> list[str]:
    if event == "created":
        return [f"{actor} added this action to the plan on {on}."]
    sentences = []
    changes.pop("proposed_at", None)  # told by the proposal's own sentence
    withdrawn = changes.pop(WITHDRAWN, None)
    if withdrawn is not None:
        changes.pop("status", None)
        sentences.append(_withdrawn_sentence(on, withdrawn))
    returned = changes.pop("returned_reason", None)
    changes.pop("returned_by", None)
    changes.pop("returned_at", None)
    if returned is not None and returned.after:
        changes.pop("status", None)
        return [f"{actor} returned the proposal to the owner on {on}: {returned.after}"]
    if "status" in changes and changes["status"].after == ActionStatus.AWAITING_SIGN_OFF:
        return [f"{actor} proposed the action as complete on {on}."]
    reason = changes.pop("rag_reason", None)
    recovery = changes.pop("recovery", None)
    signed = changes.pop("signed_off_by", None)
    changes.pop("signed_off_at", None)
    status = changes.get("status")
    if signed and status is not None and status.after == ActionStatus.COMPLETE:
        changes.pop("status")
        changes.pop("rag", None)
        because = f": {reason.after}" if reason else "."
        return [f"{actor} signed off the action as complete on {on}{because}"]
    for name, change in changes.items():
        label = FIELD_LABELS.get(name, name.replace("_", " "))
        sentence = f"{actor} changed {label} from {_value(name, change.before)} to {_value(name, change.after)} on {on}"
        if name == "rag" and reason:
            sentence += f": {reason.after}"
            if recovery and recovery.after:
                sentence += f" Recovery: {recovery.after}"
            reason = None
        sentences.append(sentence if sentence.endswith((".", "!", "?")) else sentence + ".")
    if reason:  # the reason changed on its own
        sentences.append(f"{actor} changed the reason for the rating on {on}: {reason.after}")
    return sentences


def _milestone_sentence(actor: str, on: str, event: str, changes: dict[str, AuditEvent], title: str | None) -> str:
    name = f"“{title}”" if title else "a milestone"
    if event == "created":
        due = changes.get("due_date")
        return f"{actor} added milestone {name}, due {_value('due_date', due.after if due else None)}, on {on}."
    if "due_date" in changes:
        move = changes["due_date"]
        reason = changes["reason"].after if "reason" in changes else None
        because = f": {reason}" if reason else "."
        return (
            f"{actor} moved milestone {name} from {_value('due_date', move.before)} "
            f"to {_value('due_date', move.after)} on {on}{because}"
        )
    if "closed_reason" in changes and changes["closed_reason"].after:
        return f"{actor} closed milestone {name} as no longer needed on {on}: {changes['closed_reason'].after}"
    if "completed_date" in changes:
        done = changes["completed_date"].after
        if done:
            return f"{actor} marked milestone {name} as done on {_value('completed_date', done)} (recorded {on})."
        return f"{actor} marked milestone {name} as not done on {on}."
    fields = ", ".join(changes)
    return f"{actor} changed milestone {name} ({fields}) on {on}."


def _challenge_sentence(actor: str, on: str, event: str, changes: dict[str, AuditEvent]) -> str:
    if event == "created":
        return f"{actor} raised a challenge on {on}: {changes['question'].after}"
    answer = changes.get("answer")
    return f"{actor} answered a challenge on {on}: {answer.after if answer else ''}"
