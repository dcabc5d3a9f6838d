"""A page of an ordered list and the list's total, as GraphQL's `portraits` (pages/graphql.py)
and REST's portrait list (cms/rest/endpoints.py, through the policy's registry) read them: one
piece for both APIs.

- `RowsByIds`: a page without its total, its rows read by id (a deferred join);
- `CountedPage`: a page and the total from one statement (`COUNT(*) OVER ()`);
- `IndexedPage`: a page and the total from the list's stored order (pages/list_index.py), the
  rows read by id through the policy again; a miss walks the list once and stores it.

`page_of_list` picks the last two; `rows_and_total` is what REST calls (registered with the
policy by pages/visibility.py: `cms` imports no app).
"""

from django.db.models import Count, Window

from .list_index import ListIndex


class RowsByIds:
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


class CountedPage(RowsByIds):
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
        if self._total is None:  # no row in the window: empty, past the end, or none asked for
            empty = self.start == 0 and self.stop > 0  # (REST's `limit=0` asks for none)
            self._total = 0 if empty else self.qs.count()
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


class IndexedPage(CountedPage):
    """`CountedPage` whose page and total come from the list's stored order when the current
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


def page_of_list(qs, start, stop, rows=None, index=None):
    """The page from `start` to `stop` of the ordered list `qs` and its total, as a queryset
    that Django's Paginator (grapple) and Wagtail's pagination can take (`count()`, slices):
    from the list's stored order when `index` (a ListIndex) is given and enabled, else counted
    with its page in one statement. `rows`: see `RowsByIds`."""
    if index is not None and index.enabled:
        return IndexedPage(qs, rows, start, stop, index)
    return CountedPage(qs, rows, start, stop)


def rows_and_total(qs, start, stop, **arguments):
    """(the rows from `start` to `stop`, the total) of the ordered list `qs`, kept in stored
    order under `arguments` (what chooses and orders its rows: the ListIndex key, shared with
    GraphQL's list of the same arguments). Past the end: no rows, the true total."""
    page = page_of_list(qs, start, stop, index=ListIndex(**arguments))
    total = page.count()
    return list(page[start:stop]), total
