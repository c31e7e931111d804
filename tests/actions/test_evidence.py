"""Evidence: a link or a checked upload, stored outside the web root, downloaded only within the authority."""

import io
import zipfile
from pathlib import Path

import pytest

from tests.helpers.client import check_page
from tests.helpers.data import snapshot

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def _fields(**extra) -> dict:
    return {
        "kind": "audit",
        "description": "Audit of 40 contacts: 85% decided within 24 hours, up from 61%.",
        "evidence_date": ["14", "11", "2026"],
        "shows_impact": "yes",
        **extra,
    }


def _upload(client, world, name: str, content: bytes, **extra):
    data = _fields(file=(io.BytesIO(content), name), **extra)
    return client.http.post(
        client.url("actions.add_evidence", action_id=world.action.id), data=data, content_type="multipart/form-data"
    )


def test_adding_a_link(client, world):
    client.sign_in(world.owner)
    client.post_form(
        "actions.add_evidence",
        _fields(link="https://intranet.example.org/audit-nov-2026"),
        status=302,
        action_id=world.action.id,
    )
    page = client.get_page("actions.show", action_id=world.action.id)
    row = page.select_one("#evidence + .tracker-table-scroll table tbody tr")
    assert "Audit of 40 contacts" in row.text
    assert row.select_one("a[href='https://intranet.example.org/audit-nov-2026']")
    assert row.select_one(".govuk-tag").get_text(strip=True) == "Impact"
    assert "added evidence on" in page.select_one(".tracker-history").text


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("audit.pdf", PDF, "application/pdf"),
        ("chart.PNG", PNG, "image/png"),
        ("report.docx", _docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("figures.csv", b"month,percent\n2026-10,85\n", "text/csv"),
    ],
)
def test_uploading_a_file_stores_it_outside_the_web_root_and_downloads_it(client, world, name, content, content_type):
    client.sign_in(world.owner)
    assert _upload(client, world, name, content).status_code == 302
    page = client.get_page("actions.show", action_id=world.action.id)
    link = page.select_one("#evidence + .tracker-table-scroll table a[href*=download]")
    assert link.get_text(strip=True) == f"Download {name}"
    response = client.get(link["href"])
    assert response.status_code == 200
    assert response.data == content
    assert response.mimetype == content_type
    assert f"filename={name}" in response.headers["Content-Disposition"]
    stored = [p for p in Path(client.app.config["UPLOAD_FOLDER"]).rglob("*") if p.is_file()]
    assert len(stored) == 1 and stored[0].read_bytes() == content
    assert name not in str(stored[0])  # a generated name, not the user's
    assert not str(stored[0]).startswith(client.app.static_folder)


def test_a_hostile_file_name_is_stored_safely(client, world, tmp_path):
    client.sign_in(world.owner)
    assert _upload(client, world, "../../etc/passwd.pdf", PDF).status_code == 302
    folder = Path(client.app.config["UPLOAD_FOLDER"]).resolve()
    stored = [p for p in folder.rglob("*") if p.is_file()]
    assert len(stored) == 1 and stored[0].resolve().is_relative_to(folder)
    assert not (tmp_path.parent / "etc").exists()
    page = client.get_page("actions.show", action_id=world.action.id)
    assert (
        page.select_one("#evidence + .tracker-table-scroll table a[href*=download]").get_text(strip=True)
        == "Download passwd.pdf"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("passwd", b"root:x:0:0", "The selected file must be a PDF, Word (.docx), Excel (.xlsx), CSV, PNG or JPEG"),
        (
            "report.pdf",
            b"MZ\x90\x00 this is a program",
            "The selected file is not a real PDF file: its content does not match",
        ),
        ("image.png", PDF, "The selected file is not a real PNG file: its content does not match"),
        (
            "report.docx",
            b"PK\x03\x04 not really a zip",
            "The selected file is not a real Word file: its content does not match",
        ),
        ("data.csv", b"a,b\x00\x01", "The selected file is not a real CSV file: its content does not match"),
        ("empty.pdf", b"", "The selected file is empty"),
    ],
)
def test_a_file_of_the_wrong_type_is_refused(client, world, name, content, message):
    client.sign_in(world.owner)
    before = snapshot(client.app)
    response = _upload(client, world, name, content)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in page
    assert "Choose your file again" in page
    assert snapshot(client.app) == before
    assert not any(p.is_file() for p in Path(client.app.config["UPLOAD_FOLDER"]).rglob("*"))


def test_a_file_over_the_limit_gets_a_message_not_a_stack_trace(client, world):
    client.app.config["MAX_UPLOAD_MB"] = 1
    client.sign_in(world.owner)
    before = snapshot(client.app)
    response = _upload(client, world, "big.pdf", PDF + b"0" * (1024 * 1024))
    assert response.status_code == 200
    assert "The selected file must be smaller than 1 MB" in response.get_data(as_text=True)
    assert snapshot(client.app) == before


def test_a_request_over_the_hard_limit_gets_a_page_saying_so(client, world):
    client.app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    client.sign_in(world.owner)
    response = _upload(client, world, "huge.pdf", PDF + b"0" * (2 * 1024 * 1024))
    assert response.status_code == 413
    page = check_page(response.get_data(as_text=True))
    assert page.h1.get_text(strip=True) == "The file you chose is too large"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({}, "Enter a link or choose a file to upload"),
        ({"link": "not a link"}, "Enter a link in the correct format, like https://intranet.example.org/x"),
        ({"link": "https://intranet.example.org/a", "kind": ""}, "Select the kind of evidence"),
        ({"link": "https://intranet.example.org/a", "shows_impact": ""}, "Select whether the evidence shows impact"),
        ({"link": "https://intranet.example.org/a", "description": ""}, "Enter what the evidence is and what it shows"),
        ({"link": "https://intranet.example.org/a", "evidence_date": ["", "", ""]}, "Enter the date of the evidence"),
    ],
)
def test_evidence_form_refusals(client, world, extra, message):
    client.sign_in(world.owner)
    before = snapshot(client.app)
    page = client.post_form("actions.add_evidence", _fields(**extra), action_id=world.action.id)
    assert message in [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")]
    assert snapshot(client.app) == before


def test_a_link_and_a_file_together_are_refused(client, world):
    client.sign_in(world.owner)
    response = _upload(client, world, "audit.pdf", PDF, link="https://intranet.example.org/a")
    assert "Give a link or a file, not both" in response.get_data(as_text=True)


def test_another_authoritys_user_cannot_download_a_file(client, world):
    client.sign_in(world.owner)
    _upload(client, world, "audit.pdf", PDF)
    href = client.get_page("actions.show", action_id=world.action.id).select_one("a[href*=download]")["href"]
    for user, expected in ((world.outsider, 404), (world.outsider_director, 404), (world.committee, 403)):
        client.sign_in(user)
        assert client.get(href).status_code == expected
    client.sign_in(world.colleague)  # may read their own authority's plan
    assert client.get(href).status_code == 200
