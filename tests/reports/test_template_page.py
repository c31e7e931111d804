"""A council's Word template: uploaded by a director or administrator, checked, stored, audited, used."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from docx import Document
from sqlalchemy import func, select

from tests.helpers.data import committed
from tests.helpers.factories import make_authority, make_user
from tracker.extensions import db
from tracker.models import AuditEvent, ReportTemplate, Role
from tracker.reports.docx_template import default_template

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _template(header: str = "Testshire Council: OFFICIAL", remove: tuple[str, ...] = ()) -> bytes:
    document = Document(io.BytesIO(default_template()))
    document.sections[0].header.paragraphs[0].text = header
    document.styles["Heading 1"].font.name = "Georgia"
    for name in remove:
        element = document.styles[name].element
        element.getparent().remove(element)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def council(app):
    with committed(app):
        authority = make_authority("Testshire County Council")
        other = make_authority("Otherton Borough Council")
        users = {
            "director": make_user(authority, Role.DIRECTOR),
            "admin": make_user(authority, Role.ADMINISTRATOR),
            "manager": make_user(authority, Role.SERVICE_MANAGER),
            "member": make_user(authority, Role.COMMITTEE_MEMBER),
            "other director": make_user(other, Role.DIRECTOR),
        }
    return authority, users


def _upload(client, data: bytes, name: str = "council.docx", status: int = 302):
    return client.post_form("reports.template", {"file": (io.BytesIO(data), name)}, status=status)


def _stored(app) -> list[ReportTemplate]:
    with committed(app):
        return db.session.scalars(select(ReportTemplate)).all()


def _audit_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(AuditEvent))


def test_a_director_uploads_the_councils_template_downloads_it_and_goes_back_to_the_default(client, council):
    authority, users = council
    client.sign_in(users["director"])
    page = client.get_page("reports.template")
    assert "The tracker's default" in page.select_one("main").get_text()
    assert client.get("reports.template_download").data == default_template()

    data = _template()
    _upload(client, data, "Testshire paper template.docx")
    [stored] = _stored(client.app)
    assert (stored.authority_id, stored.file_name) == (authority.id, "Testshire paper template.docx")
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    page = client.get_page("reports.template")
    text = page.select_one("main").get_text()
    assert "Testshire paper template.docx" in text and users["director"].display_name in text
    download = client.get("reports.template_download")
    assert download.data == data and download.mimetype == DOCX

    with client.app.app_context():
        events = db.session.scalars(
            select(AuditEvent).where(AuditEvent.entity_type == "report_template").order_by(AuditEvent.id)
        ).all()
        assert [(e.event, e.field, e.before, e.after) for e in events] == [
            ("created", "file_name", None, "Testshire paper template.docx"),
            ("created", "sha256", None, stored.sha256),
        ]
        assert {e.actor_id for e in events} == {users["director"].id}

    client.sign_in(users["admin"])
    accounts = client.get_page("accounts.users").select_one("#names").get_text()
    assert "The council's own" in accounts
    fields = client.form_fields("reports.template")
    client.post_form("reports.template_default", fields, status=302)
    assert _stored(client.app) == []
    assert client.get("reports.template_download").data == default_template()
    with client.app.app_context():
        last = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(2)).all()
        assert {(e.event, e.field, e.before, e.after) for e in last} == {
            ("deleted", "file_name", "Testshire paper template.docx", None),
            ("deleted", "sha256", stored.sha256, None),
        }


def _with_part(name: str, content: bytes) -> bytes:
    """A usable template with one part added or replaced."""
    source, out = zipfile.ZipFile(io.BytesIO(_template())), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.namelist():
            if item != name:
                target.writestr(item, source.read(item))
        target.writestr(name, content)
    return out.getvalue()


_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/%s" Target="%s"%s/></Relationships>'
)
LINKS = "links to other files or web addresses"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.txt", b"Not a Word document", "must be a Word document (.docx)"),
        (  # Word fetches an attached template from a share when the paper is opened: the reader's credentials go
            "attached.docx",
            lambda: _with_part(
                "word/_rels/settings.xml.rels", _RELS % (b"attachedTemplate", b"file://host/share/t.dotx", b"")
            ),
            LINKS,
        ),
        (
            "linked-picture.docx",
            lambda: _with_part(
                "word/_rels/header1.xml.rels",
                _RELS % (b"image", b"https://tracker.example.net/pixel.png", b' TargetMode="External"'),
            ),
            LINKS,
        ),
        ("macros.docx", lambda: _with_part("word/vbaProject.bin", b"\0" * 64), "macros, controls or embedded objects"),
        ("renamed.docx", b"%PDF-1.7 not a zip", "not a Word document that can be read"),
        ("no-title.docx", None, "does not have these styles: Title, List Number"),
    ],
)
def test_a_file_that_is_not_a_usable_template_is_refused_and_nothing_is_stored(client, council, name, data, message):
    _, users = council
    client.sign_in(users["director"])
    data = data() if callable(data) else data if data is not None else _template(remove=("Title", "List Number"))
    before = _audit_count(client.app)
    page = _upload(client, data, name, status=200)
    summary = page.select_one(".govuk-error-summary")
    assert summary is not None and message in summary.get_text(), page.select_one("main").get_text()[:500]
    assert _stored(client.app) == [] and _audit_count(client.app) == before


def test_a_template_with_a_web_link_in_its_footer_is_accepted(client, council):
    """A hyperlink goes anywhere only when clicked, as a council's footer link to its website does."""
    _, users = council
    client.sign_in(users["director"])
    linked = _RELS % (b"hyperlink", b"https://www.testshire.gov.uk/", b' TargetMode="External"')
    _upload(client, _with_part("word/_rels/footer1.xml.rels", linked))
    assert len(_stored(client.app)) == 1


def test_an_oversized_template_is_refused(client, council):
    _, users = council
    client.app.config["REPORT_TEMPLATE_MAX_BYTES"] = 20_000
    client.sign_in(users["director"])
    data = _template()
    assert len(data) > 20_000
    page = _upload(client, data, status=200)
    assert "must be smaller than" in page.select_one(".govuk-error-summary").get_text()
    assert _stored(client.app) == []


def test_only_the_councils_director_and_administrator_reach_its_template(client, council):
    _, users = council
    client.sign_in(users["director"])
    _upload(client, _template())
    for role in ("manager", "member"):
        client.sign_in(users[role])
        assert client.get("reports.template").status_code == 403
        assert client.get("reports.template_download").status_code == 403
        assert _upload(client, _template(), status=403).status_code == 403
    # Another council's director sees (and changes) only their own council's template.
    client.sign_in(users["other director"])
    assert "The tracker's default" in client.get_page("reports.template").select_one("main").get_text()
    assert client.get("reports.template_download").data == default_template()
    assert len(_stored(client.app)) == 1


def test_the_drafts_word_download_uses_the_councils_template(seeded_client):
    from tests.helpers.jobs import run_queued_jobs
    from tests.helpers.seeded import seeded_user
    from tests.reports.test_report_pages import LEICESTERSHIRE, _draft

    director = seeded_user(seeded_client.app, LEICESTERSHIRE)
    seeded_client.sign_in(director)
    _upload(seeded_client, _template(header="Leicestershire County Council: OFFICIAL"))
    url = _draft(seeded_client)
    progress = seeded_client.post_form(f"{url}/files/docx", {}, status=302).location
    assert run_queued_jobs(seeded_client.app) == 1
    made = seeded_client.get_page(progress).select_one("#job-file")["href"]
    document = Document(io.BytesIO(seeded_client.get(made).data))
    assert document.sections[0].header.paragraphs[0].text == "Leicestershire County Council: OFFICIAL"
    assert document.styles["Heading 1"].font.name == "Georgia"
    assert document.core_properties.author == LEICESTERSHIRE
