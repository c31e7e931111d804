"""The layouts issue 17 found read wrongly or not at all, each in a short document of our own: the 2025–26
ILACS list with its footnote mark and National Framework references, the 2014–15 lists with topic
sub-headings and the safeguarding board's own list, a monitoring visit's areas of concern, a lead-in
naming two kinds; and kinds kept exact."""

from pathlib import Path

import pytest

from tracker.parsing import parse_file, parse_text
from tracker.parsing.model import NOTHING_TO_IMPROVE, POINTS_FOUND

from .test_parsing_layouts import letter

DOCUMENTS = Path(__file__).parent / "documents"
ILACS_2026 = DOCUMENTS / "ilacs_2026_wrenfield_framework.txt"

WRENFIELD_POINTS = [
    ("The quality of planning for children in need of help and protection.", ("outcome_2",)),
    (
        "Screening and decision-making for children who present at the front door without identified "
        "safeguarding concerns.",
        ("outcome_3",),
    ),
    ("The consistency of management oversight of supervision.", ("enabler_2",)),
    (
        "The stability of homes for children in care and the support to care leavers.",
        ("outcome_3", "outcome_4"),
    ),
    ("The recording of children's wishes and feelings.", ("principle_2",)),
    ("The sufficiency of local homes for children in care.", ("enabler_3",)),
]


def kinds_and_numbers(doc):
    return [(p.kind, p.number) for p in doc.improvement_points]


def texts(doc, kind=None):
    return [p.text for p in doc.improvement_points if kind is None or p.kind == kind]


@pytest.mark.parametrize(
    "mark",
    ["What needs to improve?1", "What needs to improve?\n1", "What needs to improve?¹"],
    ids=["mark-on-the-heading", "mark-on-its-own-line", "superscript-mark"],
)
def test_2026_list_under_a_footnoted_heading_with_framework_references(mark):
    text = ILACS_2026.read_text(encoding="utf-8").replace("What needs to improve?1", mark)
    doc = parse_text(text)
    assert doc.points_status == POINTS_FOUND
    assert [(p.kind, p.number) for p in doc.improvement_points] == [("what_needs_to_improve", n) for n in range(1, 7)]
    # The cross-reference leaves the text and becomes data; the bullet sign ◼ is a bullet.
    assert [(p.text, p.framework) for p in doc.improvement_points] == WRENFIELD_POINTS


def test_2014_lists_read_through_topic_sub_headings_with_exact_kinds():
    doc = parse_file(DOCUMENTS / "sif_2015_harrowdale_subheadings.txt")
    assert kinds_and_numbers(doc) == [
        ("priority_and_immediate_action", 1),
        ("priority_and_immediate_action", 2),
        ("priority_and_immediate_action", 3),
        ("area_for_improvement", 4),
        ("area_for_improvement", 5),
        ("area_for_improvement", 6),
        ("area_for_improvement", 7),
        # The safeguarding board's list: "144.BSCB…" with no space, an empty priority list said in words,
        # and lettered sub-items that finish an item's sentence.
        ("partnership_recommendation", 11),
        ("partnership_recommendation", 12),
    ]
    assert texts(doc, "area_for_improvement")[-1] == "Reduce the reliance on agency social workers."
    assert texts(doc, "partnership_recommendation") == [
        "Ensure that all statutory partners attend the board and its sub-groups.",
        "Evaluate the impact of multi-agency training on practice where children are privately fostered; "
        "children go missing from home.",
    ]
    # Strengths and findings paragraphs carry the numbering on, but are not points.
    assert not any(p.number in (8, 9, 10, 13) for p in doc.improvement_points)


SIF_2016 = """Inspection of services for children in need of help and protection, children looked after
and care leavers
and
Review of the effectiveness of the Local Safeguarding Children Board
Inspection date: 4 January 2016 – 28 January 2016
Report published: 14 March 2016
Children's services in Kestlebury require improvement to be good
Contents
The local authority 3
Recommendations 8
The Local Safeguarding Children Board (LSCB) 35
Recommendations 36
The local authority
Executive summary
Children in Kestlebury are safe, although some wait too long for their plans to progress.
Recommendations
1. Ensure that assessments are completed within timescales that meet children's needs.
2. Strengthen the support to care leavers by: (paragraph 40)
- reviewing the use of hostel accommodation
- ensuring that every care leaver has a pathway plan (paragraphs 41, 42).
3. Improve the quality of supervision so that it sets clear actions.
Summary for children and young people
4. Most children are safe and are helped well.
The Local Safeguarding Children Board (LSCB)
The Local Safeguarding Children Board requires improvement
Executive summary
The LSCB has a clear plan, but partners do not yet share data well enough.
Recommendations
90. The LSCB should evaluate the impact of its training on frontline practice.
91. The LSCB should gather the views of children to inform its priorities.
Inspection findings – the Local Safeguarding Children Board
92. The LSCB meets its statutory duties and is led by an experienced independent chair who is
well respected by partners.
"""


def test_recommendations_to_the_safeguarding_board_are_not_the_councils():
    doc = parse_text(SIF_2016)
    assert kinds_and_numbers(doc) == [
        ("recommendation", 1),
        ("recommendation", 2),
        ("recommendation", 3),
        ("partnership_recommendation", 90),
        ("partnership_recommendation", 91),
    ]
    # An item whose sub-items follow its colon (and the paragraphs it cites) keeps them, and the list goes on.
    assert texts(doc)[1] == (
        "Strengthen the support to care leavers by: (paragraph 40) reviewing the use of hostel accommodation; "
        "ensuring that every care leaver has a pathway plan (paragraphs 41, 42)."
    )


def test_monitoring_visit_reads_the_areas_of_concern_it_covered():
    doc = parse_file(DOCUMENTS / "monitoring_visit_brackley_concerns.txt")
    assert doc.doc_type == "monitoring_visit"
    assert doc.points_status == POINTS_FOUND
    # "Areas of concern" is no kind of ours: they are read as areas for improvement (docs/decisions.md).
    assert kinds_and_numbers(doc) == [("area_for_improvement", n) for n in (1, 2, 3)]
    assert texts(doc)[1] == "Management oversight and supervision of social workers."


def test_monitoring_visit_keeps_the_kind_its_words_name():
    text = (DOCUMENTS / "monitoring_visit_brackley_concerns.txt").read_text(encoding="utf-8")
    doc = parse_text(text.replace("areas of concern identified", "areas for priority action identified"))
    assert [p.kind for p in doc.improvement_points] == ["area_for_priority_action"] * 3


def test_a_focused_visit_recalling_the_last_inspection_has_nothing_new_to_improve():
    # Outside a monitoring visit a list of the last inspection's concerns is history, not this letter's points.
    doc = parse_text(
        letter(
            "Focused visit to Tamberley children’s services\n\n"
            "This letter summarises the findings of the focused visit to Tamberley children’s services on "
            "4 and 5 February 2025.\n\n"
            "Inspectors looked at the following areas of concern identified at the last inspection:\n\n"
            "- The quality of supervision.\n"
            "- The timeliness of strategy meetings.\n\n"
            "Main findings\n\nChildren are seen promptly and their plans are clear.\n"
        )
    )
    assert doc.improvement_points == []
    assert doc.points_status == NOTHING_TO_IMPROVE


def test_a_lead_in_naming_two_kinds_gives_the_kind_that_follows():
    doc = parse_text(
        letter(
            "Focused visit to Tamberley children’s services\n\n"
            "This letter summarises the findings of the focused visit to Tamberley children’s services on "
            "4 and 5 February 2025.\n\n"
            "In addition to the existing areas for priority action, the following areas for improvement "
            "were identified:\n\n"
            "- The quality of supervision.\n"
            "- The timeliness of strategy meetings.\n\n"
            "Main findings\n\nChildren are seen promptly and their plans are clear.\n"
        )
    )
    assert [(p.kind, p.text) for p in doc.improvement_points] == [
        ("area_for_improvement", "The quality of supervision."),
        ("area_for_improvement", "The timeliness of strategy meetings."),
    ]


def test_a_point_read_twice_is_output_once_and_never_as_a_false_priority_action():
    doc = parse_text(
        letter(
            "Focused visit to Tamberley children’s services\n\n"
            "This letter summarises the findings of the focused visit to Tamberley children’s services on "
            "4 and 5 February 2025.\n\n"
            "Leaders have identified the following priority actions for their own plan:\n\n"
            "- The quality of supervision.\n\n"
            "Inspectors agree, and the local authority should address the following areas for improvement:\n\n"
            "- The quality of supervision.\n"
            "- The timeliness of strategy meetings.\n\n"
            "What needs to improve in this area of social work practice?\n\n"
            "- The timeliness of strategy meetings.\n\n"
            "Main findings\n\nChildren are seen promptly and their plans are clear.\n"
        )
    )
    # A heading is surer than a lead-in; between two lead-ins the urgent kind never wins.
    assert [(p.kind, p.text) for p in doc.improvement_points] == [
        ("what_needs_to_improve", "The timeliness of strategy meetings."),
        ("area_for_improvement", "The quality of supervision."),
    ]
