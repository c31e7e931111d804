"""Refusing a save made over someone else's newer one, and saying what they changed (optimistic locking)."""

from __future__ import annotations

from tracker.actions import queries
from tracker.actions.access import action_for_update
from tracker.actions.history import HistoryEntry, describe
from tracker.extensions import db
from tracker.forms import VersionedForm
from tracker.models import Action

CONFLICT = (
    "Someone else changed this action while you were editing it. Your changes have not been saved: "
    "check what they changed, then save your changes again."
)


def stamp(form: VersionedForm, action: Action) -> None:
    form.version.data = str(action.version)
    form.seen_event.data = str(queries.latest_event_id(action.id))


def conflict_with_newer(form: VersionedForm, action: Action) -> list[HistoryEntry] | None:
    """If the action changed since the form was loaded: what changed (and the form is ready to save again)."""
    if form.version.data == str(action.version):
        return None
    try:
        seen = int(form.seen_event.data)
    except (TypeError, ValueError):
        seen = None
    changes = describe(queries.history_events(action.id, after_event=seen), action)
    form.form_errors.append(CONFLICT)
    stamp(form, action)  # the user's input stays; saving again applies it over the newer version
    return changes


def lost_race(form: VersionedForm, action_id: int) -> tuple[Action, list[HistoryEntry]]:
    """Another save landed between our check and our commit (StaleDataError): start again from the database."""
    db.session.rollback()
    action = action_for_update(action_id)
    form.version.data = "stale"
    return action, conflict_with_newer(form, action) or []
