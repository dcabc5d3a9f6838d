"""GraphiQL for developers (`GRAPHIQL_ENABLED`, development only): the public view of /graphql/
with the same limits, its page's scripts and styles served by this app from the package
graphene-django-graphiql-static, so it works on a machine without internet."""

from graphene_django_graphiql_static.views import GraphiQLOfflineView

from .views import PublicGraphQLView


class GraphiQLView(PublicGraphQLView, GraphiQLOfflineView):
    """PublicGraphQLView's behaviour; the offline view's template and subresource hashes."""

    graphiql = True
