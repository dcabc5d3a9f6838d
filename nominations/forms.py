"""Validation of a nomination sent through the public API: every rule lives here.

The GraphQL mutation only maps the input onto this form and the form's errors back onto the
input's camelCase field names (`FIELD_NAMES`); messages are German, for the person who filled
in the form, or English with Accept-Language: en (locale/en): lazy, translated when the
mutation reads them (`field_errors`).
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from graphene.utils.str_converters import to_camel_case

from cms import visibility
from snippets.models import EngagementArea, PartnerCity, phone_validator

from .models import Nomination

MAX_AREAS = 10

REQUIRED = gettext_lazy("Bitte ausfüllen.")
# Django's MaxLengthValidator fills in limit_value when the message is shown.
TOO_LONG = gettext_lazy("Bitte höchstens %(limit_value)s Zeichen angeben.")


def _messages(**extra):
    return {"required": REQUIRED, **extra}


def reject_broken_characters(value):
    """Unpaired UTF-16 surrogates (possible in JSON, "\\ud800") cannot be stored or mailed."""
    if any("\ud800" <= character <= "\udfff" for character in str(value)):
        raise forms.ValidationError(
            gettext("Der Text enthält ungültige Zeichen. Bitte neu eingeben."), code="surrogates"
        )


class SlugMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A list of slugs; more than `MAX_AREAS` is refused before the database is asked."""

    def clean(self, value):
        if value and len(value) > MAX_AREAS:
            raise forms.ValidationError(
                gettext("Bitte höchstens %(maximum)s Engagementbereiche angeben.")
                % {"maximum": MAX_AREAS},
                code="too_many",
            )
        return super().clean(value)


class NominationForm(forms.Form):
    nominee_name = forms.CharField(
        max_length=200,
        error_messages=_messages(max_length=TOO_LONG),
    )
    nominee_kind = forms.ChoiceField(
        choices=Nomination.Kind.choices,
        error_messages=_messages(
            invalid_choice=gettext_lazy(
                "Bitte „person“ (Person) oder „initiative“ (Initiative) angeben."
            )
        ),
    )
    town = forms.ModelChoiceField(
        queryset=PartnerCity.objects.none(),
        to_field_name="slug",
        error_messages=_messages(
            invalid_choice=gettext_lazy("Diese Partnerstadt ist nicht bekannt.")
        ),
    )
    areas = SlugMultipleChoiceField(
        queryset=EngagementArea.objects.none(),
        to_field_name="slug",
        required=False,
        error_messages={
            "invalid_list": gettext_lazy("Bitte eine Liste von Engagementbereichen angeben."),
            "invalid_choice": gettext_lazy("Der Engagementbereich „%(value)s“ ist nicht bekannt."),
            "invalid_pk_value": gettext_lazy("Der Engagementbereich „%(pk)s“ ist nicht bekannt."),
        },
    )
    reason = forms.CharField(
        min_length=20,
        max_length=4000,
        error_messages=_messages(
            min_length=gettext_lazy(
                "Bitte beschreiben Sie in ein paar Sätzen (mindestens 20 Zeichen), "
                "warum die Person oder Initiative ein Glücksbringer ist."
            ),
            max_length=TOO_LONG,
        ),
    )
    nominator_name = forms.CharField(
        max_length=200,
        error_messages=_messages(max_length=TOO_LONG),
    )
    nominator_email = forms.EmailField(
        max_length=254,
        error_messages=_messages(
            invalid=gettext_lazy("Bitte eine gültige E-Mail-Adresse angeben."),
            max_length=TOO_LONG,
        ),
    )
    nominator_phone = forms.CharField(
        max_length=30,
        required=False,
        validators=[phone_validator],
        error_messages={"max_length": TOO_LONG},
    )
    nominee_informed = forms.BooleanField(required=False)
    privacy_consent = forms.BooleanField(
        error_messages={
            "required": gettext_lazy(
                "Bitte stimmen Sie der Verarbeitung Ihrer Angaben gemäß der "
                "Datenschutzerklärung zu."
            )
        },
    )
    website = forms.CharField(required=False, strip=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators.append(reject_broken_characters)
        # Only live towns and areas: a draft snippet is not public yet.
        self.fields["town"].queryset = visibility.snippets(PartnerCity)
        self.fields["areas"].queryset = visibility.snippets(EngagementArea)

    @property
    def trapped(self):
        """True when the honeypot is filled (hidden from people, filled in by bots). The caller
        answers like a success and stores nothing: the bot learns nothing to adapt to."""
        return bool(self.cleaned_data.get("website"))

    def save(self, embedded_from=""):
        data = self.cleaned_data
        nomination = Nomination.objects.create(
            nominee_name=data["nominee_name"],
            nominee_kind=data["nominee_kind"],
            town=data["town"],
            reason=data["reason"],
            nominator_name=data["nominator_name"],
            nominator_email=data["nominator_email"],
            nominator_phone=data["nominator_phone"],
            nominee_informed=data["nominee_informed"],
            privacy_consent_at=timezone.now(),
            embedded_from=embedded_from[:200],
        )
        nomination.areas.set(data["areas"])
        return nomination

    def field_errors(self):
        """[(camelCase input field, message in the active language)]: one per field in error
        (the first, the most basic problem: a field too long for an e-mail address is not asked
        to be one)."""
        return [
            (FIELD_NAMES.get(name, "input"), str(messages[0]))
            for name, messages in self.errors.items()
        ]


FIELD_NAMES = {name: to_camel_case(name) for name in NominationForm.base_fields}
