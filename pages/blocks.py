"""StreamField blocks for programme pages and portrait stories.

Blocks that point at other content (pages, images) resolve them through the visibility policy,
so a chooser never hands out a draft, private or withdrawn item.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from grapple.helpers import register_streamfield_block
from grapple.models import GraphQLImage, GraphQLPage, GraphQLString
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from cms import visibility


@register_streamfield_block
class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Bild"))
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False, max_length=255)

    graphql_fields = [
        GraphQLImage("image", source="visible_image"),
        GraphQLString("caption"),
    ]

    class Meta:
        icon = "image"
        label = _("Bild")
        description = _("Ein Bild mit optionaler Bildunterschrift")

    def visible_image(self, info=None, values=None, **kwargs):
        image = (values or {}).get("image")
        return visibility.image_or_none(image, in_visible_content=True, info=info)

    def get_api_representation(self, value, context=None):
        """REST: the image's id only while the policy shows it (never a withdrawn photo)."""
        data = super().get_api_representation(value, context)
        data["image"] = data["image"] if self.visible_image(values=value) else None
        return data


@register_streamfield_block
class LinkBlock(blocks.StructBlock):
    link_text = blocks.CharBlock(label=_("Linktext"), max_length=120)
    page = blocks.PageChooserBlock(label=_("Interne Seite"), required=False)
    url = blocks.URLBlock(label=_("Externe Adresse"), required=False)

    graphql_fields = [
        GraphQLString("link_text", required=True),
        GraphQLPage("page", source="visible_page"),
        GraphQLString("url"),
    ]

    class Meta:
        icon = "link"
        label = _("Link")
        description = _("Verweis auf eine interne Seite oder eine externe Adresse")

    def visible_page(self, info=None, values=None, **kwargs):
        return visibility.page_or_none((values or {}).get("page"))

    def get_api_representation(self, value, context=None):
        """REST: the page's id only while the policy shows it."""
        data = super().get_api_representation(value, context)
        data["page"] = data["page"] if self.visible_page(values=value) else None
        return data

    def clean(self, value):
        cleaned = super().clean(value)
        if bool(cleaned.get("page")) == bool(cleaned.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _("Bitte entweder eine interne Seite oder eine externe Adresse angeben.")
                    )
                }
            )
        return cleaned


@register_streamfield_block
class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Zitat"), max_length=600)
    attribution = blocks.CharBlock(label=_("Quelle"), required=False, max_length=120)

    graphql_fields = [GraphQLString("text", required=True), GraphQLString("attribution")]

    class Meta:
        icon = "openquote"
        label = _("Zitat")
        description = _("Ein hervorgehobenes Zitat")


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Zwischenüberschrift"), form_classname="title", icon="title")
    paragraph = blocks.RichTextBlock(
        label=_("Absatz"), features=["bold", "italic", "link", "ol", "ul"], icon="pilcrow"
    )
    image = ImageBlock()
    quote = QuoteBlock()
    link = LinkBlock()
