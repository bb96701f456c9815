"""Staff see subscribers in Wagtail only with the permission, under the Giving menu; nobody can
edit or delete them there; the exports are safe to open in a spreadsheet; erasure empties a
sign-up and marks it withdrawn."""

import csv
import io

import openpyxl
import pytest

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from mrdinfo.editorial.tests.factories import StaffFactory
from mrdinfo.newsletter.models import NewsletterConsent, Subscriber

from .factories import NewsletterConsentFactory, NewsletterEmailFactory, SubscriberFactory

pytestmark = pytest.mark.django_db
FORMULAS = ["=1+2", "+cmd|'/ccalc'!a0", "-2+3", "@SUM(1+1)", "\t=1+2", "\r=1+2"]


def staff(django_user_model, *codenames, username="staff"):
    user = django_user_model.objects.create_user(username=username, password="pw", is_staff=False)
    group = Group.objects.create(name=f"group-{username}")
    group.permissions.set(Permission.objects.filter(codename__in=["access_admin", *codenames]))
    user.groups.add(group)
    return user


def content_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_subscribers_need_the_permission_and_are_listed_under_giving(client, django_user_model):
    SubscriberFactory(email="reader@example.org", status=Subscriber.CONFIRMED)
    client.force_login(staff(django_user_model, "view_donation"))
    assert client.get("/admin/subscribers/").status_code in {302, 403}
    client.force_login(staff(django_user_model, "view_donation", "view_subscriber", username="fundraiser"))
    response = client.get("/admin/subscribers/")
    assert response.status_code == 200 and "reader@example.org" in response.content.decode()
    home = client.get("/admin/").content.decode()
    assert '"Giving"' in home and '"Newsletter subscribers"' in home and "/admin/subscribers/" in home


def test_the_fundraising_group_sees_and_exports_subscribers_and_editors_do_not(client):
    team = StaffFactory.create_team()
    SubscriberFactory(email="reader@example.org")
    client.force_login(team["fundraiser"])
    assert "reader@example.org" in client.get("/admin/subscribers/").content.decode()
    export = client.get("/admin/subscribers/", {"export": "csv"})
    assert export.status_code == 200 and b"reader@example.org" in content_of(export)
    fundraiser = team["fundraiser"]
    assert fundraiser.has_perm("newsletter.export_subscriber")
    assert fundraiser.has_perm("newsletter.view_newsletterconsent")
    client.force_login(team["editor"])
    assert client.get("/admin/subscribers/").status_code in {302, 403}


def test_nobody_can_edit_or_delete_a_subscriber_in_the_admin(client, admin_user):
    subscriber = SubscriberFactory()
    client.force_login(admin_user)  # a superuser, even
    assert client.get(f"/admin/subscribers/inspect/{subscriber.pk}/").status_code == 200
    for url in (f"/admin/subscribers/edit/{subscriber.pk}/", f"/admin/subscribers/delete/{subscriber.pk}/"):
        assert client.get(url).status_code in {302, 403}, url
        client.post(url)
    assert "/admin/subscribers/new/" not in client.get("/admin/subscribers/").content.decode()
    assert Subscriber.objects.get().email == subscriber.email


@pytest.fixture
def hostile_subscribers(db):
    for index, formula in enumerate(FORMULAS):
        SubscriberFactory(email=f"{formula}{index}@example.org", first_name=formula)


def test_the_csv_export_neutralises_formula_cells(admin_client, hostile_subscribers):
    export = admin_client.get("/admin/subscribers/", {"export": "csv"})
    rows = list(csv.reader(io.StringIO(content_of(export).decode())))
    cells = [cell for row in rows[1:] for cell in row]
    assert any(cell.startswith("'=1+2") for cell in cells), cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'" + FORMULAS[1] in cells  # the text is kept, behind the apostrophe


def test_the_xlsx_export_holds_formulas_as_text_and_survives_control_characters(admin_client, hostile_subscribers):
    SubscriberFactory(email="bell@example.org", first_name="a\x07\x1b[31mred")
    response = admin_client.get("/admin/subscribers/", {"export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(content_of(response))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert any(cell.value == "=1+2" for cell in cells)
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert "a\ufffd\ufffd[31mred" in [cell.value for cell in cells]


def test_erasure_empties_the_sign_up_marks_it_withdrawn_and_deletes_its_emails(db):
    consent = NewsletterConsentFactory(subscriber__email="sian@example.org", subscriber__status=Subscriber.CONFIRMED)
    NewsletterEmailFactory(subscriber=consent.subscriber)
    other = NewsletterConsentFactory(subscriber__email="other@example.org")
    call_command("erase_personal_data", "Sian@Example.org", "--confirm", stdout=io.StringIO())
    subscriber = Subscriber.objects.get(pk=consent.subscriber.pk)
    assert subscriber.email != "sian@example.org" and subscriber.first_name == ""
    assert subscriber.status == Subscriber.UNSUBSCRIBED
    assert NewsletterConsent.objects.get(pk=consent.pk).withdrawn_at is not None
    assert not subscriber.emails.exists()
    assert Subscriber.objects.get(pk=other.subscriber.pk).email == "other@example.org"  # someone else untouched
