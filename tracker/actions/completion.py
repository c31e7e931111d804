"""When an action may be called complete: the one rule for proposing it, signing it off and offering either.

An action is complete only when the work is finished and shown to have made a difference: evidence of its
impact, a rating that is not Red, and no milestone open (each done, or closed as no longer needed with a
reason). A milestone is open while it has no completed date, the definition every list uses.
"""

from __future__ import annotations

from tracker.models import Action, Milestone, Rag

# The audit field recording why a pending proposal was withdrawn (no column: the trail is its record).
WITHDRAWN = "proposal_withdrawn"

NO_IMPACT = "There is no evidence of the action's impact yet"
RED = "The action is rated Red: an action still off track is not complete"


def open_milestones(action: Action) -> list[Milestone]:
    return [m for m in action.milestones if m.completed_date is None]


def completion_blockers(action: Action) -> list[str]:
    """What stops the action being proposed or signed off as complete, in plain English; empty when nothing."""
    blockers = []
    if not any(e.shows_impact for e in action.evidence):
        blockers.append(NO_IMPACT)
    if action.rag == Rag.RED:
        blockers.append(RED)
    blockers += [
        f"The milestone “{m.title}” is not done: mark it as done, or close it as no longer needed"
        for m in open_milestones(action)
    ]
    return blockers
