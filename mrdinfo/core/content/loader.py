"""Load content/ into the site: pages, images, site settings, menus, and whatever the domain
apps register (the glossary, for one). See content/README.md for the file format.

The loader is idempotent: a page is given a new revision only when its file says something
different from what is live, so running it twice changes nothing. Everything happens in one
transaction: a mistake anywhere is reported as file:line and the site stays as it was."""

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import models, transaction
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.snippets.blocks import SnippetChooserBlock

from mrdinfo.core.models import Menu, SiteSettings
from mrdinfo.core.site_setup import ensure_root, point_default_site_at, remove_wagtail_welcome_page

from . import registry
from .errors import ContentError
from .rich_text import RichTextError, markdown_to_rich_text
from .yaml_lines import LineDict, LineList, load_yaml

# Fields of wagtailcore.Page that a content file may set; the rest are Wagtail's own bookkeeping.
PAGE_FIELDS_ALLOWED = {"title", "seo_title", "search_description", "show_in_menus"}
RESERVED_KEYS = {"type", "position"}
# Stable block ids: the same file always gives the same ids, so an unchanged file compares equal.
BLOCK_ID_NAMESPACE = uuid.UUID("6f1d3c1e-8a52-4b0e-9a55-1d2d6c0a7e11")


@dataclass
class PageFile:
    path: Path  # relative to the content directory, for messages
    url: str  # "/", "/understanding-mrd/", "/understanding-mrd/remission/"
    slug: str
    data: LineDict
    page_class: type
    page: Page | None = None
    created: bool = False


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped_edited: list = field(default_factory=list)
    other: list = field(default_factory=list)  # lines from settings, menus, images, registered loaders

    def summary(self):
        return f"{len(self.created)} pages created, {len(self.updated)} updated, {len(self.unchanged)} unchanged" + (
            f", {len(self.skipped_edited)} left alone (edited in Wagtail)" if self.skipped_edited else ""
        )


def read_yaml(path, display):
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(display, 1, f"the file is not UTF-8 text ({error})") from None
    try:
        data = load_yaml(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise ContentError(
            display, (mark.line + 1) if mark else 1, f"this is not valid YAML: {error.problem}"
        ) from None
    return data


class ContentLoader:
    def __init__(self, content_dir, overwrite_edits=False, stdout=None):
        self.content_dir = Path(content_dir)
        self.overwrite_edits = overwrite_edits
        self.report = LoadReport()
        self.images = {}  # key in images.yaml → Image
        self.pages_by_url = {}  # "/understanding-mrd/" → Page
        self.home = None

    # --- entry point ------------------------------------------------------------------------
    def load(self):
        with transaction.atomic():
            ensure_root()
            self.load_images()
            for loader in registry.loaders("before_pages"):
                loader(self)
            page_files = self.read_page_files()
            self.ensure_pages_exist(page_files)
            for page_file in page_files:
                self.update_page(page_file)
            self.load_site_file()
            for loader in registry.loaders("after_pages"):
                loader(self)
        return self.report

    def rel(self, path):
        return str(Path(path).relative_to(self.content_dir.parent)) if self.content_dir.parent else str(path)

    def read(self, relative):
        path = self.content_dir / relative
        return read_yaml(path, self.rel(path)), self.rel(path)

    # --- images -----------------------------------------------------------------------------
    def load_images(self):
        path = self.content_dir / "images.yaml"
        if not path.exists():
            return
        data, display = self.read("images.yaml")
        if not isinstance(data, LineDict):
            raise ContentError(display, 1, "images.yaml should map a short name to each image's file, title and alt")
        Image = get_image_model()
        for key, spec in data.items():
            line = data.line_of(key)
            if not isinstance(spec, LineDict) or not {"file", "title", "alt"} <= set(spec):
                raise ContentError(display, line, f"image {key!r} needs file, title and alt")
            unknown = set(spec) - {"file", "title", "alt"}
            if unknown:
                raise ContentError(display, spec.line_of(sorted(unknown)[0]), f"unknown key {sorted(unknown)[0]!r}")
            file_path = self.content_dir / spec["file"]
            if not file_path.is_file():
                raise ContentError(display, spec.line_of("file"), f"there is no file {spec['file']}")
            content = file_path.read_bytes()
            digest = hashlib.sha1(content, usedforsecurity=False).hexdigest()
            image = Image.objects.filter(file_hash=digest).first()
            if image is None:
                with file_path.open("rb") as handle:
                    image = Image(title=spec["title"], description=spec["alt"])
                    image.file = ImageFile(handle, name=file_path.name)
                    image._set_image_file_metadata()  # size and hash, so the next load finds it
                    image.save()
                self.report.other.append(f"image {key}: added")
            elif (image.title, image.description) != (spec["title"], spec["alt"]):
                image.title, image.description = spec["title"], spec["alt"]
                image.save(update_fields=["title", "description"])
                self.report.other.append(f"image {key}: title or alt text updated")
            self.images[key] = image

    # --- pages: reading the files -------------------------------------------------------------
    def read_page_files(self):
        pages_dir = self.content_dir / "pages"
        home_path = pages_dir / "home.yaml"
        if not home_path.exists():
            raise ContentError(self.rel(home_path), 1, "there must be a home page file")
        files = [self.read_page_file(home_path, "/", "home")]
        self._read_children(pages_dir, "/", files, top=True)
        return files

    def _read_children(self, directory, parent_url, files, top=False):
        children = []
        for path in sorted(directory.glob("*.yaml")):
            if top and path.name == "home.yaml":
                continue
            slug = path.stem
            page_file = self.read_page_file(path, f"{parent_url}{slug}/", slug)
            position = page_file.data.get("position", 1000)
            if not isinstance(position, int):
                raise ContentError(
                    page_file.path, page_file.data.line_of("position"), "position must be a whole number"
                )
            children.append((position, slug, page_file, path))
        for _position, _slug, page_file, path in sorted(children, key=lambda item: (item[0], item[1])):
            files.append(page_file)
            child_dir = path.with_suffix("")
            if child_dir.is_dir():
                self._read_children(child_dir, page_file.url, files)
        for path in sorted(p for p in directory.iterdir() if p.is_dir()):
            if not (directory / f"{path.name}.yaml").exists() and not (top and path.name == "home"):
                raise ContentError(self.rel(path), 1, f"the folder {path.name}/ has no {path.name}.yaml beside it")

    def read_page_file(self, path, url, slug):
        display = self.rel(path)
        data = read_yaml(path, display)
        if not isinstance(data, LineDict):
            raise ContentError(display, 1, "a page file should be a mapping of field names to values")
        if "type" not in data:
            raise ContentError(display, data.line, "say which kind of page this is, e.g. `type: general.GeneralPage`")
        page_class = self.page_class(data["type"], display, data.line_of("type"))
        if not str(data.get("title") or "").strip():
            raise ContentError(display, data.line, "every page needs a title")
        return PageFile(path=display, url=url, slug=slug, data=data, page_class=page_class)

    def page_class(self, label, display, line):
        from django.apps import apps

        try:
            model = apps.get_model(str(label))
        except (LookupError, ValueError):
            model = None
        if model is None or not issubclass(model, Page) or model._meta.abstract:
            raise ContentError(display, line, f"{label!r} is not a page type (write app_label.ModelName)")
        return model

    # --- pages: phase 1, make sure every page exists so references can resolve ---------------
    def ensure_pages_exist(self, page_files):
        root = ensure_root()
        for page_file in page_files:
            if page_file.url == "/":
                parent = root
                existing = self.current_home(root)
            else:
                parent = self.pages_by_url[parent_url(page_file.url)]
                existing = parent.get_children().filter(slug=page_file.slug).first()
            if existing is not None:
                existing = existing.specific
                if type(existing) is not page_file.page_class:
                    raise ContentError(
                        page_file.path,
                        page_file.data.line_of("type"),
                        f"{page_file.url} is already a {type(existing).__name__} on the site; "
                        "a page cannot change type (delete it in Wagtail first)",
                    )
                page_file.page = existing
            else:
                if not page_file.page_class.can_exist_under(parent.specific):
                    raise ContentError(
                        page_file.path,
                        page_file.data.line_of("type"),
                        f"a {page_file.page_class.__name__} cannot be placed under a "
                        f"{type(parent.specific).__name__} ({parent_url(page_file.url)})",
                    )
                if page_file.url == "/":
                    remove_wagtail_welcome_page(root)
                page = page_file.page_class(
                    title=str(page_file.data.get("title") or page_file.slug), slug=page_file.slug
                )
                page.live = False
                # Fields that need other pages are filled in phase 2; skip validation until then.
                page.full_clean = lambda *args, **kwargs: None
                parent.add_child(instance=page)
                del page.full_clean
                page_file.page, page_file.created = page, True
            self.pages_by_url[page_file.url] = page_file.page
            if page_file.url == "/":
                self.home = page_file.page
                point_default_site_at(self.home)

    def current_home(self, root):
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site and site.root_page.depth == 2 and site.root_page.specific_class is not Page:
            return site.root_page
        return root.get_children().filter(slug="home").exclude(content_type__model="page").first()

    def resolve_page(self, url):
        url = url if url.endswith("/") else url + "/"
        if url in self.pages_by_url:
            return self.pages_by_url[url]
        if self.home is None:
            return None
        page = Page.objects.filter(url_path=self.home.url_path + url.lstrip("/")).first()
        if page is not None:
            self.pages_by_url[url] = page
        return page

    # --- pages: phase 2, fill in every field and publish what changed ------------------------
    def update_page(self, page_file):
        page, data = page_file.page, page_file.data
        allowed = self.page_field_names(page_file.page_class)
        child_relations = {rel.get_accessor_name(): rel for rel in get_all_child_relations(page_file.page_class)}
        values, children = {}, {}
        for key in data:
            if key in RESERVED_KEYS:
                continue
            line = data.line_of(key)
            if key in child_relations:
                children[key] = self.child_objects(child_relations[key], data[key], page_file.path, line, key)
            elif key in allowed:
                model_field = page_file.page_class._meta.get_field(key)
                values[key] = self.field_value(model_field, data[key], page_file.path, line, key, page_file.url)
            else:
                raise ContentError(
                    page_file.path,
                    line,
                    f"{page_file.page_class.__name__} has no field {key!r}; it has: "
                    + ", ".join(sorted(allowed | set(child_relations))),
                )

        if not page_file.created and page.live and self.is_unchanged(page, values, children):
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
            raise self.validation_error(error, page_file) from None
        revision = page.save_revision(log_action=True)
        revision.publish()
        (self.report.created if page_file.created else self.report.updated).append(page_file.url)

    def page_field_names(self, page_class):
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

    def is_unchanged(self, page, values, children):
        for key, new in values.items():
            if not same_value(page._meta.get_field(key), page, new):
                return False
        return all(children_match(getattr(page, key).all(), objects) for key, objects in children.items())

    def validation_error(self, error, page_file):
        data = page_file.data
        if hasattr(error, "error_dict"):
            for key, errors in error.error_dict.items():
                messages = "; ".join(m for e in errors for m in e.messages)
                return ContentError(
                    page_file.path, data.line_of(key) if key in data else data.line, f"{key}: {messages}"
                )
        return ContentError(page_file.path, data.line, "; ".join(error.messages))

    # --- values -----------------------------------------------------------------------------
    def field_value(self, model_field, value, display, line, key, url=""):
        try:
            if isinstance(model_field, StreamField):
                return self.stream_value(model_field.stream_block, value, display, line, f"{url}|{key}")
            if isinstance(model_field, RichTextField):
                return markdown_to_rich_text(value, self.resolve_page)
            if isinstance(model_field, models.ForeignKey):
                return self.foreign_object(model_field.related_model, value, display, line)
            if isinstance(model_field, models.DateField) and isinstance(value, str):
                return date.fromisoformat(value)
            if isinstance(model_field, (models.CharField, models.TextField)):
                if value is None:
                    return ""
                if isinstance(value, (dict, list)):
                    raise ContentError(display, line, f"{key} should be text")
                return str(value).strip() if isinstance(model_field, models.CharField) else str(value).rstrip("\n")
            return value
        except RichTextError as error:
            raise ContentError(display, line, f"{key}: {error}") from None
        except ValueError as error:
            raise ContentError(display, line, f"{key}: {error}") from None

    def foreign_object(self, model, value, display, line):
        if value in (None, ""):
            return None
        if issubclass(model, Page):
            page = self.resolve_page(str(value))
            if page is None:
                raise ContentError(display, line, f"there is no page at {value}")
            if not isinstance(page.specific, model):
                raise ContentError(display, line, f"{value} is not a {model.__name__}")
            return page
        if model is get_image_model():
            if value not in self.images:
                raise ContentError(display, line, f"there is no image {value!r} in images.yaml")
            return self.images[value]
        natural_key = getattr(model, "content_natural_key", None)
        if natural_key:
            obj = model.objects.filter(**{natural_key: value}).first()
            if obj is None:
                raise ContentError(display, line, f"there is no {model._meta.verbose_name} {value!r}")
            return obj
        raise ContentError(display, line, f"content files cannot refer to a {model.__name__}")

    def child_objects(self, relation, items, display, line, key):
        if not isinstance(items, list):
            raise ContentError(display, line, f"{key} should be a list")
        child_model = relation.related_model
        objects = []
        for index, item in enumerate(items):
            item_line = items.line_of(index) if isinstance(items, LineList) else line
            if not isinstance(item, LineDict):
                raise ContentError(display, item_line, f"each item of {key} should be a mapping of field: value")
            fields = {}
            for name, value in item.items():
                try:
                    model_field = child_model._meta.get_field(name)
                except Exception:
                    raise ContentError(display, item.line_of(name), f"{key} items have no field {name!r}") from None
                fields[name] = self.field_value(model_field, value, display, item.line_of(name), name)
            obj = child_model(**fields)
            obj.content_field_names = list(fields)
            if hasattr(obj, "sort_order"):
                obj.sort_order = index
            self.validate_child(obj, item, display, item_line)
            objects.append(obj)
        return objects

    def validate_child(self, obj, item, display, line):
        """The model's own checks (field rules and clean()), reported at the line of the field."""
        parent_keys = [f.name for f in obj._meta.fields if isinstance(f, ParentalKey)]
        try:
            obj.full_clean(exclude=parent_keys, validate_unique=False)
        except ValidationError as error:
            errors = getattr(error, "error_dict", {})
            name = next((key for key in errors if key in item), None)
            if name is None:
                raise ContentError(display, line, "; ".join(error.messages)) from None
            messages = "; ".join(m for e in errors[name] for m in e.messages)
            raise ContentError(display, item.line_of(name), f"{name}: {messages}") from None

    # --- StreamField --------------------------------------------------------------------------
    def stream_value(self, stream_block, items, display, line, id_seed):
        raw = self.raw_stream(stream_block, items, display, line, id_seed)
        value = stream_block.to_python(raw)
        try:
            cleaned = stream_block.clean(value)
        except ValidationError as error:
            raise block_error(error, items, display, line) from None
        return stream_block.get_prep_value(cleaned)

    def raw_stream(self, stream_block, items, display, line, id_seed):
        if items in (None, ""):
            return []
        if not isinstance(items, list):
            raise ContentError(display, line, "this should be a list of blocks, each written `- block_name: value`")
        raw = []
        for index, item in enumerate(items):
            item_line = items.line_of(index) if isinstance(items, LineList) else line
            if not isinstance(item, dict) or len(item) != 1:
                raise ContentError(
                    display, item_line, "each block is written `- block_name: value` (one name per item)"
                )
            ((name, value),) = item.items()
            if name not in stream_block.child_blocks:
                raise ContentError(
                    display,
                    item_line,
                    f"unknown block {name!r}; blocks here: " + ", ".join(stream_block.child_blocks),
                )
            child = stream_block.child_blocks[name]
            seed = f"{id_seed}/{index}"
            raw.append(
                {
                    "type": name,
                    "value": self.raw_block(child, value, display, item_line, seed),
                    "id": block_id(seed),
                }
            )
        return raw

    def raw_block(self, block, value, display, line, seed):
        """A content-file value → the block's raw (JSON) form, before Wagtail validates it."""
        if hasattr(block, "from_content"):
            # A block may read its own content format (the explainer does).
            return block.from_content(value, ContentContext(self, display, line, seed))
        if isinstance(block, blocks.StreamBlock):
            return self.raw_stream(block, value, display, line, seed)
        if isinstance(block, blocks.ListBlock):
            if not isinstance(value, list):
                raise ContentError(display, line, "this should be a list")
            return [
                {
                    "type": "item",
                    "value": self.raw_block(
                        block.child_block,
                        item,
                        display,
                        value.line_of(index) if isinstance(value, LineList) else line,
                        f"{seed}/{index}",
                    ),
                    "id": block_id(f"{seed}/{index}"),
                }
                for index, item in enumerate(value)
            ]
        if isinstance(block, blocks.StructBlock):
            if not isinstance(value, dict):
                raise ContentError(
                    display,
                    line,
                    "this block has several parts: write them as `name: value` lines beneath it",
                )
            unknown = [key for key in value if key not in block.child_blocks]
            if unknown:
                key_line = value.line_of(unknown[0]) if isinstance(value, LineDict) else line
                raise ContentError(
                    display,
                    key_line,
                    f"unknown part {unknown[0]!r}; this block has: " + ", ".join(block.child_blocks),
                )
            return {
                key: self.raw_block(
                    block.child_blocks[key],
                    child_value,
                    display,
                    value.line_of(key) if isinstance(value, LineDict) else line,
                    f"{seed}/{key}",
                )
                for key, child_value in value.items()
            }
        try:
            if isinstance(block, blocks.RichTextBlock):
                return markdown_to_rich_text(value, self.resolve_page)
        except RichTextError as error:
            raise ContentError(display, line, str(error)) from None
        if isinstance(block, blocks.PageChooserBlock):
            page = self.resolve_page(str(value)) if value else None
            if value and page is None:
                raise ContentError(display, line, f"there is no page at {value}")
            return page.pk if page else None
        if isinstance(block, SnippetChooserBlock):
            if not value:
                return None
            # Snippets are named in content files by their content_natural_key (e.g. a name).
            return self.foreign_object(block.target_model, value, display, line).pk
        if isinstance(block, ImageChooserBlock):
            if value and value not in self.images:
                raise ContentError(display, line, f"there is no image {value!r} in images.yaml")
            return self.images[value].pk if value else None
        if isinstance(block, blocks.DateBlock) and isinstance(value, date):
            return value.isoformat()
        if isinstance(value, (dict, list)):
            raise ContentError(display, line, "this part should be a single value, not a list or mapping")
        return value

    # --- site.yaml: settings and menus --------------------------------------------------------
    def load_site_file(self):
        path = self.content_dir / "site.yaml"
        if not path.exists():
            return
        data, display = self.read("site.yaml")
        unknown = set(data) - {"menus", "settings"}
        if unknown:
            key = sorted(unknown)[0]
            raise ContentError(display, data.line_of(key), f"unknown section {key!r}; site.yaml has menus and settings")
        for name, items in (data.get("menus") or {}).items():
            self.load_menu(name, items, display, data["menus"].line_of(name))
        if "settings" in data:
            self.load_settings(data["settings"], display, data.line_of("settings"))

    def load_menu(self, name, items, display, line):
        children = self.child_objects(Menu._meta.get_field("items"), items, display, line, name)
        menu = Menu.objects.filter(name=name).first()
        if menu is not None and children_match(menu.items.all(), children):
            return
        menu = menu or Menu(name=name)
        menu.items = children
        menu.save()
        self.report.other.append(f"menu {name}: saved")

    def load_settings(self, data, display, line):
        if not isinstance(data, LineDict):
            raise ContentError(display, line, "settings should be a mapping of field: value")
        settings = SiteSettings.for_site(self.home.get_site())
        changed = False
        for key, value in data.items():
            try:
                model_field = SiteSettings._meta.get_field(key)
            except Exception:
                raise ContentError(display, data.line_of(key), f"site settings have no field {key!r}") from None
            new = self.field_value(model_field, value, display, data.line_of(key), key)
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
            self.report.other.append("site settings: saved")


@dataclass
class ContentContext:
    """What a block's from_content() may use: resolve references, report mistakes."""

    loader: ContentLoader
    display: str
    line: int
    seed: str

    def error(self, message, line=None):
        return ContentError(self.display, line or self.line, message)

    def resolve_page(self, url):
        return self.loader.resolve_page(url)

    def rich_text(self, text, line=None):
        try:
            return markdown_to_rich_text(text, self.loader.resolve_page)
        except RichTextError as error:
            raise self.error(str(error), line) from None

    def raw_block(self, block, value, line, key):
        return self.loader.raw_block(block, value, self.display, line, f"{self.seed}/{key}")


def parent_url(url):
    parts = url.strip("/").split("/")
    return "/" + "/".join(parts[:-1]) + "/" if len(parts) > 1 else "/"


def block_id(seed):
    return str(uuid.uuid5(BLOCK_ID_NAMESPACE, seed))


def edited_in_wagtail(obj):
    """True when a person (not this loader) made the latest revision of a page or snippet:
    their work wins over the file."""
    latest = obj.latest_revision
    return latest is not None and latest.user_id is not None


def same_value(model_field, obj, new):
    """Does obj already hold the value a file gives for this field?"""
    if isinstance(model_field, StreamField):
        return model_field.stream_block.get_prep_value(getattr(obj, model_field.name)) == new
    if isinstance(model_field, models.ForeignKey):
        # By id: a GeneralPage and the same row loaded as a plain Page are not == in Django.
        return getattr(obj, model_field.attname) == (new.pk if new is not None else None)
    return getattr(obj, model_field.name) == new


def child_signature(obj, names):
    """What a child object (menu item, related page, form field) says, in the fields a file sets."""
    values = []
    for name in names:
        model_field = obj._meta.get_field(name)
        values.append((name, getattr(obj, model_field.attname)))
    return values


def children_match(current, new):
    """Do the saved child objects say what the file's objects say (same order, same values)?"""
    names = sorted({name for obj in new for name in getattr(obj, "content_field_names", ())})
    current = list(current)
    return len(current) == len(new) and all(
        child_signature(a, names) == child_signature(b, names) for a, b in zip(current, new, strict=True)
    )


def block_error(error, items, display, line):
    """Find the file line of the deepest block a validation error points at."""
    node, node_line = items, line
    while getattr(error, "block_errors", None):
        key, child_error = next(iter(error.block_errors.items()))
        if isinstance(node, LineList) and isinstance(key, int) and key < len(node):
            node_line, node = node.line_of(key), node[key]
            if isinstance(error, StreamBlockValidationError) and isinstance(node, dict) and len(node) == 1:
                node = next(iter(node.values()))  # a stream item is `- block_name: value`
        elif isinstance(node, LineDict) and key in node:
            node_line, node = node.line_of(key), node[key]
        error = child_error[0] if isinstance(child_error, list) else child_error
    non_block = getattr(error, "non_block_errors", None)
    if non_block:
        messages = [m for e in non_block.as_data() for m in e.messages]
    else:
        messages = getattr(error, "messages", None) or [str(error)]
    return ContentError(display, node_line, "; ".join(str(m) for m in messages) or "this block is not valid")
