"""The last committee paper: the "as at" of the council's published paper for the latest meeting."""

from datetime import date, datetime

from tests.helpers.data import committed
from tests.helpers.factories import make_authority, make_user
from tracker.changes.last_paper import last_paper_as_at
from tracker.extensions import db
from tracker.models import CommitteeReport, Role


def add_paper(authority, author, meeting: date, as_at: date, published: bool = True) -> CommitteeReport:
    paper = CommitteeReport(
        authority=authority,
        committee="Children and Families Overview and Scrutiny Committee",
        meeting_date=meeting,
        title="Ofsted improvement plan",
        inputs={"as_at": as_at.isoformat()},
        created_by=author,
        published_by=author if published else None,
        published_at=datetime(meeting.year, meeting.month, 1) if published else None,
    )
    db.session.add(paper)
    db.session.flush()
    return paper


def test_the_latest_published_paper_gives_the_date_and_drafts_do_not_count(app):
    with committed(app):
        home, away = make_authority(), make_authority()
        director, stranger = make_user(home, Role.DIRECTOR), make_user(away, Role.DIRECTOR)
        add_paper(home, director, date(2026, 3, 10), date(2026, 2, 28))
        add_paper(home, director, date(2026, 9, 8), date(2026, 8, 31))
        add_paper(home, director, date(2026, 6, 9), date(2026, 5, 31))
        add_paper(home, director, date(2026, 11, 10), date(2026, 10, 31), published=False)  # a draft
        add_paper(away, stranger, date(2026, 11, 3), date(2026, 10, 20))
        empty = make_authority()
    with app.app_context():
        assert last_paper_as_at(home.id) == date(2026, 8, 31)
        assert last_paper_as_at(away.id) == date(2026, 10, 20)
        assert last_paper_as_at(empty.id) is None
