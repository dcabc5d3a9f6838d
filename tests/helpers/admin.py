"""Helpers for tests of the Wagtail admin: edit-form URLs and the data a browser posts, the
admin's refusals, the coordinator's client, the visible text of a screen."""

from html.parser import HTMLParser

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from snippets.models import ContactPerson, EngagementArea, Organisation, PartnerCity
from tests.helpers.portraits import draft_portrait as draft_portrait  # where it was

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


IGNORED_INPUT_TYPES = {"submit", "button", "image", "reset", "file"}


def browser_form_data(html):
    """The successful controls of the admin's edit form, as the browser submits them."""
    form = BeautifulSoup(html, "html.parser").find("form", attrs={"data-edit-form": True})
    data = {}

    def add(name, value):
        data.setdefault(name, []).append(value)

    for control in form.find_all(["input", "select", "textarea"]):
        name = control.get("name")
        if not name or control.has_attr("disabled"):
            continue
        if control.name == "textarea":
            add(name, control.text.removeprefix("\n"))
        elif control.name == "select":
            options = control.find_all("option")
            chosen = [o for o in options if o.has_attr("selected")]
            if not chosen and options and not control.has_attr("multiple"):
                chosen = options[:1]
            for option in chosen:
                add(name, option.get("value", option.text))
        elif control.get("type", "text") in {"checkbox", "radio"}:
            if control.has_attr("checked"):
                add(name, control.get("value", "on"))
        elif control.get("type", "text") not in IGNORED_INPUT_TYPES:
            add(name, control.get("value", ""))
    return data


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def assert_forbidden(response):
    """Wagtail's admin answers a permission error with 403, or a redirect to the dashboard
    carrying a "permission denied" message; either way nothing is shown or changed."""
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
    else:
        assert response.status_code == 403


@pytest.fixture
def coordinator_client(client, people):
    """The test client, logged in as Koordination (who may schedule and publish)."""
    client.force_login(people["coordinator"])
    return client


class VisibleText(HTMLParser):
    """The text a reader sees: no tags, attributes, scripts, styles, templates or elements
    marked `hidden`."""

    HIDDEN = {"script", "style", "template", "noscript"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self):
        super().__init__()
        self.open, self.parts = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.open.append((tag, tag in self.HIDDEN or "hidden" in dict(attrs)))

    def handle_endtag(self, tag):
        if any(name == tag for name, _hidden in self.open):
            while self.open.pop()[0] != tag:
                pass

    def handle_data(self, data):
        if not any(hidden for _tag, hidden in self.open):
            self.parts.append(data)


def visible_text(response):
    parser = VisibleText()
    parser.feed(response.content.decode())
    return " ".join(" ".join(parser.parts).split())


CHOOSERS = {
    EngagementArea: "wagtailsnippetchoosers_snippets_engagementarea:choose",
    PartnerCity: "wagtailsnippetchoosers_snippets_partnercity:choose",
    ContactPerson: "wagtailsnippetchoosers_snippets_contactperson:choose",
    Organisation: "wagtailsnippetchoosers_snippets_organisation:choose",
}
