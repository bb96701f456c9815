"""Build a small, real page tree for tests: the same Wagtail root, site and home page that
`load_content` makes, plus whatever pages a test asks for (the pages themselves come from
factories.py: HomePageFactory, GeneralPageFactory, MenuFactory)."""

from mrdinfo.core.models import SiteSettings


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
