"""Every staff export of giving (donations, Gift Aid declarations, the Gift Aid claim) is safe to
open in a spreadsheet: a cell that starts = + - @, a tab or a carriage return is text, never a
formula, in CSV and XLSX alike."""

import csv
import io

import openpyxl
import pytest

from mrdinfo.giving.models import Donation, GiftAidDeclaration

from .factories import DonatePageFactory, details_data, details_url

pytestmark = pytest.mark.django_db
FORMULAS = ["=1+2", "+cmd|'/ccalc'!a0", "-2+3", "@SUM(1+1)", "\t=1+2", "\r=1+2"]


def csv_rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode())))


def xlsx_cells(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows() for cell in row]


@pytest.fixture
def hostile_records(client, page_tree):
    """A donation and its declaration whose every typed field is a formula."""
    from mrdinfo.giving.payments import complete_test_payment

    donate = DonatePageFactory(parent=page_tree["home"])
    client.post(details_url(donate), details_data())
    donation = Donation.objects.get()
    complete_test_payment(donation)
    Donation.objects.filter(pk=donation.pk).update(
        title=FORMULAS[0], first_name=FORMULAS[1], last_name=FORMULAS[2], address_line_1=FORMULAS[3],
        town=FORMULAS[4], email="=1+2@example.org", phone=FORMULAS[5],
    )  # fmt: skip
    GiftAidDeclaration.objects.filter(donation=donation).update(
        title=FORMULAS[0], first_name=FORMULAS[1], last_name=FORMULAS[2], address=FORMULAS[3]
    )
    return donation


@pytest.mark.parametrize("url", ["/admin/donations/", "/admin/gift_aid/"])
def test_csv_exports_neutralise_formula_cells(admin_client, hostile_records, url):
    rows = csv_rows(admin_client.get(url, {"export": "csv"}))
    cells = [cell for row in rows[1:] for cell in row]
    assert any(cell.startswith("'=1+2") for cell in cells), cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'" + FORMULAS[1] in cells  # the text is kept, behind the apostrophe


@pytest.mark.parametrize("url", ["/admin/donations/", "/admin/gift_aid/"])
def test_xlsx_exports_hold_formulas_as_text(admin_client, hostile_records, url):
    cells = xlsx_cells(admin_client.get(url, {"export": "xlsx"}))
    assert any(cell.value == "=1+2" or cell.value == "=1+2@example.org" for cell in cells)
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]


def test_the_gift_aid_claim_neutralises_formula_cells(admin_client, hostile_records):
    rows = csv_rows(admin_client.get("/admin/giving/gift-aid-claim/", {"download": "1"}))
    assert rows[1][:3] == ["'" + FORMULAS[0], "'" + FORMULAS[1], "'" + FORMULAS[2]]
