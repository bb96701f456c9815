"""The Gift Aid declaration, word for word, by version.

HMRC accepts a declaration only if the donor saw, before agreeing, that they must pay any
difference if their tax is less than the Gift Aid claimed, and if it names the charity and says
which gifts it covers. The words below follow HMRC's model declarations. Never edit a version
that has been used: add a new one and point CURRENT_VERSION at it, because every stored
declaration keeps the version (and the exact text) the donor agreed to."""

from django.utils.html import format_html

from .validation import format_pounds

SCOPE_THIS_GIFT = "this_gift"
SCOPE_ALL_GIFTS = "this_future_and_past"

WORDINGS = {
    "2026-11": {
        "taxpayer_statement": (
            "I am a UK taxpayer and understand that if I pay less Income Tax and/or Capital Gains Tax "
            "than the amount of Gift Aid claimed on all my donations in that tax year it is my "
            "responsibility to pay any difference."
        ),
        SCOPE_THIS_GIFT: "I want to Gift Aid my donation of {amount} to {charity}.",
        SCOPE_ALL_GIFTS: (
            "I want to Gift Aid my donation of {amount} and any donations I make in the future or have "
            "made in the past 4 years to {charity}."
        ),
        "monthly_amount": "{amount} each month",
    }
}
CURRENT_VERSION = "2026-11"


def scope_choices(version=CURRENT_VERSION):
    return [
        (SCOPE_THIS_GIFT, "This gift only"),
        (SCOPE_ALL_GIFTS, "This gift, any gifts I make in the future and gifts I have made in the past 4 years"),
    ]


def amount_words(amount, frequency, version=CURRENT_VERSION):
    words = format_pounds(amount)
    if frequency == "monthly":
        words = WORDINGS[version]["monthly_amount"].format(amount=words)
    return words


def declaration_text(scope, amount, frequency, charity, version=CURRENT_VERSION):
    """The exact words a donor agrees to, as stored with their declaration."""
    wording = WORDINGS[version]
    gift = wording[scope].format(amount=amount_words(amount, frequency, version), charity=charity)
    return f"{gift} {wording['taxpayer_statement']}"


def taxpayer_statement(version=CURRENT_VERSION):
    return WORDINGS[version]["taxpayer_statement"]


def scope_sentences(amount, frequency, charity, version=CURRENT_VERSION):
    """What each choice means, shown beside it on the form."""
    wording = WORDINGS[version]
    words = amount_words(amount, frequency, version)
    return {
        scope: format_html("{}", wording[scope].format(amount=words, charity=charity))
        for scope in (SCOPE_THIS_GIFT, SCOPE_ALL_GIFTS)
    }
