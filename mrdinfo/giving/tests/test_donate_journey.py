"""The donation journey through the test-mode provider: nothing typed is lost, the gift and any
Gift Aid declaration are stored before payment, and only the provider's word makes it paid."""

import uuid
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from mrdinfo.giving import giftaid
from mrdinfo.giving.models import Donation, DonationPayment, GiftAidDeclaration, OutgoingEmail

from .factories import DonatePageFactory, details_data, details_url, started

pytestmark = pytest.mark.django_db


@pytest.fixture
def donate(page_tree):
    return DonatePageFactory(parent=page_tree["home"])


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def checked_amount(page):
    checked = page.select_one('input[name="amount"][checked]')
    return checked["value"] if checked else None


def test_the_appeal_offers_suggested_amounts_with_their_impact(client, donate):
    page = soup(client.get(donate.url))
    options = page.select(".amount-option")
    assert [o.label.get_text(strip=True) for o in options] == ["£10", "£25", "Other amount"]
    assert options[0].select_one(".amount-option__impact").get_text() == "could pay for a guide"
    assert page.select_one('input[name="frequency"]')["value"] == "one_off"
    assert checked_amount(page) is None  # nothing chosen for the donor
    assert page.select_one(".test-mode-banner") is not None  # no Stripe keys: test mode, labelled


def test_a_link_can_prefill_amount_and_frequency(client, donate):
    page = soup(client.get(donate.url, {"amount": "20", "frequency": "monthly"}))
    assert page.select_one('input[name="frequency"]')["value"] == "monthly"
    assert [o.label.get_text(strip=True) for o in page.select(".amount-option")] == ["£5", "£20", "Other amount"]
    assert checked_amount(page) == "20"
    assert "each month" in page.select_one("legend").get_text()
    other = soup(client.get(donate.url, {"amount": "33.50", "frequency": "one_off"}))
    assert checked_amount(other) == "other" and other.select_one("#id_other_amount")["value"] == "33.50"


@pytest.mark.parametrize(
    "query",
    [
        {"amount": "abc", "frequency": "weekly"},
        {"amount": "-5"},
        {"amount": "1e9"},
        {"amount": "x" * 5000},
        {"frequency": ["monthly", "one_off"]},
        {"amount": "\x00"},
        {"cancelled": "☃"},
    ],
)
def test_odd_query_strings_never_break_the_page(client, donate, query):
    response = client.get(donate.url, query)
    assert response.status_code == 200
    response = client.get(details_url(donate), query)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("other_amount", "message"),
    [("-5", "at least £2"), ("0", "at least £2"), ("1e9", "like 25 or 25.50"), ("abc", "like 25 or 25.50")],
)
def test_bad_amounts_are_explained_on_step_one_and_kept(client, donate, other_amount, message):
    response = client.get(
        details_url(donate), {"frequency": "one_off", "amount": "other", "other_amount": other_amount}
    )
    page = soup(response)
    assert page.title.get_text().startswith("Error:")
    assert message in page.select_one("#id_other_amount_error").get_text()
    assert page.select_one("#id_other_amount")["value"] == other_amount
    assert page.select_one(".error-summary a")["href"] == "#id_other_amount"


def test_a_large_amount_with_pound_sign_and_comma_is_taken(client, donate):
    response = client.get(details_url(donate), {"frequency": "one_off", "amount": "other", "other_amount": "£1,000.50"})
    page = soup(response)
    assert page.h1.get_text() == "Your details"
    # The step, above the heading; no summary of the donate page on a step of the journey.
    header = page.select_one(".page-header")
    assert header.select_one(".step-count").get_text() == "Step 2 of 3" and header.select(".page-summary") == []
    assert "£1,000.50" in page.select_one(".gift-summary").get_text()


def test_gift_aid_is_an_active_choice_with_the_statement_before_it(client, donate):
    page = soup(client.get(details_url(donate), {"frequency": "one_off", "amount": "25"}))
    gift_aid_inputs = page.select('input[name="gift_aid"]') + page.select('input[name="gift_aid_scope"]')
    assert len(gift_aid_inputs) == 4 and not any(i.has_attr("checked") for i in gift_aid_inputs)
    for name in ("contact_by_email", "contact_by_post", "contact_by_phone", "updates_about_this_gift"):
        assert not page.select_one(f'input[name="{name}"]').has_attr("checked")
    statement = page.select_one("#gift-aid-statement")
    assert giftaid.taxpayer_statement() in statement.get_text(" ", strip=True)
    # The statement comes before the yes/no choice in the page, and the choice points to it.
    assert all(statement in choice.find_all_previous() for choice in page.select('input[name="gift_aid"]'))
    scope_words = page.select_one("#id_gift_aid_scope_this_future_and_past_words").get_text()
    assert "Test Charity" in scope_words and "past 4 years" in scope_words and "£25" in scope_words
    assert page.select_one(f'a[href="{donate.get_parent().get_children().get(slug="privacy-notice").url}"]')


def test_details_mistakes_are_explained_and_everything_typed_is_kept(client, donate):
    data = details_data(gift_aid="", email="not-an-email", postcode="nowhere", first_name="Siân")
    page = soup(client.post(details_url(donate), data))
    errors = {a["href"]: a.get_text() for a in page.select(".error-summary a")}
    assert errors["#id_email"] == "Enter a valid email address."
    assert errors["#id_gift_aid_yes"] == "Choose yes or no for Gift Aid"
    assert "real UK postcode" in errors["#id_postcode"]
    assert page.select_one("#id_first_name")["value"] == "Siân"
    assert page.select_one("#id_postcode")["value"] == "nowhere"
    assert page.select_one("#id_email")["aria-invalid"] == "true"
    assert not Donation.objects.exists()


def test_gift_aid_yes_needs_a_home_address_and_a_scope(client, donate):
    data = details_data(address_line_1="", town="", postcode="", gift_aid_scope="")
    page = soup(client.post(details_url(donate), data))
    errors = {a["href"]: a.get_text() for a in page.select(".error-summary a")}
    assert "for Gift Aid" in errors["#id_address_line_1"] and "for Gift Aid" in errors["#id_postcode"]
    assert errors["#id_gift_aid_scope_this_gift"] == "Choose which gifts Gift Aid should cover"
    # Without Gift Aid or post, no address is needed.
    response = client.post(details_url(donate), details_data(gift_aid="no", address_line_1="", town="", postcode=""))
    assert response.status_code == 302


def test_the_gift_and_declaration_are_stored_before_payment_and_abandoning_leaves_them(client, donate):
    response = client.post(details_url(donate), details_data(amount="25"))
    donation = Donation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == donate.url + f"test-payment/{donation.reference}/"
    assert donation.status == Donation.PENDING and donation.amount == Decimal("25.00")
    assert donation.first_name == "Siân" and donation.postcode == "LS1 4AP"
    declaration = GiftAidDeclaration.objects.get(donation=donation)
    assert declaration.wording_version == giftaid.CURRENT_VERSION
    assert declaration.wording == giftaid.declaration_text(
        "this_future_and_past", Decimal("25"), "one_off", "Test Charity"
    )
    assert declaration.charity_name == "Test Charity" and declaration.house_name_or_number == "12"
    assert declaration.declared_at is not None
    # The donor never pays: the gift stays, pending, for staff to see.
    assert Donation.objects.get().status == Donation.PENDING


def test_the_return_page_alone_marks_nothing_paid(client, donate):
    client.post(details_url(donate), details_data())
    donation = Donation.objects.get()
    page = soup(client.get(donate.url + f"thank-you/{donation.reference}/"))
    donation.refresh_from_db()
    assert donation.status == Donation.PENDING and not DonationPayment.objects.exists()
    assert "waiting for the payment provider" in page.get_text()
    assert not mail.outbox


def test_the_test_mode_provider_completes_the_journey(client, donate, django_capture_on_commit_callbacks):
    client.post(details_url(donate), details_data(amount="20", frequency="monthly", gift_aid="no"))
    donation = Donation.objects.get()
    payment_page = soup(client.get(donate.url + f"test-payment/{donation.reference}/"))
    assert "Test mode" in payment_page.select_one(".test-mode-banner").get_text()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(donate.url + f"test-payment/{donation.reference}/", {"outcome": "pay"})
    assert response["Location"] == donate.url + f"thank-you/{donation.reference}/"
    donation.refresh_from_db()
    assert donation.status == Donation.PAID and donation.frequency == "monthly" and not donation.gift_aid
    assert DonationPayment.objects.get().amount == Decimal("20.00")
    assert len(mail.outbox) == 1 and "£20 each month" in mail.outbox[0].body
    thanks = soup(client.get(response["Location"]))
    assert "We have received your gift of £20 each month" in thanks.get_text(" ", strip=True)
    assert thanks.select_one('a[href^="https://wa.me/?text="]') is not None
    assert thanks.select_one('form[action="/newsletter/sign-up/"] input[name="consent"]') is not None


def test_cancelling_the_test_payment_takes_nothing_and_keeps_every_choice(client, donate):
    data = details_data(
        amount="30",
        frequency="monthly",
        gift_aid="yes",
        gift_aid_scope="this_future_and_past",
        address_line_1="7 High Street",
        town="Leeds",
        postcode="LS1 4AP",
    )
    client.post(details_url(donate), data)
    donation = Donation.objects.get()
    response = client.post(donate.url + f"test-payment/{donation.reference}/", {"outcome": "cancel"})
    assert response["Location"].startswith(details_url(donate) + "?")
    page = soup(client.get(response["Location"]))
    assert "no money was taken" in page.get_text()
    assert "£30 each month" in page.select_one(".gift-summary").get_text(" ", strip=True)
    assert page.select_one("#id_first_name")["value"] == data["first_name"]
    assert page.select_one("#id_email")["value"] == data["email"]
    assert page.select_one("#id_postcode")["value"] == "LS1 4AP"
    assert page.select_one('input[name="gift_aid"][value="yes"]').has_attr("checked")
    assert page.select_one('input[name="gift_aid_scope"][value="this_future_and_past"]').has_attr("checked")
    # Someone else with the same link sees an empty form: the details come from the donor's session.
    assert client.session.get("giving_donation") == str(donation.reference)
    client.cookies.clear()
    stranger = soup(client.get(response["Location"]))
    assert not stranger.select_one("#id_email").get("value")
    donation.refresh_from_db()
    assert donation.status == Donation.PENDING


def test_details_sent_twice_make_one_gift_and_the_same_next_step(client, donate):
    data = details_data()
    first = client.post(details_url(donate), data)
    again = client.post(details_url(donate), data)  # a double-click
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"] and Donation.objects.count() == 1


def test_the_test_payment_pressed_twice_pays_once_and_thanks_both_times(client, donate):
    client.post(details_url(donate), details_data())
    donation = Donation.objects.get()
    pay = donate.url + f"test-payment/{donation.reference}/"
    first = client.post(pay, {"outcome": "pay"})
    again = client.post(pay, {"outcome": "pay"})  # a double-click: the gift is paid by now
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"] and "/thank-you/" in first["Location"]
    assert donation.payments.count() == 1


def test_a_correction_after_a_mistake_reaches_payment(client, donate):
    data = details_data(gift_aid="yes", gift_aid_scope="this_gift", address_line_1="7 High Street", town="Leeds")
    data["postcode"] = "LS1"
    wrong = client.post(details_url(donate), data)
    assert wrong.status_code == 200 and "postcode" in soup(wrong).select_one(".error-summary").get_text()
    data["postcode"] = "LS1 4AP"
    fixed = client.post(details_url(donate), data)  # same page, same token
    assert fixed.status_code == 302 and "test-payment" in fixed["Location"]
    assert Donation.objects.count() == 1


def test_a_receipt_survives_a_mail_server_that_is_down(client, donate, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "mrdinfo.forms.tests.failing_email_backend.FailingEmailBackend"
    client.post(details_url(donate), details_data())
    donation = Donation.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(donate.url + f"test-payment/{donation.reference}/", {"outcome": "pay"})
    donation.refresh_from_db()
    assert donation.status == Donation.PAID  # the gift is not lost because email failed
    receipt = OutgoingEmail.objects.get(kind=OutgoingEmail.RECEIPT)
    assert receipt.sent_at is None and receipt.attempts == 1 and "SMTPConnectError" in receipt.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_giving_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    receipt.refresh_from_db()
    assert receipt.sent_at is not None and receipt.attempts == 2
    assert [m.to for m in mail.outbox] == [["sian@example.org"]]


def test_the_honeypot_gets_a_normal_answer_and_nothing_is_stored(client, donate):
    response = client.post(details_url(donate), details_data(website="http://spam.example"))
    assert response.status_code == 302 and "/thank-you/" in response["Location"]
    assert not Donation.objects.exists() and not GiftAidDeclaration.objects.exists()
    assert client.get(response["Location"]).status_code == 200


def test_a_form_sent_too_fast_is_refused_with_answers_kept(client, donate):
    page = soup(client.post(details_url(donate), details_data(form_started=started(seconds_ago=0))))
    assert "sent very quickly" in page.select_one(".error-summary").get_text()
    assert page.select_one("#id_last_name")["value"] == "O’Brien-Nguyễn"
    assert not Donation.objects.exists()
    page = soup(client.post(details_url(donate), details_data(form_started="forged")))
    assert "check your answers" in page.select_one(".error-summary").get_text()
    assert not Donation.objects.exists()


def test_a_tribute_needs_a_name(client, donate):
    page = soup(client.post(details_url(donate), details_data(tribute_type="in_memory")))
    assert "Enter the name" in page.select_one("#id_tribute_name_error").get_text()
    client.post(details_url(donate), details_data(tribute_type="in_memory", tribute_name="Grandad Joe"))
    donation = Donation.objects.get()
    assert (donation.tribute_type, donation.tribute_name) == ("in_memory", "Grandad Joe")


def test_declarations_and_donations_cannot_be_deleted(client, donate):
    client.post(details_url(donate), details_data())
    with pytest.raises(ValidationError):
        GiftAidDeclaration.objects.get().delete()
    with pytest.raises(ValidationError):
        GiftAidDeclaration.objects.all().delete()
    with pytest.raises(ValidationError):
        Donation.objects.all().delete()
    assert GiftAidDeclaration.objects.count() == 1


def test_unknown_references_are_not_found(client, donate):
    assert client.get(donate.url + f"test-payment/{uuid.uuid4()}/").status_code == 404
    assert client.get(donate.url + "test-payment/not-a-uuid/").status_code == 404
