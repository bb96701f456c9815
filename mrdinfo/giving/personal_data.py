"""What giving keeps about a person, for the register (core/records/personal_data.py): donations,
Gift Aid declarations and the stored emails to donors (the newsletter registers its own).

Donations and declarations are never deleted (NoDeleteQuerySet): erasing or pruning minimises
them. A donation keeps its amount, dates and reference (the charity's financial records) and
nothing that names the donor; a Gift Aid declaration keeps what HMRC requires (name, house name
or number, postcode, the words agreed to and when) and loses the full address."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from mrdinfo.core.records.personal_data import Period, PersonalData, fields_of, register, register_session_marks

ERASED_EMAIL = "erased@invalid"
DONOR_FIELDS = (
    "title", "first_name", "last_name", "email", "phone", "address_line_1", "address_line_2", "town", "postcode",
    "tribute_name",
)  # fmt: skip
CONTACT_CHOICES = ("contact_by_email", "contact_by_post", "contact_by_phone", "updates_about_this_gift")
DONATION_EXPORT: tuple[str, ...] = (
    ("reference", "created_at", "amount", "frequency", "status", "paid_at", "gift_aid") + DONOR_FIELDS + CONTACT_CHOICES
)
DECLARANT_FIELDS = ("title", "first_name", "last_name", "house_name_or_number", "address", "postcode")
# What HMRC requires of a declaration (with its words and date): erasure keeps these, empties the rest.
KEPT_FOR_HMRC = ("first_name", "last_name", "house_name_or_number", "postcode")
DECLARATION_EXPORT = ("declared_at", "scope", "wording_version", "wording") + DECLARANT_FIELDS + ("cancelled_at",)
EMAIL_FIELDS = ("to", "subject", "body", "headers")


def _donations() -> Any:
    from .models import Donation

    return Donation.objects


def minimise_donations(donations: list[Any]) -> int:
    """Nothing that names the donor stays on the donation; the declaration keeps HMRC's part."""
    from .models import OutgoingEmail

    now = timezone.now()
    with transaction.atomic():
        for donation in donations:
            for name in DONOR_FIELDS:
                setattr(donation, name, "")
            donation.email = ERASED_EMAIL
            donation.first_name = "Erased"
            donation.contact_by_email = donation.contact_by_post = donation.contact_by_phone = False
            donation.updates_about_this_gift = False
            donation.erased_at = donation.erased_at or now
            donation.save()
            OutgoingEmail.objects.filter(donation=donation).delete()
    return len(donations)


def minimise_declarations(declarations: list[Any]) -> int:
    """What HMRC requires stays (name, house name or number, postcode, words, date); the full
    address goes."""
    emptied = [name for name in DECLARANT_FIELDS if name not in KEPT_FOR_HMRC]
    for declaration in declarations:
        for name in emptied:
            setattr(declaration, name, "")
        declaration.save(update_fields=emptied)
    return len(declarations)


def anonymise_declarations(declarations: list[Any]) -> int:
    """Past HMRC's six years nothing of the donor needs to stay."""
    for declaration in declarations:
        declaration.title = declaration.address = declaration.house_name_or_number = declaration.postcode = ""
        declaration.first_name, declaration.last_name = "Erased", ""
        declaration.save()
    return len(declarations)


def _past_last_payment(cutoff: datetime) -> Any:
    """Donations whose last payment (or, never paid, their creation) is before the cutoff."""
    return _donations().annotate(last=Coalesce(Max("payments__received_at"), "created_at")).filter(last__lt=cutoff)


def _gifts_in_sessions(email: str) -> set[tuple[str, str]]:
    """A browser's session remembers the gift it made last (by reference, to refill the form after
    "Cancel"): such a session is about the donor, so it is found (and erased) with them."""
    from .views import SESSION_KEY

    references = _donations().filter(email__iexact=email.strip()).values_list("reference", flat=True)
    return {(SESSION_KEY, str(reference)) for reference in references}


def register_personal_data() -> None:
    from .models import GiftAidDeclaration, OutgoingEmail

    register_session_marks(_gifts_in_sessions)

    def prune_donations(cutoff: datetime) -> int:
        return minimise_donations(list(_past_last_payment(cutoff).filter(erased_at__isnull=True)))

    def prune_declarations(cutoff: datetime) -> int:
        due = GiftAidDeclaration.objects.filter(donation__in=_past_last_payment(cutoff).values("pk"))
        return anonymise_declarations(list(due.exclude(first_name="Erased", postcode="")))

    def prune_emails(cutoff: datetime) -> int:
        due = OutgoingEmail.objects.annotate(since=Coalesce("sent_at", "created_at")).filter(since__lt=cutoff)
        return due.delete()[0]

    register(
        PersonalData(
            key="donations",
            what="Donations",
            holds="Your name, email address, the amount and date; your phone number, home address and "
            "contact choices if you give them",
            lawful_basis="Contract: taking your gift and sending your receipt; legal obligation: the "
            "charity's financial records",
            period=Period(6, "years", "your last payment"),
            on_erasure="Your name, contact details and address are removed; the amount and date stay "
            "in the charity's accounts without your name",
            fields={"giving.Donation": DONOR_FIELDS + CONTACT_CHOICES},
            find=lambda email: list(_donations().filter(email__iexact=email.strip())),
            erase=minimise_donations,
            export=lambda donation: fields_of(donation, DONATION_EXPORT),
            prune=prune_donations,
            order=40,
        )
    )
    register(
        PersonalData(
            key="gift-aid",
            what="Gift Aid declarations",
            holds="Your name, home address, the words you agreed to and when",
            lawful_basis="Legal obligation: HMRC requires us to keep Gift Aid declarations",
            period=Period(6, "years", "the last gift we claimed Gift Aid on"),
            on_erasure="Kept for HMRC for 6 years after the last gift claimed on, reduced to what HMRC "
            "requires: name, house name or number, postcode, the declaration's words and date. The "
            "full address is removed",
            fields={"giving.GiftAidDeclaration": DECLARANT_FIELDS},
            find=lambda email: list(GiftAidDeclaration.objects.filter(donation__email__iexact=email.strip())),
            erase=minimise_declarations,
            export=lambda declaration: fields_of(declaration, DECLARATION_EXPORT),
            prune=prune_declarations,
            order=50,
        )
    )
    register(
        PersonalData(
            key="donor-emails",
            what="Emails we send you about a gift (receipts)",
            holds="Your email address and the email's text, which can include your name and gift",
            lawful_basis="The same as the gift the email is about",
            period=Period(3, "months", "it was sent"),
            on_erasure="Deleted",
            fields={"giving.OutgoingEmail": EMAIL_FIELDS},
            find=lambda email: list(
                OutgoingEmail.objects.filter(Q(to__iexact=email.strip()) | Q(donation__email__iexact=email.strip()))
            ),
            erase=lambda emails: OutgoingEmail.objects.filter(pk__in=[e.pk for e in emails]).delete()[0],
            export=lambda email: fields_of(email, ("kind", *EMAIL_FIELDS, "created_at", "sent_at")),
            prune=prune_emails,
            order=70,
        )
    )
