"""Whether a document's improvement points were read, and if not, where a person should look for them.

A document recognised as an inspection report or letter with no points read is never passed off as one
with nothing to improve: it is "not read", with the passage where its points should be, for marking by
hand. Only a document that truly has nothing to improve says so: a focused visit or
unannounced inspection letter with no improvement heading at all, or a report
with no improvement heading whose judgements are all Outstanding.
"""

from __future__ import annotations

import re

from tracker.parsing.cleanup import PAGE_BREAK
from tracker.parsing.headings import AREAS_COVERED, heading_kind
from tracker.parsing.model import (
    NOTHING_TO_IMPROVE,
    POINT_KINDS,
    POINTS_FOUND,
    POINTS_NOT_READ,
    ImprovementPoint,
    Judgement,
)
from tracker.vocabulary import DocumentKind

PASSAGE_LINES = 80  # enough for a list of improvement points, short enough to read through
# Letters that may have nothing to improve: a focused visit on practice found good, an unannounced
# inspection with no weaknesses. A monitoring visit follows an inadequate judgement and a joint targeted
# area inspection always reports what the partners must improve: with nothing read they are "not read".
_MAY_HAVE_NONE = (DocumentKind.FOCUSED_VISIT.value, DocumentKind.UNANNOUNCED_INSPECTION.value)
# Where the findings start in a report; its improvement points come before, at the end of the summary.
# A judgement section's heading gives its grade after a colon ("…help and protection: good"), perhaps on
# the next line; the judgement table near the top names the same areas without one.
_JUDGED_SECTION = re.compile(r"^(?:the\s+experiences\s+and\s+progress\s+of|the\s+impact\s+of\s+leaders)\b", re.I)
_FINDINGS_HEADING = re.compile(r"^(?:(?:summary\s+of|inspection|main)\s+)?findings$", re.I)
# "There are no areas for improvement.": a heading followed by this has nothing under it, by design.
_NONE_STATED = re.compile(r"^(?:there\s+(?:are|were)\s+no|no\s+(?:\w+\s+){0,4}(?:were|was)\s+identified)\b", re.I)


def points_status(
    doc_type: str,
    lines: list[str],
    points: list[ImprovementPoint],
    judgements: list[Judgement],
    overall: str | None,
    source: str,
) -> tuple[str, list[str]]:
    """(points_status, passage): the passage is the lines to mark by hand, given only when not read. `lines`
    are the document's lines with page furniture out; `source` its whole text."""
    if points:
        return POINTS_FOUND, []
    text = [line.strip() for line in lines if line.strip() and line != PAGE_BREAK]
    heading = next((i for i, line in enumerate(text) if heading_kind(line) in POINT_KINDS), None)
    if heading is not None:
        after = text[heading + 1 : heading + 1 + PASSAGE_LINES]
        if after and _NONE_STATED.match(after[0]):
            return NOTHING_TO_IMPROVE, []
        return POINTS_NOT_READ, text[heading : heading + 1 + PASSAGE_LINES]
    if doc_type in _MAY_HAVE_NONE or (doc_type == "inspection_report" and _all_outstanding(judgements, overall)):
        return NOTHING_TO_IMPROVE, []
    covered = next((i for i, line in enumerate(text) if AREAS_COVERED.match(line)), None)
    if covered is not None:
        return POINTS_NOT_READ, text[covered : covered + 1 + PASSAGE_LINES]
    # Never an empty passage: if taking out page furniture left nothing, the document's own first lines.
    first = [line.strip() for line in source.splitlines() if line.strip()][:PASSAGE_LINES]
    return POINTS_NOT_READ, _likely_passage(text) or first


def _all_outstanding(judgements: list[Judgement], overall: str | None) -> bool:
    grades = [j.grade for j in judgements] + ([overall] if overall else [])
    return bool(grades) and all(grade == "Outstanding" for grade in grades)


def _likely_passage(text: list[str]) -> list[str]:
    """The end of a report's summary, just before its findings start; else the start of the document."""
    start = next((i for i in range(1, len(text)) if _starts_findings(text, i)), None)
    if start is None:
        return text[:PASSAGE_LINES]
    return text[max(0, start - PASSAGE_LINES) : start] or text[:PASSAGE_LINES]


def _starts_findings(text: list[str], index: int) -> bool:
    line = text[index]
    if _FINDINGS_HEADING.match(line):
        return True
    if "\t" in line or not _JUDGED_SECTION.match(line):
        return False
    return ":" in line or (index + 1 < len(text) and ":" in text[index + 1])
