"""Recording attempts to reach another council's objects ("probes").

They answer 404, exactly as an object that does not exist, so nothing is revealed; but someone walking
through ids is worth knowing about, so each attempt is an audit event in the prober's own council's trail
(the other council's directors are not shown the name of someone outside it). A limit per person keeps a
script from flooding the trail: past it, attempts are only logged. Counted where the sign-in throttle
counts (RATELIMIT_STORAGE_URI), so the limit holds across processes.
"""

from __future__ import annotations

from flask import current_app, request
from limits import parse

from tracker.audit import record
from tracker.extensions import db, limiter
from tracker.models import User

RECORDED_PER_PERSON = parse("20 per hour")


def record_probe(user: User, entity: str, object_id: int) -> bool:
    """Record that user asked for another council's object; False when past the limit (logged only)."""
    current_app.logger.warning(
        "User %s asked for %s %s of another council: %s %s", user.id, entity, object_id, request.method, request.path
    )
    try:
        within_limit = limiter.limiter.hit(RECORDED_PER_PERSON, "probe", str(user.id))
    except Exception:  # the store is out of reach (any client's error): the 404 must not become a 500
        current_app.logger.exception("Probe by user %s not recorded: the rate limit store did not answer", user.id)
        return False
    if not within_limit:
        return False
    # Its own transaction: the request is about to end in a 404 with nothing else to keep.
    db.session.rollback()
    record(user, "probed", user, field=f"{entity} {object_id}", after=f"{request.method} {request.path}"[:500])
    db.session.commit()
    return True
