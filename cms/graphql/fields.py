"""Small builders for grapple fields that must pass through the visibility policy."""

from django.apps import apps
from grapple.models import GraphQLCollection, GraphQLField
from grapple.registry import registry


def visible_list(field_name, model_label, source, **kwargs):
    """A non-null list field `[Type!]!` resolved by a model method that filters by visibility."""

    def lazy_type():
        return registry.models[apps.get_model(model_label)]

    return GraphQLCollection(
        GraphQLField,
        field_name,
        lazy_type,
        source=source,
        required=True,
        item_required=True,
        **kwargs,
    )
