"""How pages print a number of things: thousands separated by commas ("1,204 actions"), as GOV.UK style
writes numbers. Registered once as the `thousands` template filter."""


def thousands(count: int) -> str:
    return f"{count:,}"
