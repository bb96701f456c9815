"""How tests build data: factory_boy factories, one style for every app. The site-wide ones are
here (pages, the home page, general pages, menus, images); each app's own are in its
tests/factories.py (`TopicIndexPageFactory(parent=home)`, `EventPageFactory(parent=index,
title="Swim", days_from_now=10)`). Special cases are the factories' params, traits and
classmethods (a draft, many pages at once, the editorial team), not separate functions.

Page factories add the page under `parent=` and then do what an editor's Publish does: save a
revision and publish it. `publish=False` leaves a draft revision; `revision=False` saves the page
as it is, with no revision (many pages quickly, as a bulk import would leave them)."""

import io

import factory
from PIL import Image as PILImage

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from mrdinfo.core.models import Menu, MenuItem
from mrdinfo.core.pages.site_setup import install_home_page
from mrdinfo.general.models import GeneralPage
from mrdinfo.home.models import HomePage


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
    """A menu linking `pages=` in order; every other item keeps the page's own title as its label."""

    class Meta:
        model = Menu

    class Params:
        pages = ()

    name = factory.Sequence(lambda n: f"Menu {n}")
    items = factory.LazyAttribute(
        lambda menu: [
            MenuItem(link_page=page, label="" if i % 2 else f"{page.title} link", sort_order=i)
            for i, page in enumerate(menu.pages)
        ]
    )
