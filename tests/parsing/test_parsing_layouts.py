"""Small documents in the messy layouts that extraction from PDF, Word and web pages produces."""

from datetime import date

import pytest

from tracker.parsing import parse_text

LETTER_HEAD = """Ofsted
Piccadilly Gate
Store Street
Manchester
M1 2WD

4 March 2025

Jo Bright
Director of Children’s Services
Tamberley City Council
Civic Offices
Tamberley
TB1 1AA

Dear Ms Bright

"""


def letter(body: str) -> str:
    return LETTER_HEAD + body + "\n\nYours sincerely\n\nSam Hale\nHis Majesty’s Inspector\n"


def texts(doc):
    return [p.text for p in doc.improvement_points]


@pytest.mark.parametrize(
    "bullet",
    ["- ", "• ", "◼ ", "▪ ", "\uf0b7 ", "\uf06e ", "* ", " "],
    ids=["dash", "dot", "square", "small-square", "symbol-font", "wingdings", "asterisk", "leading-space"],
)
def test_any_bullet_sign(bullet):
    doc = parse_text(
        letter(
            "Focused visit to Tamberley children’s services\n\n"
            "This letter summarises the findings of the focused visit to Tamberley children’s services on "
            "4 and 5 February 2025.\n\n"
            "What needs to improve in this area of social work practice?\n\n"
            f"{bullet}The quality of supervision.\n"
            f"{bullet}The timeliness of strategy meetings.\n\n"
            "Main findings\n\nChildren are seen promptly.\n"
        )
    )
    assert texts(doc) == ["The quality of supervision.", "The timeliness of strategy meetings."]
    assert doc.authority == "Tamberley City Council"
    assert (doc.visit_start, doc.visit_end, doc.published) == (
        date(2025, 2, 4),
        date(2025, 2, 5),
        date(2025, 3, 4),
    )


def test_list_ends_at_the_next_ordinary_paragraph_without_a_heading():
    doc = parse_text(
        letter(
            "Focused visit to Tamberley children’s services\n\n"
            "What needs to improve\n\n"
            "- The quality of supervision.\n"
            "- The timeliness of strategy meetings.\n\n"
            "Inspectors found that the areas for improvement identified at the last inspection remain.\n\n"
            "- Children in care have stable homes.\n"
        )
    )
    assert texts(doc) == ["The quality of supervision.", "The timeliness of strategy meetings."]


def test_stray_html_curly_quotes_and_a_title_over_two_lines():
    doc = parse_text(
        letter(
            "<p>Focused visit to Tamberley\nchildren’s services</p>\n\n"
            "<p>What needs to improve?</p>\n"
            "<ul><li>Managers’ oversight of “step-down” decisions.</li>\n"
            "<li>The quality of children’s plans.</li></ul>\n"
            "<p>Main findings</p>\n<p>Children are seen promptly.</p>\n"
        )
    )
    assert doc.doc_type == "focused_visit"
    assert texts(doc) == [
        'Managers\' oversight of "step-down" decisions.',
        "The quality of children's plans.",
    ]


def test_numbers_alone_on_their_lines_and_recommendation_markers():
    doc = parse_text(
        "Tamberley City Council\n"
        "Inspection of services for children in need of help and protection, children looked after "
        "and care leavers\n"
        "Inspection dates: 2 to 20 May 2016\n"
        "Report published: 1 July 2016\n"
        "Children’s services in Tamberley are good\n\n"
        "Recommendations\n"
        "1.\n\n"
        "Improve the quality of return home interviews so that information is shared with\n"
        "partner agencies.\n\n"
        "2.\n\n"
        "Ensure that all care leavers are offered a health passport.\n\n"
        "Summary for children and young people\n"
        "12. Return home interviews are offered to most children but the information is not\n"
        "always shared. (Recommendation)\n"
    )
    assert texts(doc) == [
        "Improve the quality of return home interviews so that information is shared with partner agencies.",
        "Ensure that all care leavers are offered a health passport.",
    ]
    assert [p.number for p in doc.improvement_points] == [1, 2]
    assert doc.overall_effectiveness == "Good"
    assert doc.published == date(2016, 7, 1)


def test_words_hyphenated_at_line_ends_are_rejoined():
    doc = parse_text(
        letter(
            "Focused visit to Tamberley children’s services\n\n"
            "What needs to improve\n"
            "◼ Planning for the longer-\nterm needs of 16- and 17-year-\nold children who are home-\nless.\n"
            "◼ Help for 16-\nand 17-year-olds.\n\n"
            "Main findings\n"
        )
    )
    assert texts(doc) == [
        "Planning for the longer-term needs of 16- and 17-year-old children who are home-less.",
        "Help for 16- and 17-year-olds.",
    ]


def test_page_furniture_inside_a_point():
    header = "Focused visit to Tamberley children’s services\n4 and 5 February 2025"
    doc = parse_text(
        letter(
            "Focused visit to Tamberley children’s services\n\n"
            "Headline findings\nChildren are safe.\n\n"
            f"{header}\n\n1\n\f"
            "What needs to improve\n"
            "◼ The consistency of management oversight of children in need, so that drift is\n"
            f"\n{header}\n\n2\n\f"
            "identified quickly.\n"
            "◼ The quality of plans.\n\n"
            "Main findings\nMost children are seen regularly.\n"
            f"\n{header}\n\n3\n\f"
        )
    )
    assert texts(doc) == [
        "The consistency of management oversight of children in need, so that drift is identified quickly.",
        "The quality of plans.",
    ]


def test_a_list_of_lower_case_items_carries_on_after_a_page_break():
    # 2009–2013 lists start each item in lower case ("- ensure that…"); an item that follows a page break
    # is the next item, not the rest of an unfinished one.
    doc = parse_text(
        letter(
            "Focused visit to Tamberley children’s services\n\n"
            "Areas for improvement\n\n"
            "- ensure that plans are reviewed by managers\n"
            "- complete health assessments within timescales\n\f"
            "- improve the quality of case file audits\n\n"
            "Main findings\n\nChildren are seen promptly.\n"
        )
    )
    assert texts(doc) == [
        "Ensure that plans are reviewed by managers",
        "Complete health assessments within timescales",
        "Improve the quality of case file audits",
    ]


def test_judgement_table_shapes():
    table = (
        "Inspection of Tamberley local authority children’s services\n"
        "Inspection dates: 3 to 14 March 2025\n"
        "Judgement\tGrade\n"
        "The impact of leaders on social work practice with children and families\tRequires improvement\n"
        "The experiences and progress of children who need help and protection Good\n"
        "The experiences and progress of\nchildren in care\n\nRequires improvement\nto be good\n\n"
        "The experiences and progress of care\nleavers\n\nOutstanding\n\n"
        "Overall effectiveness\n\nGood\n\n"
        "What needs to improve?\n- The quality of plans.\n\nMain findings\n"
    )
    doc = parse_text(table)
    assert [(j.area, j.grade) for j in doc.judgements] == [
        (
            "The impact of leaders on social work practice with children and families",
            "Requires improvement to be good",
        ),
        ("The experiences and progress of children who need help and protection", "Good"),
        ("The experiences and progress of children in care", "Requires improvement to be good"),
        ("The experiences and progress of care leavers", "Outstanding"),
    ]
    assert doc.overall_effectiveness == "Good"


def test_a_list_introduced_by_a_sentence_rather_than_a_heading():
    doc = parse_text(
        "CABINET – 21 JANUARY 2025\n\n"
        "OFSTED FOCUSED VISIT TO CHILDREN’S SERVICES\n\n"
        "Report of the Director of Children’s Services\n\n"
        "1. Ofsted carried out a focused visit to Tamberley’s children’s services on 3 and 4 December 2024.\n"
        "2. The letter identified the following areas for improvement:\n"
        " - The timeliness of assessments. Work is under way to recruit two more team managers.\n"
        " - Supervision of newly qualified social workers. A new policy starts in February.\n"
        "3. The Cabinet is asked to note the letter.\n"
    )
    assert doc.doc_type == "committee_report"
    assert doc.published == date(2025, 1, 21)
    assert (doc.visit_start, doc.visit_end) == (date(2024, 12, 3), date(2024, 12, 4))
    assert texts(doc) == ["The timeliness of assessments.", "Supervision of newly qualified social workers."]
    assert doc.authority == "Tamberley City Council" or doc.authority == "Tamberley"


def test_sub_items_timed_groups_and_a_following_list():
    doc = parse_text(
        "Inspection of Tamberley local authority children’s services\n"
        "Inspection dates: 3 to 14 March 2025\n\n"
        "Recommendations\n"
        "1. Ensure that:\n"
        "- strategy meetings are timely\n"
        "- audits are moderated\n"
        "2. Improve the quality of plans.\n"
        "Within three months:\n"
        "1. Review the front door.\n\n"
        "Areas for improvement\n"
        "a) The sufficiency of foster homes.\n"
        "b) Return home interviews.\n"
        "The report also identified these strengths:\n"
        "a) Strong leadership.\n\n"
        "Main findings\n"
    )
    assert [(p.kind, p.number, p.text) for p in doc.improvement_points] == [
        ("recommendation", 1, "Ensure that: strategy meetings are timely; audits are moderated"),
        ("recommendation", 2, "Improve the quality of plans."),
        ("recommendation", 1, "Review the front door."),
        ("area_for_improvement", 1, "The sufficiency of foster homes."),
        ("area_for_improvement", 2, "Return home interviews."),
    ]
    assert doc.strengths == ["Strong leadership."]


def test_council_paper_with_letterhead_and_judgements_as_bullets():
    doc = parse_text(
        "TAMBERLEY CITY COUNCIL\n\n"
        "CHILDREN’S SERVICES SCRUTINY PANEL\n\n"
        "Date of meeting: 5 June 2025\n\n"
        "OFSTED INSPECTION OF CHILDREN’S SERVICES\n\n"
        "1. Ofsted inspected children’s services from 3 to 14 March 2025.\n"
        "2. The previous inspection, in 2021, gave these judgements:\n"
        "• Overall effectiveness – Inadequate\n"
        "• The experiences and progress of children in care – Inadequate\n"
        "3. This inspection’s judgements are:\n"
        "• Overall effectiveness – Requires improvement to be good\n"
        "• The experiences and progress of children in care – Good\n"
    )
    assert doc.doc_type == "committee_report"
    assert doc.authority == "Tamberley City Council"
    assert doc.published == date(2025, 6, 5)
    assert (doc.visit_start, doc.visit_end) == (date(2025, 3, 3), date(2025, 3, 14))
    assert doc.overall_effectiveness == "Requires improvement to be good"
    assert [(j.area, j.grade) for j in doc.judgements] == [("The experiences and progress of children in care", "Good")]


def test_a_wrapped_line_that_looks_like_a_heading_does_not_cut_a_point():
    # Narrow wrapping as in a PDF: "Managers rarely challenge drift in children’s plans, and so" is capitalised,
    # unfinished and under ten words, like a heading, but it fills the line and its sentence carries on.
    doc = parse_text(
        "Focused visit to Tamberley children’s services\n\n"
        "This letter summarises the findings of the focused visit to\n"
        "Tamberley children’s services on 4 and 5 February 2025.\n"
        "Inspectors looked at the help given to children in need and to\n"
        "children who are subject to child protection plans, and at the\n"
        "oversight of practice by leaders and managers.\n\n"
        "What needs to improve in this area of social work practice\n"
        "◼ The quality of plans for children in need, which are not\n"
        "always clear about what must change for the child. Too many\n"
        "plans are not updated when needs change for the child.\n"
        "Managers rarely challenge drift in children’s plans, and so\n"
        "drift is not identified quickly enough by leaders.\n\n"
        "Main findings\n"
        "Children who need help are seen promptly by social workers who\n"
        "know them well and who visit them often. Most records are up\n"
        "to date and clearly written for the children they are about.\n"
    )
    assert texts(doc) == [
        "The quality of plans for children in need, which are not always clear about what must change for the "
        "child. Too many plans are not updated when needs change for the child. Managers rarely challenge drift in "
        "children's plans, and so drift is not identified quickly enough by leaders."
    ]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("What needs to improve in practice?", "what_needs_to_improve"),
        ("What needs to be improved", "what_needs_to_improve"),
        ("What does the local authority need to improve?", "what_needs_to_improve"),
        ("Priority and immediate action", "priority_and_immediate_action"),
        ("Area for priority action", "area_for_priority_action"),
    ],
)
def test_heading_wordings(heading, kind):
    doc = parse_text(
        letter(
            "Focused visit to Tamberley children’s services\n\n"
            f"{heading}\n\n"
            "- The quality of supervision.\n"
            "- The timeliness of strategy meetings.\n\n"
            "Main findings\n\nChildren are seen promptly.\n"
        )
    )
    assert [(p.kind, p.text) for p in doc.improvement_points] == [
        (kind, "The quality of supervision."),
        (kind, "The timeliness of strategy meetings."),
    ]
