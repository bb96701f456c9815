"""Reading what people type: amounts of money, UK postcodes and names in any script.

Each function either returns a clean value or raises ValidationError with a message written
for the person who typed it; none of them raises anything else, whatever the input."""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

# "25", "25.5", "25.50", "£25", "1,000", "£1,000.50". Only ASCII digits: Python's \d would
# also accept other scripts' digits, which a payment provider would not.
AMOUNT_PATTERN = re.compile(r"^£?(?P<pounds>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<pence>[0-9]{1,2}))?$")
AMOUNT_FORMAT_MESSAGE = "Enter an amount in pounds, like 25 or 25.50"


def parse_amount(text, minimum, maximum):
    """Pounds as a Decimal with two places, between minimum and maximum inclusive."""
    cleaned = re.sub(r"\s+", "", str(text or ""))
    if not cleaned:
        raise ValidationError("Enter an amount", code="required")
    if cleaned.startswith(("-", "£-", "−", "£−")):
        raise ValidationError(f"Enter an amount of at least {format_pounds(minimum)}", code="min")
    match = AMOUNT_PATTERN.match(cleaned)
    if match is None:
        raise ValidationError(AMOUNT_FORMAT_MESSAGE, code="format")
    try:
        amount = Decimal(match["pounds"].replace(",", "") + "." + (match["pence"] or "0").ljust(2, "0"))
    except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
        raise ValidationError(AMOUNT_FORMAT_MESSAGE, code="format") from None
    if amount < minimum:
        raise ValidationError(f"Enter an amount of at least {format_pounds(minimum)}", code="min")
    if amount > maximum:
        raise ValidationError(
            f"Enter an amount of {format_pounds(maximum)} or less. For a larger gift, please contact us.",
            code="max",
        )
    return amount.quantize(Decimal("0.01"))


def format_pounds(amount):
    """£25, £25.50, £1,000: whole pounds without pence, as people write them."""
    amount = Decimal(amount)
    if amount == amount.to_integral_value():
        return f"£{int(amount):,}"
    return f"£{amount:,.2f}"


# Royal Mail's postcode shapes (outward code, a space, inward code), including GIR 0AA and the
# British Forces and overseas territories that use the same shapes.
POSTCODE_PATTERN = re.compile(
    r"^(GIR0AA|[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])"
    r"[0-9][ABD-HJLNP-UW-Z]{2})$"
)


def clean_postcode(text):
    compact = re.sub(r"\s+", "", str(text or "")).upper()
    if not compact:
        raise ValidationError("Enter your postcode", code="required")
    if not POSTCODE_PATTERN.match(compact):
        raise ValidationError("Enter a real UK postcode, like SW1A 1AA", code="invalid")
    return f"{compact[:-3]} {compact[-3:]}"


NAME_PUNCTUATION = {"'", "’", "-", "‐", ".", " ", "\u200c", "\u200d"}  # ZWNJ/ZWJ are part of some scripts' names


def clean_name(text, label, max_length=35):
    """A name in any script: letters and combining marks, with spaces, hyphens, apostrophes and
    full stops. HMRC's Gift Aid schedule takes at most 35 characters per name."""
    value = unicodedata.normalize("NFC", re.sub(r"\s+", " ", str(text or "")).strip())
    if not value:
        raise ValidationError(f"Enter your {label}", code="required")
    if len(value) > max_length:
        raise ValidationError(f"Your {label} must be {max_length} characters or fewer", code="max_length")
    for character in value:
        if character in NAME_PUNCTUATION:
            continue
        if unicodedata.category(character)[0] not in {"L", "M"}:
            raise ValidationError(
                f"Your {label} can only have letters, spaces, hyphens and apostrophes", code="invalid"
            )
    if not any(unicodedata.category(character)[0] == "L" for character in value):
        raise ValidationError(f"Enter your {label}", code="invalid")
    return value


def clean_text_line(text, label, max_length, required=True):
    """One line of an address: no control characters, a sensible length."""
    value = re.sub(r"\s+", " ", str(text or "")).strip()
    if not value:
        if required:
            raise ValidationError(f"Enter {label}", code="required")
        return ""
    if len(value) > max_length:
        raise ValidationError(f"{label[0].upper()}{label[1:]} must be {max_length} characters or fewer")
    if any(unicodedata.category(character) in {"Cc", "Cf", "Cs", "Co", "Cn"} for character in value):
        raise ValidationError(f"{label[0].upper()}{label[1:]} has characters we cannot use", code="invalid")
    return value
