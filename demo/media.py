"""Placeholder media of the demo: portrait photos nobody can mistake for real ones, and consent
forms that say they are examples. Looked up by title first, so a second run makes none."""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from media.models import Document, Image
from media.tasks import prepare

PHOTO_SIZE = 800


def placeholder_png(initials, colour, size=PHOTO_SIZE):
    """A coloured square with white initials."""
    picture = PILImage.new("RGB", (size, size), colour)
    draw = ImageDraw.Draw(picture)
    try:
        font = ImageFont.load_default(size=size // 3)
    except (TypeError, OSError):  # Pillow without FreeType: small bitmap font
        font = ImageFont.load_default()
    draw.text((size / 2, size / 2), initials, fill="white", font=font, anchor="mm")
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def initials_of(name):
    words = [word for word in name.replace("(Beispiel)", "").split() if word[:1].isalpha()]
    return "".join(word[0] for word in words[:2]).upper() or "?"


def placeholder_image(title, collection, initials, colour, filename, **fields):
    """(image, created): the image with this title, made if missing, focal point centred."""
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image, False
    image = Image(
        title=title,
        collection=collection,
        file=ImageFile(io.BytesIO(placeholder_png(initials, colour)), name=filename),
        **fields,
    )
    image._set_image_file_metadata()
    image.focal_point_x = image.focal_point_y = PHOTO_SIZE // 2
    image.focal_point_width = image.focal_point_height = PHOTO_SIZE // 2
    image.save()
    prepare(image)  # its renditions now, not on a client's request (media/tasks.py)
    return image, True


def placeholder_photo(name, colour, slug, collection, title=None):
    """(photo, created): a portrait's placeholder photo with alt text and credit."""
    return placeholder_image(
        title or f"Porträtfoto {name}",
        collection,
        initials_of(name),
        colour,
        f"{slug}.png",
        alt_text=f"Platzhalterbild mit den Initialen {initials_of(name)} für {name}",
        credit="Platzhalterbild, generiert für die Demo",
    )


def consent_document(title, given_by, slug, collection, note):
    """(document, created): an example consent form, in the consent collection."""
    document = Document.objects.filter(title=title).first()
    if document is not None:
        return document, False
    text = (
        "Einwilligungserklärung (Beispiel)\n\n"
        f"{given_by} willigt in die Veröffentlichung des Glücksbringer-Porträts ein.\n"
        f"{note}\n"
    )
    document = Document(
        title=title,
        collection=collection,
        file=ContentFile(text.encode(), name=f"einwilligung-{slug}.txt"),
    )
    document._set_document_file_metadata()
    document.save()
    return document, True
