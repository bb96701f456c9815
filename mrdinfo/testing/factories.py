"""How tests build data: factory_boy factories, one style for every app (each app's own are in
its tests/factories.py). The make_* functions beside them are short forms for the common case
(`make_hub(home)` is `TopicIndexPageFactory(parent=home)`), so tests read as sentences.

Page factories add the page under `parent=` and then do what an editor's Publish does: save a
revision and publish it. `publish=False` leaves a draft revision; `revision=False` saves the page
as it is, with no revision (many pages quickly, as a bulk import would leave them)."""

import io

import factory
from PIL import Image as PILImage

from django.core.files.images import ImageFile

from wagtail.images import get_image_model


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")

    @classmethod
    def _create(cls, model_class, *args, parent=None, revision=True, publish=True, **kwargs):
        if parent is None:
            raise TypeError(f"{cls.__name__} needs parent=, the page to add it under")
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        if revision:
            saved = page.save_revision()
            if publish:
                saved.publish()
        return page


class ValidatedModelFactory(factory.django.DjangoModelFactory):
    """A model checked with full_clean() before it is saved, as the admin's form would."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = model_class(*args, **kwargs)
        obj.full_clean()
        obj.save()
        return obj


class ImageFactory(factory.django.DjangoModelFactory):
    """A real (tiny) image drawn with Pillow, so the rendition code runs as it does live."""

    class Meta:
        model = get_image_model()

    title = "Test image"
    description = "A test picture"  # the alt text
    # How to draw it (taken out before the model is made):
    colour = "#005a70"
    size = (640, 360)
    image_format = "PNG"

    @classmethod
    def _create(cls, model_class, *args, colour, size, image_format, **kwargs):
        buffer = io.BytesIO()
        PILImage.new("RGB", size, colour).save(buffer, format=image_format)
        image = model_class(*args, **kwargs)
        extension = "jpg" if image_format == "JPEG" else image_format.lower()
        image.file = ImageFile(buffer, name=f"{image.title.lower().replace(' ', '-')}.{extension}")
        image.save()
        return image
