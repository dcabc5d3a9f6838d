"""Root queries of the page types (docs/api.md, "Portraits" and "Programmes, campaign, home")."""

import graphene
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from graphql.language import FieldNode, FragmentSpreadNode
from grapple.registry import registry
from grapple.settings import grapple_settings
from grapple.types.structures import BasePaginatedType, PaginatedQuerySet
from grapple.utils import get_paginated_result

from cms import visibility
from cms.graphql.errors import UserInputError
from cms.graphql.queries import single_page
from cms.graphql.renditions import requested_specs
from pages import visibility as page_rules

from .list_index import ListIndex
from .list_page import RowsByIds, page_of_list
from .list_search import SearchIndex
from .models import CampaignPage, PortraitPage, ProgrammePage

PORTRAIT_ORDERS = ("-first_published_at", "first_published_at", "title", "-title")


def _selects(info, name):
    """Whether the field being resolved selects `name` directly (in fragments too)."""
    pending = [node.selection_set for node in info.field_nodes if node.selection_set]
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FieldNode):
                if selection.name.value == name:
                    return True
            elif isinstance(selection, FragmentSpreadNode):
                fragment = info.fragments.get(selection.name.value)
                if fragment is not None:
                    pending.append(fragment.selection_set)
            else:
                pending.append(selection.selection_set)
    return False


def paginate(qs, page=None, per_page=None, id=None, info=None, rows=None, index=None):
    """grapple's `page`/`perPage`/`id` on an ordered queryset, as `resolve_paginated_queryset`
    does (same pagination object, out-of-range pages give the last one), with a deferred join
    for the page's rows. A list that does not ask for `pagination` is not counted (the count
    reads every visible row: the one statement that grows with the number of portraits) unless
    its page is out of range, which then gives the last one as before; one that does is counted
    with its page, or read from the list's stored order when `index` (a
    pages.list_index.ListIndex) is given (pages/list_page.py). `rows`: see `RowsByIds`."""
    per_page = min(int(per_page or grapple_settings.PAGE_SIZE), grapple_settings.MAX_PAGE_SIZE)
    page = int(page or 1)
    if id is not None:
        qs = qs.filter(pk=id)
        rows = None if rows is None else rows.filter(pk=id)
    start, stop = (page - 1) * per_page, page * per_page
    if info is not None and not _selects(info, "pagination"):
        items = RowsByIds(qs, rows)[start:stop]
        if page == 1 or items:  # evaluated here, read once
            return BasePaginatedType(items=items, pagination=None)
    counted = page_of_list(qs, start, stop, rows=rows, index=None if id is not None else index)
    return get_paginated_result(counted, page, per_page)


def _type(model):
    return lambda: registry.pages[model]


def _single(qs, model, **kwargs):
    page = single_page(qs, **kwargs)
    return page if isinstance(page, model) else None


class PageQueries:
    portraits = PaginatedQuerySet(
        graphene.NonNull(_type(PortraitPage)),
        "PortraitPage",
        required=True,
        town=graphene.String(description=_("Kürzel der Partnerstadt, z. B. dessau-rosslau")),
        area=graphene.String(description=_("Kürzel des Engagementbereichs, z. B. klimaschutz")),
        kind=graphene.String(description=_("person oder initiative")),
    )
    portrait = graphene.Field(
        _type(PortraitPage),
        id=graphene.ID(),
        slug=graphene.String(),
        url_path=graphene.String(),
        token=graphene.String(),
    )
    programmes = graphene.List(graphene.NonNull(_type(ProgrammePage)), required=True)
    programme = graphene.Field(
        _type(ProgrammePage), id=graphene.ID(), slug=graphene.String(), token=graphene.String()
    )
    campaign = graphene.Field(_type(CampaignPage))

    def resolve_portraits(self, info, town=None, area=None, kind=None, order=None, **kwargs):
        if order is not None and order not in PORTRAIT_ORDERS:
            raise UserInputError(
                gettext("Unbekannte Sortierung. Erlaubt: %(allowed)s.")
                % {"allowed": ", ".join(PORTRAIT_ORDERS)},
                "order",
            )
        try:
            visible = page_rules.portraits(renditions=requested_specs(info))
            qs = page_rules.filter_portraits(visible, town, area, kind)
        except visibility.UnknownArgument as error:
            raise UserInputError(error.message, error.argument) from None
        search_query = kwargs.pop("search_query", None)
        kwargs.pop("search_operator", None)
        order = order or "-first_published_at"
        qs = rows = qs.order_by(order)
        arguments = {"town": town, "area": area, "kind": kind, "order": order}
        if search_query:  # the page and the true total of visible matches
            words = visibility.plain_search_terms(search_query)
            index = SearchIndex(words, rows, **arguments) if words else None
            qs = visibility.search_filter(qs, search_query)  # in SQL: no total, or index off
        else:
            index = ListIndex(**arguments)
        return paginate(qs, info=info, rows=rows, index=index, **kwargs)

    def resolve_portrait(self, info, id=None, slug=None, url_path=None, token=None):
        visible = page_rules.portraits(renditions=requested_specs(info))
        return _single(visible, PortraitPage, id=id, slug=slug, url_path=url_path, token=token)

    def resolve_programmes(self, info):
        qs = visibility.pages(ProgrammePage.objects.all()).order_by("path")
        qs = qs.select_related("locale", "contact")
        return qs.prefetch_related("funder_links__organisation")

    def resolve_programme(self, info, id=None, slug=None, token=None):
        qs = visibility.pages(ProgrammePage.objects.all())
        return _single(qs, ProgrammePage, id=id, slug=slug, token=token)

    def resolve_campaign(self, info):
        return visibility.pages(CampaignPage.objects.all()).select_related("contact").first()
