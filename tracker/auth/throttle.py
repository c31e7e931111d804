"""How many failed sign-in attempts are allowed, counted per account and per address (Flask-Limiter).

Only failures count (a form shown again); a successful sign-in redirects and is never throttled.
The account's key is the email address as typed, whether or not such an account exists, so the
throttle says nothing about which addresses have accounts. Counts are kept where RATELIMIT_STORAGE_URI
says: memory for one process, a shared store (Redis, Memcached) when several instances serve the app.
"""

from flask import request, session
from flask_limiter.util import get_remote_address

ACCOUNT_LIMIT = "5 per 15 minutes"
ADDRESS_LIMIT = "30 per 15 minutes"
CODE_LIMIT = "5 per 15 minutes"


def by_account() -> str:
    return "account:" + " ".join(request.form.get("email", "").lower().split())[:254]


def by_pending_user() -> str:
    return f"code:{session.get('pending_user')}:{get_remote_address()}"


def failed(response) -> bool:
    return response.status_code == 200
