"""Who may read and change an action.

Anyone with a plan role in the action's authority may read it. Its owner, and the authority's directors
and administrators, may change it. Another authority's action answers 404, as if it did not exist.
"""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker.extensions import db
from tracker.models import Action, ImprovementPoint, Role, User
from tracker.security import found_in_authority

UPDATERS = (Role.DIRECTOR, Role.ADMINISTRATOR)


def may_update(user: User, action: Action) -> bool:
    return user.role in UPDATERS or action.owner_id == user.id


def action_in_authority(action_id: int, *options) -> Action:
    """The action if it belongs to the signed-in user's authority; otherwise 404."""
    action = db.session.scalar(
        select(Action).where(Action.id == action_id, Action.authority_id == current_user.authority_id).options(*options)
    )
    return found_in_authority(action, Action, action_id)


def action_for_update(action_id: int) -> Action:
    """The action if the signed-in user may change it: 404 outside their authority, 403 if not theirs."""
    action = action_in_authority(
        action_id,
        joinedload(Action.owner),
        joinedload(Action.improvement_point).joinedload(ImprovementPoint.inspection),
    )
    if not may_update(current_user, action):
        abort(403)
    return action
