"""A council's committee paper is read as the inspection it reports, with the paper kept as the source."""

from datetime import date

from tests.helpers.data import committed
from tests.helpers.factories import make_authority, make_user
from tests.helpers.paths import SEED_DOCUMENTS
from tracker.inspections.operations import create_inspection
from tracker.inspections.sources import reported_kind
from tracker.models import DocumentKind, Role, SourceKind
from tracker.parsing import parse_file

PAPER = "003_7af7db97a7e57556.txt"


def test_a_committee_paper_becomes_the_inspection_it_reports_and_its_page_names_the_paper(client, app):
    with committed(app):
        authority = make_authority(name="Leicestershire County Council")
        director = make_user(authority, Role.DIRECTOR)
        inspection = create_inspection(
            parse_file(SEED_DOCUMENTS / PAPER), authority, source_filename=PAPER, actor=director
        )
        assert (inspection.doc_type, inspection.source_kind) == (
            DocumentKind.INSPECTION_REPORT,
            SourceKind.COMMITTEE_REPORT,
        )
        # The meeting is the paper's date, not Ofsted's publication, which the paper does not give.
        assert (inspection.published, inspection.source_dated) == (None, date(2024, 9, 3))
    client.sign_in(director)
    page = client.get_page("inspections.show", inspection_id=inspection.id)
    assert page.h1.text == "Inspection report, May 2024"
    assert " ".join(page.select_one("#source").text.split()) == (
        f"Findings read from The council’s committee report on the inspection ({PAPER}, for the meeting of "
        "3 September 2024)"
    )
    assert "Committee report" not in page.select_one("main").text


def test_a_papers_opening_tells_what_kind_of_inspection_it_reports():
    heading = "CABINET - 4 MARCH 2025\n\nOFSTED {} OF CHILDREN'S SERVICES\n\nPurpose of the Report\n"
    assert reported_kind(heading.format("INSPECTION")) == DocumentKind.INSPECTION_REPORT
    assert reported_kind(heading.format("FOCUSED VISIT")) == DocumentKind.FOCUSED_VISIT
    assert reported_kind(heading.format("MONITORING VISIT")) == DocumentKind.MONITORING_VISIT
    assert reported_kind(heading.format("JOINT TARGETED AREA INSPECTION")) == DocumentKind.JTAI
    # A visit mentioned in passing, far into the paper, does not make it the paper's subject.
    assert reported_kind(heading.format("INSPECTION") + "x" * 2000 + " since the focused visit in 2022") == (
        DocumentKind.INSPECTION_REPORT
    )
