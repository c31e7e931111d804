"""One action with an open challenge, its owner and a director: what the scale-out tests work on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tests.helpers.factories import make_authority, make_inspection, make_point, make_user
from tracker.actions import operations as ops
from tracker.extensions import db
from tracker.models import Rag, Role, Theme


@dataclass(frozen=True)
class Team:
    action_id: int
    owner_email: str
    director_email: str
    challenge_id: int


def seed(app) -> Team:
    """One action with an open challenge, its owner and a director."""
    with app.app_context():
        authority = make_authority()
        owner = make_user(authority, Role.SERVICE_MANAGER)
        director = make_user(authority, Role.DIRECTOR)
        action = ops.create_action(
            make_point(make_inspection(authority)),
            director,
            title="Busy action",
            description="Everyone adds to it at once.",
            owner=owner,
            lead_director=director,
            theme=Theme.FRONT_DOOR,
            target_date=date(2027, 3, 31),
            rag=Rag.GREEN,
            rag_reason="New action; not yet started.",
        )
        challenge = ops.raise_challenge(action, director, question="Why has the audit not started?")
        db.session.commit()
        return Team(action.id, owner.email, director.email, challenge.id)
