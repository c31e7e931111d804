"""Documents written for these tests (fictional councils) for the kinds and layouts the seeds lack."""

import io
import re
from datetime import date
from pathlib import Path

import docx

from tracker.parsing import parse_bytes, parse_file

DOCUMENTS = Path(__file__).parent / "documents"


def points(doc, kind=None):
    return [p.text for p in doc.improvement_points if kind is None or p.kind == kind]


def test_monitoring_visit_letter_has_details_but_no_points():
    doc = parse_file(DOCUMENTS / "monitoring_visit_fenmarsh.txt")
    assert doc.doc_type == "monitoring_visit"
    assert doc.authority == "Fenmarsh County Council"
    assert (doc.visit_start, doc.visit_end) == (date(2024, 3, 5), date(2024, 3, 6))
    assert doc.published == date(2024, 4, 2)
    assert doc.improvement_points == []
    assert doc.judgements == []


def test_jtai_letter_to_several_agencies():
    doc = parse_file(DOCUMENTS / "jtai_brackenridge.txt")
    assert doc.doc_type == "jtai"
    # The address lines name people and agencies; the council is the one ending "Council".
    assert doc.authority == "Brackenridge Borough Council"
    assert (doc.visit_start, doc.visit_end) == (date(2024, 4, 15), date(2024, 4, 19))
    assert doc.published == date(2024, 5, 14)
    assert points(doc, "what_needs_to_improve") == [
        "The consistency of information-sharing between the police and children's social care when domestic "
        "abuse incidents are reported overnight.",
        "The quality of early help assessments completed by partner agencies, so that plans are specific and "
        "measurable.",
        "The oversight by the safeguarding partnership of how well early help reduces the need for statutory services.",
    ]
    assert doc.strengths == [
        "Families are offered help quickly through a well-run family hub network.",
        "Health visitors and school nurses identify emerging needs early and share information well.",
    ]


def test_priority_actions_come_first_in_a_wrapped_letter():
    # Hard-wrapped like pdftotext output: bullet signs alone on their lines, page numbers, a form feed
    # in the middle of a bullet, lower-case priority actions.
    doc = parse_file(DOCUMENTS / "focused_visit_oakhampton_wrapped.txt")
    assert doc.doc_type == "focused_visit"
    assert doc.authority == "Oakhampton Metropolitan Borough Council"
    assert (doc.visit_start, doc.visit_end, doc.published) == (
        date(2021, 11, 9),
        date(2021, 11, 10),
        date(2021, 12, 9),
    )
    assert [(p.kind, p.number) for p in doc.improvement_points] == [
        ("area_for_priority_action", 1),
        ("area_for_priority_action", 2),
        ("what_needs_to_improve", 1),
        ("what_needs_to_improve", 2),
        ("what_needs_to_improve", 3),
        ("what_needs_to_improve", 4),
    ]
    assert points(doc, "area_for_priority_action") == [
        "The timeliness and quality of permanence planning for children in care, so that children do "
        "not wait "
        "too long to live with families who can care for them",
        "The quality and frequency of management oversight and supervision of social work practice.",
    ]
    assert points(doc, "what_needs_to_improve")[2] == (
        "The timeliness of health assessments for children who come into care and of reviews of their health "
        "needs, so that no child waits for the help they need with their physical and emotional well-being."
    )


def test_flattened_judgement_table_and_running_headers():
    doc = parse_file(DOCUMENTS / "ilacs_kestrelford_flattened.txt")
    assert doc.doc_type == "inspection_report"
    assert doc.authority == "Kestrelford"  # no council name anywhere in the report
    assert (doc.visit_start, doc.visit_end, doc.published) == (date(2025, 2, 3), date(2025, 2, 14), None)
    assert [(j.area, j.grade) for j in doc.judgements] == [
        (
            "The impact of leaders on social work practice with children and families",
            "Requires improvement to be good",
        ),
        ("The experiences and progress of children who need help and protection", "Good"),
        ("The experiences and progress of children in care", "Requires improvement to be good"),
        ("The experiences and progress of care leavers", "Inadequate"),
    ]
    assert doc.overall_effectiveness == "Requires improvement to be good"
    # The third point runs over a page break with the running header and page number in between.
    assert points(doc) == [
        "The quality and suitability of accommodation for care leavers, including those aged 18 to "
        "21 who are "
        "at risk of homelessness.",
        "The timeliness of pathway plans and the involvement of young people in writing them.",
        "Managers' oversight of children in care whose plans have drifted, so that decisions about "
        "permanence "
        "are made without delay for every child who cannot return home.",
    ]


def test_sif_report_as_pypdf_reads_it():
    doc = parse_file(DOCUMENTS / "sif_harbury_pypdf.txt")
    assert doc.authority == "Harbury City Council"
    assert (doc.visit_start, doc.visit_end, doc.published) == (
        date(2016, 10, 10),
        date(2016, 11, 1),
        date(2016, 12, 20),
    )
    assert doc.overall_effectiveness == "Inadequate"
    assert [(j.area, j.grade) for j in doc.judgements] == [
        ("Children who need help and protection", "Inadequate"),
        ("Children looked after and achieving permanence", "Requires improvement to be good"),
        ("Adoption performance", "Good"),
        ("Experiences and progress of care leavers", "Requires improvement to be good"),
        ("Leadership, management and governance", "Inadequate"),
    ]
    assert [(p.kind, p.number) for p in doc.improvement_points] == [("recommendation", n) for n in (1, 2, 3)]
    assert not any("(Recommendation)" in text for text in points(doc))


def test_older_report_with_timed_areas_for_improvement():
    doc = parse_file(DOCUMENTS / "safeguarding_lac_2012_wyvern.txt")
    assert doc.authority == "Wyvern Borough Council"
    assert (doc.visit_start, doc.visit_end, doc.published) == (
        date(2012, 3, 12),
        date(2012, 3, 23),
        date(2012, 4, 27),
    )
    assert doc.overall_effectiveness == "Adequate"
    # "Immediately:" and "Within three months:" group the list; they are not points.
    assert points(doc, "area_for_improvement") == [
        "Ensure that all referrals are screened by a qualified social worker within one working day",
        "Ensure that children subject to child protection plans are visited at the frequency their plans require",
        "Improve the quality of core assessments so that they include a clear analysis of risk",
        "Ensure that supervision of social workers is regular and recorded",
        "Develop a workforce strategy that reduces the reliance on agency social workers",
    ]


def test_pdf_report():
    # Printed by Chromium from ilacs_ashcombe.html: a real table, list bullets drawn by CSS (so absent from
    # the text), a running header on later pages and a bullet that runs onto the next page.
    doc = parse_file(DOCUMENTS / "ilacs_ashcombe.pdf")
    assert doc.doc_type == "inspection_report"
    assert (doc.visit_start, doc.visit_end) == (date(2025, 1, 6), date(2025, 1, 17))
    assert [(j.area, j.grade) for j in doc.judgements] == [
        ("The impact of leaders on social work practice with children and families", "Good"),
        (
            "The experiences and progress of children who need help and protection",
            "Requires improvement to be good",
        ),
        ("The experiences and progress of children in care", "Good"),
        ("The experiences and progress of care leavers", "Good"),
    ]
    assert doc.overall_effectiveness == "Good"
    assert points(doc) == [
        "The timeliness of assessments for children who are referred to the front door.",
        "The focus of child protection plans on the most important risks, so that families know what must "
        "change and by when.",
        "The consistency of management oversight of children in need, so that drift is identified "
        "and acted on "
        "for every child who needs it.",
    ]


def committee_docx(markdown: str) -> bytes:
    """A Word document from the small markdown of committee_report_fenmarsh.md, built as a council would."""
    document = docx.Document()
    table = None
    for line in markdown.splitlines():
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if table is None:
                table = document.add_table(rows=0, cols=len(cells))
            for cell, text in zip(table.add_row().cells, cells, strict=True):
                cell.text = text
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("# "):
            document.add_heading(line[2:], level=2)
        elif line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        elif m := re.match(r"\d+\. ", line):
            document.add_paragraph(line[m.end() :], style="List Number")
        elif line.startswith("**"):
            document.add_paragraph().add_run(line.strip("*")).bold = True
        else:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_committee_report_as_word_document():
    data = committee_docx((DOCUMENTS / "committee_report_fenmarsh.md").read_text(encoding="utf-8"))
    doc = parse_bytes(data, "Ofsted outcome report.docx")
    assert doc.doc_type == "committee_report"
    assert doc.authority == "Fenmarsh County Council"
    assert doc.published == date(2024, 11, 12)  # the meeting date
    assert (doc.visit_start, doc.visit_end) == (date(2024, 9, 9), date(2024, 9, 20))
    assert [(j.area, j.grade) for j in doc.judgements] == [
        ("The impact of leaders on social work practice with children and families", "Good"),
        ("The experiences and progress of children who need help and protection", "Good"),
        ("The experiences and progress of children in care", "Requires improvement to be good"),
        ("The experiences and progress of care leavers", "Good"),
    ]
    assert doc.overall_effectiveness == "Good"
    # Each bullet's title sentence is the point; the committee's own recommendation is not.
    assert points(doc) == [
        "The quality of permanence planning for children in care.",
        "The sufficiency of local foster homes.",
        "Oversight of children placed in unregistered children's homes.",
    ]
    assert [p.kind for p in doc.improvement_points] == ["area_for_improvement"] * 3
    assert len(doc.strengths) == 2


def test_letter_as_word_document():
    # Word keeps bullets in its numbering, not in the text: the list paragraphs must still be items.
    letter = (DOCUMENTS / "jtai_brackenridge.txt").read_text(encoding="utf-8")
    doc = parse_bytes(committee_docx(letter.replace("• ", "- ")), "JTAI letter.DOCX")
    assert doc.doc_type == "jtai"
    assert doc.authority == "Brackenridge Borough Council"
    assert len(doc.improvement_points) == 3
    assert len(doc.strengths) == 2


def test_report_of_2014_with_priority_and_immediate_action():
    # The 2013–2015 layout: the overall judgement as a sentence, the judgement table flattened cell by cell,
    # a contents page, "Priority and immediate action" before "Areas for improvement" with the numbering
    # running on, and the safeguarding board's own areas for improvement at the end. Each keeps its kind:
    # priority and immediate actions are not areas for priority action, and the board's are not the council's.
    doc = parse_file(DOCUMENTS / "sif_westmarch_2014.txt")
    assert doc.doc_type == "inspection_report"
    assert doc.authority == "Westmarch County Council"
    assert (doc.visit_start, doc.visit_end, doc.published) == (date(2014, 3, 3), date(2014, 3, 26), date(2014, 5, 14))
    assert doc.overall_effectiveness == "Inadequate"
    assert [(j.area, j.grade) for j in doc.judgements] == [
        ("Children who need help and protection", "Inadequate"),
        ("Children looked after and achieving permanence", "Requires improvement to be good"),
        ("Adoption performance", "Requires improvement to be good"),
        ("Experiences and progress of care leavers", "Inadequate"),
        ("Leadership, management and governance", "Inadequate"),
    ]
    assert [(p.kind, p.number) for p in doc.improvement_points] == [
        ("priority_and_immediate_action", 1),
        ("priority_and_immediate_action", 2),
        ("area_for_improvement", 3),
        ("area_for_improvement", 4),
        ("area_for_improvement", 5),
        ("partnership_recommendation", 1),
        ("partnership_recommendation", 2),
    ]
    assert points(doc, "priority_and_immediate_action")[0] == (
        "Ensure that all contacts and referrals are screened by a qualified social worker within 24 hours, and "
        "that children at risk of significant harm are seen promptly."
    )
    assert doc.strengths == ["Care leavers are well supported into education, employment and training."]


def test_report_of_2011_with_numbered_grades_and_timed_groups():
    # The 2009–2012 layout as pypdf reads it: "Grade 3 (adequate)" beside each judgement, bullet signs from
    # the Symbol font alone on their lines, lower-case actions grouped under "Immediately:" and "Within three
    # months:", a group title straight after a full line, a page break inside a group, and a second list
    # for looked after children.
    doc = parse_file(DOCUMENTS / "safeguarding_lac_2011_fenby.txt")
    assert doc.authority == "Fenby Borough Council"
    assert (doc.visit_start, doc.visit_end, doc.published) == (date(2011, 9, 5), date(2011, 9, 16), date(2011, 10, 21))
    assert doc.overall_effectiveness == "Adequate"
    assert [(j.area, j.grade) for j in doc.judgements] == [("Capacity for improvement", "Good")]
    assert points(doc, "area_for_improvement") == [
        "Ensure that all contacts are screened by a qualified social worker on the day they are received",
        "Ensure that managers record the reasons for their decisions on children's files.",
        "Improve the quality of core assessments so that they consider the needs of brothers and sisters",
        "Develop the use of chronologies in all child protection cases.",
        "Ensure that the workforce strategy reduces the reliance on agency staff.",
        "Ensure that all looked after children have an up-to-date health assessment",
        "Improve the timeliness of personal education plans.",
    ]
