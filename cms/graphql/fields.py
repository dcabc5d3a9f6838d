"""Small builders for grapple fields that must pass through the visibility policy."""

from grapple.models import GraphQLCollection, GraphQLField
from grapple.registry import registry


def visible_list(field_name, model, source, **kwargs):
    """A non-null list field `[Type!]!` of `model` (the class: the calling app imports what it
    uses), resolved by a model method that filters by visibility."""

    def lazy_type():
        return registry.models[model]

    return GraphQLCollection(
        GraphQLField,
        field_name,
        lazy_type,
        source=source,
        required=True,
        item_required=True,
        **kwargs,
    )
