"""content/site.yaml: the menus (by name) and the site settings (charity name and number, which
menus the header and footer show, ...). Both are saved only when the file says something new."""

from typing import TYPE_CHECKING, Any

from django.core.exceptions import FieldDoesNotExist, ValidationError

from mrdinfo.core.models import Menu, MenuItem, SiteSettings

from .comparing import children_match, same_value
from .errors import ContentError, full_clean_at
from .yaml_lines import LineDict

if TYPE_CHECKING:
    from .loader import ContentLoader

SITE_FILE = "site.yaml"


def load_site_file(loader: "ContentLoader") -> None:
    """loader: the ContentLoader (read, values, note, site)."""
    if not loader.has_file(SITE_FILE):
        return
    data, display = loader.read(SITE_FILE)
    if not isinstance(data, LineDict):
        raise ContentError(display, 1, "site.yaml should have two sections: menus and settings")
    unknown = set(data) - {"menus", "settings"}
    if unknown:
        key = sorted(unknown)[0]
        raise ContentError(display, data.line_of(key), f"unknown section {key!r}; site.yaml has menus and settings")
    menus = data.get("menus") or {}
    if not isinstance(menus, LineDict):
        raise ContentError(display, data.line_of("menus"), "menus should map each menu's name to its list of links")
    for name, items in menus.items():
        load_menu(loader, name, items, display, menus.line_of(name))
    if "settings" in data:
        load_settings(loader, data["settings"], display, data.line_of("settings"))


def load_menu(loader: "ContentLoader", name: str, items: Any, display: str, line: int) -> None:
    children = loader.read_children(MenuItem, items, display, line, name)
    menu = Menu.objects.filter(name=name).first()
    if menu is not None and children_match(menu.items.all(), children):
        return
    menu = menu or Menu(name=name)
    menu.items = children
    full_clean_at(menu, display, line)
    menu.save()
    loader.note(f"menu {name}: saved")


def load_settings(loader: "ContentLoader", data: Any, display: str, line: int) -> None:
    if not isinstance(data, LineDict):
        raise ContentError(display, line, "settings should be a mapping of field: value")
    settings = SiteSettings.for_site(loader.site)
    changed = False
    for key, value in data.items():
        try:
            model_field = SiteSettings._meta.get_field(key)
        except FieldDoesNotExist:
            raise ContentError(display, data.line_of(key), f"site settings have no field {key!r}") from None
        new = loader.field_value(model_field, value, display, data.line_of(key), key)
        if not same_value(model_field, settings, new):
            setattr(settings, key, new)
            changed = True
    if changed:
        try:
            settings.full_clean()
        except ValidationError as error:
            key = next(iter(getattr(error, "error_dict", {})), None)
            raise ContentError(display, data.line_of(key) if key else line, "; ".join(error.messages)) from None
        settings.save()
        loader.note("site settings: saved")
