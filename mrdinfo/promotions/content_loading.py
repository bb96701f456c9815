"""content/promotions.yaml → promotional cards, card sets and the end-of-page setting, as part of
`load_content`. See content/README.md ("promotions.yaml") for the format.

Sets are created (by name) before the pages, because the home page places them; cards link to
pages, so cards, the sets' cards and the setting are filled in after the pages exist. As with
pages, a card or set an editor has changed in Wagtail is left alone (unless --overwrite-edits),
and a file that has not changed saves nothing. Mistakes stop the load with file:line."""

from functools import partial

from wagtail.models import Page

from mrdinfo.core.content.errors import ContentError, full_clean_at
from mrdinfo.core.content.records import Outcome, child_rows, sync_record
from mrdinfo.core.content.yaml_lines import LineDict, LineList

from .models import PromoCard, PromoCardSet, PromoCardSetItem, PromoSettings

PROMOTIONS_FILE = "promotions.yaml"
CARD_KEYS = {"title", "text", "link_page", "link_url", "image"}
SET_KEYS = {"name", "heading", "cards"}


def read_file(loader):
    if not loader.has_file(PROMOTIONS_FILE):
        return None, None
    data, display = loader.read(PROMOTIONS_FILE)
    if not isinstance(data, LineDict):
        raise ContentError(display, 1, "promotions.yaml should have cards, sets and settings")
    unknown = sorted(set(data) - {"cards", "sets", "settings"})
    if unknown:
        raise ContentError(
            display, data.line_of(unknown[0]), f"unknown section {unknown[0]!r}; use cards, sets, settings"
        )
    return data, display


def entries(data, section, keys, required, display):
    items = data.get(section) or []
    if not isinstance(items, LineList):
        raise ContentError(display, data.line_of(section), f"{section} should be a list")
    result = []
    for index, item in enumerate(items):
        line = items.line_of(index)
        if not isinstance(item, LineDict):
            raise ContentError(display, line, f"each item of {section} is a mapping ({', '.join(sorted(keys))})")
        unknown = sorted(set(item) - keys)
        if unknown:
            raise ContentError(
                display, item.line_of(unknown[0]), f"unknown key {unknown[0]!r}; use {', '.join(sorted(keys))}"
            )
        for key in required:
            if not str(item.get(key) or "").strip():
                raise ContentError(display, line, f"this item needs a {key}")
        result.append((item, line))
    return result


def create_card_sets(loader):
    data, display = read_file(loader)
    if data is None:
        return
    for item, line in entries(data, "sets", SET_KEYS, ("name", "heading"), display):
        if not PromoCardSet.objects.filter(name=str(item["name"]).strip()).exists():
            card_set = PromoCardSet(name=str(item["name"]).strip(), heading=str(item["heading"]).strip())
            full_clean_at(card_set, display, line, item)
            card_set.mark_loaded()
            card_set.save()
            loader.note(f"card set {card_set.name}: added")


def load_cards(loader):
    data, display = read_file(loader)
    if data is None:
        return
    cards = {card.title: card for card in PromoCard.objects.all()}
    for item, line in entries(data, "cards", CARD_KEYS, ("title",), display):
        load_card(loader, item, line, display, cards)
    for item, line in entries(data, "sets", SET_KEYS, ("name", "heading"), display):
        load_set(loader, item, line, display, cards)
    settings = data.get("settings") or {}
    if settings:
        load_settings(loader, settings, data.line_of("settings"), display)


def load_card(loader, item, line, display, cards):
    title = str(item["title"]).strip()
    values = {
        "text": " ".join(str(item.get("text") or "").split()),
        "link_page": loader.resolve.object(Page, item.get("link_page"), display, item.line_of("link_page")),
        "link_url": str(item.get("link_url") or "").strip(),
        "image": loader.resolve.image(item.get("image"), display, item.line_of("image")),
    }
    cards[title] = sync_record(
        loader,
        PromoCard,
        key={"title": title},
        values=values,
        found=cards.get(title),
        label=f"card {title!r}",
        validate=partial(full_clean_at, display=display, line=line, item=item),
    ).record


def load_set(loader, item, line, display, cards):
    card_set = PromoCardSet.objects.get(name=str(item["name"]).strip())
    titles = item.get("cards") or []
    if not isinstance(titles, LineList) or not titles:
        raise ContentError(
            display, item.line_of("cards") if "cards" in item else line, "a set needs a list of card titles"
        )
    chosen = []
    for index, title in enumerate(titles):
        card = cards.get(str(title).strip())
        if card is None:
            raise ContentError(display, titles.line_of(index), f"there is no card {title!r} in cards (or in Wagtail)")
        chosen.append(card)
    sync_record(
        loader,
        PromoCardSet,
        key={"name": card_set.name},
        values={"heading": str(item["heading"]).strip()},
        children={"items": child_rows(PromoCardSetItem, [{"card": card} for card in chosen])},
        found=card_set,
        label=f"card set {card_set.name!r}",
        validate=partial(full_clean_at, display=display, line=line, item=item),
        notes={Outcome.ADDED: "saved", Outcome.UPDATED: "saved"},
    )


def load_settings(loader, settings, line, display):
    if not isinstance(settings, LineDict) or set(settings) - {"end_of_information_pages"}:
        raise ContentError(display, line, "settings has one key: end_of_information_pages (a set's name)")
    name = settings.get("end_of_information_pages")
    card_set = loader.resolve.object(PromoCardSet, name, display, settings.line_of("end_of_information_pages"))
    promo_settings = PromoSettings.for_site(loader.site)
    if promo_settings.end_of_information_pages_id != (card_set.pk if card_set else None):
        promo_settings.end_of_information_pages = card_set
        full_clean_at(promo_settings, display, line, settings)
        promo_settings.save()
        loader.note("promotional cards settings: saved")
