"""The database out of reach, told apart from other faults: the person is told the service is unavailable
(503) rather than that something went wrong (500), and the page is drawn without the database.

SQLAlchemy flags a connection lost in use (`connection_invalidated`) and then discards every pooled
connection opened before the loss, so the first request after the database returns gets a fresh one
(production also pings each connection as it leaves the pool). A connection that cannot be opened at all
(the server is down, refuses us, or an SQLite file cannot be opened) is flagged here the same way.
"""

from __future__ import annotations

from flask import Flask, g, has_request_context
from sqlalchemy import event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import DBAPIError

from tracker.extensions import db


def is_unreachable(error: BaseException) -> bool:
    return isinstance(error, DBAPIError) and error.connection_invalidated


def _connecting_failed(context: ExceptionContext) -> None:
    """handle_error: no connection could be made (or a pooled one failed its ping) counts as lost."""
    if context.connection is None and isinstance(
        context.original_exception, context.dialect.loaded_dbapi.OperationalError
    ):
        context.is_disconnect = True


def watch_connections(app: Flask) -> None:
    with app.app_context():
        for engine in db.engines.values():
            event.listen(engine, "handle_error", _connecting_failed)


def mark_unreachable() -> None:
    """From here on this request must not touch the database, not even to load who is signed in."""
    g.database_unreachable = True


def database_unreachable() -> bool:
    return has_request_context() and g.get("database_unreachable", False)
