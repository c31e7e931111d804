"""The result of reading an inspection document, and the one error type callers need to catch."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

DOC_TYPES = (
    "inspection_report",
    "focused_visit",
    "monitoring_visit",
    "jtai",
    "unannounced_inspection",
    "committee_report",
)

# In the order a plan lists them: priority actions are the most urgent.
POINT_KINDS = (
    "area_for_priority_action",
    "recommendation",
    "what_needs_to_improve",
    "area_for_improvement",
    "area_for_development",
)

GRADES = ("Outstanding", "Good", "Requires improvement to be good", "Inadequate")


class DocumentError(Exception):
    """Bad input. str(exc) is a plain sentence that can be shown to the person who uploaded the file."""


@dataclass(frozen=True)
class Judgement:
    area: str
    grade: str


@dataclass(frozen=True)
class ImprovementPoint:
    kind: str
    number: int
    text: str


@dataclass(frozen=True)
class SupportingParagraph:
    """A paragraph of findings that lies behind a recommendation, marked "(Recommendation)" in the report."""

    number: int | None  # the paragraph's number in the report, if numbered
    text: str  # the paragraph without its number and without the "(Recommendation)" marker


@dataclass
class ParsedDocument:
    authority: str | None
    doc_type: str
    visit_start: date | None
    visit_end: date | None
    published: date | None  # a committee report's meeting date
    judgements: list[Judgement] = field(default_factory=list)
    overall_effectiveness: str | None = None
    improvement_points: list[ImprovementPoint] = field(default_factory=list)
    strengths: list[str] = field(default_factory=list)
    source_text: str = ""
    supporting_paragraphs: list[SupportingParagraph] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The JSON shape `inspection parse` prints (source_text left out: it is the input)."""

        def iso(value: date | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "authority": self.authority,
            "doc_type": self.doc_type,
            "visit_start": iso(self.visit_start),
            "visit_end": iso(self.visit_end),
            "published": iso(self.published),
            "judgements": [{"area": j.area, "grade": j.grade} for j in self.judgements],
            "overall_effectiveness": self.overall_effectiveness,
            "improvement_points": [
                {"kind": p.kind, "number": p.number, "text": p.text} for p in self.improvement_points
            ],
            "strengths": list(self.strengths),
            "supporting_paragraphs": [{"number": p.number, "text": p.text} for p in self.supporting_paragraphs],
        }

    @classmethod
    def from_dict(cls, data: dict, source_text: str) -> ParsedDocument:
        """The document again from what to_dict gave (the sandbox's reader sends it so) and its text."""

        def day(value: str | None) -> date | None:
            return date.fromisoformat(value) if value else None

        return cls(
            authority=data["authority"],
            doc_type=data["doc_type"],
            visit_start=day(data["visit_start"]),
            visit_end=day(data["visit_end"]),
            published=day(data["published"]),
            judgements=[Judgement(**j) for j in data["judgements"]],
            overall_effectiveness=data["overall_effectiveness"],
            improvement_points=[ImprovementPoint(**p) for p in data["improvement_points"]],
            strengths=list(data["strengths"]),
            source_text=source_text,
            supporting_paragraphs=[SupportingParagraph(**p) for p in data["supporting_paragraphs"]],
        )
