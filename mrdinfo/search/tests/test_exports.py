"""Reports → Searches with no results holds what visitors typed: its CSV cannot run a formula."""

import csv
import io

import pytest

from mrdinfo.search.models import NoResultSearch

pytestmark = pytest.mark.django_db


def test_the_no_results_export_neutralises_formula_cells(admin_client):
    NoResultSearch.objects.create(query_string='=hyperlink("http://evil.example")', hits=2)
    response = admin_client.get("/admin/reports/searches-with-no-results/", {"export": "csv"})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    cells = [cell for row in list(csv.reader(io.StringIO(content.decode())))[1:] for cell in row]
    assert '\'=hyperlink("http://evil.example")' in cells
