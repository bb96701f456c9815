"""Build a small, real page tree for tests: the same Wagtail root, site and home page that
`load_content` makes, plus whatever pages a test asks for (factory_boy: see factories.py)."""

import factory

from mrdinfo.core.models import Menu, MenuItem, SiteSettings
from mrdinfo.core.pages.site_setup import install_home_page
from mrdinfo.general.models import GeneralPage
from mrdinfo.home.models import HomePage

from .factories import PageFactory


class HomePageFactory(factory.django.DjangoModelFactory):
    """The home page, installed at the top of the tree as the default site's root."""

    class Meta:
        model = HomePage

    title = "Home"
    slug = "home"
    hero_heading = "Understanding MRD in childhood leukaemia"
    hero_text = (
        "MRD means the few leukaemia cells that can be left during treatment. A special test can "
        "find very few of them, but it has a limit."
    )
    summary = "Plain-language information for families."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return install_home_page(model_class(*args, **kwargs))


class GeneralPageFactory(PageFactory):
    class Meta:
        model = GeneralPage

    summary = factory.LazyAttribute(lambda page: f"About {page.title.lower()}.")
    body = factory.LazyAttribute(
        lambda page: [("text", f"<p>This page is about {page.title.lower()}. It is short and plain.</p>")]
    )


class MenuFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Menu

    name = factory.Sequence(lambda n: f"Menu {n}")


def make_home_page(**fields):
    return HomePageFactory(**fields)


def make_general_page(parent, title, body=None, **fields):
    if body is not None:
        fields["body"] = body
    return GeneralPageFactory(parent=parent, title=title, **fields)


def make_menu(name, pages):
    items = [
        MenuItem(link_page=page, label="" if i % 2 else f"{page.title} link", sort_order=i)
        for i, page in enumerate(pages)
    ]
    return MenuFactory(name=name, items=items)


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
