"""What the production configuration refuses to start with (a default secret key, or demo accounts), and
what it warns of: a sign-in throttle that does not count across processes, or whose store does not answer."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import exists, inspect, select
from sqlalchemy.exc import SQLAlchemyError

from tracker.config import DEFAULT_SECRET_KEY
from tracker.extensions import db, limiter
from tracker.models import User

MIN_SECRET_LENGTH = 32


class UnsafeConfiguration(RuntimeError):
    pass


def check(app: Flask) -> None:
    if not app.config.get("PRODUCTION"):
        return
    key = app.config.get("SECRET_KEY") or ""
    if key == DEFAULT_SECRET_KEY or len(key) < MIN_SECRET_LENGTH:
        raise UnsafeConfiguration(
            f"Set SECRET_KEY to a random value of at least {MIN_SECRET_LENGTH} characters, for example "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(48))'"
        )
    _check_throttle_store(app)
    with app.app_context():
        try:
            if not inspect(db.engine).has_table("user"):
                return  # a new database, before `db upgrade`: nothing to refuse yet
            demo = db.session.scalar(select(exists().where(User.is_demo.is_(True))))
        except SQLAlchemyError:
            app.logger.warning("Could not check the database for demo accounts at start-up")
            return
        finally:
            db.session.remove()
    if demo:
        raise UnsafeConfiguration(
            "This database holds the demo accounts, which share a published password. Production must use "
            "a database that was never seeded with the demo."
        )


def _check_throttle_store(app: Flask) -> None:
    if app.config.get("RATELIMIT_STORAGE_URI", "memory://").startswith("memory://"):
        app.logger.warning(
            "RATELIMIT_STORAGE_URI is memory://: each process counts failed sign-ins separately. With several "
            "processes or instances, point it at a shared store such as redis://"
        )
    elif not limiter.storage.check():
        # Not refused: the store may start after the app. Until it answers, signing in fails (a fault page).
        app.logger.warning(
            "RATELIMIT_STORAGE_URI does not answer: nobody can sign in until the sign-in throttle's store can "
            "be reached"
        )
