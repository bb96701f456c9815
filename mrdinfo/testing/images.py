"""Real (tiny) images for tests, drawn with Pillow: the rendition code runs as it does live."""

from .factories import ImageFactory


def make_image(title="Test image", alt="A test picture", colour="#005a70", size=(640, 360)):
    return ImageFactory(title=title, description=alt, colour=colour, size=size)
