"""The result of reading an inspection document, and the one error type callers need to catch."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tracker.vocabulary import DocumentKind, FrameworkArea, PointKind

# The parser speaks the program's one vocabulary (tracker.vocabulary) as plain strings.
DOC_TYPES = tuple(kind.value for kind in DocumentKind)
POINT_KINDS = tuple(kind.value for kind in PointKind)  # in the order a plan lists them
FRAMEWORK_AREAS = tuple(area.value for area in FrameworkArea)

# Whether a document's improvement points were read (ParsedDocument.points_status).
POINTS_FOUND = "found"
# Recognised as an inspection document whose points could not be read: said plainly, never passed off
# as a document with nothing to improve. ParsedDocument.passage holds where they should be.
POINTS_NOT_READ = "not_read"
# The document truly has nothing to improve (a focused visit with no "What needs to improve" section).
NOTHING_TO_IMPROVE = "nothing_to_improve"
POINTS_STATUSES = (POINTS_FOUND, POINTS_NOT_READ, NOTHING_TO_IMPROVE)

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
    text: str  # without a National Framework cross-reference, which is kept in `framework`
    framework: tuple[str, ...] = ()  # FrameworkArea values the document cross-references, in its order


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
    points_status: str = POINTS_FOUND
    # Where the points should be when they could not be read (points_status POINTS_NOT_READ): the lines
    # a person marks by hand. Empty otherwise.
    passage: list[str] = field(default_factory=list)
    # For a committee report, the date Ofsted published the report it reports (where the paper says;
    # `published` is then the meeting's date). Ofsted's deadline for the action plan runs from it.
    ofsted_published: date | None = None

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
            "ofsted_published": iso(self.ofsted_published),
            "judgements": [{"area": j.area, "grade": j.grade} for j in self.judgements],
            "overall_effectiveness": self.overall_effectiveness,
            "improvement_points": [
                {"kind": p.kind, "number": p.number, "text": p.text, "framework": list(p.framework)}
                for p in self.improvement_points
            ],
            "strengths": list(self.strengths),
            "supporting_paragraphs": [{"number": p.number, "text": p.text} for p in self.supporting_paragraphs],
            "points_status": self.points_status,
            "passage": list(self.passage),
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
            ofsted_published=day(data.get("ofsted_published")),
            judgements=[Judgement(**j) for j in data["judgements"]],
            overall_effectiveness=data["overall_effectiveness"],
            improvement_points=[
                ImprovementPoint(p["kind"], p["number"], p["text"], tuple(p["framework"]))
                for p in data["improvement_points"]
            ],
            strengths=list(data["strengths"]),
            source_text=source_text,
            supporting_paragraphs=[SupportingParagraph(**p) for p in data["supporting_paragraphs"]],
            points_status=data["points_status"],
            passage=list(data["passage"]),
        )
