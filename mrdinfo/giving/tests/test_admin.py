"""Staff see donations and declarations in Wagtail only with permission; nobody can
edit or delete them there; the CSV exports and the Gift Aid claim export are what HMRC asks for."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import timezone

from mrdinfo.giving.exports import CLAIM_COLUMNS
from mrdinfo.giving.models import Donation, DonationPayment, GiftAidDeclaration
from mrdinfo.giving.payments import complete_test_payment, record_payment

from .factories import DonatePageFactory, details_data, details_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def donate(page_tree):
    return DonatePageFactory(parent=page_tree["home"])


def staff(django_user_model, *permissions, username="staff"):
    user = django_user_model.objects.create_user(username=username, password="pw", is_staff=False)
    group = Group.objects.create(name=f"group-{username}")
    codenames = ["access_admin", *permissions]
    group.permissions.set(Permission.objects.filter(codename__in=codenames))
    user.groups.add(group)
    return user


def give(client, donate, **answers):
    client.post(details_url(donate), details_data(**answers))
    donation = Donation.objects.order_by("-pk").first()
    complete_test_payment(donation)
    return donation


def rows(response):
    text = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    return list(csv.reader(io.StringIO(text)))


def test_personal_data_needs_the_permission(client, donate, django_user_model):
    give(client, donate)
    client.force_login(staff(django_user_model))
    for url in ("/admin/donations/", "/admin/gift_aid/", "/admin/giving/gift-aid-claim/"):
        response = client.get(url)
        assert response.status_code in {302, 403}, url
    client.force_login(staff(django_user_model, "view_donation", "view_giftaiddeclaration", username="fundraiser"))
    response = client.get("/admin/donations/")
    assert response.status_code == 200 and "Siân O’Brien-Nguyễn" in response.content.decode()
    assert client.get("/admin/gift_aid/").status_code == 200


def test_nobody_can_edit_or_delete_in_the_admin(client, donate, admin_user):
    donation = give(client, donate)
    declaration = GiftAidDeclaration.objects.get()
    client.force_login(admin_user)  # a superuser, even
    assert client.get(f"/admin/donations/inspect/{donation.pk}/").status_code == 200
    for url in (
        f"/admin/donations/edit/{donation.pk}/",
        f"/admin/donations/delete/{donation.pk}/",
        f"/admin/gift_aid/delete/{declaration.pk}/",
        "/admin/gift_aid/new/",
    ):
        assert client.get(url).status_code in {302, 403}, url
        client.post(url)
    assert GiftAidDeclaration.objects.count() == 1 and Donation.objects.count() == 1
    listing = client.get("/admin/gift_aid/").content.decode()
    assert f"/admin/gift_aid/delete/{declaration.pk}/" not in listing


def test_donations_filter_and_export_as_csv(client, donate, admin_user):
    give(client, donate, amount="25")
    give(client, donate, amount="5", frequency="monthly", gift_aid="no", email="sam@example.org", first_name="Sam")
    client.post(details_url(donate), details_data(amount="7", email="left@example.org", first_name="Lee"))  # abandoned
    client.force_login(admin_user)
    table = rows(client.get("/admin/donations/", {"export": "csv"}))
    header, data = table[0], table[1:]
    assert "Gift Aid" in header and "Email" in header
    by_email = {row[header.index("Email")]: row for row in data}
    assert by_email["sian@example.org"][header.index("Status")] == "Paid"
    assert by_email["left@example.org"][header.index("Status")] == "Pending (not paid yet)"
    assert by_email["sam@example.org"][header.index("Frequency")] == "Monthly"
    assert by_email["sian@example.org"][header.index("Gift Aid covers")].startswith("This gift, future gifts")
    monthly = rows(client.get("/admin/donations/", {"export": "csv", "frequency": "monthly"}))
    assert [row[header.index("Email")] for row in monthly[1:]] == ["sam@example.org"]
    pending = rows(client.get("/admin/donations/", {"export": "csv", "status": "pending"}))
    assert [row[header.index("Email")] for row in pending[1:]] == ["left@example.org"]
    with_gift_aid = rows(client.get("/admin/donations/", {"export": "csv", "gift_aid": "true"}))
    assert {row[header.index("Email")] for row in with_gift_aid[1:]} == {"sian@example.org", "left@example.org"}


def test_the_gift_aid_claim_export_has_hmrc_columns_and_only_claimable_gifts(client, donate, admin_user):
    paid = give(client, donate, amount="25", title="Ms")
    give(client, donate, amount="5", gift_aid="no", email="sam@example.org")  # no Gift Aid
    client.post(details_url(donate), details_data(amount="7", email="left@example.org"))  # never paid
    refunded = give(client, donate, amount="9", email="r@example.org")
    DonationPayment.objects.filter(donation=refunded).update(status=DonationPayment.REFUNDED)
    record_payment(paid, "pi_second", Decimal("25"), timezone.now() - timedelta(days=40))
    client.force_login(admin_user)
    response = client.get("/admin/giving/gift-aid-claim/", {"download": "1"})
    assert response["Content-Type"].startswith("text/csv")
    table = rows(response)
    assert table[0] == CLAIM_COLUMNS
    today = timezone.localdate().strftime("%d/%m/%y")
    assert ["Ms", "Siân", "O’Brien-Nguyễn", "12", "LS1 4AP", "", "", today, "25.00"] in table[1:]
    assert len(table) == 3  # both payments of the one gift with a declaration; nothing else
    recent = rows(client.get("/admin/giving/gift-aid-claim/", {"download": "1", "start": str(timezone.localdate())}))
    assert len(recent) == 2
    assert client.get("/admin/giving/gift-aid-claim/", {"start": "not-a-date"}).status_code == 200


def test_erasure_keeps_only_what_hmrc_needs(client, donate):
    with_gift_aid = give(client, donate, phone="07700 900123", contact_by_email="on")
    without = give(client, donate, gift_aid="no", email="other@example.org")
    call_command("erase_personal_data", "sian@example.org", stdout=io.StringIO())
    assert Donation.objects.get(pk=with_gift_aid.pk).email == "sian@example.org"  # only reported, not done
    call_command("erase_personal_data", "Sian@Example.org", "--confirm", stdout=io.StringIO())
    donation = Donation.objects.get(pk=with_gift_aid.pk)
    assert donation.email != "sian@example.org" and donation.phone == "" and not donation.contact_by_email
    assert donation.erased_at is not None
    declaration = GiftAidDeclaration.objects.get(donation=donation)
    assert (declaration.first_name, declaration.house_name_or_number, declaration.postcode) == ("Siân", "12", "LS1 4AP")
    assert declaration.wording and declaration.declared_at
    assert Donation.objects.get(pk=without.pk).email == "other@example.org"  # someone else's gift untouched
