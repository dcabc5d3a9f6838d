import factory
import wagtail_factories
from wagtail.models import Collection

from media.models import Document, Image


class CollectionFactory(wagtail_factories.CollectionFactory):
    name = factory.Sequence(lambda n: f"Sammlung {n}")
    parent = factory.LazyFunction(Collection.get_first_root_node)


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Bild {n}")
    alt_text = "Ein Beispielbild"
    credit = "Foto: Beispiel"
    # A different colour each: identical files would count as one photo (same file_hash).
    file = factory.django.ImageField(
        width=640,
        height=480,
        color=factory.Sequence(lambda n: (n * 47 % 256, n * 89 % 256, n * 131 % 256)),
    )
    collection = factory.LazyFunction(Collection.get_first_root_node)

    class Meta:
        model = Image


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Dokument {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)

    class Meta:
        model = Document
