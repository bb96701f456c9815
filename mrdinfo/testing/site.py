"""Build a small, real page tree for tests: the same Wagtail root, site and home page that
`load_content` makes, plus whatever pages a test asks for."""

from mrdinfo.core.models import Menu, MenuItem, SiteSettings
from mrdinfo.core.site_setup import install_home_page
from mrdinfo.general.models import GeneralPage
from mrdinfo.home.models import HomePage


def make_home_page(**fields):
    values = {
        "title": "Home",
        "slug": "home",
        "hero_heading": "Understanding MRD in childhood leukaemia",
        "hero_text": "MRD means the few leukaemia cells that can be left during treatment. A special test can "
        "find very few of them, but it has a limit.",
        "summary": "Plain-language information for families.",
    }
    values.update(fields)
    home = HomePage(**values)
    return install_home_page(home)


def make_general_page(parent, title, body=None, **fields):
    page = GeneralPage(
        title=title,
        summary=fields.pop("summary", f"About {title.lower()}."),
        body=body
        if body is not None
        else [("text", f"<p>This page is about {title.lower()}. It is short and plain.</p>")],
        **fields,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_menu(name, pages):
    menu = Menu(name=name)
    menu.items = [
        MenuItem(link_page=page, label="" if i % 2 else f"{page.title} link", sort_order=i)
        for i, page in enumerate(pages)
    ]
    menu.save()
    return menu


def configure_site(home, main_menu=None, footer_menu=None, **fields):
    settings = SiteSettings.for_site(home.get_site())
    settings.charity_name = fields.pop("charity_name", "Test Charity")
    settings.charity_number = fields.pop("charity_number", "123456")
    settings.main_menu = main_menu
    settings.footer_menu = footer_menu
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    return settings
