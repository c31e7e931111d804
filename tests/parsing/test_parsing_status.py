"""Whether a document's points were read, and the passage to mark by hand when they were not
(tracker/parsing/status.py): never a silent empty result."""

from tracker.parsing import parse_text
from tracker.parsing.model import NOTHING_TO_IMPROVE, POINTS_FOUND, POINTS_NOT_READ
from tracker.parsing.status import PASSAGE_LINES

from .test_parsing_layouts import letter

REPORT_HEAD = """Inspection of Tamberley local authority children’s services
Inspection dates: 2 to 13 June 2025
Lead inspector: Sam Hale, His Majesty’s Inspector
Judgement\tGrade
The impact of leaders on social work practice with children and families\t{grade}
The experiences and progress of children who need help and protection\t{grade}
The experiences and progress of children in care\t{grade}
The experiences and progress of care leavers\t{grade}
Overall effectiveness\t{grade}

Children in Tamberley are helped well by practitioners who know them.

"""
FINDINGS = """The experiences and progress of children who need help and protection: {grade}

1. Children and families receive early help from a range of services.
"""


def report(middle: str, grade: str = "Good") -> str:
    return REPORT_HEAD.format(grade=grade) + middle + FINDINGS.format(grade=grade.lower())


def test_points_found():
    doc = parse_text(report("What needs to improve?\n\n- The quality of supervision.\n\n"))
    assert (doc.points_status, doc.passage) == (POINTS_FOUND, [])


def test_a_list_that_cannot_be_read_is_not_read_with_the_lines_under_its_heading():
    # A Word table where the bullets should be: the heading is there, the points are not read.
    doc = parse_text(report("What needs to improve?\nArea\tDetail\nPlanning\tThe quality of plans.\n\n"))
    assert doc.improvement_points == []
    assert doc.points_status == POINTS_NOT_READ
    assert doc.passage[:3] == ["What needs to improve?", "Area\tDetail", "Planning\tThe quality of plans."]
    assert len(doc.passage) <= PASSAGE_LINES + 1


def test_a_report_with_no_improvement_heading_is_not_read_with_the_end_of_its_summary():
    doc = parse_text(report("Leaders know where practice needs to be better.\n\n"))
    assert doc.points_status == POINTS_NOT_READ
    assert doc.passage[-1] == "Leaders know where practice needs to be better."
    # It stops where the findings start (the judgement table above names the same areas without a colon).
    assert not any(line.endswith(": good") for line in doc.passage)


def test_an_outstanding_report_with_no_improvement_heading_has_nothing_to_improve():
    doc = parse_text(report("Leaders have sustained excellent practice.\n\n", grade="Outstanding"))
    assert (doc.points_status, doc.passage) == (NOTHING_TO_IMPROVE, [])


def test_a_letter_with_no_improvement_heading_has_nothing_to_improve():
    doc = parse_text(
        letter(
            "Focused visit to Tamberley children’s services\n\n"
            "This letter summarises the findings of the focused visit to Tamberley children’s services on "
            "4 and 5 February 2025.\n\n"
            "Main findings\n\nChildren are seen promptly and their plans are clear.\n"
        )
    )
    assert (doc.doc_type, doc.points_status, doc.passage) == ("focused_visit", NOTHING_TO_IMPROVE, [])


def test_a_heading_that_says_there_is_nothing_under_it():
    doc = parse_text(report("What needs to improve?\n\nThere are no areas for improvement.\n\n", grade="Good"))
    assert doc.improvement_points == []
    assert doc.points_status == NOTHING_TO_IMPROVE


def test_a_committee_report_without_points_is_not_read():
    doc = parse_text(
        "Children and Young People Scrutiny Committee – 12 November 2024\n\n"
        "Outcome of the Ofsted inspection of local authority children’s services\n\n"
        "Purpose of the report\n\n"
        "1. To inform the Committee of the outcome of the Ofsted inspection of children’s services.\n\n"
        "Overall effectiveness\tGood\n"
    )
    assert doc.doc_type == "committee_report"
    assert doc.points_status == POINTS_NOT_READ
    assert doc.passage
