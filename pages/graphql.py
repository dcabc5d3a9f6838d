"""Root queries of the page types (docs/api.md, "Portraits" and "Programmes, campaign, home")."""

import graphene
from django.db.models import Count, Window
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
from .list_search import SearchIndex
from .models import CampaignPage, PortraitPage, ProgrammePage

PORTRAIT_ORDERS = ("-first_published_at", "first_published_at", "title", "-title")


class _RowsByIds:
    """A queryset as Django's Paginator sees it (count, slices), whose slice is one statement
    with a deferred join: the page's ids come from a subquery over the filter and order
    columns only (answered from indexes, see the pages migrations), and only those rows are read
    with their joins. A deep page no longer reads the wide rows it skips. `rows` is what the
    rows are read from (the same list without its search filter: the page's ids already
    matched it)."""

    def __init__(self, qs, rows=None):
        self.qs = qs
        self.rows = qs if rows is None else rows
        self.ordered = qs.ordered

    def count(self):
        return self.qs.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        return self.rows.filter(pk__in=self.qs.values("pk")[index])


class _CountedPage(_RowsByIds):
    """A page and the list's total from one walk over the visible rows: the page's ids with
    `COUNT(*) OVER ()` (the number of rows before LIMIT/OFFSET), then the page's rows by id.
    A list that shows its total runs the visibility joins once, not once for the count and
    again for the page. Only a page past the end (no row to carry the total) is counted on
    its own; grapple then gives the last page, as before."""

    def __init__(self, qs, rows, start, stop):
        super().__init__(qs, rows)
        self.start, self.stop = start, stop
        self._ids = self._total = None

    def _window(self, start, stop):
        # The always-true filter on the window makes Django put it in a subquery (its QUALIFY
        # emulation) and order and slice outside it: PostgreSQL then plans the join for every
        # row, as the count needs them all. Sliced at the same level, the planner believes
        # LIMIT stops it early and walks the order index with a nested loop per row (a search
        # page: 120 ms instead of 25 at 10,000 portraits).
        numbered = self.qs.annotate(_total=Window(Count("*"))).filter(_total__gt=0)
        found = list(numbered.values_list("pk", "_total")[start:stop])
        return [pk for pk, _total in found], (found[0][1] if found else None)

    def count(self):
        if self._ids is None:
            self._ids, self._total = self._window(self.start, self.stop)
        if self._total is None:  # no row from `start` on: empty, or a page past the end
            self._total = self.qs.count() if self.start else 0
        return self._total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        return self._read(self._page_ids(index))

    def _page_ids(self, index):
        if index.start == self.start and self._ids is not None:
            return self._ids[: index.stop - index.start]
        ids, _total = self._window(index.start, index.stop)  # past the end: the last page
        return ids

    def _read(self, ids):
        if not ids:
            return []
        position = {pk: i for i, pk in enumerate(ids)}
        return sorted(self.rows.filter(pk__in=ids), key=lambda row: position[row.pk])


class _IndexedPage(_CountedPage):
    """`_CountedPage` whose page and total come from the list's stored order when the current
    content generation has one (pages/list_index.py), else from one walk over the whole list,
    which is then stored. Its rows are read through the policy like any page's."""

    def __init__(self, qs, rows, start, stop, index):
        super().__init__(qs, rows, start, stop)
        self.index = index
        self.indexed = False

    def _window(self, start, stop):
        found = self.index.window(start, stop)
        if found is not None:
            self.indexed = True
            return found
        ids = self.index.walk(self.qs)
        self.indexed = False
        return ids[start:stop], len(ids)

    def _read(self, ids):
        rows = super()._read(ids)
        if self.indexed and len(rows) != len(ids):
            # A change committed and its bump is not made yet (it runs right after the commit):
            # the page shows what the policy passes, and the next request walks the list.
            self.index.forget()
        return rows


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
    with its page (`_CountedPage`), or read from the list's stored order when `index` (a
    pages.list_index.ListIndex) is given. `rows`: see `_RowsByIds`."""
    per_page = min(int(per_page or grapple_settings.PAGE_SIZE), grapple_settings.MAX_PAGE_SIZE)
    page = int(page or 1)
    if id is not None:
        qs = qs.filter(pk=id)
        rows = None if rows is None else rows.filter(pk=id)
    start, stop = (page - 1) * per_page, page * per_page
    if info is not None and not _selects(info, "pagination"):
        items = _RowsByIds(qs, rows)[start:stop]
        if page == 1 or items:  # evaluated here, read once
            return BasePaginatedType(items=items, pagination=None)
    if index is not None and index.enabled and id is None:
        counted = _IndexedPage(qs, rows, start, stop, index)
    else:
        counted = _CountedPage(qs, rows, start, stop)
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
