"""GraphiQL for developers (`GRAPHIQL_ENABLED`, development only): the public view of /graphql/
with the same limits, its page's scripts and styles served by this app from the package
graphene-django-graphiql-static, so it works on a machine without internet."""

from urllib.parse import quote, urlencode

from django.http import HttpResponseRedirect
from graphene_django_graphiql_static.views import GraphiQLOfflineView

from .views import PublicGraphQLView

# GraphiQL's page keeps these in the fragment (graphene-django's graphiql.js) and sends its
# requests to the page's own address.
EDITOR_PARAMETERS = ("query", "variables", "operationName")


class GraphiQLView(PublicGraphQLView, GraphiQLOfflineView):
    """PublicGraphQLView's behaviour; the offline view's template and subresource hashes."""

    graphiql = True

    def render_graphiql(self, request, **data):
        """A link with the query in the address's query string (/graphiql/?query=…, the form of
        older GraphiQL versions) opens with the query in the fragment instead. Left in the query
        string, it would be in the address of every request the page sends, where it wins over
        the body: the schema's own query would run the link's query and fail."""
        moved = {key: request.GET[key] for key in EDITOR_PARAMETERS if key in request.GET}
        if moved:
            kept = request.GET.copy()
            for key in moved:
                del kept[key]
            search = f"?{kept.urlencode()}" if kept else ""
            fragment = urlencode(moved, quote_via=quote)
            return HttpResponseRedirect(f"{request.path}{search}#{fragment}")
        return super().render_graphiql(request, **data)
