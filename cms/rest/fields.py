"""REST (Wagtail API v2) fields under the visibility policy: related snippets, images and lists
are read through the models' `visible_*` methods, the same ones the GraphQL fields use, so a
draft contact or a withdrawn photo is `null` here as there. Declared beside each model in its
`api_fields`."""

from rest_framework import serializers


class SnippetField(serializers.Field):
    """A related snippet as a small object (`id` and the named fields), or null."""

    def __init__(self, *fields, **kwargs):
        self.fields_shown = ("id", *fields)
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, obj):
        return {name: getattr(obj, name) for name in self.fields_shown}


class SnippetListField(SnippetField):
    """A list of related snippets (the model method returns the visible ones)."""

    def to_representation(self, objects):
        return [super(SnippetListField, self).to_representation(obj) for obj in objects]


class ImageField(serializers.Field):
    """An image that visible content uses, or null (the photo of a withdrawn consent)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, image):
        request = self.context.get("request")
        url = image.url  # public: the original's, or its public copy (media.models)
        return {
            "id": image.pk,
            "url": request.build_absolute_uri(url) if request else url,
            "alt": image.alt_text,
            "credit": image.credit,
            "width": image.width,
            "height": image.height,
        }
