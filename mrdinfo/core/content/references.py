"""What content files name, found on the site: pages by their path (`/about/contact/`), images by
their short name in images.yaml, and snippets and other models by their `content_natural_key`
(a model attribute naming the field files use, e.g. a menu's `name`)."""

from typing import Any

from wagtail.images import get_image_model
from wagtail.models import Page

from .errors import ContentError


class Resolver:
    """Filled in as the load goes: images first, then every page of the files (created before any
    field is filled in, so pages may refer to each other in any order)."""

    def __init__(self) -> None:
        self.pages_by_url: dict[str, Page] = {}  # "/understanding-mrd/" → Page
        self.images: dict[str, Any] = {}  # short name in images.yaml → Image
        self.home: Page | None = None

    def add_page(self, url: str, page: Page) -> None:
        self.pages_by_url[url] = page
        if url == "/":
            self.home = page

    def page(self, url: str) -> Page | None:
        """The page at a site path (`/about/` or `/about`), or None. Pages made in Wagtail count."""
        url = url if url.endswith("/") else url + "/"
        if url in self.pages_by_url:
            return self.pages_by_url[url]
        if self.home is None:
            return None
        page = Page.objects.filter(url_path=self.home.url_path + url.lstrip("/")).first()
        if page is not None:
            self.pages_by_url[url] = page
        return page

    def image(self, key: str | None, display: str, line: int) -> Any:
        """The image images.yaml calls key; None for an empty value."""
        if key in (None, ""):
            return None
        if key not in self.images:
            raise ContentError(display, line, f"there is no image {key!r} in images.yaml")
        return self.images[key]

    def object(self, model: Any, value: Any, display: str, line: int) -> Any:
        """What a file's value names for a foreign key or chooser to model (a page type, the
        image model, or a model with content_natural_key); None for an empty value."""
        if value in (None, ""):
            return None
        if issubclass(model, Page):
            page = self.page(str(value))
            if page is None:
                raise ContentError(display, line, f"there is no page at {value}")
            if not isinstance(page.specific, model):
                raise ContentError(display, line, f"{value} is not a {model.__name__}")
            return page
        if model is get_image_model():
            return self.image(value, display, line)
        natural_key = getattr(model, "content_natural_key", None)
        if natural_key:
            obj = model.objects.filter(**{natural_key: value}).first()
            if obj is None:
                raise ContentError(display, line, f"there is no {model._meta.verbose_name} {value!r}")
            return obj
        raise ContentError(display, line, f"content files cannot refer to a {model.__name__}")
