"""Making test data outside a request, then using it after."""

from contextlib import contextmanager

from flask import Flask

from tracker.extensions import db


@contextmanager
def committed(app: Flask):
    """An app context whose objects stay readable once it ends: commits at the end without expiring them."""
    with app.app_context():
        db.session().expire_on_commit = False
        yield db.session
        db.session.commit()
