"""An authenticator app for the two-factor tests."""

from __future__ import annotations

import pyotp

from tracker.accounts import two_factor


class Phone:
    """An authenticator app, with a clock the test moves (the app's clock is set to it)."""

    def __init__(self, monkeypatch, secret=None):
        self.secret = secret
        self.now = 1_800_000_000.0
        monkeypatch.setattr(two_factor, "clock", lambda: self.now)

    def code(self) -> str:
        return pyotp.TOTP(self.secret).at(self.now)
