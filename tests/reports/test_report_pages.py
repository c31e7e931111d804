"""Drafting, previewing and publishing a committee report; what committee members can and cannot reach."""

from sqlalchemy import func, select

from tests.helpers.data import committed
from tests.helpers.seeded import seeded_user
from tracker.actions import operations as ops
from tracker.extensions import db
from tracker.models import Action, CommitteeReport, ImprovementPoint, Inspection, Rag, Role
from tracker.reports.operations import checksum_matches

LEICESTERSHIRE = "Leicestershire County Council"
COMMITTEE = "Children and Families Overview and Scrutiny Committee"


def _draft(client) -> str:
    """Fill the new-report form as a director would (keeping the defaults); returns the report's URL."""
    page = client.get_page("reports.new")
    fields = {
        i["name"]: i.get("value", "")
        for i in page.select("form input[type=text], form input[type=email], form input[type=tel]")
    }
    fields["inspections"] = [c["value"] for c in page.select("input[name=inspections][checked]")]
    fields.update({"meeting_date": ["3", "9", "2024"], "as_at": ["22", "11", "2026"], "previous_report": ["", "", ""]})
    fields["title"] = "Ofsted inspection"
    response = client.post_form("reports.new", fields, status=302)
    return response.location


def test_a_director_drafts_previews_and_publishes_and_the_committee_reads_it(seeded_client):
    app = seeded_client.app
    director = seeded_user(app, LEICESTERSHIRE)
    member = seeded_user(app, LEICESTERSHIRE, Role.COMMITTEE_MEMBER)
    seeded_client.sign_in(director)
    url = _draft(seeded_client)
    preview = seeded_client.get_page(url)
    assert "Draft" in preview.select_one(".govuk-warning-text").text
    assert preview.select_one(".tracker-report h2").get_text(strip=True) == "Purpose of the Report"

    seeded_client.sign_in(member)
    assert seeded_client.get(url).status_code == 404  # not until published
    assert not seeded_client.get_page("reports.index").select("#reports")

    seeded_client.sign_in(director)
    seeded_client.http.post(f"{url}/publish")
    seeded_client.sign_in(member)
    listing = seeded_client.get_page("reports.index")
    assert listing.select_one("#reports a")["href"] == url
    page = seeded_client.get_page(url)
    assert "Published by" in page.text
    for fmt, mimetype in (("docx", "wordprocessingml"), ("pdf", "application/pdf")):
        response = seeded_client.get(f"{url}/download.{fmt}")
        assert response.status_code == 200 and mimetype in response.mimetype
        assert f"2024-09-03 {COMMITTEE} - Ofsted inspection.{fmt}" in response.headers["Content-Disposition"]


def test_a_published_report_never_changes_whatever_happens_to_the_plan(seeded_client):
    app = seeded_client.app
    seeded_client.sign_in(seeded_user(app, LEICESTERSHIRE))
    url = _draft(seeded_client)
    seeded_client.http.post(f"{url}/publish")
    before = {fmt: seeded_client.get(f"{url}/download.{fmt}").data for fmt in ("docx", "pdf")}
    html_before = str(seeded_client.get_page(url).select_one(".tracker-report"))
    with committed(app):
        action = db.session.scalars(
            select(Action).join(ImprovementPoint).join(Inspection).where(Inspection.doc_type == "committee_report")
        ).first()
        ops.set_rating(action, action.owner, rag=Rag.RED, rag_reason="Changed after publication.")
    assert {fmt: seeded_client.get(f"{url}/download.{fmt}").data for fmt in ("docx", "pdf")} == before
    assert str(seeded_client.get_page(url).select_one(".tracker-report")) == html_before
    with app.app_context():
        report = db.session.scalar(select(CommitteeReport))
        assert checksum_matches(report)
    # and publishing twice, or changing it, is refused
    seeded_client.http.post(f"{url}/publish")
    assert seeded_client.get(f"{url}/edit").status_code == 302


def test_committee_members_reach_no_editing_page_and_no_other_authoritys_report(seeded_client):
    app = seeded_client.app
    seeded_client.sign_in(seeded_user(app, LEICESTERSHIRE))
    url = _draft(seeded_client)
    seeded_client.http.post(f"{url}/publish")
    seeded_client.sign_in(seeded_user(app, LEICESTERSHIRE, Role.COMMITTEE_MEMBER))
    assert seeded_client.get("reports.new").status_code == 403
    assert seeded_client.get(f"{url}/edit").status_code == 403
    assert seeded_client.http.post(f"{url}/publish").status_code == 403
    seeded_client.sign_in(seeded_user(app, "Leeds City Council", Role.COMMITTEE_MEMBER))
    assert seeded_client.get(url).status_code == 404
    assert seeded_client.get(f"{url}/download.pdf").status_code == 404
    seeded_client.sign_in(seeded_user(app, LEICESTERSHIRE, Role.SERVICE_MANAGER))
    assert seeded_client.get(url).status_code == 403


def test_the_form_refuses_missing_choices_and_saves_nothing(seeded_client):
    app = seeded_client.app
    seeded_client.sign_in(seeded_user(app, LEICESTERSHIRE))
    page = seeded_client.post_form(
        "reports.new",
        {"committee": "", "meeting_date": ["", "", ""], "title": "X", "report_of": "Y", "as_at": ["22", "11", "2026"]},
    )
    messages = [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")]
    assert messages == ["Enter the committee's name", "Enter the meeting date", "Select at least one inspection"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(CommitteeReport)) == 0
