"""The tracker's data model. Import models from here."""

from tracker.models.audit import AuditEvent
from tracker.models.authority import Authority
from tracker.models.document_import import DocumentImport
from tracker.models.enums import (
    COUNCIL_ROLES,
    ActionStatus,
    DocumentKind,
    EvidenceKind,
    FrameworkArea,
    PointKind,
    Rag,
    Role,
    Theme,
)
from tracker.models.held_input import HeldInput
from tracker.models.history import PastInspection
from tracker.models.inspection import (
    ImprovementPoint,
    Inspection,
    Judgement,
    PointFrameworkArea,
    PointRecurrence,
    PointTheme,
    SourceKind,
    Strength,
    SupportingParagraph,
)
from tracker.models.plan import Action, Challenge, Evidence, Milestone, MilestoneReplan, ProgressUpdate
from tracker.models.reminder import ReminderSent
from tracker.models.report import CommitteeReport
from tracker.models.report_job import JobKind, JobState, ReportJob
from tracker.models.report_template import ReportTemplate
from tracker.models.user import User

__all__ = [
    "COUNCIL_ROLES",
    "Action",
    "ActionStatus",
    "AuditEvent",
    "Challenge",
    "CommitteeReport",
    "Authority",
    "DocumentImport",
    "PastInspection",
    "SourceKind",
    "DocumentKind",
    "Evidence",
    "EvidenceKind",
    "FrameworkArea",
    "HeldInput",
    "ImprovementPoint",
    "JobKind",
    "JobState",
    "Inspection",
    "Judgement",
    "Milestone",
    "MilestoneReplan",
    "PointFrameworkArea",
    "PointKind",
    "PointRecurrence",
    "PointTheme",
    "ProgressUpdate",
    "Rag",
    "ReminderSent",
    "ReportTemplate",
    "ReportJob",
    "Role",
    "Strength",
    "SupportingParagraph",
    "Theme",
    "User",
]
