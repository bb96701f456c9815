"""Forms never mislead and resist abuse: a failed save says so and keeps what was typed; answers
and their email record are saved together or not at all; a spam-check token works once; long
answers, line breaks in names, formula cells and floods are dealt with; only people given the
permission can read what visitors send."""

import csv
import io
import time
from unittest import mock

import pytest

from django.contrib.auth.models import Group, Permission
from django.core import mail, signing
from django.db import DatabaseError

from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import GroupPagePermission

from mrdinfo.forms.models import NOT_SENT_MESSAGE, FormNotification
from mrdinfo.forms.spam import SALT

from .factories import FormPageFactory

pytestmark = pytest.mark.django_db

ANSWERS = {"your_name": "Sam Parent", "your_email_address": "sam@example.org", "your_message": "Is there a leaflet?"}


def token(seconds_ago=30):
    return signing.dumps(time.time() - seconds_ago, salt=SALT)


def post(client, page, **overrides):
    return client.post(page.url, {**ANSWERS, "form_started": token(), "website": "", **overrides})


@pytest.fixture
def contact(home_page):
    return FormPageFactory(parent=home_page, to_address="team@example.org")


def test_a_failed_save_says_not_sent_keeps_the_answers_and_saves_nothing(client, contact):
    # The notification record fails after the answers were written: both must be rolled back.
    with mock.patch.object(FormNotification.objects, "create", side_effect=DatabaseError("disk full")):
        response = post(client, contact, your_message="Please call me back")
    html = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"]
    assert NOT_SENT_MESSAGE in html
    assert "Please call me back" in html and 'value="Sam Parent"' in html
    assert not FormSubmission.objects.exists() and not FormNotification.objects.exists()
    # Pressing "Send" again on the re-shown form works (its token was not used up).
    again = response.context["form"].data["form_started"]
    assert post(client, contact, form_started=again).status_code == 302
    assert FormSubmission.objects.count() == 1 and FormNotification.objects.count() == 1


def test_a_repeat_of_a_sent_form_shows_the_same_next_page_and_stores_it_once(
    client, contact, django_capture_on_commit_callbacks
):
    used = token()
    with django_capture_on_commit_callbacks(execute=True):
        first = post(client, contact, form_started=used)
        again = post(client, contact, form_started=used)  # a double-click, or Back and send
    assert first.status_code == 302 and again.status_code == 302
    assert again["Location"] == first["Location"] == f"{contact.url}?sent=1"
    assert FormSubmission.objects.count() == 1 and len(mail.outbox) == 1


def test_a_used_token_with_different_answers_is_not_stored_and_is_explained(client, contact, monkeypatch):
    monkeypatch.setattr("mrdinfo.forms.spam.MIN_SECONDS", 0)  # the fresh token is sent at once below
    used = token()
    assert post(client, contact, form_started=used).status_code == 302
    changed = post(client, contact, form_started=used, your_message="Something else")
    html = changed.content.decode()
    assert changed.status_code == 200 and "these answers are different" in html
    assert "Something else" in html and FormSubmission.objects.count() == 1
    fresh = changed.context["form"].data["form_started"]
    assert fresh != used and post(client, contact, form_started=fresh, your_message="Something else").status_code == 302
    assert FormSubmission.objects.count() == 2


def test_a_token_is_not_used_up_by_a_form_with_mistakes(client, contact):
    kept = token()
    assert post(client, contact, form_started=kept, your_email_address="nope").status_code == 200
    assert post(client, contact, form_started=kept).status_code == 302


def test_answers_have_maximum_lengths(client, contact):
    response = post(client, contact, your_message="x" * 5001, your_name="n" * 256)
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert "at most 5000 characters" in html and "at most 255 characters" in html
    assert 'maxlength="5000"' in html
    assert not FormSubmission.objects.exists()


def test_line_breaks_are_removed_from_single_line_answers(client, contact, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, contact, your_name="Sam\r\nBcc: victim@example.org", your_message="line one\nline two")
    data = FormSubmission.objects.get().get_data()
    assert data["your_name"] == "Sam Bcc: victim@example.org"
    assert data["your_message"] == "line one\nline two"  # a message keeps its paragraphs
    body_lines = mail.outbox[0].body.splitlines()
    assert not any(line.startswith("Bcc:") for line in body_lines)


def test_each_address_is_rate_limited_per_form(client, contact, settings):
    settings.FORM_RATE_LIMIT = "3/10m"
    for _ in range(3):
        assert post(client, contact).status_code == 302
    response = post(client, contact, your_message="The fourth one")
    assert response.status_code == 429 and response["Retry-After"]
    html = response.content.decode()
    assert "several times in a short time" in html and "The fourth one" in html
    assert FormSubmission.objects.count() == 3
    # Another address is not affected.
    other = client.post(contact.url, {**ANSWERS, "form_started": token()}, REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302


def test_the_csv_export_neutralises_formula_cells(admin_client, contact):
    FormSubmission.objects.create(
        page=contact,
        form_data={"your_name": '=HYPERLINK("http://evil.example","Click")', "your_message": "@SUM(A1)", **{}},
    )
    response = admin_client.get(f"/admin/forms/submissions/{contact.pk}/?export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://evil.example","Click")' in cells and "'@SUM(A1)" in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


def wagtails_editors_group():
    """Wagtail's default Editors group, as its data migration makes it. A test that runs against a
    live server empties the database afterwards, so a later test may have to make it again."""
    from wagtail.models import Page

    editors, created = Group.objects.get_or_create(name="Editors")
    if created:
        editors.permissions.add(Permission.objects.get(codename="access_admin"))
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.create(
                group=editors, page=Page.get_first_root_node(), permission=Permission.objects.get(codename=codename)
            )
    return editors


def test_editors_cannot_read_submissions_unless_given_the_permission(client, contact, django_user_model):
    FormSubmission.objects.create(page=contact, form_data={"your_name": "Private Parent"})
    editors = wagtails_editors_group()
    assert GroupPagePermission.objects.filter(group=editors, permission__codename="change_page").exists()
    editor = django_user_model.objects.create_user("ed", password="pw-for-tests")
    editor.groups.add(editors)
    client.force_login(editor)
    url = f"/admin/forms/submissions/{contact.pk}/"
    assert client.get(url).status_code in {302, 403, 404}
    assert "Private Parent" not in client.get("/admin/forms/", follow=True).content.decode()

    editors.permissions.add(Permission.objects.get(codename="view_formsubmission"))
    editor = django_user_model.objects.get(pk=editor.pk)  # permissions are cached per user object
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200 and "Private Parent" in response.content.decode()
