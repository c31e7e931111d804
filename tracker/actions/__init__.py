"""Actions: the plan's unit of work, and the operations that change it."""
