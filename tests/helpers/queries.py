"""Counting the SQL statements a piece of work issues."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event

from tests.helpers.data import committed
from tests.helpers.factories import make_authority, make_big_plan, make_user
from tracker.extensions import db
from tracker.models import Role


class QueryCounter:
    def __init__(self):
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)


@contextmanager
def count_queries(engine):
    counter = QueryCounter()

    def before(conn, cursor, statement, parameters, context, executemany):
        counter.statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", before)


def queries_at_sizes(client, endpoint: str, sizes=(10, 10_000)):
    """Yield (size, page, query count) for a director viewing `endpoint` over a bulk plan of each size."""
    for size in sizes:
        with committed(client.app):
            authority = make_authority()
            owner = make_user(authority)
            director = make_user(authority, Role.DIRECTOR)
            make_big_plan(authority, owner, director, size)
            engine = db.engine
        client.sign_in(director)
        with count_queries(engine) as counter:
            page = client.get_page(endpoint)
        yield size, page, counter.count
