"""The one visibility policy of the public API (see docs/api.md, "What the API shows"), asked by
GraphQL, REST, media serving, the embed, webhooks and the admin alike.

A client sees a page only if it and every page above it are live, it is public and not expired,
and it meets its app's rules (a portrait needs valid consent and a live town, a town's section
a live town: pages/visibility.py). A snippet is seen only if it meets the snippet rules
(one with a draft state only if live: snippets/visibility.py). An image or document is seen
only if visible content uses it or it sits in a public collection, and an image never if it
shows the photo of a portrait whose consent was withdrawn (media/visibility.py). Every
resolver, root field, nested field, chooser block and search path asks one of the functions
below.

The policy knows no app's models: each app registers its own rules (rules.py), and the policy
composes them.

- request.py: the request's content language, and lookups made once per request
- tree.py: pages (the page tree: offline and restricted subtrees), previews, list filters
- live.py: snippets
- files.py: images, documents, their tags
- search.py: search, and grapple's list arguments on a visible queryset
"""

from .files import (
    document_or_none,
    documents,
    hidden_image_ids,
    image_or_none,
    images,
    tags,
    used_image,
    used_images,
)
from .live import is_snippet_visible, live_snippets, snippet_or_none, snippets
from .request import (
    content_language,
    default_content_language,
    in_content_language,
    one_request,
    use_content_language,
)
from .search import matches, plain_search_terms, ranked_search, resolve_list, search, search_filter
from .tree import (
    MAY_HIDE_SUBTREE,
    UnknownArgument,
    filter_list,
    filterable,
    for_list,
    not_expired_q,
    page_or_none,
    pages,
    pages_of_type,
    previewable_pages,
    stored_list,
)

__all__ = [
    "MAY_HIDE_SUBTREE",
    "UnknownArgument",
    "content_language",
    "default_content_language",
    "document_or_none",
    "documents",
    "filter_list",
    "filterable",
    "for_list",
    "hidden_image_ids",
    "image_or_none",
    "images",
    "in_content_language",
    "is_snippet_visible",
    "live_snippets",
    "matches",
    "not_expired_q",
    "one_request",
    "page_or_none",
    "pages",
    "pages_of_type",
    "plain_search_terms",
    "previewable_pages",
    "ranked_search",
    "resolve_list",
    "search",
    "search_filter",
    "snippet_or_none",
    "snippets",
    "stored_list",
    "tags",
    "use_content_language",
    "used_image",
    "used_images",
]
