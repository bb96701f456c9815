"""Share images: the picture WhatsApp, Facebook, X and email show when a link to a page is shared.

Every page gets one at 1200×630, under 300 KB:
- the editor's chosen share image (BasePage.share_image), cropped as a rendition; otherwise
- a card drawn with Pillow from the page's title and its section name, on the charity's colours.

Each image has an address that names what is in it (the page, and a digest of its title, section
and the chosen image), so a page render only computes the address (no query, no drawing). The
image itself is made on the first request for it, stored (default storage, share-cards/), and
served with a year's cache life: when the title changes the address changes, so nobody ever
sees a stale card and the old file is removed when the new one is made.

Text is laid out by measuring it with the font we ship (DejaVu Sans, in fonts/ with its
licence; Latin, Greek, Cyrillic, Hebrew, Arabic and more), so it wraps and shrinks to fit and never
runs off the card however long the title or whatever the script; a title too long even at the
smallest size ends in an ellipsis."""

import hashlib
import io
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from wagtail.models import Page

WIDTH, HEIGHT = 1200, 630
MAX_BYTES = 300 * 1024
# Bump when the card's design changes, so every card's address (and so every cached copy) changes.
DESIGN_VERSION = "1"
RENDITION_FILTERS = ("fill-1200x630|format-jpeg|jpegquality-80", "fill-1200x630|format-jpeg|jpegquality-55")
STORAGE_FOLDER = "share-cards"
CACHE_CONTROL = "public, max-age=31536000, immutable"

FONT_DIR = Path(__file__).resolve().parent / "fonts"
BOLD_FONT = FONT_DIR / "DejaVuSans-Bold.ttf"
REGULAR_FONT = FONT_DIR / "DejaVuSans.ttf"

# The charity's design (static/css/main.css tokens): brand teal, dark teal, focus yellow, white.
BRAND = (0, 90, 112)  # --colour-brand
BRAND_DARK = (0, 59, 74)  # --colour-brand-dark
ACCENT = (255, 221, 0)  # --colour-focus
WHITE = (255, 255, 255)

MARGIN = 80
TITLE_TOP, TITLE_BOTTOM = 190, 540  # the title's box; the charity name sits above, the band below
TITLE_SIZES = range(80, 39, -4)  # largest first; the smallest still reads on a phone preview
LINE_HEIGHT = 1.2
ELLIPSIS = "…"


def card_digest(title: str, section: str, site_name: str) -> str:
    text = "\x1f".join([DESIGN_VERSION, title or "", section or "", site_name or ""])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def share_image_key(page: Page, section: str = "", site_name: str = "") -> str:
    """What the page's share image shows, as a short name: the chosen image, or the card's words."""
    if getattr(page, "share_image_id", None):
        return f"image-{page.share_image_id}"
    return "card-" + card_digest(share_title(page), section, site_name)


def share_title(page: Page) -> str:
    return (getattr(page, "seo_title", "") or page.title or "").strip()


def share_image_path(page: Page, section: str = "", site_name: str = "") -> str:
    """The share image's address on this site (a path; the caller makes it absolute)."""
    key = share_image_key(page, section, site_name)
    return reverse("share_image", kwargs={"page_id": page.pk, "key": key})


# Drawing ------------------------------------------------------------------------------------


@lru_cache(maxsize=32)
def font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(BOLD_FONT if bold else REGULAR_FONT), size)


def text_width(text: str, used_font: ImageFont.FreeTypeFont) -> float:
    return used_font.getlength(text)


def split_long_word(word: str, used_font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """A word (or a run of text with no spaces, such as Chinese) wider than the line, cut into pieces."""
    pieces: list[str] = []
    current = ""
    for character in word:
        if current and text_width(current + character, used_font) > width:
            pieces.append(current)
            current = character
        else:
            current += character
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, used_font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Lines of text no wider than width, broken between words where possible."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, used_font) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
            current = ""
        if text_width(word, used_font) <= width:
            current = word
        else:
            *whole, current = split_long_word(word, used_font, width)
            lines.extend(whole)
    if current:
        lines.append(current)
    return lines


def fit_title(title: str, width: float, height: float) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest font size whose wrapped lines fit the box; at the smallest, cut with an ellipsis."""
    for size in TITLE_SIZES:
        used_font = font(size)
        lines = wrap(title, used_font, width)
        if len(lines) * size * LINE_HEIGHT <= height:
            return used_font, lines
    used_font = font(TITLE_SIZES[-1])
    lines = wrap(title, used_font, width)
    keep = max(1, int(height // (TITLE_SIZES[-1] * LINE_HEIGHT)))
    if len(lines) > keep:
        lines = lines[:keep]
        last = lines[-1]
        while last and text_width(last + ELLIPSIS, used_font) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + ELLIPSIS
    return used_font, lines


def fit_one_line(text: str, used_font: ImageFont.FreeTypeFont, width: float) -> str:
    if text_width(text, used_font) <= width:
        return text
    while text and text_width(text + ELLIPSIS, used_font) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def draw_card(title: str, section: str = "", site_name: str = "") -> bytes:
    """A 1200×630 JPEG (bytes): the charity's name, the section, the title, on the brand colours."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BRAND)
    draw = ImageDraw.Draw(image)
    inner = WIDTH - 2 * MARGIN
    # A dark band at the foot with a yellow rule: the site's header and focus colours.
    draw.rectangle([0, HEIGHT - 70, WIDTH, HEIGHT], fill=BRAND_DARK)
    draw.rectangle([0, HEIGHT - 78, WIDTH, HEIGHT - 70], fill=ACCENT)
    if site_name:
        draw.text((MARGIN, 60), fit_one_line(site_name, font(36), inner), font=font(36), fill=WHITE)
    if section:
        draw.text(
            (MARGIN, 120), fit_one_line(section, font(30, bold=False), inner), font=font(30, bold=False), fill=ACCENT
        )
    title_font, lines = fit_title(title or site_name or "", inner, TITLE_BOTTOM - TITLE_TOP)
    line_step = title_font.size * LINE_HEIGHT
    block_height = line_step * len(lines)
    top = TITLE_TOP + (TITLE_BOTTOM - TITLE_TOP - block_height) / 2
    for index, line in enumerate(lines):
        draw.text((MARGIN, top + index * line_step), line, font=title_font, fill=WHITE)
    return encode_jpeg(image)


def encode_jpeg(image: Image.Image, qualities: Sequence[int] = (85, 70, 55, 40)) -> bytes:
    for quality in qualities:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
        if buffer.tell() <= MAX_BYTES:
            break
    return buffer.getvalue()


# Storing ------------------------------------------------------------------------------------


def card_storage_path(page_id: int, key: str) -> str:
    return f"{STORAGE_FOLDER}/{page_id}/{key}.jpg"


def stored_card(page_id: int, key: str, title: str, section: str, site_name: str) -> bytes:
    """The card's bytes: read from storage if made before, otherwise drawn and stored once.
    Older cards of the same page (an earlier title) are removed when a new one is made."""
    path = card_storage_path(page_id, key)
    if default_storage.exists(path):
        with default_storage.open(path, "rb") as stored:
            return stored.read()
    data = draw_card(title, section, site_name)
    folder = f"{STORAGE_FOLDER}/{page_id}"
    try:
        _dirs, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        files = []
    for name in files:
        default_storage.delete(f"{folder}/{name}")
    default_storage.save(path, ContentFile(data))
    return data


def rendition_bytes(image: Any) -> bytes:
    """The editor's image cropped to 1200×630, at a JPEG quality that keeps it under 300 KB."""
    data = b""
    for spec in RENDITION_FILTERS:
        rendition = image.get_rendition(spec)
        with rendition.file.open("rb") as stored:
            data = stored.read()
        if len(data) <= MAX_BYTES:
            break
    return data
