"""Admin page forms: ASCII slugs everywhere; a portrait needs valid consent to be published."""

from django.core.validators import validate_slug
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

CONSENT_FIELDS = ("consent_given_by", "consent_given_at", "consent_scope", "consent_document")
NO_CONSENT_MESSAGE = _(
    "Ohne vollständige, nicht widerrufene Einwilligung kann das Porträt nicht veröffentlicht "
    "werden (Reiter „Einwilligung“)."
)


class PageForm(WagtailAdminPageForm):
    """Slugs are plain ASCII (WAGTAIL_ALLOW_UNICODE_SLUGS is off): partner websites build URLs
    from them."""

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if slug:
            validate_slug(slug)
        return slug


class PortraitPageForm(PageForm):
    def clean(self):
        cleaned_data = super().clean()
        # Only where publishing would happen: without the right, Wagtail saves a draft anyway.
        publishing = bool(self.data.get("action-publish")) and self._may_publish()
        if publishing:
            complete = all(cleaned_data.get(name) for name in CONSENT_FIELDS)
            if not complete or self.instance.consent_withdrawn_at:
                self.add_error(None, NO_CONSENT_MESSAGE)
        return cleaned_data

    def _may_publish(self):
        user = self.for_user
        if self.instance.pk:
            return self.instance.permissions_for_user(user).can_publish()
        return self.parent_page.permissions_for_user(user).can_publish_subpage()
