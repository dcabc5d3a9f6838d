"""The snippets app's part of the visibility policy (cms/visibility/), registered with it: a
snippet with a draft state is seen only if live, and a live organisation shows its logo.

cms/apps.py imports this module once all models are loaded (`rules.autodiscover`).
"""

from django.db.models import Q
from wagtail.models import DraftStateMixin

from cms.visibility import rules

from .models import Organisation


def _live_q(model):
    return Q(live=True) if issubclass(model, DraftStateMixin) else None


def _is_live(obj):
    return not isinstance(obj, DraftStateMixin) or obj.live


rules.snippet_rule(_live_q, _is_live)


@rules.show_images
def shown_logo_ids():
    """The logos of live organisations."""
    return Organisation.objects.filter(live=True, logo__isnull=False).values("logo_id")
