"""The words the whole program shares about Ofsted documents: the kinds of document, the kinds of
improvement point, and the parts of the Children's Social Care National Framework that 2025–26 reports
cross-reference. Defined once here; the parser, the models, the forms and the pages all use these.

Plain standard library only: the document reader runs in a process of its own that loads nothing else.
"""

from __future__ import annotations

import enum


class LabelledEnum(enum.StrEnum):
    """A string enum whose members carry the label users read."""

    label: str

    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]


class DocumentKind(LabelledEnum):
    INSPECTION_REPORT = "inspection_report", "Inspection report"
    FOCUSED_VISIT = "focused_visit", "Focused visit letter"
    MONITORING_VISIT = "monitoring_visit", "Monitoring visit letter"
    JTAI = "jtai", "Joint targeted area inspection letter"
    UNANNOUNCED_INSPECTION = "unannounced_inspection", "Annual unannounced inspection letter"
    COMMITTEE_REPORT = "committee_report", "Committee report"


class PointKind(LabelledEnum):
    """What a document calls its improvement points, in the order a plan lists them (most urgent first).
    A point keeps the kind its document gave it: "Priority and immediate action" (single inspection
    framework reports of 2013–2015) is not renamed "Area for priority action"."""

    PRIORITY_AND_IMMEDIATE_ACTION = "priority_and_immediate_action", "Priority and immediate action"
    AREA_FOR_PRIORITY_ACTION = "area_for_priority_action", "Area for priority action"
    RECOMMENDATION = "recommendation", "Recommendation"
    WHAT_NEEDS_TO_IMPROVE = "what_needs_to_improve", "What needs to improve"
    AREA_FOR_IMPROVEMENT = "area_for_improvement", "Area for improvement"
    AREA_FOR_DEVELOPMENT = "area_for_development", "Area for development"
    # Single inspection framework reports end with recommendations to the Local Safeguarding Children
    # Board, a separate body: shown with the report, but not the council's to answer unless it chooses.
    PARTNERSHIP_RECOMMENDATION = "partnership_recommendation", "Recommendation to the safeguarding partnership"

    @property
    def urgent(self) -> bool:
        """A kind that brings Ofsted's shorter clock: a first action plan within 20 working days."""
        return self in (PointKind.PRIORITY_AND_IMMEDIATE_ACTION, PointKind.AREA_FOR_PRIORITY_ACTION)

    @property
    def answered_by_council(self) -> bool:
        """Whether an import makes the point part of the council's plan by default."""
        return self is not PointKind.PARTNERSHIP_RECOMMENDATION

    @property
    def plural(self) -> str:
        """The heading a document puts over its points of this kind ("What needs to improve" is its own)."""
        return _POINT_PLURALS.get(self, self.label)


_POINT_PLURALS = {
    PointKind.AREA_FOR_PRIORITY_ACTION: "Areas for priority action",
    PointKind.RECOMMENDATION: "Recommendations",
    PointKind.AREA_FOR_IMPROVEMENT: "Areas for improvement",
    PointKind.AREA_FOR_DEVELOPMENT: "Areas for development",
    PointKind.PARTNERSHIP_RECOMMENDATION: "Recommendations to the safeguarding partnership",
}


class FrameworkArea(LabelledEnum):
    """The outcomes, enablers and principles of the Children's Social Care: National Framework (DfE,
    December 2023). From 2025 Ofsted ends each area for improvement with the one it most concerns,
    "(outcome 2, national framework)", so a plan can be read by them."""

    OUTCOME_1 = "outcome_1", "Children, young people and families stay together and get the help they need"
    OUTCOME_2 = "outcome_2", "Children and young people are supported by their family network"
    OUTCOME_3 = "outcome_3", "Children and young people are safe in and outside of their homes"
    OUTCOME_4 = "outcome_4", "Children in care and care leavers have stable, loving homes"
    ENABLER_1 = "enabler_1", "Multi-agency working is prioritised and effective"
    ENABLER_2 = "enabler_2", "Leaders drive conditions for effective practice"
    ENABLER_3 = "enabler_3", "The workforce is equipped and effective"
    PRINCIPLE_1 = "principle_1", "Children's welfare is paramount"
    PRINCIPLE_2 = "principle_2", "Children's wishes and feelings are sought, heard and responded to"
    PRINCIPLE_3 = "principle_3", "Children's social care works in partnership with whole families"
    PRINCIPLE_4 = (
        "principle_4",
        (
            "Children are raised by their families, with their family networks or in family environments "
            "wherever possible"
        ),
    )
    PRINCIPLE_5 = (
        "principle_5",
        (
            "Local authorities work with other agencies to effectively identify and meet the needs of children, "
            "young people and families"
        ),
    )
    PRINCIPLE_6 = (
        "principle_6",
        (
            "Local authorities have a responsibility to promote stability and quality of life for children, "
            "young people and families"
        ),
    )

    @property
    def part(self) -> str:
        """ "Outcome", "Enabler" or "Principle"."""
        return self.value.split("_")[0].capitalize()

    @property
    def number(self) -> int:
        return int(self.value.split("_")[1])

    @property
    def short_label(self) -> str:
        """ "Outcome 3", as Ofsted cites it."""
        return f"{self.part} {self.number}"

    @property
    def full_label(self) -> str:
        """ "Outcome 3: Children and young people are …": how a list or filter names the area."""
        return f"{self.short_label}: {self.label}"
