"""Load content/ into the site: pages, images, site settings, menus, and whatever the domain
apps register (the glossary, for one). See content/README.md for the file format.

The loader is idempotent: a page is given a new revision only when its file says something
different from what is live, so running it twice changes nothing. Everything happens in one
transaction: a mistake anywhere is reported as file:line and the site stays as it was.

The work is split by job: files.py (reading files, naming them in messages), images.py,
page_tree.py (which page each file is; phase 1), pages.py (filling in and publishing; phase 2),
values.py and streams.py (field values), references.py (what files name), site_file.py (menus and
settings), comparing.py (is it already so?). This module runs them in order and is what the
apps' loaders (registered in registry.py) are given."""

from datetime import date
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from wagtail.models import Site

from mrdinfo.core.pages.site_setup import ensure_root

from . import registry
from .files import ContentFiles
from .images import load_images
from .page_tree import ensure_pages_exist, read_page_files
from .pages import PageUpdater
from .references import Resolver
from .report import LoadReport
from .site_file import load_site_file
from .values import ValueReader

__all__ = ["ContentLoader", "LoadReport"]


class ContentLoader:
    """Loads one content folder. `load()` is the entry point; the rest of this class is the
    interface an app's loader (a function registered with registry.register) may use:

    - `has_file(name)`, `read(name)`: a file of the content folder as (data, display name), its
      mappings and lists knowing their lines (yaml_lines.LineDict / LineList); raise
      errors.ContentError(display, line, message) for a mistake.
    - `resolve`: a references.Resolver: `.page(url)`, `.image(key, display, line)` and
      `.object(model, value, display, line)` for snippets and anything with content_natural_key.
    - `field_value(model_field, value, display, line, key)`: a model field's value from a file's
      value (text, Markdown rich text, dates, aware Europe/London datetimes, references, blocks).
    - `read_children(child_model, items, display, line, key)`: unsaved child objects (an inline
      panel's rows) from a list of mappings, each checked with the model's full_clean; compare
      them with saved ones with comparing.children_match.
    - `overwrite_edits`: whether an editor's changes in Wagtail may be replaced
      (comparing.edited_in_wagtail says whether there are any).
    - `note(message)`: a line for the command's output.
    - `site`: the default Wagtail Site (once the home page exists, i.e. in "after_pages").
    """

    def __init__(self, content_dir: str | Path, overwrite_edits: bool = False, today: date | None = None) -> None:
        self.files = ContentFiles(content_dir)
        # Relative dates in files (`+21 days 10:00`) count from this day, in Europe/London.
        self.today = today or timezone.localdate()
        self.overwrite_edits = overwrite_edits
        self.report = LoadReport()
        self.resolve = Resolver()
        self.values = ValueReader(self.resolve, self.today)

    def load(self) -> LoadReport:
        with transaction.atomic():
            ensure_root()
            self.resolve.images = load_images(self.files, self.report)
            for app_loader in registry.loaders("before_pages"):
                app_loader(self)
            page_files = read_page_files(self.files)
            ensure_pages_exist(page_files, self.resolve)
            updater = PageUpdater(self.values, self.report, self.overwrite_edits)
            for page_file in page_files:
                updater.update(page_file)
            load_site_file(self)
            for app_loader in registry.loaders("after_pages"):
                app_loader(self)
        return self.report

    # --- the interface for app loaders --------------------------------------------------------
    def has_file(self, name: str) -> bool:
        return self.files.exists(name)

    def read(self, name: str) -> tuple[Any, str]:
        return self.files.read(name)

    def field_value(self, model_field: models.Field, value: Any, display: str, line: int, key: str) -> Any:
        return self.values.field_value(model_field, value, display, line, key)

    def read_children(self, child_model: type[Any], items: Any, display: str, line: int, key: str) -> list[Any]:
        return self.values.child_objects(child_model, items, display, line, key)

    def note(self, message: str) -> None:
        self.report.other.append(message)

    @property
    def site(self) -> Site | None:
        return self.resolve.home.get_site() if self.resolve.home is not None else None
