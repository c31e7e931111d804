"""A point's first action, drafted from the point itself: the one rule for the import's draft actions and for
the action made when the council starts answering a point it did not.

Whoever drafts it chooses its owner (a service manager), its lead director, its target date and its RAG rating
(none is preselected: a draft is not on track just because nobody said otherwise); the title, description and
theme come from the point. The caller commits.
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from tracker.actions.operations import create_action
from tracker.date_rules import not_in_past_problem
from tracker.extensions import db
from tracker.models import Action, ImprovementPoint, Rag, Role, User
from tracker.points.themes import classify

DRAFT_REASON = "New action drafted from the improvement point; not yet started."
TITLE_LIMIT = 150
RAG_MISSING = "Select a RAG rating"


def people(authority_id: int) -> tuple[list[User], list[User]]:
    """The authority's active service managers and directors: who may own and lead a draft action."""

    def having(role: Role) -> list[User]:
        return list(
            db.session.scalars(
                select(User)
                .where(User.authority_id == authority_id, User.active.is_(True), User.role == role)
                .order_by(User.job_title, User.id)
            )
        )

    return having(Role.SERVICE_MANAGER), having(Role.DIRECTOR)


def target_date_problem(target_date: date | None, label: str) -> str | None:
    """What is wrong with a draft action's target date (its field labelled `label`), or None."""
    if target_date is None:
        return f"Enter the {label.lower()}"
    return not_in_past_problem(target_date, "The target date")


def chosen_rag(value: str | None) -> Rag | None:
    """The draft's rating as posted, if it is one a person may choose (Blue comes only with a sign-off)."""
    return next((r for r in Rag if r != Rag.BLUE and r.value == value), None)


def create_draft_action(
    point: ImprovementPoint, actor: User, *, owner: User, lead_director: User, target_date: date, rag: Rag
) -> Action:
    """The point's draft action, audited as its creation."""
    return create_action(
        point,
        actor,
        title=draft_title(point.text, point.label),
        description=point.text,
        owner=owner,
        lead_director=lead_director,
        theme=classify(point.text)[0],  # the strongest; point.themes is in the list's order
        target_date=target_date,
        rag=rag,
        rag_reason=DRAFT_REASON,
    )


# A sentence ends at a full stop followed by a capital ("e.g. child in need" does not end one).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def draft_title(text: str, label: str) -> str:
    """An action's first title: the point's first sentence, shortened at a word if long."""
    first = _SENTENCE_END.split(text.strip(), maxsplit=1)[0].rstrip(".").strip()
    if not re.search(r"\w", first):
        return f"Respond to {label.lower()}"
    if len(first) <= TITLE_LIMIT:
        return first
    return first[: TITLE_LIMIT - 1].rsplit(" ", 1)[0] + "…"
