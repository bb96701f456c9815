"""load_content: idempotent, publishes what changed, reports mistakes as file:line and then
leaves the site exactly as it was."""

import io
import re
import shutil
import textwrap
from pathlib import Path

import pytest

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import Page, Revision, Site, WorkflowPage

from mrdinfo.core.models import Menu, SiteSettings
from mrdinfo.general.models import GeneralPage
from mrdinfo.home.models import HomePage

pytestmark = pytest.mark.django_db

HOME = """\
type: home.HomePage
title: Home
hero_heading: Hello families
hero_text: A short welcome.
body:
  - text: |
      Read [about us](/about/).
"""
ABOUT = """\
type: general.GeneralPage
title: About us
summary: Who we are.
body:
  - heading:
      text: Who we are
  - text: |
      We are a **charity**.

      - one
      - two
  - button:
      text: Contact us
      page: /about/contact/
"""
CONTACT = """\
type: general.GeneralPage
title: Contact us
summary: How to reach us.
body:
  - text: Write to us.
"""
SITE = """\
menus:
  Main menu:
    - link_page: /about/
    - link_url: https://shop.example.org/
      label: Shop
settings:
  charity_name: Example Charity
  charity_number: "123456"
  main_menu: Main menu
  contact_page: /about/contact/
"""


def write(root, relative, text):
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


@pytest.fixture
def content(tmp_path):
    root = tmp_path / "content"
    write(root, "pages/home.yaml", HOME)
    write(root, "pages/about.yaml", ABOUT)
    write(root, "pages/about/contact.yaml", CONTACT)
    write(root, "site.yaml", SITE)
    return root


def load(root, *args):
    out = io.StringIO()
    call_command("load_content", "--content-dir", str(root), *args, stdout=out)
    return out.getvalue()


def snapshot():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        list(Page.objects.order_by("path").values_list("title", "live", "url_path")),
        list(Menu.objects.values_list("name", flat=True)),
        # The clinical sign-off workflow (mrdinfo/editorial) is assigned once, not again.
        sorted(WorkflowPage.objects.values_list("page__url_path", "workflow__name")),
    )


def test_loads_pages_settings_and_menus(content, client):
    load(content)
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    about = GeneralPage.objects.get(slug="about")
    contact = GeneralPage.objects.get(slug="contact")
    assert about.get_parent().pk == home.pk and contact.get_parent().pk == about.pk
    assert about.live and contact.live
    # Markdown became rich text; the internal link is a Wagtail page link by id.
    assert home.body[0].value.source == f'<p>Read <a id="{about.pk}" linktype="page">about us</a>.</p>'
    assert "<b>charity</b>" in about.body[1].value.source and "<ul>" in about.body[1].value.source
    assert about.body[2].value["page"].pk == contact.pk
    settings_ = SiteSettings.for_site(home.get_site())
    assert settings_.charity_name == "Example Charity" and settings_.contact_page_id == contact.pk
    assert [str(i) for i in settings_.main_menu.items.all()] == ["About us", "Shop"]
    html = client.get("/about/").content.decode()
    assert "We are a <b>charity</b>." in html and 'href="/about/contact/">Contact us' in html


def test_running_twice_changes_nothing(content):
    load(content)
    before = snapshot()
    output = load(content)
    assert snapshot() == before
    assert "0 pages created, 0 updated, 3 unchanged" in output
    assert "saved" not in output  # neither the settings nor the menus were written again


def test_editing_a_file_publishes_one_new_revision(content, client):
    load(content)
    about = GeneralPage.objects.get(slug="about")
    revisions = Revision.objects.count()
    write(content, "pages/about.yaml", ABOUT.replace("We are a **charity**.", "We are a **small** charity."))
    load(content)
    assert Revision.objects.count() == revisions + 1
    assert about.get_latest_revision().object_id == str(about.pk)
    assert "We are a <b>small</b> charity." in client.get("/about/").content.decode()


def assert_error(content, expected, *args):
    before = snapshot()
    with pytest.raises(CommandError) as excinfo:
        load(content, *args)
    assert expected in str(excinfo.value)
    # The place is exactly the one expected ("about.yaml:1" is not "about.yaml:14").
    where = expected.split(": ", 1)[0]
    assert re.search(rf"(^|/){re.escape(where)}: ", str(excinfo.value)), str(excinfo.value)
    assert "Nothing was changed." in str(excinfo.value)
    assert snapshot() == before
    return str(excinfo.value)


@pytest.mark.parametrize(
    "bad_about, expected",
    [
        (ABOUT.replace("  - heading:", "  - headng:"), "pages/about.yaml:5: unknown block 'headng'"),
        (ABOUT.replace("title: About us", "title: [About"), "pages/about.yaml:3: this is not valid YAML"),
        (
            ABOUT.replace("page: /about/contact/", "page: /nowhere/"),
            "pages/about.yaml:14: there is no page at /nowhere/",
        ),
        (ABOUT.replace("Who we are.", "Who we are.\nsummary: Twice."), "pages/about.yaml:4: this is not valid YAML"),
        (
            ABOUT.replace("      text: Who we are\n", "      txt: Who we are\n"),
            "pages/about.yaml:6: unknown part 'txt'",
        ),
        (ABOUT + "colour: blue\n", "pages/about.yaml:15: GeneralPage has no field 'colour'"),
        (
            ABOUT.replace("[", "").replace("We are a", "See [us](ftp://x). We are a"),
            "pages/about.yaml:7: the link 'ftp://x' should start with",
        ),
        (
            ABOUT.replace(
                "      page: /about/contact/", "      page: /about/contact/\n      url: https://example.org/"
            ),
            "pages/about.yaml:14: Choose a page or type an address, not both.",
        ),
        (ABOUT.replace("title: About us\n", ""), "pages/about.yaml:1: every page needs a title"),
        (
            ABOUT.replace("type: general.GeneralPage", "type: home.HomePage"),
            "pages/about.yaml:1: /about/ is already a GeneralPage on the site; a page cannot change type",
        ),
    ],
    ids=[
        "unknown block",
        "bad yaml",
        "missing page",
        "duplicate key",
        "unknown struct part",
        "unknown field",
        "bad link",
        "block validation",
        "page validation",
        "wrong page type",
    ],
)
def test_a_mistake_is_reported_as_file_and_line_and_nothing_changes(content, bad_about, expected):
    load(content)
    write(content, "pages/about.yaml", bad_about)
    assert_error(content, expected)


def test_a_mistake_on_first_load_leaves_an_empty_site(content):
    write(content, "pages/about/contact.yaml", CONTACT.replace("type: general.GeneralPage", "type: home.HomePage"))
    message = assert_error(content, "pages/about/contact.yaml:1: a HomePage cannot be placed under a GeneralPage")
    assert "content/" in message
    assert not HomePage.objects.exists()


def test_settings_mistake_reported_with_line(content):
    write(content, "site.yaml", SITE.replace("main_menu: Main menu", "main_menu: Missing menu"))
    assert_error(content, "site.yaml:9: there is no menu 'Missing menu'")


def test_a_menu_item_that_breaks_the_models_rules_is_reported_at_its_line(content):
    write(content, "site.yaml", SITE.replace("      label: Shop\n", ""))
    assert_error(content, "site.yaml:4: A link to another site needs link text.")


def test_pages_edited_in_wagtail_are_left_alone_unless_asked(content, admin_user, client):
    load(content)
    about = GeneralPage.objects.get(slug="about")
    about.title = "About the charity"
    about.save_revision(user=admin_user).publish(user=admin_user)
    write(content, "pages/about.yaml", ABOUT.replace("Who we are.", "Who we are, in short."))
    load(content)
    about.refresh_from_db()
    assert about.title == "About the charity"  # the editor's work stands
    load(content, "--overwrite-edits")
    about.refresh_from_db()
    assert about.title == "About us" and about.summary == "Who we are, in short."


def test_the_repository_content_loads_twice_without_change(client):
    content_dir = Path(settings.BASE_DIR) / "content"
    load(content_dir)
    before = snapshot()
    output = load(content_dir)
    assert snapshot() == before
    assert "0 pages created, 0 updated" in output and "saved" not in output and "added" not in output
    assert client.get("/").status_code == 200


def test_images_are_imported_once(content, tmp_path):
    shutil.copy(Path(settings.BASE_DIR) / "content" / "images" / "share-default.png", content / "share.png")
    write(content, "images.yaml", "share:\n  file: share.png\n  title: Share image\n  alt: A calm blue card\n")
    write(content, "site.yaml", SITE + "  default_share_image: share\n")
    load(content)
    load(content)
    from wagtail.images import get_image_model

    image = get_image_model().objects.get()
    assert (image.title, image.description, image.width, image.height) == ("Share image", "A calm blue card", 1200, 630)
    assert SiteSettings.objects.get().default_share_image_id == image.pk
