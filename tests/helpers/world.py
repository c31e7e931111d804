"""A small plan in two authorities, with a user of every role (a pytest plugin: see tests/conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from tests.helpers.data import committed
from tests.helpers.factories import make_action, make_authority, make_inspection, make_milestone, make_point, make_user
from tracker.actions import operations as ops
from tracker.extensions import db
from tracker.models import Action, Milestone, Rag, Role, User


@dataclass
class World:
    owner: User
    colleague: User  # a service manager of the same authority who does not own the action
    director: User
    admin: User
    committee: User
    outsider: User  # a service manager of another authority
    outsider_director: User
    action: Action
    milestone: Milestone
    other_action: Action  # the other authority's

    def users(self) -> dict[str, User]:
        return {
            "owner": self.owner,
            "colleague": self.colleague,
            "director": self.director,
            "admin": self.admin,
            "committee": self.committee,
            "outsider": self.outsider,
            "outsider_director": self.outsider_director,
        }


@pytest.fixture
def world(app) -> World:
    with committed(app):
        home = make_authority("Leicester City Council")
        owner = make_user(home, Role.SERVICE_MANAGER, job_title="Head of Service, Duty and Advice")
        director = make_user(home, Role.DIRECTOR, job_title="Director of Children's Services")
        action = make_action(
            make_point(make_inspection(home)), owner, director, title="Strengthen oversight", rag=Rag.GREEN
        )
        milestone = make_milestone(action, date(2026, 10, 31), title="Audit of 40 contacts")
        make_milestone(action, date(2027, 3, 31), title="Re-audit")
        away = make_authority("Leeds City Council")
        outsider = make_user(away, Role.SERVICE_MANAGER)
        other_action = make_action(make_point(make_inspection(away)), outsider, title="Leeds action")
        world = World(
            owner=owner,
            colleague=make_user(home, Role.SERVICE_MANAGER, job_title="Head of Service, Early Help"),
            director=director,
            admin=make_user(home, Role.ADMINISTRATOR),
            committee=make_user(home, Role.COMMITTEE_MEMBER),
            outsider=outsider,
            outsider_director=make_user(away, Role.DIRECTOR),
            action=action,
            milestone=milestone,
            other_action=other_action,
        )
    return world


def add_impact_evidence(app, world: World, *, shows_impact: bool = True, propose: bool = False) -> None:
    """Give the world's action a piece of evidence (of impact, or of work done), and propose it if asked (its
    milestones marked done first)."""
    with committed(app):
        action = db.session.get(Action, world.action.id)
        ops.add_evidence(
            action,
            action.owner,
            kind="audit",
            description="Re-audit: 92% of contacts decided within 24 hours.",
            evidence_date=date(2026, 11, 1),
            shows_impact=shows_impact,
            link="https://intranet.example.org/a",
        )
        if propose:  # a proposal needs every milestone done first
            for milestone in action.milestones:
                if milestone.completed_date is None:
                    ops.complete_milestone(milestone, action.owner, completed_date=date(2026, 11, 1))
            ops.propose_completion(action, action.owner)
