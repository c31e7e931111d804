"""The paper's Background reads the authority's inspection history; its Background Papers never list the
paper being written."""

from datetime import date

from sqlalchemy import select

from tests.helpers.data import committed
from tests.helpers.factories import make_authority, make_inspection, make_user
from tracker.extensions import db
from tracker.inspections.history import add_past
from tracker.models import Authority, DocumentKind, Role, SourceKind
from tracker.reports import committee, data, render
from tracker.reports.defaults import cover_plans, default_inputs
from tracker.reports.model import Report

COMMITTEE = "Children and Families Overview and Scrutiny Committee"


def _section(report: Report, heading: str) -> str:
    section = next(s for s in report.sections if s.heading == heading)
    return " ".join(" ".join([b.text, *b.bullets]) for b in section.blocks)


def _paper(authority: Authority, meeting: date, **changes) -> Report:
    inputs = default_inputs(authority, COMMITTEE, meeting, meeting)
    for key, value in changes.items():
        setattr(inputs, key, value)
    return committee.build(inputs, data.load(inputs))


def _leicestershire() -> Authority:
    return db.session.scalar(select(Authority).where(Authority.slug == "leicestershire"))


def test_leicestershires_background_names_the_2019_inspection_and_its_grade_not_the_2011_letter(seeded_app):
    with seeded_app.app_context():
        report = _paper(_leicestershire(), date(2024, 9, 3))
        html = render.to_html(report)
    background = _section(report, "Background")
    assert (
        "The last full inspection of the Council’s children’s services was undertaken in September/October 2019, "
        "when overall effectiveness was judged to require improvement to be good."
    ) in background
    # The 2010 and 2011 unannounced inspections came before 2019: not "since then".
    assert "2011" not in background and "unannounced" not in background.lower()
    assert "Committee report" not in html and "committee report," not in html.lower()
    # The paper does not say when Ofsted published its findings, so the paper does not invent a date.
    assert "The findings were published" not in _section(report, "Leicestershire’s Ofsted Inspection")


def test_background_papers_never_list_the_paper_being_written(seeded_app):
    with seeded_app.app_context():
        report = _paper(_leicestershire(), date(2024, 9, 3))
        later = _paper(_leicestershire(), date(2025, 3, 4))
    papers = _section(report, "Background Papers")
    assert papers == "Ofsted, Inspection report, Leicestershire County Council, inspected 15 April 2024 to 3 May 2024."
    assert "3 September 2024" not in papers
    # At a later meeting, the September paper the findings were read from is an earlier paper: it is cited.
    assert "Leicestershire’s report to committee on the inspection, 3 September 2024." in _section(
        later, "Background Papers"
    )
    assert "4 March 2025" not in _section(later, "Background Papers")
    appended = " Appendix B – The Whole Plan (a separate document)"
    assert _section(report, "Appendix") == _section(later, "Appendix") == f"Appendix A – {papers.rstrip('.')}{appended}"


def test_background_tells_the_last_full_inspection_and_the_visits_since_from_tracked_and_recorded(app):
    with committed(app):
        authority = make_authority()
        director = make_user(authority, Role.DIRECTOR)
        make_inspection(
            authority,
            doc_type=DocumentKind.INSPECTION_REPORT,
            visit_start=date(2017, 6, 5),
            visit_end=date(2017, 6, 16),
            published=date(2017, 8, 1),
            overall_effectiveness="Inadequate",
        )
        # A later full inspection the tracker holds no document for, and a visit after it.
        add_past(
            authority.id,
            director,
            doc_type=DocumentKind.INSPECTION_REPORT,
            started_month=date(2019, 11, 1),
            ended_month=None,
            published=None,
            overall_effectiveness="Good",
        )
        make_inspection(
            authority, doc_type=DocumentKind.FOCUSED_VISIT, visit_start=date(2021, 3, 2), published=date(2021, 4, 1)
        )
        main = make_inspection(
            authority,
            doc_type=DocumentKind.INSPECTION_REPORT,
            visit_start=date(2024, 1, 8),
            published=None,
            source_kind=SourceKind.COMMITTEE_REPORT,
            source_dated=date(2024, 3, 5),
        )
        report = _paper(authority, date(2024, 3, 5), inspection_ids=[main.id])
    background = _section(report, "Background")
    assert (
        "The last full inspection of the Council’s children’s services was undertaken in November 2019, when "
        "overall effectiveness was judged to be good."
    ) in background
    assert "Since then, Ofsted has also carried out: A focused visit on 2 March 2021, published 1 April 2021." in (
        background
    )
    assert "2017" not in background  # before the last full inspection


def test_a_council_with_only_earlier_visits_says_it_has_no_full_inspection_on_record(app):
    with committed(app):
        authority = make_authority()
        director = make_user(authority, Role.DIRECTOR)
        add_past(
            authority.id,
            director,
            doc_type=DocumentKind.UNANNOUNCED_INSPECTION,
            started_month=date(2010, 8, 1),
            ended_month=None,
            published=None,
            overall_effectiveness=None,
        )
        main = make_inspection(authority, doc_type=DocumentKind.FOCUSED_VISIT, visit_start=date(2023, 2, 7))
        report = _paper(authority, date(2023, 6, 1), inspection_ids=[main.id])
    assert _section(report, "Background").endswith(
        "There is no earlier full inspection of the Council’s children’s services on record. Ofsted has carried "
        "out: An unannounced inspection in August 2010."
    )


def test_background_papers_for_many_documents_list_each_kind_in_one_paragraph(app):
    with committed(app):
        authority = make_authority()
        visits = [date(year, 6, 1) for year in range(2014, 2021)]  # seven focused visit letters
        reports = [date(2016, 3, 1), date(2019, 3, 1)]
        for published in visits:
            make_inspection(authority, doc_type=DocumentKind.FOCUSED_VISIT, published=published)
        for published in reports:
            make_inspection(authority, doc_type=DocumentKind.INSPECTION_REPORT, published=published)
        # Not published yet, so dated by the visit; its findings read from a paper to an earlier meeting.
        make_inspection(
            authority,
            doc_type=DocumentKind.INSPECTION_REPORT,
            visit_start=date(2021, 1, 11),
            visit_end=date(2021, 1, 22),
            published=None,
            source_kind=SourceKind.COMMITTEE_REPORT,
            source_dated=date(2021, 3, 2),
        )
        inputs = default_inputs(authority, COMMITTEE, date(2021, 6, 1), date(2021, 6, 1))
        cover_plans(inputs, authority, "all")
        report = committee.build(inputs, data.load(inputs))
        name, possessive = authority.name, authority.possessive
    section = next(s for s in report.sections if s.heading == "Background Papers")
    newest_first = "; ".join(f"{d.day} {d:%B %Y}" for d in reversed(visits))
    assert [b.text for b in section.blocks] == [
        f"Ofsted, Inspection reports, {name} (3): published 1 March 2019; 1 March 2016; "
        "inspected 11 January 2021 to 22 January 2021.",
        f"Ofsted, Focused visit letters, {name} (7): published {newest_first}.",
        f"{possessive} reports to committee on the inspections (1): 2 March 2021.",
    ]
