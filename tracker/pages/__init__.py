"""Pages anyone may read without signing in: the accessibility statement."""
