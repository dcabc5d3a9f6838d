from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .delivery import RefusedAddress, resolve
from .models import EVENT_CHOICES


def check_url(url):
    """The URL's host must resolve to allowed addresses (delivery.resolve); a ValidationError
    in German otherwise."""
    try:
        resolve(url)
    except RefusedAddress as error:
        raise forms.ValidationError(str(error)) from error


class EndpointForm(WagtailAdminModelForm):
    events = forms.MultipleChoiceField(
        label=_("Ereignisse"),
        choices=EVENT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Welche Änderungen gemeldet werden."),
    )

    def clean_url(self):
        url = self.cleaned_data["url"]
        check_url(url)
        return url
