from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy import ForeignKey, LargeBinary, Text
from sqlalchemy.orm import Mapped, column_property, deferred, mapped_column, relationship

from tracker.extensions import db
from tracker.models.enums import LabelledEnum, enum_column_type
from tracker.timeutil import utcnow

if TYPE_CHECKING:
    from tracker.models.report import CommitteeReport
    from tracker.models.user import User


class JobKind(LabelledEnum):
    DOCX = "docx", "Word file"
    PDF = "pdf", "PDF"
    PUBLISH = "publish", "Publishing"


class JobState(LabelledEnum):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "In progress"
    DONE = "done", "Finished"
    FAILED = "failed", "Failed"


UNFINISHED = (JobState.QUEUED, JobState.RUNNING)


class ReportJob(db.Model):
    """Work on a committee report done by the job worker, not in a request: a draft's Word or PDF file, or
    publishing it. Pages read this row (never the queue's own store), so they work whatever the queue is."""

    __table_args__ = (
        # At most one unfinished job of each kind per report: a second click, or two at once, reuses it.
        sa.Index(
            "ix_report_job_one_unfinished",
            "report_id",
            "kind",
            unique=True,
            sqlite_where=sa.text("state IN ('queued', 'running')"),
            postgresql_where=sa.text("state IN ('queued', 'running')"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("committee_report.id"), index=True)
    kind: Mapped[JobKind] = mapped_column(enum_column_type(JobKind))
    state: Mapped[JobState] = mapped_column(enum_column_type(JobState), default=JobState.QUEUED)
    message: Mapped[str | None] = mapped_column(Text)  # why it failed, in words for the director
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    file: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))  # a render job's file, once made
    appendix_file: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))  # its appendices' own file
    has_appendix_file: Mapped[bool] = column_property(appendix_file.columns[0].is_not(None))  # without loading it

    report: Mapped[CommitteeReport] = relationship()
    requested_by: Mapped[User] = relationship()

    @property
    def finished(self) -> bool:
        return self.state not in UNFINISHED
