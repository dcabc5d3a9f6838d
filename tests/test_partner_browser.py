"""What a partner town's web developer meets, in headless Chromium against the live server:

- the page from docs/api.md ("A complete partner page"), served from another origin on
  127.0.0.1, lists its town's portraits through the API (CORS), and nothing else;
- GraphiQL (`make run`) works on a machine without internet: every script and style comes from
  the app itself, and a query runs.

Transactional (live server): a module of its own.
"""

import http.server
import re
import threading
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser import TIMEOUT_MS
from tests.factories import PortraitPageFactory, publish
from tests.helpers.committed import COMMITTED

pytestmark = [pytest.mark.browser, *COMMITTED]

DOCS = Path(settings.BASE_DIR) / "docs" / "api.md"


def partner_page_from_docs(api_url):
    """The docs' partner page, with its API address pointed at the live server."""
    text = DOCS.read_text(encoding="utf-8")
    page = re.search(r"^```html\n(<!-- partner-page -->.*?)^```", text, re.S | re.M).group(1)
    placeholder = 'const API = "https://cms.example.de/graphql/";'
    assert placeholder in page
    return page.replace(placeholder, f'const API = "{api_url}";')


@pytest.fixture
def partner_site():
    """A second web server on 127.0.0.1 (another origin than the CMS on localhost), serving
    one HTML page set by the test."""
    pages = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            body = pages.get(self.path, "").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", pages
    server.shutdown()
    server.server_close()


def new_page(chromium):
    context = chromium.new_context(locale="de-DE")
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def test_the_documented_partner_page_lists_its_towns_portraits(
    live_server, chromium, tree, partner_site, settings
):
    origin, pages = partner_site
    settings.CORS_ALLOWED_ORIGINS = [origin]
    dessau, wittenberg = tree.dessau_section, tree.sections["lutherstadt-wittenberg"]
    publish(PortraitPageFactory(parent=dessau, name="Anna Nachbarin", slug="anna"))
    publish(PortraitPageFactory(parent=dessau, name="Bernd Helfer", slug="bernd"))
    publish(PortraitPageFactory(parent=wittenberg, name="Clara Woanders", slug="clara"))
    PortraitPageFactory(parent=dessau, name="Dora Entwurf", slug="dora")  # a draft
    pages["/gluecksbringer.html"] = partner_page_from_docs(f"{live_server.url}/graphql/")

    page = new_page(chromium)
    page.goto(f"{origin}/gluecksbringer.html")
    items = page.locator("#portraits li[data-slug]")
    expect(items).to_have_count(2)
    assert sorted(items.evaluate_all("nodes => nodes.map(n => n.dataset.slug)")) == [
        "anna",
        "bernd",
    ]
    expect(page.locator("#portraits")).to_contain_text(
        "Anna Nachbarin – Ich bin ein Glücksbringer, weil ich gern Menschen zusammenbringe."
    )
    page.context.close()


def test_the_partner_page_without_cors_permission_says_so(
    live_server, chromium, tree, partner_site, settings
):
    origin, pages = partner_site
    settings.CORS_ALLOWED_ORIGINS = ["https://www.bitterfeld-wolfen.de"]  # not this origin
    pages["/gluecksbringer.html"] = partner_page_from_docs(f"{live_server.url}/graphql/")
    page = new_page(chromium)
    page.goto(f"{origin}/gluecksbringer.html")
    expect(page.locator("#portraits")).to_have_text(
        "Die Porträts können gerade nicht geladen werden."
    )
    page.context.close()


def introspection(response):
    return response.request.method == "POST" and "IntrospectionQuery" in (
        response.request.post_data or ""
    )


@pytest.mark.urls("tests.debug_urls")
def test_graphiql_works_without_internet(live_server, chromium, tree, settings):
    # As in development (cms/settings/dev.py): GraphiQL's page is outside the policy.
    settings.CONTENT_SECURITY_POLICY = {
        **settings.CONTENT_SECURITY_POLICY,
        "EXCLUDE_URL_PREFIXES": ["/graphiql/"],
    }
    publish(PortraitPageFactory(parent=tree.dessau_section, name="Anna Nachbarin"))
    page = new_page(chromium)
    outside = []

    def only_this_server(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:  # the machine has no internet: nothing may depend on it
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_server)
    query = "{ portraits { items { name } } }"
    # A link in the query-string form of older GraphiQL versions: the page loads the schema
    # (its introspection query answers without errors) and shows the link's query.
    with page.expect_response(introspection) as schema:
        page.goto(f"{live_server.url}/graphiql/?query={quote(query)}")
    assert "errors" not in schema.value.json(), schema.value.json()
    assert page.url == f"{live_server.url}/graphiql/#query={quote(query)}"
    expect(page.locator(".graphiql-container")).to_be_visible()
    page.locator(".graphiql-execute-button").click()
    expect(page.locator(".result-window")).to_contain_text("Anna Nachbarin")
    assert outside == []
    page.context.close()
