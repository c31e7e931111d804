"""GOV.UK-styled pages for the errors users meet: not allowed, not found, too large, an expired form, a
fault of ours (500) and the database out of reach (503). The last two show a reference that is also in the
log beside the stack trace."""

from contextlib import suppress

from flask import Flask, current_app, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import InternalServerError

from tracker import held_input
from tracker.extensions import db
from tracker.faults import logged_with_reference
from tracker.outages import is_unreachable, mark_unreachable

PAGES = {
    400: ("Sorry, there is a problem with the service", "errors/400.html"),
    403: ("You do not have permission to see this page", "errors/403.html"),
    404: ("Page not found", "errors/404.html"),
    413: ("The file you chose is too large", "errors/413.html"),
    429: ("Too many attempts to sign in", "errors/429.html"),
    500: ("Sorry, there is a problem with the service", "errors/500.html"),
    503: ("Sorry, the service is unavailable", "errors/503.html"),
}


def _page(status: int, **context):
    title, template = PAGES[status]
    page = render_template(template, title=title, max_upload_mb=current_app.config["MAX_UPLOAD_MB"], **context)
    return page, status


def _throttled(error):
    """Repeated failures paused: logged (endpoint and address), so an attack shows up in the logs."""
    current_app.logger.warning("Throttled %s %s from %s", request.method, request.path, request.remote_addr)
    return _page(429)


def _fault(error: InternalServerError):
    """Log the fault with a reference the user can quote; the page shows the reference and nothing else."""
    reference = logged_with_reference("Unhandled error", error.original_exception or error)
    db.session.rollback()  # the failed request's half-done changes must not reach the next one
    return _page(500, reference=reference)


def _database_error(error: DBAPIError):
    """The database out of reach: 503, on a page drawn without it. Any other database error is a fault."""
    if not is_unreachable(error):
        raise error  # to the 500 page (or, under test, to the test)
    mark_unreachable()
    reference = logged_with_reference("Database unreachable", error)
    # Nothing was written; a rollback that cannot reach the database either has nothing left to undo.
    with suppress(DBAPIError):
        db.session.rollback()
    return _page(503, reference=reference)


def _csrf_refused(_error):
    if held_input.refused_post_to_hold():
        # Its session ended elsewhere: what was typed waits for sign-in, as for any form posted after a time-out.
        return redirect(url_for("auth.login", next=held_input.next_page(None)))
    return _page(400)


def register_error_pages(app: Flask) -> None:
    for status in (403, 404, 413):
        app.register_error_handler(status, lambda error, status=status: _page(status))
    app.register_error_handler(429, _throttled)
    # A form posted without its token, or after the token expired: say so, rather than "Bad Request".
    app.register_error_handler(CSRFError, _csrf_refused)
    app.register_error_handler(InternalServerError, _fault)
    app.register_error_handler(DBAPIError, _database_error)
