"""Page numbers from the query string, and the parameters govukPagination needs."""

from collections.abc import Mapping
from math import ceil

from flask import url_for

MAX_PAGE = 100_000  # beyond any real list; keeps OFFSET within what every database accepts
MAX_ID = 2**31 - 1  # the largest id either database holds; a larger number would overflow SQLite's binding


def page_number(args: Mapping[str, str]) -> int:
    try:
        return min(max(1, int(args.get("page", 1))), MAX_PAGE)
    except ValueError:
        return 1


def chosen_id(args: Mapping[str, str], name: str) -> int | None:
    """A row's id chosen in a filter; None (as if not chosen) when it is not one."""
    try:
        value = int(args.get(name, ""))
    except ValueError:
        return None
    return value if 0 < value <= MAX_ID else None


def pagination_params(page: int, per_page: int, total: int, endpoint: str, **url_args) -> dict | None:
    pages = max(1, ceil(total / per_page))
    if pages == 1:
        return None

    def link(n: int) -> str:
        return url_for(endpoint, page=n, **url_args)

    items: list[dict] = []
    for n in _visible_pages(page, pages):
        if n is None:
            items.append({"ellipsis": True})
        else:
            items.append({"number": n, "href": link(n), "current": n == page})
    params: dict = {"items": items, "landmarkLabel": "Pages"}
    if page > 1:
        params["previous"] = {"href": link(page - 1)}
    if page < pages:
        params["next"] = {"href": link(page + 1)}
    return params


def _visible_pages(page: int, pages: int) -> list[int | None]:
    """First, last, and the current page with its neighbours; None where pages are skipped."""
    wanted = sorted({1, pages, page - 1, page, page + 1} & set(range(1, pages + 1)))
    shown: list[int | None] = []
    for n in wanted:
        if shown and n - shown[-1] > 1:
            shown.append(None)
        shown.append(n)
    return shown
