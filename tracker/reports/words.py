"""How a paper speaks: the words for each kind of Ofsted document, and the small rules for headings and counts
that every part of the paper shares."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tracker.models import DocumentKind, Inspection, PointKind
from tracker.timeutil import long_date


def _dates(inspection: Inspection) -> str:
    start, end = inspection.visit_start, inspection.visit_end
    if start and end and start != end:
        return f"from {long_date(start)} to {long_date(end)}"
    if start:
        return f"on {long_date(start)}"
    return "on dates not recorded"


@dataclass(frozen=True)
class _Words:
    """How a paper speaks of one kind of document."""

    title: str  # the paper's default title
    event: str  # what Ofsted did: "inspection", "focused visit"
    of: str  # an inspection "of" children's services, a visit "to" them
    document: str  # what Ofsted wrote: "report", "letter"
    framework: str  # what it was carried out under


_ILACS = "the framework for the Inspection of Local Authority Children’s Services"
_INSPECTION = _Words(
    "Ofsted Inspection of Local Authority Children’s Social Care Services", "inspection", "of", "report", _ILACS
)
_WORDS = {
    DocumentKind.INSPECTION_REPORT: _INSPECTION,
    # The council's own paper about an inspection reports that inspection.
    DocumentKind.COMMITTEE_REPORT: _INSPECTION,
    # Focused and monitoring visits are part of the ILACS framework.
    DocumentKind.FOCUSED_VISIT: _Words(
        "Ofsted Focused Visit to Local Authority Children’s Services", "focused visit", "to", "letter", _ILACS
    ),
    DocumentKind.MONITORING_VISIT: _Words(
        "Ofsted Monitoring Visit to Local Authority Children’s Services", "monitoring visit", "to", "letter", _ILACS
    ),
    DocumentKind.JTAI: _Words(
        "Joint Targeted Area Inspection of the Multi-agency Response",
        "joint targeted area inspection",
        "of",
        "letter",
        "the framework for joint targeted area inspections",
    ),
    DocumentKind.UNANNOUNCED_INSPECTION: _Words(
        "Ofsted Unannounced Inspection of Local Authority Children’s Services",
        "unannounced inspection",
        "of",
        "letter",
        "the framework for unannounced inspections of contact, referral and assessment arrangements",
    ),
}


def default_title(kind: DocumentKind | None) -> str:
    """The paper's title for a report on this kind of document (none: a report on the plans alone)."""
    return (_WORDS[kind] if kind else _INSPECTION).title


_MINOR_WORDS = {"a", "an", "and", "by", "for", "in", "of", "on", "the", "to"}


def _heading_case(text: str) -> str:
    """ "What needs to improve" → "What Needs to Improve", as the council's papers set their headings."""
    words = text.split()
    return " ".join(w if i and w in _MINOR_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _point_kinds(points: Iterable) -> list[PointKind]:
    """The kinds of the points (models or facts), in the order the document gave them."""
    return list(dict.fromkeys(p.kind for p in points))


def _count_words(count: int) -> str:
    words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    return words[count] if count < len(words) else str(count)
