"""Layouts a by-eye audit of archived reports found read wrongly after issue 17's first pass, each in a short
document of our own: a board's "Priority actions"; the last line of a numbered item wrapped from a full line;
the short forms of the overall judgement; an inspection made in two parts; contents lines; the same words
under headings of two kinds; monitoring visit letters whose list names no kind, or cannot be read."""

from datetime import date

from tracker.parsing import parse_text
from tracker.parsing.model import POINTS_NOT_READ

from .test_parsing_layouts import letter

SIF_FRONT = (
    "Tamberley\n"
    "Inspection of services for children in need of help and protection, children looked after and care leavers\n"
    "Inspection dates: 19 November-11 December 2013 and 28 – 30\n"
    "January 2014\n"
    "Report published: 4 April 2014\n\n"
)


def sif_report(body: str, overall: str = "The overall judgement is inadequate") -> str:
    return SIF_FRONT + f"{overall}.\n\nWhat does the local authority need to improve?\n\n{body}"


def test_a_boards_priority_actions_are_its_points():
    doc = parse_text(
        sif_report(
            "Areas for improvement\n\n"
            "1. Improve the timeliness of assessments.\n\n"
            "The effectiveness of the Local Safeguarding Children Board is inadequate\n\n"
            "Priority actions\n\n"
            "20. The board to ensure that each partner agency audits its safeguarding work.\n"
            "21. Develop a programme of multi-agency child protection training.\n\n"
            "Areas for improvement\n\n"
            "22. Improve the attendance of partners at sub-groups.\n"
        )
    )
    assert [(p.kind, p.number) for p in doc.improvement_points] == [
        ("area_for_improvement", 1),
        ("partnership_recommendation", 20),
        ("partnership_recommendation", 21),
        ("partnership_recommendation", 22),
    ]


def test_priority_actions_head_a_councils_list_as_areas_for_priority_action():
    doc = parse_text(sif_report("Priority actions\n\n1. Review every case without an allocated social worker.\n"))
    assert [p.kind for p in doc.improvement_points] == ["area_for_priority_action"]


# Hard-wrapped at about 80 characters, as a PDF's text is.
WRAPPED = [
    "1. Ensure that children who go missing from care are offered a return interview, and",
    "that what they say is recorded and acted on by their social workers and carers.",
    "2. Review the resources available to undertake the governance of Multi-Agency",
    "Looked After Partnership (MALAP) to ensure a sufficient focus",
    "\f",
    "Inspection findings – the Local Safeguarding Children Board",
    "3. The board holds partners to account well, and its chair is a strong leader who",
    "challenges agencies when their attendance at the board's sub-groups falls away.",
]


def test_the_last_line_of_a_wrapped_item_is_not_taken_for_a_heading():
    doc = parse_text(SIF_FRONT + "Recommendations\n" + "\n".join(WRAPPED) + "\n")
    assert [p.text for p in doc.improvement_points][-1] == (
        "Review the resources available to undertake the governance of Multi-Agency Looked After Partnership "
        "(MALAP) to ensure a sufficient focus"
    )


def test_short_forms_of_the_overall_judgement():
    body = "Recommendations\n\n1. Improve the timeliness of assessments.\n"
    assert parse_text(sif_report(body)).overall_effectiveness == "Inadequate"
    assert (
        parse_text(sif_report(body, "The overall judgement is requires improvement")).overall_effectiveness
        == "Requires improvement to be good"
    )
    assert (
        parse_text(
            sif_report(body, "Children's services in the London Borough of Tamberley are good")
        ).overall_effectiveness
        == "Good"
    )


def test_an_inspection_in_two_parts_ends_with_its_last_part():
    doc = parse_text(sif_report("Recommendations\n\n1. Improve the timeliness of assessments.\n"))
    assert (doc.visit_start, doc.visit_end, doc.published) == (date(2013, 11, 19), date(2014, 1, 30), date(2014, 4, 4))


def test_a_contents_line_is_not_a_heading():
    doc = parse_text(
        sif_report(
            "Contents\n\nRecommendations 7\n1. Information about this inspection 9\n2. The local authority 12\n\n"
            "Recommendations\n\n1. Improve the timeliness of assessments.\n\n"
            "Information about this inspection\n\nInspectors looked at 150 cases.\n"
        )
    )
    assert [p.text for p in doc.improvement_points] == ["Improve the timeliness of assessments."]


def test_the_same_words_under_headings_of_two_kinds_are_two_points():
    doc = parse_text(
        sif_report(
            "Priority and immediate action\n\n"
            "1. Ensure that children who go missing from care are offered a return interview.\n"
            "2. Review every case without an allocated social worker.\n\n"
            "Areas for improvement\n\n"
            "3. Improve the timeliness of assessments.\n"
            "4. Ensure that children who go missing from care are offered a return interview.\n"
        )
    )
    assert [(p.kind, p.number) for p in doc.improvement_points] == [
        ("priority_and_immediate_action", 1),
        ("priority_and_immediate_action", 2),
        ("area_for_improvement", 3),
        ("area_for_improvement", 4),
    ]


def test_a_list_printed_twice_under_the_same_kind_is_read_once():
    body = "Recommendations\n\n1. Improve the timeliness of assessments.\n2. Reduce caseloads.\n\n"
    doc = parse_text(sif_report(body + "Summary\n\nThe council has made progress.\n\n" + body))
    assert [p.text for p in doc.improvement_points] == ["Improve the timeliness of assessments.", "Reduce caseloads."]


MONITORING = (
    "Monitoring visit to Tamberley children's services\n\n"
    "This letter summarises the findings of the monitoring visit to Tamberley children's services on 10 and 11 "
    "September 2024. This visit was the second monitoring visit since the local authority was judged inadequate "
    "in January 2024.\n\n"
    "Areas covered by the visit\n\n"
    "{covered}\n\n"
    "Main findings\n\nSome children still wait too long for an assessment.\n"
)


def test_a_monitoring_visits_list_that_names_no_kind_is_its_points():
    doc = parse_text(
        letter(
            MONITORING.format(
                covered="Inspectors evaluated the progress made in the following areas:\n\n"
                "- The quality and timeliness of assessments.\n"
                "- Management oversight and supervision of social workers."
            )
        )
    )
    assert doc.doc_type == "monitoring_visit"
    assert [(p.kind, p.text) for p in doc.improvement_points] == [
        ("area_for_improvement", "The quality and timeliness of assessments."),
        ("area_for_improvement", "Management oversight and supervision of social workers."),
    ]


def test_a_monitoring_visit_with_no_list_read_is_not_read_never_nothing_to_improve():
    covered = "Inspectors looked at the help given to children in need and how managers oversee it."
    doc = parse_text(letter(MONITORING.format(covered=covered)))
    assert doc.doc_type == "monitoring_visit"
    assert doc.improvement_points == []
    assert doc.points_status == POINTS_NOT_READ
    assert doc.passage[:2] == ["Areas covered by the visit", covered]


def test_a_monitoring_visits_bullets_under_areas_covered_are_its_points_however_introduced():
    covered = (
        "Inspectors reviewed the progress made by the local authority in improving services for children in need "
        "of help and protection, focusing on:\n\n"
        "- The quality of assessments.\n"
        "- The timeliness of strategy meetings."
    )
    doc = parse_text(letter(MONITORING.format(covered=covered)))
    assert [(p.kind, p.text) for p in doc.improvement_points] == [
        ("area_for_improvement", "The quality of assessments."),
        ("area_for_improvement", "The timeliness of strategy meetings."),
    ]
