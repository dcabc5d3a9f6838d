"""Preview tokens: the only way for a client to see a draft.

A token names one page revision and expires (PREVIEW_TOKEN_MAX_AGE seconds). Editors get it from
the page's "Vorschau-Link" in the admin; a partner site passes it as `token`.
"""

from django.conf import settings
from django.core import signing
from wagtail.models import Revision

from cms import visibility

SALT = "engagierte-stadt.preview"


def make_token(page):
    revision = page.latest_revision
    return signing.dumps(
        {"page": page.pk, "revision": revision.pk if revision else None}, salt=SALT
    )


def page_from_token(token):
    """The previewed revision of the page as a page object, or None for a bad or old token."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.PREVIEW_TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    page = visibility.previewable_pages().filter(pk=data.get("page")).specific().first()
    if page is None:
        return None
    revision = Revision.page_revisions.filter(
        pk=data.get("revision"), object_id=str(page.pk)
    ).first()
    return revision.as_object() if revision else page
