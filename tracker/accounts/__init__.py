"""People's accounts: passwords, two-factor sign-in, and the administrators' pages that manage users."""
