"""Dates typed into the admin: German or ISO, never silently replaced by "now".

Wagtail's date pickers (the jQuery xdsoft picker) overwrote a value they could not read with the
current time when the field lost focus: "2026-12-24 10:00" typed into "Veröffentlicht ab"
(format "d.m.Y H:i") was saved as the moment of saving, and the portrait would have gone public
at once. `cms/static/cms/admin/date-picker.js` stops the picker from rewriting typed values; the
server reads what was typed — German as the office writes it, ISO as other programs do
(`cms/formats/de`) — and answers anything else with a German error naming the format. A go-live
in the past is refused for what is not live yet: Wagtail would publish it at once.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DATE_ERROR = _("Bitte ein Datum im Format TT.MM.JJJJ angeben, z. B. 24.12.2026.")
DATETIME_ERROR = _("Bitte ein Datum im Format TT.MM.JJJJ HH:MM angeben, z. B. 24.12.2026 10:00.")
PAST_GO_LIVE_ERROR = _(
    "Dieser Zeitpunkt ist schon vorbei: Die Seite würde sofort veröffentlicht. Bitte einen "
    "Zeitpunkt in der Zukunft angeben oder das Feld leeren."
)
# Above the form, after Wagtail's list of the errors: where the fields are. They sit in a dialog
# of the status side panel, which shows only "Ungültiger Zeitplan" until it is opened.
SCHEDULE_ERROR = _("Zum Korrigieren: Seitenleiste „Status“ → „Zeitplan bearbeiten“.")
SCHEDULE_FIELDS = ("go_live_at", "expire_at")


def register_form_field_overrides():
    """Every admin model form's date and date-time fields (pages, snippets, viewsets) answer an
    unreadable value with the German format. Called once from CmsConfig.ready()."""
    from wagtail.admin import widgets
    from wagtail.admin.forms.models import register_form_field_override  # registers Wagtail's

    register_form_field_override(
        models.DateTimeField,
        override={
            "widget": widgets.AdminDateTimeInput,
            "error_messages": {"invalid": DATETIME_ERROR},
        },
    )
    register_form_field_override(
        models.DateField,
        override={"widget": widgets.AdminDateInput, "error_messages": {"invalid": DATE_ERROR}},
    )


class ScheduleFormMixin:
    """For page forms (snippets here have no scheduling fields). A go-live time that has passed
    is refused when it is newly entered, or while the page is not live (approving or publishing
    would publish at once); a live page keeps the go-live time it went live with. (A new page is
    not live yet, whatever its unsaved `live` default says.) An error in a scheduling field is
    also shown above the form with the way to the field."""

    def clean(self):
        cleaned_data = super().clean()
        go_live_at = cleaned_data.get("go_live_at")
        if go_live_at and go_live_at <= timezone.now():
            live = self.instance.pk is not None and self.instance.live
            if not live or "go_live_at" in self.changed_data:
                self.add_error("go_live_at", PAST_GO_LIVE_ERROR)
        return cleaned_data

    def full_clean(self):
        super().full_clean()
        in_schedule = any(self._errors.get(name) for name in SCHEDULE_FIELDS)
        if self.is_bound and in_schedule and SCHEDULE_ERROR not in self.non_field_errors():
            self.add_error(None, SCHEDULE_ERROR)
