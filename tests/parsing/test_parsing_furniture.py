"""Letterheads and footnotes are taken out before lists are read (tracker/parsing/furniture.py, cleanup.py)."""

from tests.helpers.pdfs import pdf_from_html
from tracker.parsing import parse_bytes
from tracker.parsing.cleanup import PAGE_BREAK, clean_lines
from tracker.parsing.furniture import footnote_spans, letterhead_spans

# A sender's block as letters carry it: an address, then telephone, textphone, email and web address.
LETTERHEAD = [
    "Inspectorate",
    "Harbour House",
    "Quay Road",
    "Bristol",
    "BS1 4QA",
    "T 0300 555 0100",
    "Textphone 0161 555 0199",
    "enquiries@inspectorate.example",
    "www.inspectorate.example",
]
POINTS = [f"The timeliness of help for the children of area {n}, so that their needs are met." for n in range(1, 10)]


def texts(doc):
    return [point.text for point in doc.improvement_points]


def bullets() -> str:
    return "".join(f"<p>◼ {point}</p>" for point in POINTS)


def test_a_list_runs_on_across_the_letterhead_in_page_ones_margin():
    # The letterhead sits in page 1's right margin; PDFium reads it after the page's body, between the
    # first points on page 1 and the rest on page 2.
    style = (
        "@page { margin: 2cm 5cm 2cm 2cm; } @page :first { @right-bottom { content: element(letterhead); } }"
        ".letterhead { position: running(letterhead); font-size: 8pt; } body { line-height: 2.2; }"
    )
    body = (
        f'<div class="letterhead">{"<br>".join(LETTERHEAD)}</div>'
        "<p>12 May 2025</p><p>Dear Ms Example</p><p>Focused visit to Oakhampton children's services</p>"
        f"<p>{'This letter summarises the findings of a focused visit to Oakhampton. ' * 10}</p>"
        f"<h2>What needs to improve in this area of social work practice</h2>{bullets()}"
        "<h2>Main findings</h2><p>Children are seen promptly by social workers who know them well.</p>"
    )
    doc = parse_bytes(pdf_from_html(body, style), "letter.pdf")

    assert doc.doc_type == "focused_visit"
    assert texts(doc) == POINTS


def test_a_footnote_at_the_foot_of_page_one_stays_out_of_the_points():
    style = (
        "body { line-height: 1.8; } .note { float: footnote; font-size: 8pt; line-height: 1.2; }"
        "::footnote-call { content: counter(footnote); vertical-align: super; font-size: 7pt; }"
        '::footnote-marker { content: counter(footnote) " "; }'
    )
    note = (
        "The areas for improvement have been cross-referenced with the outcomes and enablers of the national "
        "framework for children's social care. This statutory guidance sets out the purpose of social care."
    )
    body = (
        "<p>Inspection of Oakhampton local authority children's services</p>"
        "<p>Inspection dates: 3 to 14 March 2025</p>"
        f"<p>{'Services for children in Oakhampton have improved since the last inspection. ' * 12}"
        f'The areas for improvement refer to the national framework.<span class="note">{note}</span></p>'
        f"<h2>What needs to improve?</h2>{bullets()}"
        "<h2>The experiences and progress of children who need help and protection: good</h2>"
        "<p>1. Children are seen promptly.</p>"
    )
    data = pdf_from_html(body, style)
    doc = parse_bytes(data, "report.pdf")

    assert texts(doc) == POINTS  # the footnote falls between the fourth and fifth
    assert "cross-referenced" in doc.source_text  # what the document says is kept; only the points skip it


def page(*lines: str) -> list[str]:
    return list(lines)


def test_a_letterhead_is_found_by_its_contact_details_and_the_address_above_them():
    lines = page("◼ The quality of plans.", *LETTERHEAD)
    assert letterhead_spans(lines) == [range(1, len(lines))]
    # A heading just above it is not part of the address: it heads what follows on page 2.
    lines = page("Main findings", *LETTERHEAD[1:])
    assert letterhead_spans(lines) == [range(1, len(lines))]
    assert clean_lines("\n".join(lines)) == ["Main findings", PAGE_BREAK]


def test_an_addressee_with_a_postcode_or_prose_with_a_telephone_number_is_not_a_letterhead():
    addressee = page("Jo Bright", "Director of Children's Services", "Civic Offices", "Tamberley", "TB1 1AA")
    prose = page(
        "If you would like this letter in another format, telephone 0300 555 0100",
        "or email enquiries@inspectorate.example, or see www.inspectorate.example for more.",
    )
    assert letterhead_spans(addressee) == []
    assert letterhead_spans(prose) == []


def test_a_footnote_needs_its_mark_on_the_page_or_smaller_print():
    body = [f"Line {n} of the page's text, set in the body's type at its usual width for reading." for n in range(12)]
    marked = page("2", "What needs to improve?", "1", *body, "1 The areas for improvement are cross-referenced.")
    assert footnote_spans(marked) == [range(len(marked) - 1, len(marked))]
    small = page(
        "2", *body, "1 The areas for improvement have been cross-referenced with the outcomes and enablers of the"
    )
    assert footnote_spans(small) == [range(len(small) - 1, len(small))]
    # A numbered point at a page's foot is not a footnote: the page number "2" at the top is no mark.
    numbered = page("2", *body, "2 Ensure that plans for children are reviewed on time.")
    assert footnote_spans(numbered) == []
