"""The closed vocabularies of the domain. Stored as their values, checked by the database."""

import enum

import sqlalchemy as sa

# Defined with the parser's words in tracker.vocabulary (one list for the whole program); re-exported here.
from tracker.vocabulary import DocumentKind, FrameworkArea, LabelledEnum, PointKind

__all__ = ["DocumentKind", "FrameworkArea", "LabelledEnum", "PointKind"]


class Role(LabelledEnum):
    ADMINISTRATOR = "administrator", "Administrator"
    DIRECTOR = "director", "Director"
    SERVICE_MANAGER = "service_manager", "Service manager"
    COMMITTEE_MEMBER = "committee_member", "Committee member"
    # Runs the installation: adds councils and their first administrators; belongs to no council and never
    # sees plan data. Made only by `users create-operator`.
    OPERATOR = "service_operator", "Service operator"


# The roles a council's administrator may give (an operator is never made on the Accounts pages).
COUNCIL_ROLES = (Role.ADMINISTRATOR, Role.DIRECTOR, Role.SERVICE_MANAGER, Role.COMMITTEE_MEMBER)


class Theme(LabelledEnum):
    """The fixed list of themes an improvement point is filed under (the rules that assign them are in
    tracker/points/themes.py). Order is the order they are listed in."""

    MANAGEMENT_OVERSIGHT = "management_oversight", "Management oversight and supervision"
    ASSESSMENTS = "assessments", "Assessments"
    PLANNING = "planning", "Plans and planning"
    FRONT_DOOR = "front_door", "Front door, contacts and thresholds"
    EARLY_HELP = "early_help", "Early help and step-up/step-down"
    QUALITY_ASSURANCE = "quality_assurance", "Audit and quality assurance"
    WORKFORCE = "workforce", "Workforce and caseloads"
    PARTICIPATION = "participation", "Children's participation and voice"
    DISABLED_CHILDREN = "disabled_children", "Disabled children"
    PRIVATE_FOSTERING = "private_fostering", "Private fostering"
    CHILDREN_IN_CARE = "children_in_care", "Children in care and permanence"
    CARE_LEAVERS = "care_leavers", "Care leavers"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education and virtual school"
    COMMISSIONING = "commissioning", "Commissioning and sufficiency"
    CORPORATE_PARENTING = "corporate_parenting", "Corporate parenting and elected members"
    COURT = "court", "Pre-proceedings and court"
    CHILD_PROTECTION_MEETINGS = "cp_meetings", "Child protection conferences and strategy meetings"


class ActionStatus(LabelledEnum):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    AWAITING_SIGN_OFF = "awaiting_sign_off", "Awaiting sign-off"
    COMPLETE = "complete", "Complete"


# Listed rather than "not complete", so the database can seek the open actions in the status index.
OPEN_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.AWAITING_SIGN_OFF)


class Rag(LabelledEnum):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    BLUE = "blue", "Blue"

    @property
    def tag_colour(self) -> str:
        """The GOV.UK tag modifier for this rating."""
        return {"red": "red", "amber": "orange", "green": "green", "blue": "blue"}[self.value]

    @property
    def severity(self) -> int:
        """Higher is worse; Blue (signed-off complete) is the best."""
        return {"blue": 0, "green": 1, "amber": 2, "red": 3}[self.value]


class EvidenceKind(LabelledEnum):
    DOCUMENT = "document", "Document"
    AUDIT = "audit", "Audit"
    PERFORMANCE_DATA = "performance_data", "Performance data"
    FEEDBACK = "feedback", "Feedback"
    MINUTES = "minutes", "Minutes"
    TRAINING = "training", "Training record"
    OTHER = "other", "Other"


def enum_column_type(enum_cls: type[enum.Enum]) -> sa.Enum:
    """A portable VARCHAR with a CHECK constraint (no PostgreSQL enum types to migrate)."""
    return sa.Enum(
        enum_cls,
        native_enum=False,
        create_constraint=True,
        length=32,
        name=enum_cls.__name__.lower(),
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
