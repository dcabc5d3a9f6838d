"""Root queries of the partner snippets (docs/api.md, "Snippets"): live versions only."""

import graphene
from django.utils.translation import gettext_lazy as _
from grapple.registry import registry

from cms import visibility

from .models import ContactPerson, EngagementArea, Organisation, PartnerCity


def _list_of(model):
    return graphene.List(graphene.NonNull(lambda: registry.snippets[model]), required=True)


class SnippetQueries:
    partner_cities = _list_of(PartnerCity)
    partner_city = graphene.Field(
        lambda: registry.snippets[PartnerCity],
        slug=graphene.String(
            required=True, description=_("Kürzel der Partnerstadt, z. B. graefenhainichen")
        ),
        description=_(
            "Eine veröffentlichte Partnerstadt nach ihrem Kürzel; null, wenn es sie nicht "
            "(sichtbar) gibt."
        ),
    )
    organisations = _list_of(Organisation)
    contacts = _list_of(ContactPerson)
    engagement_areas = _list_of(EngagementArea)

    def resolve_partner_cities(self, info):
        return visibility.snippets(PartnerCity).select_related("contact")

    def resolve_partner_city(self, info, slug):
        # The visible towns in the request's language (with `fallback`, the German town where
        # no translation is visible): the same rule as the list above.
        return visibility.snippets(PartnerCity).select_related("contact").filter(slug=slug).first()

    def resolve_organisations(self, info):
        return visibility.snippets(Organisation).select_related("logo")

    def resolve_contacts(self, info):
        return visibility.snippets(ContactPerson)

    def resolve_engagement_areas(self, info):
        return visibility.snippets(EngagementArea)
