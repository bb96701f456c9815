"""content/pages/ → the page tree. A page's place on the site is its file's place in the folder:
pages/about.yaml is /about/, pages/about/contact.yaml is /about/contact/, pages/home.yaml is the
home page. Siblings are ordered by `position`, then by slug.

Phase 1 of loading pages: every page of the files exists (new ones as unpublished drafts holding
only a title and slug, which is all Wagtail validates for a page that is not live) before any
field is filled in, so pages may refer to each other in any order."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps

from wagtail.models import Page, Site

from mrdinfo.core.pages.site_setup import ensure_root, point_default_site_at, remove_wagtail_welcome_page

from .errors import ContentError
from .files import ContentFiles, read_yaml
from .references import Resolver
from .yaml_lines import LineDict

PAGES_FOLDER = "pages"
DEFAULT_POSITION = 1000


@dataclass
class PageFile:
    path: str  # as messages name it, e.g. content/pages/about.yaml
    url: str  # "/", "/understanding-mrd/", "/understanding-mrd/remission/"
    slug: str
    data: LineDict
    page_class: type[Page]
    page: Page | None = None
    created: bool = False


def parent_url(url: str) -> str:
    parts = url.strip("/").split("/")
    return "/" + "/".join(parts[:-1]) + "/" if len(parts) > 1 else "/"


def read_page_files(files: ContentFiles) -> list[PageFile]:
    """Every page file, parents before their children, siblings in order."""
    pages_dir = files.path(PAGES_FOLDER)
    home_path = pages_dir / "home.yaml"
    if not home_path.exists():
        raise ContentError(files.display(home_path), 1, "there must be a home page file")
    page_files = [read_page_file(files, home_path, "/", "home")]
    read_children(files, pages_dir, "/", page_files, top=True)
    return page_files


def read_children(
    files: ContentFiles, directory: Path, url: str, page_files: list[PageFile], top: bool = False
) -> None:
    children: list[tuple[int, str, PageFile, Path]] = []
    for path in sorted(Path(directory).glob("*.yaml")):
        if top and path.name == "home.yaml":
            continue
        slug = path.stem
        page_file = read_page_file(files, path, f"{url}{slug}/", slug)
        position = page_file.data.get("position", DEFAULT_POSITION)
        if not isinstance(position, int):
            raise ContentError(page_file.path, page_file.data.line_of("position"), "position must be a whole number")
        children.append((position, slug, page_file, path))
    for _position, _slug, page_file, path in sorted(children, key=lambda item: (item[0], item[1])):
        page_files.append(page_file)
        child_dir = path.with_suffix("")
        if child_dir.is_dir():
            read_children(files, child_dir, page_file.url, page_files)
    for path in sorted(p for p in Path(directory).iterdir() if p.is_dir()):
        if not (Path(directory) / f"{path.name}.yaml").exists() and not (top and path.name == "home"):
            raise ContentError(files.display(path), 1, f"the folder {path.name}/ has no {path.name}.yaml beside it")


def read_page_file(files: ContentFiles, path: Path, url: str, slug: str) -> PageFile:
    display = files.display(path)
    data = read_yaml(path, display)
    if not isinstance(data, LineDict):
        raise ContentError(display, 1, "a page file should be a mapping of field names to values")
    if "type" not in data:
        raise ContentError(display, data.line, "say which kind of page this is, e.g. `type: general.GeneralPage`")
    page_class = page_type(data["type"], display, data.line_of("type"))
    if not str(data.get("title") or "").strip():
        raise ContentError(display, data.line, "every page needs a title")
    return PageFile(path=display, url=url, slug=slug, data=data, page_class=page_class)


def page_type(label: Any, display: str, line: int) -> type[Page]:
    try:
        model = apps.get_model(str(label))
    except (LookupError, ValueError):
        model = None
    if model is None or not issubclass(model, Page) or model._meta.abstract:
        raise ContentError(display, line, f"{label!r} is not a page type (write app_label.ModelName)")
    return model


def ensure_pages_exist(page_files: list[PageFile], resolver: Resolver) -> None:
    """Find or create the page of every file and register it with the resolver."""
    root = ensure_root()
    for page_file in page_files:
        if page_file.url == "/":
            parent = root
            existing = current_home(root)
        else:
            parent = resolver.pages_by_url[parent_url(page_file.url)]
            existing = parent.get_children().filter(slug=page_file.slug).first()
        if existing is not None:
            page_file.page = existing_page(existing.specific, page_file)
        else:
            page_file.page, page_file.created = new_page(parent, root, page_file), True
        resolver.add_page(page_file.url, page_file.page)
        if page_file.url == "/":
            point_default_site_at(page_file.page)


def existing_page(page: Page, page_file: PageFile) -> Page:
    if type(page) is not page_file.page_class:
        raise ContentError(
            page_file.path,
            page_file.data.line_of("type"),
            f"{page_file.url} is already a {type(page).__name__} on the site; "
            "a page cannot change type (delete it in Wagtail first)",
        )
    return page


def new_page(parent: Page, root: Page, page_file: PageFile) -> Page:
    """An unpublished page with the file's title and slug; phase 2 fills in the rest and
    publishes it after the model's full validation."""
    if not page_file.page_class.can_exist_under(parent.specific):
        raise ContentError(
            page_file.path,
            page_file.data.line_of("type"),
            f"a {page_file.page_class.__name__} cannot be placed under a "
            f"{type(parent.specific).__name__} ({parent_url(page_file.url)})",
        )
    if page_file.url == "/":
        remove_wagtail_welcome_page(root)
    page = page_file.page_class(title=str(page_file.data.get("title") or page_file.slug), slug=page_file.slug)
    page.live = False  # Wagtail validates only the title and slug of a page that is not live
    parent.add_child(instance=page)
    return page


def current_home(root: Page) -> Page | None:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and site.root_page.depth == 2 and site.root_page.specific_class is not Page:
        return site.root_page
    return root.get_children().filter(slug="home").exclude(content_type__model="page").first()
