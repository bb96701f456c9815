"""What a page costs: database queries on a render (queries.py), gzipped weight of its HTML, CSS
and JS (weight.py), and the budgets both are held to (budgets.py). Used by `manage.py
measure_pages` and by the budget tests, so the figures in issue notes and the tests agree."""
