"""A form's answers (the contact form here; event registrations in events/tests) export safely:
every formula prefix is neutralised in CSV, and one message with a control character no longer
makes the XLSX export fail for every member of staff."""

import csv
import io
import time

import openpyxl
import pytest

from django.core import signing

from wagtail.contrib.forms.models import FormSubmission

from mrdinfo.forms.spam import SALT

from .factories import FormPageFactory

pytestmark = pytest.mark.django_db
FORMULAS = ["=1+2", "+cmd|'/ccalc'!a0", "-2+3", "@SUM(1+1)", "\t=1+2", "\r=1+2"]


@pytest.fixture
def contact(home_page):
    return FormPageFactory(parent=home_page)


def export(admin_client, page, kind):
    response = admin_client.get(f"/admin/forms/submissions/{page.pk}/", {"export": kind})
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("formula", FORMULAS)
def test_every_formula_prefix_is_neutralised_in_csv(admin_client, contact, formula):
    FormSubmission.objects.create(page=contact, form_data={"your_name": formula, "your_message": "ok"})
    rows = list(csv.reader(io.StringIO(export(admin_client, contact, "csv").decode(), newline="")))
    assert rows[1][rows[0].index("Your name")] == "'" + formula


def test_a_control_character_in_a_message_does_not_break_the_xlsx_export(client, admin_client, contact):
    answers = {
        "your_name": "Ama", "your_email_address": "ama@example.org", "your_message": "a\x07\x1b[31mred",
        "form_started": signing.dumps(time.time() - 30, salt=SALT), "website": "",
    }  # fmt: skip
    assert client.post(contact.url, answers).status_code == 302  # accepted through the real form
    FormSubmission.objects.create(page=contact, form_data={"your_name": "=1+2", "your_message": "fine"})
    sheet = openpyxl.load_workbook(io.BytesIO(export(admin_client, contact, "xlsx"))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    values = [cell.value for cell in cells]
    assert "a\ufffd\ufffd[31mred" in values and "=1+2" in values
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
