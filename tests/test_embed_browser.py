"""The embed (issue 22) on a partner's page, in headless Chromium: the partner site is a second
web server on 127.0.0.1 (the CMS runs on localhost, another origin) whose pages carry a strict
Content-Security-Policy naming the CMS host only. For each variant: the content is shown, no
cookie is set, no request leaves the two hosts, the console stays free of errors (a CSP
violation is one) and axe-core finds no violation.

Transactional (live server): a module of its own.
"""

import json
import re
import urllib.request
from html import escape
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from embed.models import TownEmbed
from nominations.models import Nomination
from tests import embed_partner
from tests.embed_partner import Visit, element, with_script
from tests.helpers.committed import COMMITTED

# The shared fixtures (tests/embed_partner.py), by name for pytest.
partner, content = embed_partner.partner, embed_partner.content

pytestmark = [pytest.mark.browser, *COMMITTED, pytest.mark.urls("tests.debug_urls")]

# WordPress's part, reduced to what it does with an oEmbed answer of a site it does not know
# (wp_filter_oembed_result, wp-embed.js): a sandboxed frame with a secret, shown only once the
# frame answers "ready" with its height; a "link" message is followed by the host page.
WP_EMBED_JS = """
const frames = [...document.querySelectorAll("iframe[data-secret]")];
window.addEventListener("message", (event) => {
  const data = event.data || {};
  const frame = frames.find((f) => f.dataset.secret === data.secret);
  if (!frame) return;
  if (data.message === "height") {
    frame.height = String(Math.max(200, Math.min(1000, data.value)));
    frame.classList.remove("wp-hidden");
  }
  // WordPress follows a link to the frame's own host only.
  if (data.message === "link" && new URL(data.value).host === new URL(frame.src).host) {
    document.body.dataset.link = data.value;
  }
});
for (const frame of frames) {
  const secret = frame.dataset.secret;
  const ready = () => frame.contentWindow.postMessage({message: "ready", secret}, "*");
  frame.addEventListener("load", ready);
  ready();
}
"""
WP_CSS = ".wp-hidden { position: absolute; clip: rect(1px, 1px, 1px, 1px); }"


def structured_data(page, tag):
    """The schema.org JSON-LD in each `tag` element's light DOM (None where there is none)."""
    return page.evaluate(
        """(tag) => [...document.querySelectorAll(tag)].map((e) => {
          const s = e.querySelector(':scope > script[type="application/ld+json"]');
          return s && JSON.parse(s.textContent);
        })""",
        tag,
    )


def things(data):
    return [entry["item"] for entry in data["itemListElement"]]


def test_the_element_shows_each_variant_under_a_strict_csp(
    live_server, chromium, content, partner, tree
):
    page_with, _, origin = partner
    TownEmbed.objects.create(town=tree.dessau, allowed_origins=origin)
    script = f'<script type="module" src="{live_server.url}/embed/v1.js"></script>'
    url = page_with(
        "/embed.html",
        element("engagierte-stadt-portraits", town="dessau-rosslau", limit=2, lang="de")
        + element("engagierte-stadt-portraits", slug="anna")
        + element("engagierte-stadt-programme")
        + element("engagierte-stadt-programme", lang="en")
        + element("engagierte-stadt-partnerstaedte")
        + element("engagierte-stadt-portraits", town="graefenhainichen")
        + script,
    )
    visit = Visit(chromium, origin, live_server.url)
    page = visit.page
    page.goto(url)
    lists = page.locator("engagierte-stadt-portraits")
    first = lists.nth(0)
    expect(first.get_by_role("listitem")).to_have_count(2)
    expect(first).to_contain_text("Clara Mutig")
    expect(first).to_contain_text("Ich bin ein Glücksbringer, weil ich gern Menschen")
    expect(first.get_by_role("status")).to_have_text("Seite 1 von 2")
    # Keyboard paging: Tab to "Weiter", Enter; focus stays on the pager.
    next_button = first.get_by_role("button", name="Weiter")
    next_button.focus()
    page.keyboard.press("Enter")
    expect(first.get_by_role("status")).to_have_text("Seite 2 von 2")
    expect(first).to_contain_text("Anna Nachbarin")
    expect(first.get_by_role("button", name="Zurück")).to_be_focused()
    expect(first.get_by_role("img", name="Anna lacht in die Kamera")).to_be_visible()
    expect(lists.nth(1).get_by_role("listitem")).to_have_count(1)
    expect(lists.nth(1)).to_contain_text("Anna Nachbarin")
    programmes = page.locator("engagierte-stadt-programme")
    expect(programmes.nth(0)).to_contain_text("Ehrenamtskarte")
    # No English version: no silent German stand-in, a notice in English.
    expect(programmes.nth(1)).to_contain_text("There is nothing to show here yet.")
    expect(page.locator("engagierte-stadt-partnerstaedte")).to_contain_text(
        "Lutherstadt Wittenberg"
    )
    expect(lists.nth(2)).to_contain_text("Diese Partnerstadt ist nicht veröffentlicht.")
    expect(lists.nth(2)).not_to_contain_text("Gräfenhainichen")
    # schema.org JSON-LD of what each element shows, in its light DOM; none with a notice.
    portraits = structured_data(page, "engagierte-stadt-portraits")
    assert [(t["@type"], t["name"]) for t in things(portraits[0])] == [("Person", "Anna Nachbarin")]
    assert things(portraits[0])[0]["homeLocation"] == {"@type": "City", "name": "Dessau-Roßlau"}
    assert portraits[2] is None
    programme_markup = structured_data(page, "engagierte-stadt-programme")
    assert [(t["@type"], t["name"]) for t in things(programme_markup[0])] == [
        ("Project", "Ehrenamtskarte")
    ]
    assert programme_markup[1] is None
    towns = things(structured_data(page, "engagierte-stadt-partnerstaedte")[0])
    assert {t["@type"] for t in towns} == {"GovernmentOrganization"}
    assert "Lutherstadt Wittenberg" in {t["name"] for t in towns}
    # Reflow at 320 CSS pixels: nothing wider than the window.
    page.set_viewport_size({"width": 320, "height": 800})
    widest = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('engagierte-stadt-portraits')]"
        ".map(e => e.getBoundingClientRect().right))"
    )
    assert widest <= 320
    visit.check_clean()
    visit.close()


def test_a_portrait_withdrawn_in_the_admin_is_gone_from_the_element_on_the_next_load(
    live_server, chromium, content, partner, tree, people
):
    page_with, _, origin = partner
    TownEmbed.objects.create(town=tree.dessau, allowed_origins=origin)
    url = page_with(
        "/embed.html",
        with_script(
            live_server.url, element("engagierte-stadt-portraits", town="dessau-rosslau", limit=6)
        ),
    )
    visit = Visit(chromium, origin, live_server.url)
    visit.page.goto(url)
    portraits = visit.page.locator("engagierte-stadt-portraits")
    expect(portraits).to_contain_text("Anna Nachbarin")
    coordination = Client()  # the admin's "Einwilligung widerrufen", confirmed
    coordination.force_login(people["coordinator"])
    response = coordination.post(reverse("editorial_withdraw_consent", args=(content.pk,)))
    assert response.status_code == 302
    visit.page.reload()
    expect(portraits.get_by_role("listitem")).to_have_count(2)
    expect(portraits).not_to_contain_text("Anna Nachbarin")
    assert visit.errors == [] and visit.context.cookies() == []
    visit.close()


def test_an_origin_no_town_allows_gets_no_content(live_server, chromium, content, partner):
    page_with, _, origin = partner
    url = page_with(
        "/embed.html",
        with_script(live_server.url, element("engagierte-stadt-portraits", town="dessau-rosslau")),
    )
    visit = Visit(chromium, origin, live_server.url)
    visit.page.goto(url)
    expect(visit.page.locator("engagierte-stadt-portraits")).to_contain_text(
        "Die Inhalte können gerade nicht geladen werden."
    )
    visit.close()


def test_the_iframe_fits_its_content(live_server, chromium, content, partner):
    page_with, _, origin = partner
    src = f"{live_server.url}/embed/portraits/?town=dessau-rosslau&limit=3"
    url = page_with(
        "/frame.html",
        f'<iframe src="{escape(src)}" title="Glücksbringer aus Dessau-Roßlau" width="100%" '
        f'height="50"></iframe>'
        f'<script type="module" src="{live_server.url}/embed/v1.js"></script>',
    )
    visit = Visit(chromium, origin, live_server.url)
    visit.page.goto(url)
    frame = visit.page.frame_locator("iframe")
    expect(frame.get_by_role("listitem")).to_have_count(3)
    visit.page.wait_for_function("() => document.querySelector('iframe').height > 200")
    inner = visit.page.frames[1].evaluate("() => document.documentElement.scrollHeight")
    assert abs(int(visit.page.locator("iframe").get_attribute("height")) - inner) <= 2
    visit.check_clean()
    # The frame's page on its own: axe-core finds nothing either.
    visit.page.goto(src)
    expect(visit.page.get_by_role("listitem")).to_have_count(3)
    assert visit.axe() == []
    visit.close()


def oembed(live_server, url):
    query = urlencode({"url": url, "format": "json"})
    with urllib.request.urlopen(f"{live_server.url}/oembed?{query}") as answer:  # noqa: S310
        return json.load(answer)


def test_a_wordpress_site_embeds_the_pasted_address(live_server, chromium, content, partner):
    page_with, files, origin = partner
    pasted = f"{live_server.url}/embed/portraits/?town=dessau-rosslau&limit=2"
    html = oembed(live_server, pasted)["html"]
    assert html.startswith("<iframe ") and "Anna" not in html
    # What WordPress stores and shows: the frame sandboxed, with a secret, hidden until it answers.
    secret = "Xy7Q2pLm9a"
    html = html.replace('src="', 'sandbox="allow-scripts" data-secret="' + secret + '" src="', 1)
    html = html.replace('" title=', f'#?secret={secret}" title=', 1)
    html = html.replace('class="', 'class="wp-hidden ', 1)
    files["/wp-embed.js"] = (WP_EMBED_JS, "text/javascript")
    files["/wp.css"] = (WP_CSS, "text/css")
    url = page_with(
        "/wp.html",
        html + '<script src="/wp-embed.js"></script>',
        head='<link rel="stylesheet" href="/wp.css">',
    )
    visit = Visit(chromium, origin, live_server.url)
    visit.page.goto(url)
    iframe = visit.page.locator("iframe")

    expect(iframe).not_to_have_class("wp-hidden engagierte-stadt-embed")
    frame = visit.page.frame_locator("iframe")
    expect(frame.get_by_role("listitem")).to_have_count(2)
    frame.get_by_role("link", name="Clara Mutig").click()
    clara = "http://localhost:3000/gluecksbringer/dessau-rosslau/clara/"
    expect(visit.page.locator("body")).to_have_attribute(
        "data-link", f"{live_server.url}/embed/link/?to={quote(clara, safe='')}"
    )
    visit.check_clean()
    visit.close()


def test_a_nomination_from_a_partner_page_arrives_tagged(
    live_server, chromium, content, partner, tree, mailoutbox
):
    page_with, _, origin = partner
    TownEmbed.objects.create(town=tree.dessau, allowed_origins=origin)
    url = page_with(
        "/mitmachen.html",
        with_script(live_server.url, element("engagierte-stadt-nominieren", town="dessau-rosslau")),
    )
    visit = Visit(chromium, origin, live_server.url)
    page = visit.page
    page.goto(url)
    form = page.locator("engagierte-stadt-nominieren")
    form.get_by_label("Name der Person oder Initiative").fill("Erika Beispiel")
    form.get_by_label("eine Initiative").check()
    form.get_by_label("Warum ist sie ein Glücksbringer?").fill("Sie hilft.")
    form.get_by_label("Ihr Name", exact=False).first.fill("Max Muster")
    form.get_by_label("Ihre E-Mail-Adresse").fill("max@example.org")
    form.get_by_role("button", name="Vorschlag senden").click()
    # The API's German answers, at the fields; focus on the first field in error.
    reason = form.get_by_label("Warum ist sie ein Glücksbringer?")
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(reason).to_be_focused()
    expect(form).to_contain_text("mindestens 20 Zeichen")
    expect(form).to_contain_text("Bitte stimmen Sie der Verarbeitung Ihrer Angaben")
    assert visit.axe() == []
    reason.fill("Sie organisiert seit Jahren das Nachbarschaftsfest im Quartier.")
    form.get_by_label("Ich bin einverstanden", exact=False).check()
    form.get_by_role("button", name="Vorschlag senden").click()
    expect(form.get_by_role("status")).to_contain_text("Vielen Dank! Ihr Vorschlag ist angekommen.")
    nomination = Nomination.objects.get()
    assert nomination.town.slug == "dessau-rosslau"
    assert nomination.nominee_kind == "initiative"
    assert nomination.embedded_from == origin
    expect(form.get_by_role("status")).to_contain_text(nomination.reference)
    visit.check_clean()
    visit.close()


def test_koordination_configures_an_embed_with_a_live_preview(
    live_server, chromium, content, staff
):
    from tests.browser import Admin

    admin = Admin(chromium, live_server.url)
    admin.login("koordination")
    admin.page.get_by_role("link", name="Einbetten").click()
    expect(admin.page.get_by_role("heading", name="Einbetten", level=1)).to_be_visible()
    admin.page.get_by_label("Partnerstadt", exact=True).select_option(label="Dessau-Roßlau")
    admin.page.wait_for_url("**/admin/einbetten/?*town=dessau-rosslau*")
    admin.page.get_by_label("Anzahl je Seite").fill("2")
    admin.page.get_by_role("button", name="Vorschau aktualisieren").click()
    preview = admin.page.locator("[data-embed-preview] engagierte-stadt-portraits")
    expect(preview.get_by_role("listitem")).to_have_count(2)
    expect(preview).to_contain_text("Clara Mutig")
    snippet = admin.page.locator("#embed-script")
    expect(snippet).to_have_value(re.compile(r'town="dessau-rosslau" limit="2"'))
    admin.context.grant_permissions(["clipboard-read", "clipboard-write"])
    admin.page.get_by_role("button", name="Kopieren").first.click()
    expect(admin.page.get_by_text("In die Zwischenablage kopiert")).to_be_visible()
    admin.screenshot("embed-configurator")
    admin.close()
