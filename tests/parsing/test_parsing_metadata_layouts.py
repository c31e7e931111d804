"""Document metadata (kind, council, dates, judgements) in each layout Ofsted has used, on short documents of our
own with fictional councils; and the same fields read from a PDF made of each."""

from datetime import date
from html import escape
from pathlib import Path

import pytest

from tracker.parsing import parse_bytes, parse_text

DOCUMENTS_FOLDER = Path(__file__).parent / "documents"

ILACS_JUDGEMENTS = """Judgement Grade
The impact of leaders on social work
practice with children and families
Outstanding
The experiences and progress of
children who need help and protection
Good
The experiences and progress of
children in care
Good
The experiences and progress of care
leavers
Requires improvement to be good
"""

WRAPPED_TITLE = (
    "Inspection of Wyvernshire County\n"
    "Council local authority children’s\n"
    "services\n"
    "Inspection dates: 6 to 17 March 2023\n"
    "Lead inspector: Ann Rowe, His Majesty’s Inspector\n" + ILACS_JUDGEMENTS + "Overall effectiveness Good\n"
    "Children in Wyvernshire receive help quickly and most live in stable homes.\n"
    "What needs to improve?\n"
    "◼ The quality of plans for children in care.\n"
)

# The 2018–19 layout: the council's place alone above the title, a page number above that.
NAME_ABOVE_TITLE = (
    "1\n"
    "Harbury\n"
    "Inspection of children’s social care services\n"
    "Inspection dates: 29 October 2018 to 9 November 2018\n"
    "Lead inspector: Ann Rowe\n"
    "Her Majesty’s Inspector\n" + ILACS_JUDGEMENTS + "Overall effectiveness Good\n"
    "What needs to improve\n"
    "◼ The quality of plans for children in care.\n"
)

TRUST = (
    "Inspection of Tamberley Children and\n"
    "Families Trust\n"
    "Inspection dates: 12 to 23 January 2026\n"
    "Lead inspector: Ann Rowe, His Majesty’s Inspector\n"
    + ILACS_JUDGEMENTS
    + "Since the last inspection, the trust and Tamberley City Council have rebuilt the service together.\n"
    "What needs to improve?\n"
    "◼ The quality of plans for children in care.\n"
)

SIF_NUMERIC_DATES = (
    "1\n"
    "Fenby Borough Council\n"
    "Inspection of services for children in need of help and\n"
    "protection, children looked after and care leavers\n"
    "and\n"
    "Review of the effectiveness of the Local Safeguarding Children\n"
    "Board1\n"
    "Inspection date: 1/06/2015 – 25/06/2015\n"
    "Report published: 10/08/2015\n"
    "Children’s services in Fenby are good\n"
    "1. Children who need help and protection Good\n"
    "2. Children looked after and achieving permanence Good\n"
    "2.1 Adoption performance Good\n"
    "2.2 Experiences and progress of care leavers Good\n"
    "3. Leadership, management and governance Good\n"
    "Recommendations\n"
    "1. Ensure that all care leavers are offered a health passport.\n"
)

# ILACS from 2026: no overall effectiveness, and the summary recalls the last inspection's overall grade.
NO_OVERALL_GRADE = (
    "Inspection of Ashcombe local authority\n"
    "children’s services\n"
    "Inspection dates: 11 to 22 May 2026\n"
    "Lead inspector: Ann Rowe, His Majesty’s Inspector\n"
    + ILACS_JUDGEMENTS
    + "In 2023, overall effectiveness was judged to be inadequate. Leaders have since made strong progress and "
    "care leavers now receive good support.\n"
    "What needs to improve?\n"
    "◼ The quality of plans for children in care.\n"
)

MONITORING_VISIT = (
    "Ofsted\nPiccadilly Gate\nStore Street\nManchester\nM1 2WD\n\n"
    "2 April 2024\n\n"
    "Priya Chandran\nDirector of Children’s Services\nCivic Offices\nKingsmere\nKM1 4QA\n\n"
    "Dear Ms Chandran\n\n"
    "Monitoring visit to Kingsmere Metropolitan Borough\n"
    "Council children’s services\n\n"
    "This letter summarises the findings of the fourth monitoring visit to Kingsmere children’s services on "
    "5 and 6 March 2024. At the inspection in 2023, overall effectiveness was judged to be inadequate.\n\n"
    "Headline findings\n\n"
    "Leaders have made steady progress. Social workers now visit children regularly.\n\n"
    "Yours sincerely\n\nSam Hale\nHis Majesty’s Inspector\n"
)

# A visit letter that leaves the visit's year to its own date, and writes "the 15 and 16 of May".
YEARLESS_FOCUSED_VISIT = (
    "Ofsted\nPiccadilly Gate\nStore Street\nManchester\nM1 2WD\n\n"
    "8 January 2019\n\n"
    "Priya Chandran\nDirector of Children’s Services\nOakhampton Borough Council\nCivic Offices\n\n"
    "Dear Ms Chandran\n\n"
    "Focused visit to Oakhampton children’s services\n\n"
    "This letter summarises the findings of a focused visit to Oakhampton children’s services on the "
    "{dates}. The inspectors were Ann Rowe and Sam Hale.\n\n"
    "What needs to improve in this area of social work practice\n\n"
    "◼ The quality of plans for children in need.\n"
)

DOCUMENTS = {
    "wrapped_title": (
        WRAPPED_TITLE,
        {
            "doc_type": "inspection_report",
            "authority": "Wyvernshire County Council",
            "visit_start": date(2023, 3, 6),
            "visit_end": date(2023, 3, 17),
            "published": None,
            "overall_effectiveness": "Good",
        },
    ),
    "name_above_title": (
        NAME_ABOVE_TITLE,
        {
            "doc_type": "inspection_report",
            "authority": "Harbury",
            "visit_start": date(2018, 10, 29),
            "visit_end": date(2018, 11, 9),
            "published": None,
            "overall_effectiveness": "Good",
        },
    ),
    "trust": (
        TRUST,
        {
            "doc_type": "inspection_report",
            "authority": "Tamberley City Council",
            "visit_start": date(2026, 1, 12),
            "visit_end": date(2026, 1, 23),
            "published": None,
            "overall_effectiveness": None,
        },
    ),
    "sif_numeric_dates": (
        SIF_NUMERIC_DATES,
        {
            "doc_type": "inspection_report",
            "authority": "Fenby Borough Council",
            "visit_start": date(2015, 6, 1),
            "visit_end": date(2015, 6, 25),
            "published": date(2015, 8, 10),
            "overall_effectiveness": "Good",
        },
    ),
    "no_overall_grade": (
        NO_OVERALL_GRADE,
        {
            "doc_type": "inspection_report",
            "authority": "Ashcombe",
            "visit_start": date(2026, 5, 11),
            "visit_end": date(2026, 5, 22),
            "published": None,
            "overall_effectiveness": None,
        },
    ),
    "monitoring_visit": (
        MONITORING_VISIT,
        {
            "doc_type": "monitoring_visit",
            "authority": "Kingsmere Metropolitan Borough Council",
            "visit_start": date(2024, 3, 5),
            "visit_end": date(2024, 3, 6),
            "published": date(2024, 4, 2),
            "overall_effectiveness": None,
        },
    ),
    "yearless_focused_visit": (
        YEARLESS_FOCUSED_VISIT.format(dates="13 and 14 of December"),
        {
            "doc_type": "focused_visit",
            "authority": "Oakhampton Borough Council",
            "visit_start": date(2018, 12, 13),
            "visit_end": date(2018, 12, 14),
            "published": date(2019, 1, 8),
            "overall_effectiveness": None,
        },
    ),
}


def fields(doc) -> dict:
    return {name: getattr(doc, name) for name in DOCUMENTS["wrapped_title"][1]}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_fields_of_each_layout(name):
    text, expected = DOCUMENTS[name]
    assert fields(parse_text(text)) == expected


def test_ilacs_judgements_are_read_with_or_without_an_overall_grade():
    graded = parse_text(WRAPPED_TITLE)
    ungraded = parse_text(NO_OVERALL_GRADE)
    assert [(j.area, j.grade) for j in ungraded.judgements] == [
        ("The impact of leaders on social work practice with children and families", "Outstanding"),
        ("The experiences and progress of children who need help and protection", "Good"),
        ("The experiences and progress of children in care", "Good"),
        ("The experiences and progress of care leavers", "Requires improvement to be good"),
    ]
    assert ungraded.judgements == graded.judgements
    # Neither the last inspection's grade nor a sub-judgement stands in for the overall grade.
    assert ungraded.overall_effectiveness is None
    assert graded.overall_effectiveness == "Good"


@pytest.mark.parametrize(
    ("title", "authority"),
    [
        # A title split by a page break, with the page's number.
        (
            "Inspection of Wyvernshire\n\f\n2\nCounty Council local authority children’s services",
            "Wyvernshire County Council",
        ),
        # A name that wraps above the title.
        (
            "1\nRoyal Borough of Fenby and\nMarsh\nInspection of services for children in need of help and\n"
            "protection, children looked after and care leavers",
            "Royal Borough of Fenby and Marsh",
        ),
        # A safeguarding board's review stands for the council whose area it covers.
        (
            "1\nHarbury Safeguarding Children Board\nReview of the effectiveness of the Local Safeguarding Children\n"
            "Board",
            "Harbury",
        ),
        ("Inspection of the London Borough of Fenby children’s services", "London Borough of Fenby"),
        ("Inspection of Wyvernshire Children’s Services Trust", "Wyvernshire"),
        # Real councils' places are given their official names.
        (
            "Inspection of Bath and North East\nSomerset local authority children’s\nservices",
            "Bath and North East Somerset Council",
        ),
        ("Inspection of Bradford Children and\nFamilies Trust", "City of Bradford Metropolitan District Council"),
    ],
)
def test_council_named_in_a_title(title, authority):
    doc = parse_text(title + "\nInspection dates: 6 to 17 March 2023\n" + ILACS_JUDGEMENTS)
    assert doc.authority == authority


def test_company_named_for_no_place_stands_for_the_council_its_report_names():
    doc = parse_text(
        "Inspection of Bright Futures for Children children’s services\n"
        "Inspection dates: 6 to 17 March 2023\n"
        + ILACS_JUDGEMENTS
        + "Bright Futures for Children runs children’s services for the Royal Borough of Windsor and Maidenhead.\n"
    )
    assert doc.authority == "Royal Borough of Windsor and Maidenhead"


@pytest.mark.parametrize(
    ("written", "start", "end", "published"),
    [
        (
            "Inspection date: 1/06/2015 – 25/06/2015\nReport published: 10/08/2015",
            (2015, 6, 1),
            (2015, 6, 25),
            (2015, 8, 10),
        ),
        (
            "Inspection date: 01/06/2015 to 25/06/2015\nReport published: 10/08/2015",
            (2015, 6, 1),
            (2015, 6, 25),
            (2015, 8, 10),
        ),
        (
            "Inspection date: 1.6.2015 - 25.6.2015\nReport published: 10.8.2015",
            (2015, 6, 1),
            (2015, 6, 25),
            (2015, 8, 10),
        ),
        # Day first, always: 12/09 is the twelfth of September.
        (
            "Inspection date: 12/09/2016 to 06/10/2016\nReport published: 25/11/2016",
            (2016, 9, 12),
            (2016, 10, 6),
            (2016, 11, 25),
        ),
    ],
)
def test_dates_in_figures(written, start, end, published):
    doc = parse_text(
        SIF_NUMERIC_DATES.replace("Inspection date: 1/06/2015 – 25/06/2015\nReport published: 10/08/2015", written)
    )
    assert (doc.visit_start, doc.visit_end, doc.published) == (date(*start), date(*end), date(*published))


def test_yearless_visit_dates_over_the_new_year_before_the_letter():
    doc = parse_text(YEARLESS_FOCUSED_VISIT.format(dates="30 December and 2 January"))
    assert (doc.visit_start, doc.visit_end) == (date(2018, 12, 30), date(2019, 1, 2))


def test_end_of_a_wrapped_date_range_is_not_taken_for_a_letters_date():
    doc = parse_text(
        WRAPPED_TITLE.replace(
            "Inspection dates: 6 to 17 March 2023\n",
            "Inspection dates: 6 March 2023 to 10 March 2023 and\n17 March 2023\n",
        )
    )
    assert (doc.visit_start, doc.visit_end, doc.published) == (date(2023, 3, 6), date(2023, 3, 10), None)


def pdf_of(text: str) -> bytes:
    """The text as a PDF, one line a paragraph (wrapped where it is longer than the page is wide)."""
    from weasyprint import HTML  # heavy (Pango): loaded only by the tests that make a PDF

    pages = text.split("\f")
    body = '<div style="page-break-before: always"></div>'.join(
        "".join(f"<p>{escape(line) or '&nbsp;'}</p>" for line in page.split("\n")) for page in pages
    )
    style = "@page { size: A4; margin: 1cm } p { margin: 0; font: 8pt sans-serif; white-space: pre-wrap }"
    return HTML(string=f"<html><head><style>{style}</style></head><body>{body}</body></html>").write_pdf()


def test_the_same_fields_are_read_from_a_pdf_of_each_layout():
    for name, (text, expected) in DOCUMENTS.items():
        doc = parse_bytes(pdf_of(text), f"{name}.pdf")
        assert fields(doc) == expected, name
        assert doc.judgements == parse_text(text).judgements, name


def test_the_same_fields_are_read_from_a_pdf_of_each_kind_of_document():
    # The test documents of every kind: committee paper, focused and monitoring visit, JTAI, reports of 2011–25.
    for path in sorted(p for p in DOCUMENTS_FOLDER.iterdir() if p.suffix in (".txt", ".md")):
        text = path.read_text(encoding="utf-8")
        from_text, from_pdf = parse_text(text), parse_bytes(pdf_of(text), f"{path.stem}.pdf")
        assert fields(from_pdf) == fields(from_text), path.name
        assert from_pdf.judgements == from_text.judgements, path.name


@pytest.mark.parametrize(
    "opening",
    [
        "Monitoring visit of Kingsmere local authority children’s services\n\n"
        "This letter summarises the findings of the monitoring visit on 5 and 6 March 2024.\n\n",
        # No title: the opening sentence says what the letter is.
        "This letter summarises the findings of a monitoring visit carried out on 5 and 6 March 2024.\n\n",
    ],
)
def test_monitoring_visit_letter_is_one_however_it_opens(opening):
    head, _ = MONITORING_VISIT.split("Monitoring visit to")
    doc = parse_text(
        head + opening + "The visit was carried out under the inspection of local authority children’s services "
        "framework.\n\nYours sincerely\n\nSam Hale\nHis Majesty’s Inspector\n"
    )
    assert doc.doc_type == "monitoring_visit"
    assert (doc.visit_start, doc.visit_end) == (date(2024, 3, 5), date(2024, 3, 6))
