"""Committee reports: built as data from the plan, then rendered as a web page, a Word document and a PDF."""
