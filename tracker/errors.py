"""GOV.UK-styled pages for the errors users meet: not allowed, not found, too large, an expired form, and
a fault of ours (500), which shows a reference that is also in the log beside the stack trace."""

import secrets

from flask import Flask, current_app, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import InternalServerError

from tracker.extensions import db

PAGES = {
    400: ("Sorry, there is a problem with the service", "errors/400.html"),
    403: ("You do not have permission to see this page", "errors/403.html"),
    404: ("Page not found", "errors/404.html"),
    413: ("The file you chose is too large", "errors/413.html"),
    429: ("Too many attempts to sign in", "errors/429.html"),
    500: ("Sorry, there is a problem with the service", "errors/500.html"),
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
    reference = secrets.token_hex(4).upper()
    current_app.logger.error("Unhandled error, reference %s", reference, exc_info=error.original_exception or error)
    db.session.rollback()  # the failed request's half-done changes must not reach the next one
    return _page(500, reference=reference)


def register_error_pages(app: Flask) -> None:
    for status in (403, 404, 413):
        app.register_error_handler(status, lambda error, status=status: _page(status))
    app.register_error_handler(429, _throttled)
    # A form posted without its token, or after the token expired: say so, rather than "Bad Request".
    app.register_error_handler(CSRFError, lambda error: _page(400))
    app.register_error_handler(InternalServerError, _fault)
