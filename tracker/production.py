"""What the production configuration refuses to start with (a default secret key, demo accounts, or a
database connection that could change the audit trail), and what it warns of: a sign-in throttle that does
not count across processes, or whose store does not answer; a job queue only this machine can reach, or one
that does not answer."""

from __future__ import annotations

import redis
from flask import Flask
from sqlalchemy import exists, inspect, select
from sqlalchemy.exc import SQLAlchemyError

from tracker.config import DEFAULT_SECRET_KEY
from tracker.database_roles import audit_trail_powers
from tracker.extensions import db, limiter
from tracker.jobs.queue import jobs, queue_url
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
    _check_job_queue(app)
    with app.app_context():
        for refuse in (_refuse_demo_accounts, _refuse_power_over_the_audit_trail):
            try:
                refuse()
            except SQLAlchemyError:
                # Unreachable now is not unsafe: the app starts, answers 503 until the database is back, and
                # the next start-up checks again. The application's role before its first `db upgrade` cannot
                # read the accounts yet either.
                app.logger.warning("Could not check at start-up: %s", refuse.__doc__)
                db.session.rollback()
            finally:
                db.session.remove()


def _refuse_demo_accounts() -> None:
    """whether the database holds the demo accounts"""
    if not inspect(db.engine).has_table("user"):
        return  # a new database, before `db upgrade`: nothing to refuse yet
    if db.session.scalar(select(exists().where(User.is_demo.is_(True)))):
        raise UnsafeConfiguration(
            "This database holds the demo accounts, which share a published password. Production must use "
            "a database that was never seeded with the demo."
        )


def _refuse_power_over_the_audit_trail() -> None:
    """whether the application's database user could change the audit trail"""
    # The trigger that keeps the trail append-only binds everyone but its table's owner, as a missing
    # privilege does: the application's own connection must be neither the owner nor privileged.
    with db.engine.connect() as connection:
        powers = audit_trail_powers(connection)
    if powers:
        raise UnsafeConfiguration(
            f"The database user in DATABASE_URL could change the audit trail: it {', '.join(powers)}. Connect the "
            "application as a role that does not own the tables, and run `db upgrade` with the owner's "
            "MIGRATIONS_DATABASE_URL, which grants that role what it needs (README: Running on PostgreSQL in "
            "production)."
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


def _check_job_queue(app: Flask) -> None:
    if queue_url(app).startswith("sqlite:///"):
        app.logger.warning(
            "JOB_QUEUE_URL is an SQLite file: jobs queued here are run only by a worker on this machine "
            "(flask --app wsgi jobs worker). With several instances, run one on each or point it at redis://"
        )
        return
    try:
        jobs(app).huey.storage.conn.ping()
    except redis.RedisError:
        # Not refused, as for the throttle: until it answers, publishing and making files fail with a message.
        app.logger.warning("JOB_QUEUE_URL does not answer: committee papers cannot be published or made until it does")
