"""Every role's main pages reflow (WCAG 2.2 1.4.10): at 320 px wide, and at 1280 px seen at 200% zoom (640 CSS
px), nothing makes the page scroll sideways, and chart text is drawn at least 16 px high; axe passes at 1280 px
and at 320 px. One test per role, visiting its pages in turn."""

from __future__ import annotations

import pyotp
from playwright.sync_api import Page, expect

from tests.browser.test_journeys import sign_in
from tests.helpers.axe import assert_accessible

WIDE, ZOOMED, NARROW = 1280, 640, 320

# Rendered font size of each text of each chart: its size in the chart's units times the chart's scale.
CHART_TEXT_PX = """() => [...document.querySelectorAll('svg.tracker-chart text')].map(
    t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"""


# What sticks out past the window, to say in a failure where to look.
OVERFLOWING = """(width) => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > width + 0.5)
    .slice(0, 8).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + e.className)"""


def _first_link(page: Page, prefix: str) -> str:
    href = page.evaluate(
        "(prefix) => [...document.querySelectorAll('main a')].map(a => a.getAttribute('href'))"
        ".find(h => h && new RegExp('^' + prefix + '\\\\d+$').test(h))",
        prefix,
    )
    assert href, f"no link to {prefix}… on {page.url}"
    return href


def _check(page: Page, base: str, path: str) -> None:
    """The page at each width: no sideways scrolling, charts legible, axe clean at the widest and narrowest."""
    page.set_viewport_size({"width": WIDE, "height": 900})
    page.goto(base + path)
    page.wait_for_load_state()
    assert_accessible(page)
    for width in (ZOOMED, NARROW):
        page.set_viewport_size({"width": width, "height": 800})
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, (
            f"{path} is {scroll_width} px wide in a {width} px window: {page.evaluate(OVERFLOWING, width)}"
        )
        sizes = page.evaluate(CHART_TEXT_PX)
        assert all(size >= 16 for size in sizes), f"{path}: chart text {min(sizes):.1f} px at {width} px"
    assert_accessible(page)


def test_a_service_managers_pages_reflow(page: Page, live_server):
    sign_in(page, live_server, "das@leicester.example.org")
    _check(page, live_server, "/my-actions")
    action = _first_link(page, "/actions/")
    for path in ("/plan", action, f"{action}/progress", f"{action}/milestones/new", "/accessibility"):
        _check(page, live_server, path)


def test_a_directors_pages_reflow(page: Page, live_server):
    sign_in(page, live_server, "dcs@leicester.example.org")
    _check(page, live_server, "/dashboard")
    expect(page.locator("svg.tracker-chart").first).to_be_visible()
    action = _first_link(page, "/actions/")
    _check(page, live_server, action)
    _check(page, live_server, "/inspections/history")
    _check(page, live_server, _first_link(page, "/inspections/"))
    for path in (
        _first_link(page, "/points/"),
        "/plan",
        "/overdue",
        "/sign-off",
        "/changes",
        "/audit",
        "/plan/framework",
        "/reports",
    ):
        _check(page, live_server, path)


def test_a_committee_members_pages_reflow(page: Page, live_server):
    sign_in(page, live_server, "scrutiny@leicester.example.org")
    for path in ("/reports", "/accessibility"):
        _check(page, live_server, path)


def _sign_in_with_two_factor(page: Page, base: str, email: str) -> None:
    sign_in(page, base, email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    _check(page, base, "/sign-in/set-up-two-factor")
    secret = page.locator("#secret").inner_text().strip()
    page.set_viewport_size({"width": WIDE, "height": 900})
    page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def test_an_administrators_and_the_operators_pages_reflow(page: Page, live_server):
    _sign_in_with_two_factor(page, live_server, "admin@leicester.example.org")
    for path in ("/admin/users", "/imports", "/imports/new", "/audit", "/admin/council-names"):
        _check(page, live_server, path)
    page.set_viewport_size({"width": WIDE, "height": 900})  # the menu is folded away at 320 px
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    _sign_in_with_two_factor(page, live_server, "operator@service.example.org")
    _check(page, live_server, "/councils")
    _check(page, live_server, _first_link(page, "/councils/"))
