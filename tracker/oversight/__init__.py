"""Oversight: what directors review (overdue, slipping, claimed done), challenge and sign off."""
