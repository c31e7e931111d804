"""A heading a PDF draws after the text beneath it: PDFium gives text in drawing order, so the heading would
head the paragraphs after it instead of its own list. Found in a 2016 report, where the board's
"Recommendations" came after the findings below it and those findings were read as its points."""

from tests.helpers.pdfs import pdf_from_html
from tracker.parsing import parse_bytes
from tracker.parsing.extract import pdf_text

# The heading is positioned at the top of the page but comes last in the page's drawing: WeasyPrint paints
# positioned boxes after the page's flow, as some reports' producers draw their headings.
STYLE = "h2.late { position: absolute; top: 0; margin: 0; } .flow { padding-top: 3em; }"
BODY = (
    "<div class='flow'>"
    "<p>1. Extend the performance data set to include data on children missing from care.</p>"
    "<p>2. Strengthen the evaluation of training so that it shows the difference it makes.</p>"
    "<h2>Inspection findings</h2>"
    "<p>3. The board holds partners to account well, and its chair challenges agencies.</p>"
    "</div>"
    "<h2 class='late'>Recommendations</h2>"
)


def test_a_heading_drawn_after_the_text_below_it_is_read_first():
    data = pdf_from_html(BODY, STYLE)
    lines = [line.strip() for line in pdf_text(data).splitlines() if line.strip()]
    assert lines[0] == "Recommendations"
    assert lines.count("Recommendations") == 1


def test_its_list_is_read_as_the_points_and_the_findings_after_are_not():
    doc = parse_bytes(pdf_from_html(BODY, STYLE), "report.pdf")
    assert [(p.number, p.text) for p in doc.improvement_points] == [
        (1, "Extend the performance data set to include data on children missing from care."),
        (2, "Strengthen the evaluation of training so that it shows the difference it makes."),
    ]


def test_a_page_drawn_in_reading_order_is_unchanged():
    body = BODY.replace("<h2 class='late'>Recommendations</h2>", "").replace(
        "<div class='flow'>", "<div><h2>Recommendations</h2>"
    )
    lines = [line.strip() for line in pdf_text(pdf_from_html(body)).splitlines() if line.strip()]
    assert lines[0] == "Recommendations"
    assert lines[1].startswith("1. Extend the performance data set")
