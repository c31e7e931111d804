"""The paper's "Changes since the last report", built on its own from the changes of a period."""

from datetime import date, datetime

from tests.changes.scenario import SINCE, UNTIL, build
from tracker.changes.model import Changes, RatingMove, Subject
from tracker.changes.queries import changes_between
from tracker.models import Rag
from tracker.reports.changes_section import changes_sections
from tracker.reports.model import Numberer, Paragraph, Table

PLAN = "Focused visit letter, January 2025"


def _tables(sections) -> dict[str, Table]:
    return {b.caption: b for s in sections for b in s.blocks if isinstance(b, Table)}


def _paragraphs(sections) -> list[Paragraph]:
    return [b for s in sections for b in s.blocks if isinstance(b, Paragraph)]


def test_the_section_reports_each_kind_of_change_with_counts_and_tables(app):
    scenario = build(app)
    expected = scenario.expected
    with app.app_context():
        changes = changes_between(scenario.authority_id, SINCE, UNTIL)
    n = Numberer()
    n.next = 12  # continuing the paper's numbering
    sections = changes_sections(n, changes, SINCE, UNTIL)
    assert [(s.heading, s.level) for s in sections] == [
        ("Changes since the last report", 2),
        ("Ratings Moved", 3),
        ("Newly Overdue", 3),
        ("Milestones Moved", 3),
        ("Completions and Sign-offs", 3),
        ("Challenges", 3),
    ]
    paragraphs = _paragraphs(sections)
    assert [p.number for p in paragraphs] == list(range(12, 12 + len(paragraphs))) and n.next == 12 + len(paragraphs)
    moves = sorted(expected.rating_moves)
    worse = sum(1 for row in moves if row[3].severity > row[2].severity)
    assert paragraphs[0].text.startswith(
        "This section sets out what changed in the plan after 31 March 2026 up to 30 June 2026."
    )
    assert (
        f"{len(moves)} ratings moved ({worse} to a worse rating, {len(moves) - worse} to a better one"
        in paragraphs[0].text
    )
    assert f"{len(expected.newly_overdue())} items became overdue" in paragraphs[0].text
    tables = _tables(sections)
    ratings = tables["Ratings moved"].rows
    assert [row[1:5] for row in ratings] == [
        [f.label, t.label, why + (f" Recovery: {recovery}" if recovery else ""), who]
        for _, _, f, t, who, why, recovery in moves
    ]
    assert ratings[0][0] == f"Front door audits ({PLAN})" and ratings[0][5] == "1 April 2026"
    overdue = tables["Newly overdue"].rows
    assert len(overdue) == len(expected.newly_overdue())
    assert overdue[0] == ["Action: Missing children", PLAN, "Sam Patel, Head of Service, Front Door", "1 April 2026"]
    assert [
        "Milestone: Audit 40 contacts (action: Front door audits)",
        PLAN,
        "Sam Patel, Head of Service, Front Door",
        "10 April 2026",
    ] in overdue
    decisions = tables["Completions and sign-offs"].rows
    assert [row[1] for row in decisions] == [
        "Proposed as complete",
        "Returned to owner",
        "Proposed as complete",
        "Signed off",
        "Proposed as complete",
    ]
    assert len(tables["Challenges raised and answered"].rows) == 4


def _subject(n: int) -> Subject:
    return Subject(n, f"Action {n}", 1, PLAN, "Front door")


def test_nothing_changed_is_one_sentence():
    n = Numberer()
    sections = changes_sections(n, Changes(date(2026, 3, 31), date(2026, 6, 30)), date(2026, 3, 31), date(2026, 6, 30))
    assert len(sections) == 1 and [p.number for p in _paragraphs(sections)] == [1]
    assert sections[0].blocks[0].text.startswith("Nothing in the plan changed after 31 March 2026 up to 30 June 2026")


def test_a_long_list_is_cut_with_a_sentence_saying_how_many_more():
    moves = [
        RatingMove(_subject(i), datetime(2026, 4, 1 + i, 9), "Director", Rag.GREEN, Rag.AMBER, "Late", "Help")
        for i in range(5)
    ]
    changes = Changes(date(2026, 3, 31), date(2026, 6, 30), rating_moves=moves)
    sections = changes_sections(Numberer(), changes, changes.since, changes.until, limit=2)
    assert [s.heading for s in sections] == ["Changes since the last report", "Ratings Moved"]
    assert [row[0] for row in _tables(sections)["Ratings moved"].rows] == [f"Action 0 ({PLAN})", f"Action 1 ({PLAN})"]
    assert _paragraphs(sections)[-1].text.startswith("The first 2 moves are listed; 3 more are on the tracker’s")
    assert "5 ratings moved (5 to a worse rating, 0 to a better one or complete)" in _paragraphs(sections)[0].text
