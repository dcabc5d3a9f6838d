"""Where a searched portrait list's pages start: its visible matches in the list's order, kept
per content generation and search words like the list itself (pages/list_index.py).

Searching in SQL (`visibility.search_filter`) joins the search index to the visible list, and
at 100,000 portraits PostgreSQL runs that join once per visible portrait (a nested loop that
probes the index entry of each one: 1.3 s for "Helfen", which matches 20,000 of them). The same
answer in three cheap steps:

1. the matching ids from the search index alone (`visibility.matches`: one bitmap scan of the
   full-text index, no visibility join);
2. the list without its search, in order: its stored ids (`ListIndex.ids`, shared with the
   plain list of the same arguments), or one walk that stores them;
3. the list's ids that match, in the list's order: the page is a slice, the total their number.

The result is stored under a key of the list's arguments plus the search words (a digest: the
key stays bounded whatever the words), so the next page or the next visitor with the same words
reads one or two chunks. What keeps it right is what keeps the list right: the generation in
the key, an entry's life bounded by the next expiry (read in step 1's statement), and the rows
read through the policy again, a page that finds a row hidden dropping both entries. With the
index off (`PAGE_LIST_INDEX_SECONDS = 0`) the list is searched in SQL as before; with Redis down
every request takes the three steps, storing nothing.
"""

from cms import visibility

from .list_index import ListIndex


class SearchIndex(ListIndex):
    """The stored order of a searched list: `rows` is the list without its search (the
    queryset that `ListIndex(**arguments)` walks), `words` the plain search words."""

    def __init__(self, words, rows, **arguments):
        super().__init__(**arguments, search=words)
        self.words = words
        self.rows = rows
        self.list = ListIndex(**arguments)

    def walk(self, qs):
        """The visible matches in the list's order, kept for this generation when `window`
        missed (`qs`, the list searched in SQL, only when the index is off)."""
        if self.generation is None:
            return super().walk(qs)
        found = visibility.matches(self.rows.model, self.words)
        found = found.annotate(_next_expiry=self.next_expiry()).values_list("pk", "_next_expiry")
        matched = dict(found)
        listed = self._list().ids()
        if listed is None:
            listed = self.list.walk(self.rows)
        ids = [pk for pk in listed if pk in matched]
        self.keep(ids, next(iter(matched.values()), None))
        return ids

    def forget(self):
        if self.generation is not None:
            super().forget()
            self._list().forget()

    def _list(self):
        """The list without its search, of the same generation (read once per request)."""
        self.list.generation, self.list.started = self.generation, self.started
        return self.list
