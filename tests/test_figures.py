"""Numbers of things as pages print them."""

from tracker.figures import thousands


def test_thousands_are_separated_by_commas():
    assert [thousands(n) for n in (0, 999, 1000, 12345, 1234567)] == ["0", "999", "1,000", "12,345", "1,234,567"]


def test_the_filter_is_registered_once_for_every_template(app):
    assert app.jinja_env.from_string("{{ 2103 | thousands }} days").render() == "2,103 days"
