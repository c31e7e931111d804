"""Faults of ours: each gets a short reference the person can quote, logged beside the stack trace."""

from __future__ import annotations

import secrets

from flask import current_app


def logged_with_reference(what: str, error: BaseException) -> str:
    """Log the fault with its stack trace under a new reference, and return the reference to show."""
    reference = secrets.token_hex(4).upper()
    current_app.logger.error("%s, reference %s", what, reference, exc_info=error)
    return reference
