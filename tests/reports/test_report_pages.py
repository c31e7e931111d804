"""Drafting, previewing and publishing a committee report; what committee members can and cannot reach."""

from sqlalchemy import func, select

from tests.helpers.data import committed
from tests.helpers.jobs import run_queued_jobs
from tests.helpers.seeded import seeded_user
from tracker.actions import operations as ops
from tracker.extensions import db
from tracker.models import Action, AuditEvent, CommitteeReport, ImprovementPoint, Inspection, Rag, Role
from tracker.reports.operations import checksum_matches

LEICESTERSHIRE = "Leicestershire County Council"
COMMITTEE = "Children and Families Overview and Scrutiny Committee"


def _fields(client, meeting_date: list[str], as_at: list[str]) -> dict:
    """The new-report form as a director fills it in (keeping the defaults), with these dates."""
    page = client.get_page("reports.new")
    fields = {
        i["name"]: i.get("value", "")
        for i in page.select("form input[type=text], form input[type=email], form input[type=tel]")
    }
    fields["inspections"] = [c["value"] for c in page.select("input[name=inspections][checked]")]
    fields.update({"meeting_date": meeting_date, "as_at": as_at, "previous_report": ["", "", ""]})
    fields["title"] = "Ofsted inspection"
    return fields


def _draft(client) -> str:
    """A draft for the seed paper's (past) meeting, its odd dates confirmed with the tick; returns its URL."""
    fields = _fields(client, ["3", "9", "2024"], ["22", "11", "2026"])
    asked = client.post_form("reports.new", fields)
    fields["confirm_dates"] = asked.select_one("input[name=confirm_dates]")["value"]
    response = client.post_form("reports.new", fields, status=302)
    return response.location


def _publish(client, url: str) -> None:
    """Publish through the confirmation page, posting what its form holds, and run the job it queues."""
    page = client.get_page(f"{url}/publish")
    fields = {i["name"]: i.get("value", "") for i in page.select("main form input[type=hidden]")}
    client.post_form(f"{url}/publish", fields, status=302)
    run_queued_jobs(client.app)


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
    _publish(seeded_client, url)
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
    _publish(seeded_client, url)
    before = {fmt: seeded_client.get(f"{url}/download.{fmt}").data for fmt in ("docx", "pdf")}
    html_before = str(seeded_client.get_page(url).select_one(".tracker-report"))
    with committed(app):
        action = db.session.scalars(
            select(Action).join(ImprovementPoint).join(Inspection).where(Inspection.source_kind == "committee_report")
        ).first()
        ops.set_rating(action, action.owner, rag=Rag.RED, rag_reason="Changed after publication.")
    assert {fmt: seeded_client.get(f"{url}/download.{fmt}").data for fmt in ("docx", "pdf")} == before
    assert str(seeded_client.get_page(url).select_one(".tracker-report")) == html_before
    with app.app_context():
        report = db.session.scalar(select(CommitteeReport))
        assert checksum_matches(report)
    # and publishing twice, or changing it, is refused
    seeded_client.http.post(f"{url}/publish", data={"confirmed": "yes"})
    assert seeded_client.get(f"{url}/edit").status_code == 302


def test_committee_members_reach_no_editing_page_and_no_other_authoritys_report(seeded_client):
    app = seeded_client.app
    seeded_client.sign_in(seeded_user(app, LEICESTERSHIRE))
    url = _draft(seeded_client)
    _publish(seeded_client, url)
    seeded_client.sign_in(seeded_user(app, LEICESTERSHIRE, Role.COMMITTEE_MEMBER))
    assert seeded_client.get("reports.new").status_code == 403
    assert seeded_client.get(f"{url}/edit").status_code == 403
    assert seeded_client.http.post(f"{url}/publish", data={"confirmed": "yes"}).status_code == 403
    assert seeded_client.get(f"{url}/publish").status_code == 403
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


def _is_published(app) -> bool:
    with app.app_context():
        return db.session.scalar(select(CommitteeReport)).is_published


def test_publishing_goes_through_a_confirmation_page_and_only_its_form_publishes(seeded_client):
    app = seeded_client.app
    seeded_client.sign_in(seeded_user(app, LEICESTERSHIRE))
    url = _draft(seeded_client)
    preview = seeded_client.get_page(url)
    assert not preview.select(f'form[action="{url}/publish"]')  # no one-click publishing on the draft
    links = {a.get_text(strip=True): a["href"] for a in preview.select("main a")}
    assert links["Publish to the committee"] == f"{url}/publish"

    page = seeded_client.get_page(f"{url}/publish")
    assert page.h1.get_text(strip=True) == "Publish this report?"
    assert "cannot be changed or unpublished" in page.select_one(".govuk-warning-text").text
    assert {a.get_text(strip=True): a["href"] for a in page.select("main form a")} == {"Cancel": url}
    assert not _is_published(app)  # looking at the page publishes nothing

    # The old draft page's button posted the CSRF token and its submit button only: it is shown the page.
    answer = seeded_client.post_form(f"{url}/publish", {"submit": "Publish to the committee"})
    assert answer.h1.get_text(strip=True) == "Publish this report?"
    assert not _is_published(app)

    _publish(seeded_client, url)
    assert _is_published(app)
    with app.app_context():
        report = db.session.scalar(select(CommitteeReport))
        published = db.session.scalars(
            select(AuditEvent).where(AuditEvent.entity_type == "committee_report", AuditEvent.field == "published_at")
        ).all()
        assert [e.entity_id for e in published] == [report.id]


def test_a_past_meeting_date_is_refused_until_confirmed_and_nothing_typed_is_lost(seeded_client):
    app = seeded_client.app
    seeded_client.sign_in(seeded_user(app, LEICESTERSHIRE))
    fields = _fields(seeded_client, ["3", "9", "2024"], ["2", "9", "2024"])  # today is 22 November 2026
    fields["officer_1_name"] = "Jane Moore"
    page = seeded_client.post_form("reports.new", fields)
    messages = [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")]
    assert messages == ["The meeting date is in the past: the paper will be dated 3 September 2024. Tick to confirm."]
    assert page.select_one(".govuk-error-summary a")["href"] == "#confirm_dates"
    assert page.select_one("#confirm_dates")["name"] == "confirm_dates"
    assert [page.select_one(f"#meeting_date-{p}")["value"] for p in ("day", "month", "year")] == ["3", "9", "2024"]
    assert page.select_one("#title")["value"] == "Ofsted inspection"
    assert page.select_one("#officer_1_name")["value"] == "Jane Moore"
    assert _report_count(app) == 0

    # A tick for other dates confirms nothing (the dates were changed after ticking)
    fields["confirm_dates"] = "2024-09-04/2024-09-02"
    seeded_client.post_form("reports.new", fields)
    assert _report_count(app) == 0
    fields["confirm_dates"] = page.select_one("#confirm_dates")["value"]
    seeded_client.post_form("reports.new", fields, status=302)
    assert _report_count(app) == 1


def test_figures_as_at_after_the_meeting_are_refused_until_confirmed(seeded_client):
    app = seeded_client.app
    seeded_client.sign_in(seeded_user(app, LEICESTERSHIRE))
    fields = _fields(seeded_client, ["10", "11", "2026"], ["20", "11", "2026"])  # a paper re-run for the record
    page = seeded_client.post_form("reports.new", fields)
    messages = [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")]
    assert messages == [
        "The meeting date is in the past: the paper will be dated 10 November 2026. "
        "The figures are as at 20 November 2026, after the meeting on 10 November 2026: the paper will give "
        "figures the committee could not have had at its meeting. Tick to confirm."
    ]
    assert [page.select_one(f"#as_at-{p}")["value"] for p in ("day", "month", "year")] == ["20", "11", "2026"]
    assert _report_count(app) == 0
    fields["confirm_dates"] = page.select_one("#confirm_dates")["value"]
    seeded_client.post_form("reports.new", fields, status=302)
    assert _report_count(app) == 1


def test_figures_as_at_a_day_to_come_or_after_the_previous_report_are_refused(seeded_client):
    """Figures are what was recorded by a day: a day still to come has none (today is 22 November 2026 here),
    and "since the previous report" needs that report to come before them."""
    app = seeded_client.app
    seeded_client.sign_in(seeded_user(app, LEICESTERSHIRE))
    fields = _fields(seeded_client, ["10", "12", "2026"], ["23", "11", "2026"])
    page = seeded_client.post_form("reports.new", fields)
    messages = [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")]
    assert messages == ["Figures as at must be today (22 November 2026) or earlier"]
    fields.update({"as_at": ["22", "11", "2026"], "previous_report": ["22", "11", "2026"]})
    page = seeded_client.post_form("reports.new", fields)
    messages = [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")]
    assert messages == ["The date of the previous report must be before the figures as at date"]
    assert [page.select_one(f"#previous_report-{p}")["value"] for p in ("day", "month", "year")] == ["22", "11", "2026"]
    assert _report_count(app) == 0
    fields["previous_report"] = ["30", "6", "2025"]
    seeded_client.post_form("reports.new", fields, status=302)
    assert _report_count(app) == 1


def test_expected_dates_need_no_confirmation(seeded_client):
    app = seeded_client.app
    seeded_client.sign_in(seeded_user(app, LEICESTERSHIRE))
    seeded_client.post_form(
        "reports.new", _fields(seeded_client, ["10", "12", "2026"], ["22", "11", "2026"]), status=302
    )
    assert _report_count(app) == 1


def _report_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(CommitteeReport))
