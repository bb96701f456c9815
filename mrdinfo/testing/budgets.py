"""The budgets every page is held to, in one place for the tests and `manage.py measure_pages`."""

# The brief: an information page's HTML + CSS + JS under 60 KB compressed.
PAGE_WEIGHT_BUDGET = 60 * 1024
# Issue 3: an information page renders in at most 15 queries, however many glossary terms or related pages.
PAGE_QUERY_BUDGET = 15
