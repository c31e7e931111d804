"""A long choice of people is made by typing: GOV.UK's accessible-autocomplete on the owner filters."""

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, expect

from tests.browser.test_journeys import sign_in
from tests.helpers.axe import assert_accessible


def choose(page: Page, label: str, typed: str, option: str) -> None:
    """Type into an enhanced select and pick one of the suggestions, as a keyboard user would."""
    box = page.get_by_role("combobox", name=label)
    box.fill(typed)
    expect(page.get_by_role("option", name=option, exact=True)).to_be_visible()
    assert_accessible(page)  # with the suggestions open
    box.press("ArrowDown")
    page.get_by_role("option", name=option, exact=True).press("Enter")
    expect(box).to_have_value(option)


def test_the_owner_filters_suggest_as_one_types_and_filter_by_the_choice(page: Page, live_server):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    sign_in(page, live_server, "dcs@leicester.example.org")
    for path, table in (("/overdue", "#overdue"), ("/plan", "table")):
        page.goto(f"{live_server}{path}")
        # The select became a text box that suggests; the select itself is hidden and still submitted.
        expect(page.get_by_role("combobox", name="Owner")).to_be_visible()
        expect(page.locator("select[name=owner]")).to_be_hidden()
        assert_accessible(page)
        choose(page, "Owner", "early", "Head of Service, Early Help")
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_load_state()
        owner = parse_qs(urlparse(page.url).query)["owner"]
        assert owner and owner[0].isdigit()
        expect(page.get_by_role("combobox", name="Owner")).to_have_value("Head of Service, Early Help")
        owners = page.locator(f"{table} tbody tr td:nth-child(2)").all_inner_texts()
        assert owners and all(text.strip().startswith("Head of Service, Early Help") for text in owners)
        assert_accessible(page)
        # Emptying the box clears the filter (the box then names the select's empty option).
        page.get_by_role("combobox", name="Owner").fill("")
        page.get_by_role("combobox", name="Owner").press("Tab")  # moving on closes the suggestions
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_load_state()
        assert "owner" not in parse_qs(urlparse(page.url).query)
    # Nothing was refused by the Content-Security-Policy (the library and its styles come from this site).
    assert not [m for m in messages if "Content Security Policy" in m], messages
