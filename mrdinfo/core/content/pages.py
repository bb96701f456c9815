"""Phase 2 of loading pages: fill in every field a page file gives, validate the page with the
model's full rules, and publish a new revision only when the file says something different from
what is live. A page an editor changed in Wagtail is left alone unless overwrite_edits."""

from typing import Any, cast

from modelcluster.models import get_all_child_relations

from django.core.exceptions import ValidationError

from wagtail.models import Page

from .comparing import children_match, edited_in_wagtail, same_value
from .errors import ContentError
from .page_tree import PageFile
from .report import LoadReport
from .values import ValueReader

# Fields of wagtailcore.Page that a content file may set; the rest are Wagtail's own bookkeeping.
PAGE_FIELDS_ALLOWED = {"title", "seo_title", "search_description", "show_in_menus"}
RESERVED_KEYS = {"type", "position"}  # read by page_tree


def page_field_names(page_class: type[Page]) -> set[str]:
    base = {f.name for f in Page._meta.get_fields()}
    own = {
        f.name
        for f in page_class._meta.get_fields()
        if f.concrete and not f.auto_created and f.name not in base and not f.name.endswith("_ptr")
    }
    # A page type may keep fields out of content files (e.g. a clinical sign-off, which only
    # an editor's workflow may record): such a key is refused like an unknown one.
    own -= set(getattr(page_class, "CONTENT_FIELDS_NOT_LOADED", ()))
    return own | PAGE_FIELDS_ALLOWED


class PageUpdater:
    def __init__(self, values: ValueReader, report: LoadReport, overwrite_edits: bool) -> None:
        self.values = values  # values.ValueReader
        self.report = report
        self.overwrite_edits = overwrite_edits

    def update(self, page_file: PageFile) -> None:
        page = cast(Page, page_file.page)  # ensure_pages_exist has found or made it
        values, children = self.read_fields(page_file)
        if not page_file.created and page.live and is_unchanged(page, values, children):
            self.report.unchanged.append(page_file.url)
            return
        if not page_file.created and not self.overwrite_edits and edited_in_wagtail(page):
            self.report.skipped_edited.append(page_file.url)
            return
        for key, value in values.items():
            setattr(page, key, value)
        for key, objects in children.items():
            setattr(page, key, objects)
        try:
            page.full_clean()
        except ValidationError as error:
            raise validation_error(error, page_file) from None
        revision = page.save_revision(log_action=True)
        revision.publish()
        (self.report.created if page_file.created else self.report.updated).append(page_file.url)

    def read_fields(self, page_file: PageFile) -> tuple[dict[str, Any], dict[str, list[Any]]]:
        """({field: value}, {child relation: [objects]}) from the file, every value checked."""
        data, page_class = page_file.data, page_file.page_class
        allowed = page_field_names(page_class)
        child_relations = {rel.get_accessor_name(): rel for rel in get_all_child_relations(page_class)}
        values: dict[str, Any] = {}
        children: dict[str, list[Any]] = {}
        for key in data:
            if key in RESERVED_KEYS:
                continue
            line = data.line_of(key)
            if key in child_relations:
                child_model = child_relations[key].related_model
                children[key] = self.values.child_objects(child_model, data[key], page_file.path, line, key)
            elif key in allowed:
                model_field = page_class._meta.get_field(key)
                values[key] = self.values.field_value(model_field, data[key], page_file.path, line, key, page_file.url)
            else:
                raise ContentError(
                    page_file.path,
                    line,
                    f"{page_class.__name__} has no field {key!r}; it has: "
                    + ", ".join(sorted(allowed | set(child_relations))),
                )
        return values, children


def is_unchanged(page: Page, values: dict[str, Any], children: dict[str, list[Any]]) -> bool:
    for key, new in values.items():
        if not same_value(page._meta.get_field(key), page, new):
            return False
    return all(children_match(getattr(page, key).all(), objects) for key, objects in children.items())


def validation_error(error: ValidationError, page_file: PageFile) -> ContentError:
    data = page_file.data
    if hasattr(error, "error_dict"):
        for key, errors in error.error_dict.items():
            messages = "; ".join(m for e in errors for m in e.messages)
            return ContentError(page_file.path, data.line_of(key) if key in data else data.line, f"{key}: {messages}")
    return ContentError(page_file.path, data.line, "; ".join(error.messages))
