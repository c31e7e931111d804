"""What changed, as small records: each names its action and plan, who made the change and when."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from tracker.models import Rag


@dataclass(frozen=True)
class Subject:
    """The action a change is about, and its plan (the document it answers)."""

    action_id: int
    action: str
    plan_id: int
    plan: str
    theme: str


@dataclass(frozen=True)
class RatingMove:
    subject: Subject
    when: datetime  # naive UTC, as recorded
    who: str
    from_rag: Rag | None
    to_rag: Rag
    why: str  # the reason for the rating standing with the move
    recovery: str | None  # what will bring it back on track, for Red or Amber

    @property
    def recovery_to_add(self) -> str | None:
        """The recovery, unless the reason already says it: owners often write the recovery into the reason too,
        and a table saying the same sentence twice in one cell reads as an error."""
        if not self.recovery or " ".join(self.recovery.split()).rstrip(".") in " ".join(self.why.split()):
            return None
        return self.recovery


@dataclass(frozen=True)
class NewlyOverdue:
    """An action whose target date, or a milestone whose due date, fell in the period and was not done by its end."""

    subject: Subject
    milestone: str | None  # None: the action itself
    due: date  # the date as it stood at the end of the period
    owner: str

    @property
    def kind(self) -> str:
        return "Milestone" if self.milestone else "Action"


@dataclass(frozen=True)
class MilestoneMove:
    subject: Subject
    milestone: str
    from_date: date
    to_date: date
    reason: str
    who: str
    when: datetime


@dataclass(frozen=True)
class Decision:
    """A proposal of completion, a return to the owner (with why) or a sign-off (with why)."""

    subject: Subject
    who: str
    when: datetime
    reason: str = ""


@dataclass(frozen=True)
class ChallengeRaised:
    subject: Subject
    question: str
    who: str
    when: datetime


@dataclass(frozen=True)
class ChallengeAnswered:
    subject: Subject
    question: str
    answer: str
    who: str
    when: datetime


@dataclass
class Changes:
    """Everything that changed in the period, each list in the order it happened (overdue: by date due)."""

    since: date
    until: date
    rating_moves: list[RatingMove] = field(default_factory=list)
    newly_overdue: list[NewlyOverdue] = field(default_factory=list)
    milestones_moved: list[MilestoneMove] = field(default_factory=list)
    proposals: list[Decision] = field(default_factory=list)
    returns: list[Decision] = field(default_factory=list)
    sign_offs: list[Decision] = field(default_factory=list)
    challenges_raised: list[ChallengeRaised] = field(default_factory=list)
    challenges_answered: list[ChallengeAnswered] = field(default_factory=list)

    @property
    def nothing(self) -> bool:
        return not any(
            (
                self.rating_moves,
                self.newly_overdue,
                self.milestones_moved,
                self.proposals,
                self.returns,
                self.sign_offs,
                self.challenges_raised,
                self.challenges_answered,
            )
        )


def person(name: str | None, job_title: str | None) -> str:
    """Who did something, by name and job title ("Sam Patel, Head of Service"), or by job title alone."""
    if not job_title and not name:
        return "The system"
    if name and job_title:
        return f"{name}, {job_title}"
    return name or job_title or ""
