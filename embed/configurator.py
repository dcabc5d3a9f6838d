"""The configurator's choices (admin: Einbetten) and the snippets they make: the custom element
with its script, the iframe, and the plain address for oEmbed."""

from django import forms
from django.core.validators import RegexValidator
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from snippets.models import EngagementArea, PartnerCity

from .params import COLOUR, Selection
from .queries import DEFAULT_LIMIT, MAX_LIMIT

DEFAULT_ACCENT = "#0a5a8c"
TAGS = {
    "portraits": "engagierte-stadt-portraits",
    "portrait": "engagierte-stadt-portraits",
    "programmes": "engagierte-stadt-programme",
    "towns": "engagierte-stadt-partnerstaedte",
}
LANGUAGE_CHOICES = [("de", _("Deutsch")), ("en", _("Englisch")), ("de-x-ls", _("Leichte Sprache"))]


def _live_german(model):
    return model.objects.filter(live=True, locale__language_code="de").order_by("name")


class ConfiguratorForm(forms.Form):
    variant = forms.ChoiceField(
        label=_("Was soll erscheinen?"),
        choices=[
            ("portraits", _("Porträts einer Stadt (Liste)")),
            ("portrait", _("Ein einzelnes Porträt")),
            ("programmes", _("Die Programme")),
            ("towns", _("Die Partnerstädte")),
        ],
    )
    town = forms.ChoiceField(label=_("Partnerstadt"), required=False)
    area = forms.ChoiceField(label=_("Engagementbereich"), required=False)
    slug = forms.SlugField(
        label=_("Kürzel des Porträts"),
        required=False,
        help_text=_("Nur für „Ein einzelnes Porträt“, z. B. anna-beispiel."),
    )
    limit = forms.IntegerField(
        label=_("Anzahl je Seite"), min_value=1, max_value=MAX_LIMIT, initial=DEFAULT_LIMIT
    )
    lang = forms.ChoiceField(label=_("Sprache"), choices=LANGUAGE_CHOICES, initial="de")
    accent = forms.CharField(
        label=_("Akzentfarbe"),
        initial=DEFAULT_ACCENT,
        widget=forms.TextInput(attrs={"type": "color"}),
        validators=[RegexValidator(COLOUR, _("Bitte eine Farbe wie #0a5a8c wählen."))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["town"].choices = [("", _("alle Städte"))] + [
            (town.slug, town.name) for town in _live_german(PartnerCity)
        ]
        self.fields["area"].choices = [("", _("alle Bereiche"))] + [
            (area.slug, area.name) for area in _live_german(EngagementArea)
        ]

    def clean(self):
        data = super().clean()
        if data.get("variant") == "portrait" and not data.get("slug"):
            self.add_error("slug", _("Bitte das Kürzel des Porträts angeben."))
        return data


def snippets(data, base_url):
    """{"script", "iframe", "url", "element"} for the cleaned choices; iframe and url only for
    portraits (the iframe page shows portraits)."""
    variant = data["variant"]
    accent = data["accent"] if data["accent"].lower() != DEFAULT_ACCENT else ""
    values = {"lang": data["lang"] if data["lang"] != "de" else "", "accent": accent}
    if variant == "portraits":
        values.update(town=data["town"], area=data["area"], limit=data["limit"])
    elif variant == "portrait":
        values.update(slug=data["slug"])
    attributes = {key: value for key, value in values.items() if value}
    frame = None
    if variant in ("portraits", "portrait"):
        selection = Selection(
            **{k: v for k, v in attributes.items() if k != "limit"},
            limit=attributes.get("limit", DEFAULT_LIMIT),
        )
        frame = f"{base_url}{reverse('embed_portraits')}?{selection.querystring()}"
    tag = TAGS[variant]
    attrs = "".join(f' {key}="{escape(value)}"' for key, value in attributes.items())
    fallback = frame or base_url + "/"
    element = (
        f'<{tag}{attrs}>\n  <a href="{escape(fallback)}">{escape(_("Engagierte Stadt"))}</a>\n'
        f"</{tag}>"
    )
    script = f'{element}\n<script type="module" src="{base_url}{reverse("embed_script")}"></script>'
    iframe = (
        f'<iframe src="{escape(frame)}" title="{escape(_("Glücksbringer-Porträts"))}" '
        f'width="100%" height="600"></iframe>'
        if frame
        else None
    )
    return {"element": element, "script": script, "iframe": iframe, "url": frame}
