"""GOV.UK-styled pages for the errors users meet: not allowed, not found, too large, an expired form."""

from flask import Flask, current_app, render_template
from flask_wtf.csrf import CSRFError

PAGES = {
    400: ("Sorry, there is a problem with the service", "errors/400.html"),
    403: ("You do not have permission to see this page", "errors/403.html"),
    404: ("Page not found", "errors/404.html"),
    413: ("The file you chose is too large", "errors/413.html"),
}


def _page(status: int):
    title, template = PAGES[status]
    return render_template(template, title=title, max_upload_mb=current_app.config["MAX_UPLOAD_MB"]), status


def register_error_pages(app: Flask) -> None:
    for status in (403, 404, 413):
        app.register_error_handler(status, lambda error, status=status: _page(status))
    # A form posted without its token, or after the token expired: say so, rather than "Bad Request".
    app.register_error_handler(CSRFError, lambda error: _page(400))
