"""The whole plan is the paper's Appendix B, published as a document of its own next to the paper's Word and PDF
files, frozen with them, and downloaded by whoever may read the paper."""

from __future__ import annotations

import io
import re

from docx import Document
from pypdf import PdfReader
from sqlalchemy import select

from tests.helpers.data import committed
from tests.helpers.seeded import seeded_user
from tests.reports.test_report_pages import COMMITTEE, LEICESTERSHIRE, _draft, _publish
from tracker.extensions import db
from tracker.models import Action, CommitteeReport, ImprovementPoint, Role
from tracker.reports.appendices import appended_headings, split
from tracker.reports.model import Report, Section, Table
from tracker.reports.operations import checksum_matches, inputs_from_json

APPENDIX = "Appendix B – The Whole Plan"
LISTED = f"{APPENDIX} (a separate document)"


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _word_text(docx: bytes) -> str:
    document = Document(io.BytesIO(docx))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return _one_line(" ".join([p.text for p in document.paragraphs] + cells))


def _word_rows(docx: bytes) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for table in Document(io.BytesIO(docx)).tables for row in table.rows]


def _pdf_text(pdf: bytes) -> str:
    return _one_line(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def _pdf_rows(pdf: bytes) -> int:
    """The table rows the tagged PDF's structure holds (its text runs a row's cells together line by line)."""
    rows, stack = 0, [PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if isinstance(node, dict):
            rows += str(node.get("/S")) == "/TR"
            kids = node.get("/K")
            if kids is not None:
                kids = kids.get_object()
                stack.extend(kids if isinstance(kids, list) else [kids])
    return rows


def _report(app) -> CommitteeReport:
    with committed(app):
        report = db.session.scalar(select(CommitteeReport))
        for name in ("docx", "pdf", "appendix_docx", "appendix_pdf", "html"):
            getattr(report, name)  # loaded (they are deferred) before the session closes
        return report


def _plan_actions(app, report: CommitteeReport) -> list[str]:
    """The titles of every action of the plans the report covers, read straight from the tables."""
    ids = inputs_from_json(report.inputs).inspection_ids
    with committed(app):
        return db.session.scalars(
            select(Action.title).join(ImprovementPoint).where(ImprovementPoint.inspection_id.in_(ids))
        ).all()


def test_split_keeps_the_body_for_the_paper_and_gives_the_appendices_a_document_titled_by_them():
    table = Table("The whole plan", ["Action"], [["Write the plan"]])
    report = Report(
        ["SCRUTINY COMMITTEE - 1 DECEMBER 2026", "OFSTED INSPECTION", "REPORT OF THE DIRECTOR"],
        "Ofsted inspection",
        [Section("Purpose of the Report"), Section("Appendix"), Section(APPENDIX, blocks=[table], appendix=True)],
    )
    paper, appended = split(report)
    assert [s.heading for s in paper.sections] == ["Purpose of the Report", "Appendix"]
    assert paper.title == "Ofsted inspection" and paper.heading_lines == report.heading_lines
    assert appended.title == f"{APPENDIX}: Ofsted inspection"
    assert appended.heading_lines == ["SCRUTINY COMMITTEE - 1 DECEMBER 2026", f"{APPENDIX}: OFSTED INSPECTION".upper()]
    # Its first appendix opens the document rather than starting a page after its heading lines
    assert [(s.heading, s.appendix, s.blocks) for s in appended.sections] == [(APPENDIX, False, [table])]
    assert split(paper) == (paper, None)
    assert appended_headings(report) == appended_headings(report.to_dict()) == APPENDIX  # as stored when published


def test_the_papers_files_leave_the_whole_plan_to_its_own_files_which_publishing_freezes(seeded_client):
    app = seeded_client.app
    seeded_client.sign_in(seeded_user(app, LEICESTERSHIRE))
    url = _draft(seeded_client)
    _publish(seeded_client, url)
    report = _report(app)
    actions = _plan_actions(app, report)
    assert len(actions) >= 3

    # The paper's files name Appendix B as a separate document and hold none of its table
    paper_word, paper_pdf = _word_text(report.docx), _pdf_text(report.pdf)
    for text in (paper_word, paper_pdf):
        assert LISTED in text and "Signed off" not in text
    assert not any(row[:1] == ["Point"] for row in _word_rows(report.docx))
    # The appendix's files hold every action, under their own title
    rows = _word_rows(report.appendix_docx)
    assert rows[0] == ["Point", "Action", "Owner", "Rating", "Status", "Target date", "Signed off"]
    assert sorted(row[1] for row in rows[1:]) == sorted(actions)
    assert Document(io.BytesIO(report.appendix_docx)).core_properties.title == f"{APPENDIX}: Ofsted inspection"
    appendix_pdf = _pdf_text(report.appendix_pdf)
    assert appendix_pdf.startswith(f"{COMMITTEE.upper()}")
    assert f"{APPENDIX}: Ofsted inspection".upper() in appendix_pdf
    assert _pdf_rows(report.appendix_pdf) == len(actions) + 1  # the header, and a row for each action
    # Each title's words (a narrow column breaks lines at hyphens, and the text interleaves a row's cells)
    words = set(re.findall(r"\w+", appendix_pdf))
    assert [set(re.findall(r"\w+", title)) - words for title in actions] == [set()] * len(actions)
    assert _pdf_rows(report.pdf) > 0 and not {"Signed", "off"} <= set(paper_pdf.split())
    assert PdfReader(io.BytesIO(report.appendix_pdf)).metadata.title == f"{APPENDIX}: Ofsted inspection"
    # The web page keeps the whole plan inline
    assert APPENDIX in [h.get_text(strip=True) for h in seeded_client.get_page(url).select(".tracker-report h2")]

    # The checksum covers the appendix's files: changing one is detected
    with app.app_context():
        published = db.session.get(CommitteeReport, report.id)
        assert checksum_matches(published)
        published.appendix_pdf = published.appendix_pdf + b"\n"
        assert not checksum_matches(published)
        db.session.rollback()


def test_a_published_appendix_is_read_as_the_paper_is_and_a_drafts_is_not_served(seeded_client):
    app = seeded_client.app
    director = seeded_user(app, LEICESTERSHIRE)
    member = seeded_user(app, LEICESTERSHIRE, Role.COMMITTEE_MEMBER)
    seeded_client.sign_in(director)
    url = _draft(seeded_client)
    # A draft's appendix is never served from the published address: not to its director (sent to the draft's
    # page, where the worker makes files) nor to a committee member (no draft exists for them)
    answer = seeded_client.get(f"{url}/appendix.pdf")
    assert answer.status_code == 302 and answer.location == url
    seeded_client.sign_in(member)
    assert seeded_client.get(f"{url}/appendix.pdf").status_code == 404
    assert seeded_client.get(f"{url}/appendix.docx").status_code == 404

    seeded_client.sign_in(director)
    _publish(seeded_client, url)
    report = _report(app)
    seeded_client.sign_in(member)
    page = seeded_client.get_page(url)
    links = {a.get_text(strip=True): a["href"] for a in page.select("main a.govuk-link")}
    assert links[f"{APPENDIX} (Word)"] == f"{url}/appendix.docx"
    assert links[f"{APPENDIX} (PDF)"] == f"{url}/appendix.pdf"
    for fmt, stored in (("docx", report.appendix_docx), ("pdf", report.appendix_pdf)):
        response = seeded_client.get(f"{url}/appendix.{fmt}")
        assert response.status_code == 200 and response.data == stored
        assert f"2024-09-03 {COMMITTEE} - Ofsted inspection - The Whole Plan.{fmt}" in response.headers[
            "Content-Disposition"
        ].replace("%20", " ")
    seeded_client.sign_in(seeded_user(app, "Leeds City Council", Role.COMMITTEE_MEMBER))
    assert seeded_client.get(f"{url}/appendix.pdf").status_code == 404
    assert seeded_client.get(f"{url}/appendix.docx").status_code == 404


def test_a_report_published_before_appendices_had_files_offers_none(seeded_client):
    app = seeded_client.app
    seeded_client.sign_in(seeded_user(app, LEICESTERSHIRE))
    url = _draft(seeded_client)
    _publish(seeded_client, url)
    with committed(app):
        report = db.session.scalar(select(CommitteeReport))
        report.appendix_docx = report.appendix_pdf = None
    assert seeded_client.get(f"{url}/appendix.pdf").status_code == 404
    assert "(PDF)" not in seeded_client.get_page(url).select_one("main ul.govuk-list").get_text()
