"""Admin page forms: ASCII slugs everywhere; a workflow action applies to the step the user saw;
a portrait needs valid consent to be published; a portrait's title and address follow its name."""

import re

from django import forms
from django.core.validators import validate_slug
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from cms.dates import ScheduleFormMixin
from pages.consent_rule import publish_refusal
from snippets.locale_choices import limit_to_locale, locale_of

WORKFLOW_ACTION_KEY = "action-workflow-action"  # set by Wagtail's workflow buttons
SEEN_TASK_STATE_FIELD = "seen_workflow_task_state"
STALE_TASK_STATE_MESSAGE = _(
    "Dieser Freigabeschritt wurde inzwischen abgeschlossen; es wurde nichts freigegeben. "
    "Bitte den aktuellen Schritt prüfen und dann erneut entscheiden."
)
CURRENT_TASK_MESSAGE = _("Aktueller Schritt: „%(task)s“.")

SLUG_HELP_TEXT = _(
    "Teil der Adresse auf den Partner-Websites (z. B. …/gluecksbringer/erika-beispiel). Nur "
    "Kleinbuchstaben, Ziffern und Bindestriche; nach der Veröffentlichung nicht mehr ändern, "
    "sonst führen bestehende Links ins Leere."
)
SLUG_ERROR_MESSAGE = _("„%(label)s“ auf dem Reiter „Auffindbarkeit“ korrigieren.")
# Website settings of Wagtail's promote tab that mean nothing to a headless CMS: the partner
# websites build their own menus, titles and search descriptions.
WEBSITE_ONLY_FIELDS = ("seo_title", "search_description", "show_in_menus")

GERMAN_LETTERS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)


def slug_for(name):
    """The ASCII address part for a name: "Jürgen Groß" → "juergen-gross"."""
    return slugify(name.translate(GERMAN_LETTERS))[:60].strip("-")


def free_slug(base, parent, page=None):
    """`base`, else `base-2`, `base-3`, …: the first no other page below `parent` uses."""
    taken = set(
        Page.objects.child_of(parent)
        .exclude(pk=getattr(page, "pk", None))
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


class SeenTaskStateField(forms.IntegerField):
    """Hidden bookkeeping, not content: it never counts as a change of the page."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False


class PageForm(ScheduleFormMixin, WagtailAdminPageForm):
    """Slugs are plain ASCII (WAGTAIL_ALLOW_UNICODE_SLUGS is off): partner websites build URLs
    from them. A go-live time that has passed is refused (cms.dates).

    A workflow action ("Freigeben", "Änderungen anfordern") applies to the task state shown when
    the form was rendered, never to whatever step is current when the request arrives: a second
    click or a replayed request would otherwise approve the next step as well. No panel claims
    the hidden field; Wagtail renders it with the form's unclaimed fields.
    """

    seen_workflow_task_state = SeenTaskStateField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self._current_task_state()
        self.fields[SEEN_TASK_STATE_FIELD].initial = current.pk if current else None
        for name in WEBSITE_ONLY_FIELDS:  # their panels hide themselves without a field
            self.fields.pop(name, None)
        if "slug" in self.fields:
            self.fields["slug"].help_text = SLUG_HELP_TEXT
        # Towns, organisations, contacts and areas in the page's own language only.
        limit_to_locale(self, locale_of(self, self.parent_page))

    def _current_task_state(self):
        if not self.instance.pk:
            return None
        return self.instance.current_workflow_task_state

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if slug:
            validate_slug(slug)
        return slug

    def full_clean(self):
        super().full_clean()
        # The slug lives on the "Auffindbarkeit" tab, which the user rarely has open: a
        # form-wide error makes Wagtail's message at the top list every error (the slug's with
        # its label) and says where to correct it.
        message = SLUG_ERROR_MESSAGE % {"label": self.fields["slug"].label}
        if self.is_bound and self._errors.get("slug") and message not in self.non_field_errors():
            self.add_error(None, message)

    def clean(self):
        cleaned_data = super().clean()
        if self.data.get(WORKFLOW_ACTION_KEY):
            self._refuse_stale_workflow_action(cleaned_data.get(SEEN_TASK_STATE_FIELD))
        return cleaned_data

    def _refuse_stale_workflow_action(self, seen):
        # Wagtail's edit view looks the current step up again when it acts, by then perhaps moved
        # on by a request that committed meanwhile. Pin the workflow state read here (through
        # the attribute Wagtail's prefetch_workflow_states fills): the view acts on the step
        # checked here, and editorial.approval refuses it if it was finished in the meantime.
        self.instance.__dict__.pop("_current_workflow_states", None)  # read it afresh
        state = self.instance.current_workflow_state if self.instance.pk else None
        self.instance._current_workflow_states = [state] if state else []
        current = self.instance.current_workflow_task_state
        if current is not None and seen == current.pk:
            return
        message = STALE_TASK_STATE_MESSAGE
        if current is not None:
            message = f"{message} {CURRENT_TASK_MESSAGE % {'task': current.task.name}}"
        self.add_error(None, message)
        # The form shown again carries the step that is current now: the user sees it (status
        # panel, footer actions) and decides again; reloading would only repeat the old POST.
        self.data = self.data.copy()
        self.data[self.add_prefix(SEEN_TASK_STATE_FIELD)] = current.pk if current else ""


class PortraitPageForm(PageForm):
    """The editor types the name; title and address (slug) follow from it.

    The title is not a field of the form but always the name, set on save: a second field with
    the same content looked like a duplicate (and could drift from the name), and the title is
    what the page tree and listings show, where the name is what editors look for. Hiding it is
    less surprising than pre-filling it: nothing to keep in step by hand.

    The slug may be left empty: it is derived from the name. While the portrait has never been
    published, the slug follows a changed name unless someone set it by hand (the name typed
    so far may already have been saved by autosave). A new portrait never fails on a slug its
    town already uses: "<slug>-2", "-3", … is taken instead.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        self._name_to_title_and_slug()
        cleaned_data = super().clean()
        # Only where publishing would happen: without the right, Wagtail saves a draft anyway.
        publishing = bool(self.data.get("action-publish")) and self._may_publish()
        if publishing:
            document = cleaned_data.get("consent_document")
            refusal = publish_refusal(
                cleaned_data.get("consent_given_by"),
                cleaned_data.get("consent_given_at"),
                cleaned_data.get("consent_scope"),
                document.pk if document else None,
                self.instance.consent_withdrawn_at,
                self.instance.consent_withdrawn_document_id,
            )
            if refusal is not None:
                self.add_error(None, refusal)
        return cleaned_data

    def _name_to_title_and_slug(self):
        name = (self.cleaned_data.get("name") or "").strip()
        if name:
            self.instance.title = name  # no title field: see the class docstring
        if "slug" not in self.cleaned_data:
            return  # an invalid slug keeps its error
        slug = self.cleaned_data["slug"]
        derived = not slug or self._follows_name(slug)
        if derived and name:
            slug = slug_for(name) or "portraet"
        if slug and (derived or not self.instance.pk):
            slug = free_slug(slug, self.parent_page, self.instance)
        self.cleaned_data["slug"] = slug

    def _follows_name(self, slug):
        """Whether `slug` is the one derived from the saved name (perhaps with a number), and
        the portrait was never published: then it follows the name."""
        instance = self.instance
        if not instance.pk or instance.first_published_at or not instance.name:
            return False
        base = slug_for(instance.name)
        return bool(base) and re.fullmatch(rf"{re.escape(base)}(-\d+)?", slug) is not None

    def _may_publish(self):
        user = self.for_user
        if self.instance.pk:
            return self.instance.permissions_for_user(user).can_publish()
        return self.parent_page.permissions_for_user(user).can_publish_subpage()
