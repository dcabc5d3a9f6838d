"""Root queries of the partner snippets (docs/api.md, "Snippets"): live versions only."""

import graphene
from grapple.registry import registry

from cms.graphql import visibility

from .models import ContactPerson, EngagementArea, Organisation, PartnerCity


def _list_of(model):
    return graphene.List(graphene.NonNull(lambda: registry.snippets[model]), required=True)


class SnippetQueries:
    partner_cities = _list_of(PartnerCity)
    organisations = _list_of(Organisation)
    contacts = _list_of(ContactPerson)
    engagement_areas = _list_of(EngagementArea)

    def resolve_partner_cities(self, info):
        return visibility.snippets(PartnerCity).select_related("contact")

    def resolve_organisations(self, info):
        return visibility.snippets(Organisation).select_related("logo")

    def resolve_contacts(self, info):
        return visibility.snippets(ContactPerson)

    def resolve_engagement_areas(self, info):
        return visibility.snippets(EngagementArea)
