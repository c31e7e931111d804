"""The Import page under hostile uploads: each crafted document is refused with the GOV.UK error summary
naming the limit it passed, and nothing is kept (tracker/imports/reader.py, tracker/parsing/sandbox.py)."""

from __future__ import annotations

import io
import threading

import pytest

from tests.helpers import hostile
from tests.helpers.client import PageClient
from tests.helpers.data import snapshot
from tests.helpers.hostile import CRAFTED, TOO_COMPLEX
from tests.helpers.paths import SEED_DOCUMENTS
from tracker.imports import reader
from tracker.parsing.sandbox import BUSY


def refusal(page, field: str) -> str:
    """The error summary's one message, after checking it links to the field that was refused."""
    links = page.select(".govuk-error-summary__list a")
    assert [link["href"] for link in links] == [f"#{field}"], links
    message = page.select_one(f"#{field}-error").get_text(" ", strip=True)
    assert message == f"Error: {links[0].get_text(strip=True)}"
    assert page.title.get_text().startswith("Error: ")
    return links[0].get_text(strip=True)


@pytest.mark.parametrize("name", CRAFTED)
def test_a_crafted_upload_is_refused_with_the_limit_it_passed_and_nothing_is_kept(client, world, name):
    crafted = CRAFTED[name]
    client.sign_in(world.director)
    before = snapshot(client.app)
    page = client.post_form("imports.new", {"file": (io.BytesIO(crafted.build()), crafted.filename)})
    assert refusal(page, "file") == TOO_COMPLEX + crafted.reason
    assert snapshot(client.app) == before  # no DocumentImport, no audit event


def test_pasted_text_past_the_limit_is_refused_and_stays_in_the_box(client, world):
    client.sign_in(world.director)
    before = snapshot(client.app)
    text = hostile.long_text(1_000_001)
    page = client.post_form("imports.new", {"pasted": text})
    assert refusal(page, "pasted") == TOO_COMPLEX + "it has more than 1,000,000 characters of text"
    assert page.select_one("textarea#pasted").get_text() == text  # what was pasted is not lost
    assert snapshot(client.app) == before


def test_the_limits_are_the_apps_settings(client, world):
    client.app.config["PARSE_MAX_PAGES"] = 3
    reader.init_app(client.app)
    client.sign_in(world.director)
    page = client.post_form("imports.new", {"file": (io.BytesIO(hostile.pdf_with_pages(4)), "report.pdf")})
    assert refusal(page, "file") == TOO_COMPLEX + "it has more than 3 pages"


def test_a_burst_of_uploads_past_the_readers_is_refused_as_busy_and_a_later_one_is_read(app, world):
    """One reader for the process: of two uploads at once, one is read (here, until the clock stops it)
    and the other is told to try again, at once; once the first is done, a document is read."""
    app.config.update(PARSE_CONCURRENCY=1, PARSE_MAX_PARAGRAPHS=10**7, PARSE_TIMEOUT_SECONDS=3)
    reader.init_app(app)
    clients = [PageClient(app) for _ in range(2)]
    for client in clients:
        client.sign_in(world.director)
    before = snapshot(app)
    slow = hostile.many_paragraphs_docx()
    start = threading.Barrier(2)
    messages: list[str] = []

    def upload(client):
        start.wait()
        messages.append(refusal(client.post_form("imports.new", {"file": (io.BytesIO(slow), "a.docx")}), "file"))

    threads = [threading.Thread(target=upload, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(messages) == sorted([BUSY, TOO_COMPLEX + "it took too long to read"])
    assert snapshot(app) == before
    letter = (SEED_DOCUMENTS / "000_fa815bd9a06c470f.txt").read_text()
    assert clients[0].post_form("imports.new", {"pasted": letter}, status=302).location.startswith("/imports/")
