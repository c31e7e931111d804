"""What changed in a council's plans between two dates: ratings moved, newly overdue, milestones moved,
proposals, returns, sign-offs and challenges. Plain functions over the audit trail and the rows that hold the
facts; the director's page (tracker.oversight.changes_views) and the committee paper's section
(tracker.reports.changes_section) both read them."""
