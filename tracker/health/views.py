from flask import Blueprint, current_app
from sqlalchemy import text

from tracker.extensions import db

bp = Blueprint("health", __name__)


@bp.route("/healthz")
@bp.route("/health")  # the first name it had; kept for monitors already pointed at it
def health():
    """For load balancers and monitors: no sign-in, and nothing said beyond up or down."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means unhealthy; the detail goes to the log, not the caller
        current_app.logger.exception("Health check: database unavailable")
        db.session.rollback()
        return {"status": "unavailable"}, 503
    return {"status": "ok"}
