"""The paper's progress is exception-led: figures with totals and shares, Red and Amber in detail with their
overdue milestones under them, Green a line each, complete actions only in the appendix, and a body that does
not grow with the number of complete actions."""

import io
from datetime import date, datetime

from bs4 import BeautifulSoup
from pypdf import PdfReader

from tests.helpers.data import committed
from tests.helpers.factories import make_action, make_authority, make_inspection, make_milestone, make_point, make_user
from tracker.extensions import db
from tracker.models import ActionStatus, Authority, MilestoneReplan, Rag, Role
from tracker.reports import committee, data, render
from tracker.reports.defaults import cover_plans, default_inputs
from tracker.reports.facts import AsAt, PlanFacts
from tracker.reports.model import Numberer, Paragraph, Report, Table
from tracker.reports.progress import plan_sections

AS_AT = date(2026, 11, 22)
CREATED = datetime(2025, 2, 3, 10)
RED_REASON = "Timeliness fell to 71% after two chair posts fell vacant."
RECOVERY = "Two agency chairs start in November."
MOVE_REASON = "The audit was delayed by sickness"


def _plan(app, complete: int) -> str:
    """A council with two plans: the newer with one action of each kind and `complete` signed-off actions,
    and a point with none; the older with one Green action. Returns the council's name."""
    with committed(app):
        authority = make_authority()
        owner = make_user(authority, job_title="Head of Service, Child Protection")
        director = make_user(authority, Role.DIRECTOR)
        older = make_inspection(authority, published=date(2023, 1, 30))
        make_action(make_point(older), owner, director, title="Older plan's Green action", created_at=CREATED)
        newer = make_inspection(authority, published=date(2025, 1, 30))
        first, second, third = (make_point(newer, text=f"Point text {n}.") for n in (1, 2, 3))
        red = make_action(
            first,
            owner,
            director,
            title="Hold conferences on time",
            rag=Rag.RED,
            rag_reason=RED_REASON,
            recovery=RECOVERY,
            target_date=date(2027, 3, 31),
            created_at=CREATED,
        )
        moved = make_milestone(
            red, date(2026, 9, 30), title="Ninety per cent on time", original_due_date=date(2026, 3, 31)
        )
        for previous, new, on in ((date(2026, 3, 31), date(2026, 6, 30), 3), (date(2026, 6, 30), date(2026, 9, 30), 6)):
            db.session.add(
                MilestoneReplan(
                    milestone=moved,
                    previous_due_date=previous,
                    new_due_date=new,
                    reason=f"{MOVE_REASON} ({on})",
                    replanned_by_id=owner.id,
                    replanned_at=datetime(2026, on, 1),
                )
            )
        make_action(first, owner, director, title="Rewrite the letters", rag=Rag.AMBER, created_at=CREATED)
        make_action(second, owner, director, title="Green and on track", created_at=CREATED)
        late_green = make_action(second, owner, director, title="Green with a late milestone", created_at=CREATED)
        make_milestone(late_green, date(2026, 10, 1), title="Draft agreed")
        for n in range(complete):
            make_action(
                second,
                owner,
                director,
                title=f"Completed action {n}",
                rag=Rag.BLUE,
                status=ActionStatus.COMPLETE,
                signed_off_at=datetime(2026, 5, 1),
                signed_off_by_id=director.id,
                created_at=CREATED,
            )
        assert not third.actions
        return authority.name


def _paper(app, name: str) -> Report:
    with app.app_context():
        authority = db.session.query(Authority).filter_by(name=name).one()
        inputs = default_inputs(authority, "Scrutiny Committee", date(2026, 12, 1), AS_AT)
        cover_plans(inputs, authority, "all")
        return committee.build(inputs, data.load(inputs))


def _body(report: Report) -> Report:
    return Report(report.heading_lines, report.title, [s for s in report.sections if not s.appendix])


def _text(app, report: Report) -> str:
    with app.app_context():
        return " ".join(BeautifulSoup(render.to_html(report), "html.parser").get_text(" ").split())


def _tables(report: Report) -> list[Table]:
    return [b for s in report.sections for b in s.blocks if isinstance(b, Table)]


def test_the_summary_has_counts_shares_and_a_total(app):
    report = _paper(app, _plan(app, complete=4))
    summary = next(t for t in _tables(report) if t.caption == "Actions by rating")
    assert summary.header == ["Plan", "Actions", "Red", "Amber", "Green", "Blue", "Complete"]
    # Newer plan: 1 Red, 1 Amber, 2 Green, 4 Blue of 8; older: 1 Green; total 9.
    assert [row[1:] for row in summary.rows] == [
        ["8", "1 (12%)", "1 (12%)", "2 (25%)", "4 (50%)", "50%"],
        ["1", "0 (0%)", "0 (0%)", "1 (100%)", "0 (0%)", "0%"],
        ["9", "1 (11%)", "1 (11%)", "3 (33%)", "4 (44%)", "44%"],
    ]
    assert summary.rows[-1][0] == "Total" and summary.numeric_columns == [1, 2, 3, 4, 5, 6]
    assert "the 2 plans held 9 actions, of which 4 (44%) are complete" in _text(app, report)


def test_a_plans_section_does_not_repeat_its_row_of_the_summary(app):
    report = _paper(app, _plan(app, complete=4))
    plans = [s for s in report.sections if s.level == 3 and ": Progress" in s.heading]
    said = " ".join(p.text for s in plans for p in s.blocks if isinstance(p, Paragraph))
    # The summary's table gives each plan's counts by rating and its complete ones: the section starts with
    # what needs attention.
    assert plans[0].blocks[0].text == "2 actions are rated Red or Amber:"
    assert "held" not in said and "complete" not in said


def test_red_is_told_in_detail_with_its_overdue_milestone_under_it(app):
    report = _paper(app, _plan(app, complete=1))
    red = next(p for p in report.numbered() if p.text.startswith("Hold conferences on time"))
    assert "Red; in progress; owner: Head of Service, Child Protection; target date 31 March 2027." in red.text
    assert red.text.endswith(f"31 March 2027. Why Red: {RED_REASON} Recovery: {RECOVERY}")
    # One item: the action and its own milestone, with the date it was first due, the date now, how often
    # it moved and the latest reason.
    assert red.bullets == [
        "Milestone overdue: Ninety per cent on time, originally due 31 March 2026, now due 30 September 2026 "
        f"(moved twice; latest reason: {MOVE_REASON} (6))."
    ]
    assert sum("Ninety per cent" in " ".join([p.text, *p.bullets]) for p in report.numbered()) == 1
    amber = next(p for p in report.numbered() if p.text.startswith("Rewrite the letters"))
    assert amber.text.endswith("Why Amber: On track. Recovery: none recorded.") and not amber.bullets


def test_green_is_one_line_and_a_late_green_one_says_what_is_late(app):
    report = _paper(app, _plan(app, complete=1))
    body = _tables(_body(report))
    on_track = next(t for t in body if t.caption.startswith("Green actions: "))
    assert [r[0] for r in on_track.rows] == ["Green and on track"]
    late = next(t for t in body if t.caption.startswith("Green actions with something overdue"))
    # A column for the owner; a milestone never moved is only "due …" (one moved says so, as in the detail).
    assert late.header == ["Action", "Owner", "Overdue"]
    assert late.rows == [
        [
            "Green with a late milestone (What needs to improve 2)",
            "Head of Service, Child Protection",
            "Draft agreed, due 1 October 2026.",
        ]
    ]
    text = _text(app, _body(report))
    assert text.count("Green and on track") == 1 and "Green with a late milestone" in text


def test_complete_actions_are_only_in_the_appendix(app):
    report = _paper(app, _plan(app, complete=3))
    assert "Completed action" not in _text(app, _body(report))
    whole = next(s for s in report.sections if s.heading == "Appendix B – The Whole Plan")
    tables = [b for b in whole.blocks if isinstance(b, Table)]
    assert tables[0].header == ["Point", "Action", "Owner", "Rating", "Status", "Target date", "Signed off"]
    rows = [r for t in tables for r in t.rows]
    assert len(rows) == 3 + 4 + 1  # every action of both plans: 3 complete, 4 open, and the older plan's one
    done = [r for r in rows if r[1].startswith("Completed action")]
    assert [(r[0], r[3], r[6]) for r in done] == [("What needs to improve 2", "Blue", "1 May 2026")] * 3
    assert all(r[6] == "" for r in rows if r not in done)  # only a completed action has a sign-off date
    assert all(not p.number for s in report.sections if s.appendix for p in s.blocks if not isinstance(p, Table))
    listed = next(s for s in report.sections if s.heading == "Appendix")
    assert [p.text for p in listed.blocks][1:] == ["Appendix B – The Whole Plan (a separate document)"]


def test_a_point_with_no_action_says_so_in_one_line(app):
    report = _paper(app, _plan(app, complete=0))
    said = [p for p in report.numbered() if "No action has yet been agreed" in p.text]
    assert [p.text for p in said] == ["No action has yet been agreed for What needs to improve 3: Point text 3."]


def test_the_body_does_not_grow_with_the_complete_actions(app):
    few, many = _paper(app, _plan(app, complete=2)), _paper(app, _plan(app, complete=150))

    def shape(report):
        body = _body(report)
        return len(body.numbered()), sum(len(t.rows) for t in _tables(body)), [s.level for s in body.sections]

    assert shape(few) == shape(many)
    with app.app_context():
        pages = [len(PdfReader(io.BytesIO(render.to_pdf(_body(r)))).pages) for r in (few, many)]
    assert pages[0] == pages[1]
    # … while the appendices hold every one of them.
    assert sum(len(t.rows) for t in _tables(many)) - sum(len(t.rows) for t in _tables(few)) == 148


def test_a_plan_not_yet_known_or_without_actions_at_the_date_says_so(app):
    name = _plan(app, complete=0)
    with app.app_context():
        authority = db.session.query(Authority).filter_by(name=name).one()
        inputs = default_inputs(authority, "Scrutiny Committee", date(2026, 12, 1), date(2025, 1, 1))
        cover_plans(inputs, authority, "all")
        loaded = data.load(inputs)
        report = committee.build(inputs, loaded)
        unknown = AsAt(day=inputs.as_at, plans=[PlanFacts(inspection=loaded.inspections[0], known=False)])
        sections = plan_sections(Numberer(), unknown, inputs, {})
    # The older plan was held but had no actions yet; the newer was not yet imported (the day after publication).
    said = [p.text for p in report.numbered() if "No action had yet been agreed" in p.text or "not yet" in p.text]
    assert said == [
        "This plan did not yet exist on 1 January 2025, so there is no progress to report.",
        "No action had yet been agreed in this plan on 1 January 2025.",
    ]
    assert [p.text for p in sections[0].blocks] == [
        "This plan did not yet exist on 1 January 2025, so there is no progress to report."
    ]
