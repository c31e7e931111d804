"""The committee report reproduces the council's own paper (seed 003) and adds the plan's progress,
identically in HTML, Word and PDF."""

import io
import re
from datetime import date, datetime

import pytest
from bs4 import BeautifulSoup
from docx import Document
from pypdf import PdfReader
from sqlalchemy import select

from tests.helpers.data import committed
from tests.helpers.factories import make_authority, make_inspection, make_point
from tracker.actions import operations as ops
from tracker.extensions import db
from tracker.models import (
    Action,
    AuditEvent,
    Authority,
    DocumentKind,
    ImprovementPoint,
    Inspection,
    Milestone,
    PointKind,
    Rag,
)
from tracker.reports import committee, data, render
from tracker.reports.defaults import default_inputs

COMMITTEE = "Children and Families Overview and Scrutiny Committee"
# The headings of the September 2024 Leicestershire report (seed/documents/003_…), in order.
SEED_HEADINGS = [
    "Purpose of the Report",
    "Policy Framework and Previous Decisions",
    "Background",
    "Leicestershire's Ofsted Inspection",
    "Inspection Findings",
    "Report Headlines",
    "Leicestershire's Strengths",
    "Areas for Improvement",
    "Appendix",
    "Officers to Contact",
]
GRADES = [
    ("The impact of leaders on social work practice with children and families", "Outstanding"),
    ("The experiences and progress of children who need help and protection", "Good"),
    ("The experiences and progress of children in care", "Outstanding"),
    ("The experiences and progress of care leavers", "Outstanding"),
]
AREAS = [
    "Monitoring of pre-proceedings to tackle drift and delay and the accessibility of letters before proceedings.",
    "Timeliness of initial child protection conferences.",
]


def plain(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def _report(app, authority_name="Leicestershire County Council", **changes):
    with app.app_context():
        authority = db.session.scalar(select(Authority).where(Authority.name == authority_name))
        inputs = default_inputs(authority, COMMITTEE, date(2024, 9, 3), date(2026, 11, 22))
        for key, value in changes.items():
            setattr(inputs, key, value)
        report = committee.build(inputs, data.load(inputs))
        return report, render.to_html(report), render.to_docx(report, council=authority.name), render.to_pdf(report)


@pytest.fixture
def rendered(seeded_app):
    return _report(seeded_app)


def _in_order(found: list[str], wanted: list[str]) -> bool:
    position = 0
    for heading in found:
        if position < len(wanted) and plain(heading) == plain(wanted[position]):
            position += 1
    return position == len(wanted)


def test_the_html_has_the_seed_reports_anatomy(rendered):
    report, html, _, _ = rendered
    page = BeautifulSoup(html, "html.parser")
    headings = [h.get_text(strip=True) for h in page.select("h2, h3")]
    assert _in_order(headings, SEED_HEADINGS), headings
    lines = [plain(p.get_text()) for p in page.select(".tracker-report__heading-line")]
    assert lines == [
        "CHILDREN AND FAMILIES OVERVIEW AND SCRUTINY COMMITTEE - 3 SEPTEMBER 2024",
        "OFSTED INSPECTION OF LOCAL AUTHORITY CHILDREN'S SOCIAL CARE SERVICES",
        "REPORT OF THE DIRECTOR OF CHILDREN AND FAMILY SERVICES",
    ]
    grades = page.select("table")[0]
    assert [th.get_text(strip=True) for th in grades.select("thead th")] == ["Judgement", "Grade"]
    assert [tuple(td.get_text(strip=True) for td in tr.select("td")) for tr in grades.select("tbody tr")] == GRADES
    text = plain(page.get_text(" "))
    assert (
        "The overall effectiveness of children's services in Leicestershire has been judged to be Outstanding." in text
    )
    for area in AREAS:
        assert area in text
    numbers = [int(li["value"]) for li in page.select("li.tracker-report__paragraph")]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) > 20
    assert numbers == [p.number for p in report.numbered()]


def test_the_word_file_has_real_headings_numbering_and_a_header_row(rendered):
    report, _, docx_bytes, _ = rendered
    document = Document(io.BytesIO(docx_bytes))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert _in_order(headings, SEED_HEADINGS), headings
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert len(numbered) == len(report.numbered())  # one automatic list: Word numbers them 1, 2, 3 …
    assert [p.text for p in numbered] == [p.text for p in report.numbered()]
    grades = document.tables[0]
    assert [c.text for c in grades.rows[0].cells] == ["Judgement", "Grade"]
    assert grades.rows[0]._tr.trPr.xml.count("tblHeader") == 1
    assert [tuple(c.text for c in row.cells) for row in grades.rows[1:]] == GRADES
    assert document.core_properties.title and document.core_properties.language == "en-GB"
    body = plain(" ".join(p.text for p in document.paragraphs))
    assert "has been judged to be Outstanding." in body
    assert all(area in body for area in AREAS)


def test_the_pdf_text_reads_in_order_with_continuous_numbers(rendered):
    report, _, _, pdf_bytes = rendered
    reader = PdfReader(io.BytesIO(pdf_bytes))
    assert reader.metadata.title == report.title
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = plain(text)
    positions = [flat.find(plain(h)) for h in SEED_HEADINGS]
    assert -1 not in positions and positions == sorted(positions), positions
    numbers = [int(n) for n in re.findall(r"^(\d{1,3})\.", text, flags=re.M)]  # not a year ending a line
    assert numbers == list(range(1, len(report.numbered()) + 1))
    for area, grade in GRADES:
        assert plain(area) in flat and grade in flat
    assert "has been judged to be Outstanding." in flat


def test_the_printed_long_tables_set_their_columns_once(seeded_app, rendered):
    """A long table in the PDF (Green actions, the appendices) has set column widths (fixed layout) rather than
    being measured cell by cell."""
    report, html, _, _ = rendered
    with seeded_app.app_context():
        printed = BeautifulSoup(render.to_print_html(report), "html.parser")
    table = next(t for t in printed.select("table") if "Target date" in t.get_text())
    assert "tracker-report__table--fixed" in table["class"]
    widths = [int(col["style"].removeprefix("width: ").removesuffix("%")) for col in table.select("colgroup col")]
    assert len(widths) == len(table.select("thead th")) and sum(widths) == 100
    assert "table-layout: fixed" in printed.select_one("style").get_text()
    # On screen the columns still fit their contents.
    on_screen = next(t for t in BeautifulSoup(html, "html.parser").select("table") if "Target date" in t.get_text())
    assert not on_screen.select("colgroup") and "tracker-report__table--fixed" not in on_screen["class"]


def test_the_printed_bullets_are_text_rather_than_list_markers(seeded_app, rendered):
    """WeasyPrint lays out each list marker as a positioned box of its own; the print layout writes bullets as text."""
    report, html, _, _ = rendered
    with seeded_app.app_context():
        printed = BeautifulSoup(render.to_print_html(report), "html.parser")
    bullets = [b for block in report.numbered() for b in block.bullets]
    items = printed.select("li.tracker-report__paragraph li")
    assert bullets and [li.get_text() for li in items] == [f"•\u2002{b}" for b in bullets]
    assert "li.tracker-report__paragraph li { list-style: none;" in printed.select_one("style").get_text()
    # On screen GOV.UK's list draws them.
    on_screen = BeautifulSoup(html, "html.parser").select(".govuk-list--bullet li")
    assert [li.get_text() for li in on_screen] == bullets


def test_a_pdf_is_made_with_fewer_collections_and_the_setting_is_put_back(monkeypatch):
    import gc
    import threading

    before = gc.get_threshold()
    seen = []

    class Recording:
        def __init__(self, string):
            pass

        def write_pdf(self, **options):
            seen.append(gc.get_threshold())
            return b"%PDF-"

    monkeypatch.setattr("weasyprint.HTML", Recording)
    monkeypatch.setattr(render, "to_print_html", lambda report: "<p>x</p>")
    assert render.to_pdf(None) == b"%PDF-"
    assert seen == [(100_000, *before[1:])] and gc.get_threshold() == before

    # Overlapping renders: the first to finish leaves the setting for the other; the last puts it back.
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()

    def first():
        with render.fewer_collections():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(5)
    with render.fewer_collections():
        second_in.set()
        first_out.wait(5)
        assert gc.get_threshold()[0] == 100_000
    thread.join()
    assert gc.get_threshold() == before


def test_progress_matches_the_plan(seeded_app, rendered):
    report, html, _, _ = rendered
    page = BeautifulSoup(html, "html.parser")
    summary = next(t for t in page.select("table") if "Blue" in t.select_one("thead").get_text())
    with seeded_app.app_context():
        actions = db.session.scalars(
            select(Action).join(ImprovementPoint).join(Inspection).where(Inspection.source_kind == "committee_report")
        ).all()
        counts = [sum(a.rag == r for a in actions) for r in (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE)]
        overdue = [
            (m.action.title, m.title, m.due_date)
            for m in db.session.scalars(
                select(Milestone)
                .join(Action)
                .join(ImprovementPoint)
                .join(Inspection)
                .where(
                    Inspection.source_kind == "committee_report",
                    Milestone.completed_date.is_(None),
                    Milestone.due_date < date(2026, 11, 22),
                )
            )
        ]
    row = [td.get_text(strip=True) for td in summary.select("tbody tr td")]
    total = len(actions)
    assert row[1:6] == [str(total), *[f"{c} ({round(100 * c / total)}%)" for c in counts]]
    assert overdue
    paragraphs = [plain(li.get_text(" ")) for li in page.select("li.tracker-report__paragraph")]
    # One plan: the summary has given its figures, so its own section does not repeat them.
    assert not any("this plan held" in p for p in paragraphs)
    assert "1 action is rated Red or Amber:" in paragraphs or "2 actions are rated Red or Amber:" in paragraphs
    for action_title, milestone_title, due in overdue:
        # The milestone is told under its own action, in the same numbered paragraph.
        item = next(p for p in paragraphs if p.startswith(plain(action_title)))
        assert f"Milestone overdue: {plain(milestone_title)}" in item
        assert f"{due.day} {due:%B %Y}" in item


def test_milestones_done_since_the_previous_report_are_listed(seeded_app):
    _, html, _, _ = _report(seeded_app, previous_report=date(2025, 6, 30))
    text = plain(BeautifulSoup(html, "html.parser").get_text(" "))
    assert "Milestones achieved since 30 June 2025" in text
    assert "(19 September 2025)" in text and "(22 May 2025)" not in text
    _, html, _, _ = _report(seeded_app, previous_report=date(2026, 11, 21))
    assert "Milestones achieved since" not in plain(BeautifulSoup(html, "html.parser").get_text(" "))


def test_awkward_text_comes_out_right_in_every_format(seeded_app):
    awkward = "Children’s “voice” & <script>alert(1)</script> matter"
    with committed(seeded_app):
        action = db.session.scalars(
            select(Action)
            .join(ImprovementPoint)
            .join(Inspection)
            .where(Inspection.source_kind == "committee_report", Action.rag == Rag.RED)
        ).first()
        # Told in detail, and rated before the paper's date: the paper says what was known at its date.
        ops.set_rating(action, action.owner, rag=action.rag, rag_reason=awkward, at=datetime(2026, 11, 20, 12))
    _, html, docx_bytes, pdf_bytes = _report(seeded_app)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert awkward in BeautifulSoup(html, "html.parser").get_text()
    docx_text = " ".join(p.text for p in Document(io.BytesIO(docx_bytes)).paragraphs)
    assert awkward in docx_text
    pdf_text = plain(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_bytes)).pages))
    assert "Children's “voice” & <script>alert(1)</script> matter" in pdf_text  # plain() made ’ into '
    assert "Children’s “voice”" in " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_bytes)).pages)


def test_the_command_writes_each_format_and_refuses_an_unknown_authority(seeded_app, tmp_path):
    runner = seeded_app.test_cli_runner()
    for fmt in ("html", "docx", "pdf"):
        out = tmp_path / f"report.{fmt}"
        result = runner.invoke(
            args=[
                "report",
                "committee",
                "--authority",
                "Leicestershire County Council",
                "--meeting-name",
                COMMITTEE,
                "--meeting-date",
                "2024-09-03",
                "--as-at",
                "2026-11-22",
                "--format",
                fmt,
                "--out",
                str(out),
            ]
        )
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 1000
    result = runner.invoke(
        args=[
            "report",
            "committee",
            "--authority",
            "Nowhere",
            "--meeting-name",
            COMMITTEE,
            "--meeting-date",
            "2024-09-03",
            "--format",
            "html",
            "--out",
            str(tmp_path / "x.html"),
        ]
    )
    assert result.exit_code == 1 and "there is no authority called 'Nowhere'" in result.output


def test_a_recurring_weakness_is_noted_beside_its_point_in_every_format(seeded_app):
    _, html, docx, pdf = _report(seeded_app, "Leicester City Council")
    said = "This was also raised in the 2017 inspection (Recommendation 9)."
    html_text = plain(BeautifulSoup(html, "html.parser").get_text(" "))
    point = (
        "What needs to improve 1: The quality and effectiveness of management oversight in the duty and advice team."
    )
    assert f"{point} {said}" in html_text
    assert html_text.count("also raised in") == 1
    assert said in plain(" ".join(p.text for p in Document(io.BytesIO(docx)).paragraphs))
    assert said in plain(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def test_the_leeds_paper_calls_the_place_leeds(seeded_app):
    report, html, docx_bytes, _ = _report(seeded_app, "Leeds City Council")
    text = plain(BeautifulSoup(html, "html.parser").get_text(" "))
    assert "outcome of the Ofsted focused visit to children's services in Leeds and" in text
    assert "Leeds' Ofsted Focused Visit" in text
    assert "Leeds' Strengths" in text
    assert not re.search(r"\bLeed\b", text)
    headings = [p.text for p in Document(io.BytesIO(docx_bytes)).paragraphs if p.style.name.startswith("Heading")]
    assert "Leeds’ Strengths" in headings


def test_a_corrected_possessive_is_the_one_the_paper_uses(seeded_app):
    with committed(seeded_app):
        leeds = db.session.scalar(select(Authority).where(Authority.name == "Leeds City Council"))
        leeds.possessive = "Leeds’s"
    _, html, _, _ = _report(seeded_app, "Leeds City Council")
    text = plain(BeautifulSoup(html, "html.parser").get_text(" "))
    assert "Leeds's Strengths" in text and "Leeds' " not in text


@pytest.mark.parametrize(
    ("authority", "title", "event", "document", "points"),
    [
        (
            "Leicester City Council",
            "Ofsted Focused Visit to Local Authority Children's Services",
            "focused visit",
            "letter",
            "What Needs to Improve",
        ),
        (
            "Leeds City Council",
            "Ofsted Focused Visit to Local Authority Children's Services",
            "focused visit",
            "letter",
            "What Needs to Improve",
        ),
        (
            "Leicestershire County Council",
            "Ofsted Inspection of Local Authority Children's Social Care Services",
            "inspection",
            "report",
            "Areas for Improvement",
        ),
    ],
)
def test_each_seed_paper_is_titled_by_its_documents_kind(seeded_app, authority, title, event, document, points):
    report, html, _, _ = _report(seeded_app, authority)
    page = BeautifulSoup(html, "html.parser")
    assert plain(report.title) == title
    text = plain(page.get_text(" "))
    assert f"The findings of the {event} are detailed in a {document} from Ofsted" in text
    headings = [plain(h.get_text(strip=True)) for h in page.select("h2, h3")]
    assert points in headings
    if points != "Areas for Improvement":
        assert "Areas for Improvement" not in headings and "areas for improvement" not in text


def test_a_report_with_points_of_two_kinds_puts_each_under_its_own_heading(app):
    with committed(app):
        authority = make_authority("St Helens Borough Council")
        inspection = make_inspection(authority, doc_type=DocumentKind.MONITORING_VISIT)
        make_point(inspection, kind=PointKind.AREA_FOR_PRIORITY_ACTION, number=1, text="Act now on referrals.")
        make_point(inspection, kind=PointKind.RECOMMENDATION, number=2, text="Improve supervision.")
        authority_name = authority.name
    report, html, _, _ = _report(app, authority_name)
    page = BeautifulSoup(html, "html.parser")
    headings = [plain(h.get_text(strip=True)) for h in page.select("h2, h3")]
    assert plain(report.title) == "Ofsted Monitoring Visit to Local Authority Children's Services"
    after_strengths = headings[headings.index("St Helens' Strengths") + 1 :]
    assert after_strengths[:2] == ["Areas for Priority Action", "Recommendations"]
    assert "Monitoring visit letter, January 2025: Progress on Each Point" in headings
    text = plain(page.get_text(" "))
    # No strengths were listed, so the first list is not introduced with "also"; the second is.
    assert "The letter outlined the following areas for priority action: Act now on referrals." in text
    assert "The letter also outlined the following recommendations: Improve supervision." in text
    assert "outcome of the Ofsted monitoring visit to children's services in St Helens and" in text


def test_a_paper_since_the_last_report_says_what_moved_in_between(seeded_app):
    """The rating moves the audit trail holds between the two dates, read event by event here, are the ones
    the paper's "Changes since the last report" lists; without a previous report there is no such section."""
    report, html, _, _ = _report(seeded_app, previous_report=date(2025, 6, 30))
    headings = [plain(s.heading) for s in report.sections]
    assert "Changes since the last report" in headings
    with seeded_app.app_context():
        authority = db.session.scalar(select(Authority).where(Authority.name == "Leicestershire County Council"))
        covered = default_inputs(authority, COMMITTEE, date(2024, 9, 3), date(2026, 11, 22)).inspection_ids
        events = db.session.scalars(
            select(AuditEvent)
            .join(Action, Action.id == AuditEvent.plan_action_id)
            .join(ImprovementPoint)
            .where(
                ImprovementPoint.inspection_id.in_(covered),
                AuditEvent.entity_type == "action",
                AuditEvent.field == "rag",
                AuditEvent.before.is_not(None),
                # 30 June 2025 ends at 23:00 UTC (summer time); 22 November 2026 at midnight UTC.
                AuditEvent.occurred_at >= datetime(2025, 6, 30, 23),
                AuditEvent.occurred_at < datetime(2026, 11, 23),
            )
        ).all()
    moves = [e for e in events if e.before != e.after]
    assert moves, "the seed has rating moves in the period"
    text = plain(BeautifulSoup(html, "html.parser").get_text(" "))
    word = "rating moved" if len(moves) == 1 else "ratings moved"
    assert f"{len(moves)} {word}" in text
    unchanged, _, _, _ = _report(seeded_app)
    assert "Changes since the last report" not in [plain(s.heading) for s in unchanged.sections]


def test_a_milestone_closed_as_no_longer_needed_is_told_apart_from_those_achieved(seeded_app):
    with committed(seeded_app):
        done = db.session.scalar(select(Milestone).where(Milestone.completed_date == date(2025, 9, 19)))
        action = done.action
        added = ops.add_milestone(
            action, action.owner, title="Second dip sample", due_date=date(2025, 12, 1), at=datetime(2025, 9, 25, 10)
        )
        ops.close_milestone(added, action.owner, reason="The audit covers it.", at=datetime(2025, 10, 1, 10))
    _, html, _, _ = _report(seeded_app, previous_report=date(2025, 6, 30))
    item = next(
        plain(li.get_text(" "))
        for li in BeautifulSoup(html, "html.parser").select("li.tracker-report__paragraph")
        if plain(li.get_text(" ")).startswith(plain(action.title))
    )
    closed = "Milestones closed as no longer needed since 30 June 2025: Second dip sample (1 October 2025: The audit"
    assert f"{closed} covers it)." in item
    achieved = item.split("Milestones achieved since 30 June 2025:")[1].split("Milestones closed")[0]
    assert "Second dip sample" not in achieved and "(19 September 2025)" in achieved
