"""Real (tiny) images for tests, drawn with Pillow: the rendition code runs as it does live."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model


def make_image(title="Test image", alt="A test picture", colour="#005a70", size=(640, 360)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    image = get_image_model()(title=title, description=alt)
    image.file = ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.png")
    image.save()
    return image
