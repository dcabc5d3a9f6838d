"""The ground of the API and the admin: the visible root queries (grapple's page, pages,
search, ... under the policy), rich text under the policy, the partner API keys, the lockout
list, where date pickers open and that they keep typed dates. Each content app registers its
own queries and mutations in its wagtail_hooks."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from cms.accounts import lockout_viewset
from cms.admin_views import PartnerApiKeyViewSet
from cms.graphql.blocks import register_rich_text_handlers
from cms.graphql.queries import VisibleRootQuery


@hooks.register("register_schema_query")
def register_queries(query_mixins):
    # First in the bases, so these resolvers replace grapple's for page/pages/search/…
    query_mixins.insert(0, VisibleRootQuery)


@hooks.register("register_admin_viewset")
def register_api_key_viewset():
    return PartnerApiKeyViewSet("api_keys", url_prefix="api-schluessel")


@hooks.register("register_admin_viewset")
def register_lockout_viewset():
    return lockout_viewset()


# After Wagtail's own (order 0): links and embeds in rich text follow the visibility policy.
@hooks.register("register_rich_text_features", order=1)
def rich_text_under_the_visibility_policy(features):
    register_rich_text_handlers(features)


@hooks.register("insert_global_admin_css")
def date_picker_css():
    return format_html('<link rel="stylesheet" href="{}">', static("cms/admin/date-picker.css"))


@hooks.register("insert_global_admin_js")
def date_picker_beside_its_field():
    """Date pickers open beside their field, not over the fields below it, and leave a typed
    value alone instead of replacing it with "now" (cms.dates)."""
    return format_html('<script src="{}"></script>', static("cms/admin/date-picker.js"))
