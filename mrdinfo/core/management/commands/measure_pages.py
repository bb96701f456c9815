"""Print what each live page costs: database queries on a warm render, and the gzipped weight of
its HTML, CSS and JS. The figures quoted in issue notes come from here, so anyone can re-measure
them on their own machine (`make measure`)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.test import Client

from wagtail.models import Site

from mrdinfo.core.measuring.budgets import PAGE_QUERY_BUDGET, PAGE_WEIGHT_BUDGET, live_page_urls, measure


class Command(BaseCommand):
    help = "Measure every live page: queries on a warm render and gzipped HTML+CSS+JS weight, against the budgets."

    def handle(self, *args: Any, **options: Any) -> None:
        site = Site.objects.get(is_default_site=True)
        client = Client(HTTP_HOST=site.hostname)
        self.stdout.write(f"{'page':<48}{'status':>7}{'queries':>9}{'html gz':>9}{'total gz':>10}")
        over_budget = []
        for row in measure(client, live_page_urls() + ["/this-page-does-not-exist/"]):
            url, weights = row["url"], row["weights"]
            html_size, total = (weights["html"], weights["total"]) if weights else ("-", "-")
            if weights and weights["total"] >= PAGE_WEIGHT_BUDGET:
                over_budget.append(f"{url} weighs {total} B")
            if row["queries"] > PAGE_QUERY_BUDGET:
                over_budget.append(f"{url} costs {row['queries']} queries")
            self.stdout.write(f"{url:<48}{row['status']:>7}{row['queries']:>9}{html_size:>9}{total:>10}")
        self.stdout.write(f"Budgets: {PAGE_QUERY_BUDGET} queries, {PAGE_WEIGHT_BUDGET} B gzipped per page.")
        for problem in over_budget:
            self.stdout.write(self.style.WARNING(f"Over budget: {problem}"))
