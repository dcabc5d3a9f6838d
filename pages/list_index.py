"""Where a portrait list's pages start, in GraphQL and REST alike (pages/list_page.py): the
list's visible ids in order, kept per content generation, so that a deep page or a total does
not walk every visible portrait again.

A list that shows its total (`pagination { total }`) or asks for a page past the first must
know every visible row before its page: the count walks them all, and an OFFSET walks to the
page. Both grow with the number of portraits (issue 19: the deep page at 10,000 portraits
1.38x slower than at 1,000). The answer to "which portraits, in which order" changes only
when content changes, and every content change bumps the content generation once it commits
(cms/events.py, cms.models.ContentGeneration). So the first request of a generation walks the
list once and stores its ids in the default cache (Redis), in chunks of `CHUNK` ids; later
requests of the same generation read the one or two chunks their page lies in and the list's
total, in one round trip, and read only their page's rows.

What keeps it right:
- The key holds the generation (read before the walk, like the response cache,
  cms/graphql/cache.py), the content language and fallback, and the list's arguments
  (town, area, kind, order). A walk that saw content older than a change is stored under a
  generation that the change's bump has ended.
- An entry lives at most PAGE_LIST_INDEX_SECONDS and never past the next moment a live page
  expires after the walk started (as the response cache's answers, `lifetime` in
  cms/graphql/cache.py): expiry needs no content event. The next expiry is read in the walk's
  statement, so a miss costs one statement more than a hit (the generation), a hit none.
- The ids only choose rows; the rows are read through the full visibility policy again. A page
  whose rows do not all pass it (a change committed, its bump not yet made) drops the entry and
  the next request walks (`IndexedPage`, pages/list_page.py), so a withdrawn portrait neither
  shows nor counts.
- Redis down: the cache misses and drops writes (cms/cache.py); the first failed call opens the
  cache's breaker, and while it is open the index is off: a list counts its page with its total
  in one statement (`CountedPage`, pages/list_page.py), as with PAGE_LIST_INDEX_SECONDS=0.
  A search list is stored by pages/list_search.py, under a digest of its words.
"""

import hashlib
from array import array

from django.conf import settings
from django.core.cache import cache
from django.db.models import Subquery
from django.utils import timezone
from wagtail.models import Page

from cms import visibility
from cms.models import ContentGeneration

CHUNK = 1000  # ids per cache entry: 8 KB; a page of at most 100 lies in one or two


class ListIndex:
    """The stored order of one list (`arguments`: what chooses and orders its rows)."""

    def __init__(self, **arguments):
        code, fallback = visibility.content_language()
        described = repr(sorted({**arguments, "language": code, "fallback": fallback}.items()))
        self.digest = hashlib.sha256(described.encode()).hexdigest()[:32]
        self.generation = None

    @property
    def enabled(self):
        # Redis down (the cache's breaker open, cms/cache.py): nothing to read or keep, so the
        # list counts its page in one statement rather than walk every row for nothing.
        breaker = getattr(cache, "breaker", None)
        return settings.PAGE_LIST_INDEX_SECONDS > 0 and not (breaker and breaker.is_open)

    def _key(self, part):
        return f"pages:list:{self.generation}:{self.digest}:{part}"

    def window(self, start, stop):
        """(the ids from `start` to `stop`, the list's total), or None when not stored."""
        if not self.enabled:
            return None
        if self.generation is None:  # once per request (a page past the end asks twice)
            self.generation = ContentGeneration.current()
            self.started = timezone.now()
        first, last = start // CHUNK, max(start, stop - 1) // CHUNK
        keys = [self._key("total")] + [self._key(i) for i in range(first, last + 1)]
        found = cache.get_many(keys)
        total = found.get(keys[0])
        if total is None:
            return None
        ids = array("q")
        for key, i in zip(keys[1:], range(first, last + 1), strict=True):
            if i * CHUNK < total:
                if key not in found:
                    return None
                ids.frombytes(found[key])
        offset = first * CHUNK
        return list(ids[start - offset : stop - offset]), total

    def ids(self):
        """The whole list's ids when this generation has them stored, else None."""
        found = self.window(0, 1)
        if found is not None:
            found = self.window(0, found[1])
        return None if found is None else found[0]

    def walk(self, qs):
        """The ids of `qs` (the whole list, in order), kept for this generation when `window`
        missed. The next expiry of a live page (which bounds the entry, like the response cache's
        `lifetime`) is read in the same statement, as a column computed once."""
        if self.generation is None:
            return list(qs.values_list("pk", flat=True))
        found = list(qs.annotate(_next_expiry=self.next_expiry()).values_list("pk", "_next_expiry"))
        ids = [pk for pk, _expiry in found]
        self.keep(ids, found[0][1] if found else None)
        return ids

    def next_expiry(self):
        """The next moment a live page expires after this request started, as a subquery."""
        live = Page.objects.filter(live=True, expire_at__gt=self.started)
        return Subquery(live.order_by("expire_at").values("expire_at")[:1])

    def keep(self, ids, next_expiry):
        """Store `ids` as this generation's list, until `next_expiry` at the latest."""
        seconds = settings.PAGE_LIST_INDEX_SECONDS
        if next_expiry is not None:
            seconds = min(seconds, int((next_expiry - timezone.now()).total_seconds()))
        if seconds > 0:
            self._store(ids, seconds)

    def _store(self, ids, seconds):
        entries = {
            self._key(i // CHUNK): array("q", ids[i : i + CHUNK]).tobytes()
            for i in range(0, len(ids), CHUNK)
        }
        entries[self._key("total")] = len(ids)
        cache.set_many(entries, timeout=seconds)

    def forget(self):
        if self.generation is not None:
            cache.delete(self._key("total"))
