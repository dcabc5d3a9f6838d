"""The one door through which the exports ask the visibility policy. When the policy moves
(to cms/visibility/, with the portrait rules in pages/visibility.py), only these imports change:

    from cms.visibility import live_snippets, one_request, pages, snippets
    from pages.visibility import portraits
"""

from cms.graphql.visibility import live_snippets, one_request, pages, portraits, snippets

__all__ = ["live_snippets", "one_request", "pages", "portraits", "snippets"]
