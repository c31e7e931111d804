"""The plan: actions answering improvement points, with milestones, evidence and progress updates."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from tracker.extensions import db, only_on
from tracker.models.enums import OPEN_STATUSES, ActionStatus, EvidenceKind, Rag, enum_column_type
from tracker.timeutil import utcnow

if TYPE_CHECKING:
    from tracker.models.inspection import ImprovementPoint
    from tracker.models.user import User


class Action(db.Model):
    # Indexed with status, rating, theme and target date, the open actions of an authority (the overdue list,
    # the dashboard, the sign-off queue) or of a plan are found without reading the closed ones (most of the
    # history), and the BRAG counts are read from the index alone. An owner's open actions (their home page,
    # and the overdue list's choice of owners) come from the owner and status index in the same way.
    __table_args__ = (
        Index("ix_action_authority_status", "authority_id", "status", "rag", "theme", "target_date"),
        Index("ix_action_point_status", "improvement_point_id", "status", "rag", "theme", "target_date"),
        Index("ix_action_owner_status", "owner_id", "status", "authority_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    improvement_point_id: Mapped[int] = mapped_column(ForeignKey("improvement_point.id"))
    # The authority of the action's document, kept on the action itself (set with its point, which never
    # changes): reached through the point and document, an authority's actions took a look in the index for
    # every point it ever had, in every open status; a council with years of history has hundreds.
    authority_id: Mapped[int] = mapped_column(ForeignKey("authority.id"))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    lead_director_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    theme: Mapped[str] = mapped_column(String(100))
    target_date: Mapped[date]
    status: Mapped[ActionStatus] = mapped_column(enum_column_type(ActionStatus), default=ActionStatus.NOT_STARTED)
    rag: Mapped[Rag] = mapped_column(enum_column_type(Rag))  # always given: no rating is assumed
    rag_reason: Mapped[str] = mapped_column(Text, default="")
    # For Red or Amber: what will bring it back on track (asked for whenever a rating gets worse).
    recovery: Mapped[str | None] = mapped_column(Text)
    signed_off_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    signed_off_at: Mapped[datetime | None]
    # The latest proposal a director sent back, with why; cleared when the owner proposes again.
    returned_reason: Mapped[str | None] = mapped_column(Text)
    returned_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    returned_at: Mapped[datetime | None]
    # When the owner proposed it as complete: the sign-off queue's date and order, which a later edit of the
    # action must not reset (updated_at moves with every change). Cleared when the proposal is returned or
    # withdrawn; kept once signed off.
    proposed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Optimistic locking: SQLAlchemy adds "AND version = :old" to every UPDATE and raises StaleDataError
    # when another save got there first.
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    improvement_point: Mapped[ImprovementPoint] = relationship(back_populates="actions")
    owner: Mapped[User] = relationship(foreign_keys=[owner_id])
    lead_director: Mapped[User] = relationship(foreign_keys=[lead_director_id])
    signed_off_by: Mapped[User | None] = relationship(foreign_keys=[signed_off_by_id])
    returned_by: Mapped[User | None] = relationship(foreign_keys=[returned_by_id])
    challenges: Mapped[list[Challenge]] = relationship(
        back_populates="action", order_by="[Challenge.raised_at, Challenge.id]"
    )
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="action", order_by="[Milestone.due_date, Milestone.id]"
    )
    evidence: Mapped[list[Evidence]] = relationship(
        back_populates="action", order_by="[Evidence.evidence_date, Evidence.id]"
    )
    updates: Mapped[list[ProgressUpdate]] = relationship(
        back_populates="action", order_by="[ProgressUpdate.created_at, ProgressUpdate.id]"
    )

    @validates("improvement_point")
    def _authority_of_point(self, _key, point: ImprovementPoint) -> ImprovementPoint:
        self.authority_id = point.inspection.authority_id
        return point

    @property
    def is_complete(self) -> bool:
        """Only a signed-off action counts as complete."""
        return self.status == ActionStatus.COMPLETE and self.signed_off_at is not None

    @hybrid_property
    def is_open(self) -> bool:
        """Not yet complete. In a query, the open statuses listed, so the status index is used."""
        return self.status != ActionStatus.COMPLETE

    @is_open.inplace.expression
    @classmethod
    def _is_open_expression(cls):
        return cls.status.in_(OPEN_STATUSES)


class Milestone(db.Model):
    # An action's milestones not done, by due date: the next one and the overdue ones, from the index.
    # On PostgreSQL also the milestones not done, by due date, whatever their action: its planner, asked for
    # an authority's overdue milestones, would rather read every milestone than look up a thousand actions'
    # in the first index; given this one it reads only those not done and due before the day. SQLite is
    # not given it: with statistics, its planner takes it too, and reads every council's overdue milestones
    # where the first index reads only the one council's.
    __table_args__ = (
        Index("ix_milestone_action_open", "action_id", "completed_date", "due_date"),
        Index(
            "ix_milestone_not_done_due",
            "due_date",
            "action_id",
            postgresql_where=text("completed_date IS NULL"),
            info=only_on("postgresql"),
        ).ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id"))
    title: Mapped[str] = mapped_column(String(300))
    due_date: Mapped[date]
    # The date first agreed; kept when the milestone is re-planned so both can be shown side by side.
    original_due_date: Mapped[date]
    # Set when the milestone was done, or closed as no longer needed (the day closed): either way it is no
    # longer open. A closed one keeps why it was closed, so it is never shown as done.
    completed_date: Mapped[date | None]
    closed_reason: Mapped[str | None] = mapped_column(Text)

    action: Mapped[Action] = relationship(back_populates="milestones")
    replans: Mapped[list[MilestoneReplan]] = relationship(
        back_populates="milestone", order_by="[MilestoneReplan.replanned_at, MilestoneReplan.id]"
    )

    @property
    def is_closed(self) -> bool:
        """Closed as no longer needed, not done."""
        return self.closed_reason is not None

    @property
    def times_moved(self) -> int:
        return len(self.replans)


class MilestoneReplan(db.Model):
    """One move of a milestone's due date, with the reason given."""

    id: Mapped[int] = mapped_column(primary_key=True)
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestone.id"), index=True)
    previous_due_date: Mapped[date]
    new_due_date: Mapped[date]
    reason: Mapped[str] = mapped_column(Text)
    replanned_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    replanned_at: Mapped[datetime] = mapped_column(default=utcnow)

    milestone: Mapped[Milestone] = relationship(back_populates="replans")
    replanned_by: Mapped[User] = relationship()


class Evidence(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id"), index=True)
    kind: Mapped[EvidenceKind] = mapped_column(enum_column_type(EvidenceKind))
    description: Mapped[str] = mapped_column(Text)
    evidence_date: Mapped[date]
    link: Mapped[str | None] = mapped_column(String(2000))
    # An uploaded file lives outside the web root under a generated name; the user's name is kept to show.
    stored_filename: Mapped[str | None] = mapped_column(String(100))
    original_filename: Mapped[str | None] = mapped_column(String(255))
    content_type: Mapped[str | None] = mapped_column(String(100))
    size_bytes: Mapped[int | None]
    added_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Evidence that the action made a difference for children, not merely that it was done.
    shows_impact: Mapped[bool] = mapped_column(default=False)

    action: Mapped[Action] = relationship(back_populates="evidence")
    added_by: Mapped[User] = relationship()


class ProgressUpdate(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id"), index=True)
    narrative: Mapped[str] = mapped_column(Text)
    rag: Mapped[Rag] = mapped_column(enum_column_type(Rag))
    rag_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    recovery: Mapped[str | None] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    action: Mapped[Action] = relationship(back_populates="updates")
    author: Mapped[User] = relationship()


class Challenge(db.Model):
    """A director's question about an action, which its owner must answer."""

    # The open challenges, oldest first, are found from here rather than by walking every action of a plan.
    __table_args__ = (Index("ix_challenge_open", "answered_at", "raised_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id"), index=True)
    question: Mapped[str] = mapped_column(Text)
    raised_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    raised_at: Mapped[datetime] = mapped_column(default=utcnow)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    answered_at: Mapped[datetime | None]
    # A director read the answer and accepted it: it leaves the directors' dashboard.
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    accepted_at: Mapped[datetime | None]

    action: Mapped[Action] = relationship(back_populates="challenges")
    raised_by: Mapped[User] = relationship(foreign_keys=[raised_by_id])
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])
    accepted_by: Mapped[User | None] = relationship(foreign_keys=[accepted_by_id])

    @property
    def is_open(self) -> bool:
        return self.answered_at is None

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None
