"""The parser's point kinds are the model's (tracker.vocabulary.PointKind), and every one can be read."""

import pytest

from tracker.parsing import parse_text
from tracker.parsing.headings import POINT_HEADINGS
from tracker.parsing.sections import CONCERNS_KIND, NAMED_LISTS, PARTNERSHIP_KIND
from tracker.vocabulary import PointKind

from .test_parsing_layouts import letter

KINDS = {kind.value for kind in PointKind}


def test_every_kind_the_parser_gives_is_a_point_kind():
    named = {kind for kind, _ in NAMED_LISTS if kind != "strengths"}
    produced = {kind for kind, _ in POINT_HEADINGS} | named | {PARTNERSHIP_KIND, CONCERNS_KIND}
    assert produced <= KINDS
    # …and none is left that the parser could never give.
    assert produced == KINDS


def _focused_visit(heading: str) -> str:
    return letter(
        "Focused visit to Tamberley children’s services\n\n"
        f"{heading}\n\n- The quality of supervision.\n\nMain findings\n\nChildren are seen promptly.\n"
    )


LSCB_REPORT = """Review of the effectiveness of the Local Safeguarding Children Board
Inspection date: 2 March 2015 – 26 March 2015
The Local Safeguarding Children Board (LSCB)
What does the LSCB need to improve?
Areas for improvement
1. The quality of supervision.
Information about this inspection
Inspectors looked at the board's work.
"""

HEADING_FOR = {
    PointKind.PRIORITY_AND_IMMEDIATE_ACTION: "Priority and immediate action",
    PointKind.AREA_FOR_PRIORITY_ACTION: "Areas for priority action",
    PointKind.RECOMMENDATION: "Recommendations",
    PointKind.WHAT_NEEDS_TO_IMPROVE: "What needs to improve in this area of social work practice?",
    PointKind.AREA_FOR_IMPROVEMENT: "Areas for improvement",
    PointKind.AREA_FOR_DEVELOPMENT: "Areas for development",
}


@pytest.mark.parametrize("kind", list(PointKind), ids=[kind.value for kind in PointKind])
def test_every_point_kind_is_read_from_a_document(kind):
    text = LSCB_REPORT if kind is PointKind.PARTNERSHIP_RECOMMENDATION else _focused_visit(HEADING_FOR[kind])
    doc = parse_text(text)
    assert [(p.kind, p.text) for p in doc.improvement_points] == [(kind.value, "The quality of supervision.")]
