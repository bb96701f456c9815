"""The content loader refuses files that could hurt the server, quickly and with file:line: YAML
alias bombs, files that are not images, and file references outside content/."""

import time

import pytest

from django.core.management.base import CommandError

from wagtail.models import Page

from .test_content_loader import load, write

pytestmark = pytest.mark.django_db

# Nine levels of nine aliases: about 400 million strings if expanded, under 1 KB on disk.
ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
)


@pytest.fixture
def content(tmp_path):
    from .test_content_loader import ABOUT, CONTACT, HOME, SITE

    root = tmp_path / "content"
    write(root, "pages/home.yaml", HOME)
    write(root, "pages/about.yaml", ABOUT)
    write(root, "pages/about/contact.yaml", CONTACT)
    write(root, "site.yaml", SITE)
    return root


def test_an_alias_bomb_is_refused_quickly_with_file_and_line(content):
    assert len(ALIAS_BOMB) < 1024
    write(content, "pages/about.yaml", "type: general.GeneralPage\ntitle: About\n" + ALIAS_BOMB + "\n")
    started = time.monotonic()
    with pytest.raises(CommandError) as error:
        load(content)
    assert time.monotonic() - started < 5
    assert "pages/about.yaml:4: this is not valid YAML: aliases (*a) are not allowed" in str(error.value)
    assert not Page.objects.filter(slug="about").exists()


def test_a_file_that_is_not_an_image_is_reported_at_its_line(content):
    write(content, "notes.png", "this is text, not a picture\n")
    write(content, "images.yaml", "share:\n  title: Share image\n  alt: A card\n  file: notes.png\n")
    with pytest.raises(CommandError, match=r"images\.yaml:4: notes\.png is not an image Wagtail can read"):
        load(content)


def test_a_file_with_another_extension_is_reported(content):
    write(content, "notes.txt", "text\n")
    write(content, "images.yaml", "share:\n  file: notes.txt\n  title: Share image\n  alt: A card\n")
    with pytest.raises(CommandError, match=r"images\.yaml:2: notes\.txt is not an image file"):
        load(content)


@pytest.mark.parametrize("reference", ["/etc/hostname", "../outside.png"])
def test_file_references_must_stay_inside_the_content_folder(content, reference):
    write(content.parent, "outside.png", "x")
    write(content, "images.yaml", f"share:\n  file: {reference}\n  title: Share image\n  alt: A card\n")
    with pytest.raises(CommandError, match=r"images\.yaml:2: .* is outside the content folder"):
        load(content)


def test_an_image_the_model_refuses_is_reported_at_its_line_and_nothing_is_saved(content):
    """Loaded images get the model's own full_clean, as a form in Wagtail would give them."""
    from PIL import Image as PillowImage

    from wagtail.images import get_image_model

    PillowImage.new("RGB", (40, 20), "#005a70").save(content / "card.png")
    long_title = "A picture " * 30  # 300 characters; Wagtail's image titles hold 255
    write(content, "images.yaml", f"card:\n  file: card.png\n  alt: A card\n  title: {long_title}\n")
    with pytest.raises(CommandError, match=r"images\.yaml:4: Ensure this value has at most 255 characters"):
        load(content)
    assert not get_image_model().objects.exists()
