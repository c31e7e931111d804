"""How many failed attempts are allowed before signing in pauses (Flask-Limiter).

Only failures count (a form shown again); a successful attempt redirects and is never throttled.
- An account from one address: 5 failures in 15 minutes. Guessing one person's password is slow.
- An account from anywhere: 20 in 15 minutes, so spreading guesses over many addresses is slow too,
  while a stranger's typos from elsewhere do not lock the real person out after five.
- An address, over all accounts: 30 in 15 minutes (trying one common password on many accounts).
- Codes: 5 wrong two-factor codes in 15 minutes per person, wherever they come from.
The account's key is the email address as the application reads it (control characters stripped,
lower case), whether or not such an account exists, so the throttle says nothing about which addresses
have accounts. Counts are kept where RATELIMIT_STORAGE_URI says: memory for one process, a shared store
(Redis, Memcached) when several processes or instances serve the app.
"""

from flask import request, session
from flask_limiter.util import get_remote_address
from flask_login import current_user

from tracker.text import clean_text

ACCOUNT_FROM_ADDRESS_LIMIT = "5 per 15 minutes"
ACCOUNT_LIMIT = "20 per 15 minutes"
ADDRESS_LIMIT = "30 per 15 minutes"
CODE_LIMIT = "5 per 15 minutes"
PASSWORD_CHECK_LIMIT = "5 per 15 minutes"


def account_key() -> str:
    """The email as authenticate() will look it up."""
    return " ".join(clean_text(request.form.get("email", "")).lower().split())[:254]


def by_account() -> str:
    return "account:" + account_key()


def by_account_and_address() -> str:
    return f"account:{account_key()}:{get_remote_address()}"


def by_pending_user() -> str:
    return f"code:{session.get('pending_user')}"


def by_signed_in_user() -> str:
    return f"password-check:{current_user.get_id()}"


def failed(response) -> bool:
    return response.status_code == 200


# Every throttle counts failed POSTs only.
FAILURES = {"methods": ["POST"], "deduct_when": failed}
