"""Our page interface: grapple's, with every tree path asking the visibility policy."""

import graphene
from grapple.types.interfaces import PageInterface as GrapplePageInterface

from cms import visibility
from cms.public_site import public_url


def _visible(qs, info, kwargs):
    return visibility.resolve_list(visibility.pages(qs).specific(), info, **kwargs)


class PageInterface(GrapplePageInterface):
    full_url = graphene.String(
        description=(
            "Absolute Adresse der Seite auf der öffentlichen Website (PUBLIC_SITE_URL + url)."
        )
    )

    class Meta:
        name = "PageInterface"

    def resolve_full_url(self, info, **kwargs):
        return public_url(self.url)

    def resolve_parent(self, info, **kwargs):
        return visibility.page_or_none(self.get_parent())

    def resolve_children(self, info, **kwargs):
        return _visible(self.get_children(), info, kwargs)

    def resolve_siblings(self, info, **kwargs):
        return _visible(self.get_siblings().exclude(pk=self.pk), info, kwargs)

    def resolve_next_siblings(self, info, **kwargs):
        return _visible(self.get_next_siblings().exclude(pk=self.pk), info, kwargs)

    def resolve_previous_siblings(self, info, **kwargs):
        return _visible(self.get_prev_siblings().exclude(pk=self.pk), info, kwargs)

    def resolve_descendants(self, info, **kwargs):
        return _visible(self.get_descendants(), info, kwargs)

    def resolve_ancestors(self, info, **kwargs):
        return _visible(self.get_ancestors(), info, kwargs)
