"""Improvement points: their themes, where a weakness was raised before, and what inspectors found."""
