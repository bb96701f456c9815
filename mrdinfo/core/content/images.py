"""content/images.yaml → Wagtail images, found again by the file's hash so a second load adds
nothing. Each is named in other files by its short name (the key in images.yaml)."""

import hashlib
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from .errors import ContentError
from .files import ContentFiles
from .report import LoadReport
from .yaml_lines import LineDict

IMAGES_FILE = "images.yaml"
IMAGE_KEYS = {"file", "title", "alt"}


def check_image_file(path: Path, display: str, line: int) -> None:
    """An image Wagtail accepts: a known extension, readable by Pillow, not too many pixels."""
    from PIL import Image as PillowImage

    extension = path.suffix.lower().lstrip(".")
    if extension not in settings.WAGTAILIMAGES_EXTENSIONS:
        allowed = ", ".join(settings.WAGTAILIMAGES_EXTENSIONS)
        raise ContentError(display, line, f"{path.name} is not an image file (use one of: {allowed})")
    try:
        with PillowImage.open(path) as image:
            width, height = image.size
            image.verify()
    except Exception as error:  # noqa: BLE001  Pillow raises many kinds for a file that is not an image
        raise ContentError(display, line, f"{path.name} is not an image Wagtail can read ({error})") from None
    if width * height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
        raise ContentError(
            display,
            line,
            f"{path.name} is {width}x{height} pixels; images may have at most "
            f"{settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:,} pixels",
        )


def load_images(files: ContentFiles, report: LoadReport) -> dict[str, Any]:
    """{short name: Image} for every image in images.yaml, added or updated as needed."""
    if not files.exists(IMAGES_FILE):
        return {}
    data, display = files.read(IMAGES_FILE)
    if not isinstance(data, LineDict):
        raise ContentError(display, 1, "images.yaml should map a short name to each image's file, title and alt")
    images: dict[str, Any] = {}
    for key, spec in data.items():
        line = data.line_of(key)
        if not isinstance(spec, LineDict) or not set(spec) >= IMAGE_KEYS:
            raise ContentError(display, line, f"image {key!r} needs file, title and alt")
        unknown = sorted(set(spec) - IMAGE_KEYS)
        if unknown:
            raise ContentError(display, spec.line_of(unknown[0]), f"unknown key {unknown[0]!r}")
        file_path = (files.root / str(spec["file"])).resolve()
        if not file_path.is_relative_to(files.root.resolve()):
            raise ContentError(display, spec.line_of("file"), f"{spec['file']} is outside the content folder")
        if not file_path.is_file():
            raise ContentError(display, spec.line_of("file"), f"there is no file {spec['file']}")
        check_image_file(file_path, display, spec.line_of("file"))
        images[key] = save_image(file_path, spec, key, display, report)
    return images


def save_image(file_path: Path, spec: LineDict, key: str, display: str, report: LoadReport) -> Any:
    Image = get_image_model()
    digest = hashlib.sha1(file_path.read_bytes(), usedforsecurity=False).hexdigest()
    image = Image.objects.filter(file_hash=digest).first()
    if image is None:
        with file_path.open("rb") as handle:
            image = Image(title=spec["title"], description=spec["alt"])
            image.file = ImageFile(handle, name=file_path.name)
            image._set_image_file_metadata()  # size and hash, so the next load finds it
            clean_image(image, spec, display)
            image.save()
        report.other.append(f"image {key}: added")
    elif (image.title, image.description) != (spec["title"], spec["alt"]):
        image.title, image.description = spec["title"], spec["alt"]
        clean_image(image, spec, display)
        image.save(update_fields=["title", "description"])
        report.other.append(f"image {key}: title or alt text updated")
    return image


def clean_image(image: Any, spec: LineDict, display: str) -> None:
    """The image model's own field rules (e.g. the length of a title)."""
    try:
        image.full_clean(exclude=["file"])
    except ValidationError as error:
        name = next((key for key in getattr(error, "error_dict", {}) if key in spec), None)
        name = name or ("alt" if "description" in getattr(error, "error_dict", {}) else None)
        line = spec.line_of(name) if name else spec.line
        raise ContentError(display, line, "; ".join(error.messages)) from None
