"""What the embed's browser tests share: a partner site on another origin under a strict CSP,
the content it shows, and a browser window that watches for console errors, requests to third
hosts, cookies and axe-core violations."""

import http.server
import threading
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests.browser import TIMEOUT_MS
from tests.factories import (
    ImageFactory,
    PartnerCityFactory,
    PortraitPageFactory,
    ProgrammePageFactory,
    TownSectionPageFactory,
    publish,
)

AXE = Path(settings.BASE_DIR) / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def partner(live_server, settings):
    """A partner site on 127.0.0.1 serving the pages a test sets, each under a CSP that allows
    scripts, requests, images and frames from the CMS only (styles and its own files: itself)."""
    settings.WAGTAILADMIN_BASE_URL = live_server.url  # image addresses point at the live server
    files = {}
    cms = live_server.url
    policy = (
        f"default-src 'none'; script-src 'self' {cms}; connect-src {cms}; img-src {cms}; "
        f"style-src 'self'; frame-src {cms}; base-uri 'none'; form-action 'none'"
    )

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            body, kind = files.get(self.path.split("?")[0], ("", "text/plain"))
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Security-Policy", policy)
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"

    def page_with(path, body, head=""):
        files[path] = (
            f'<!doctype html><html lang="de"><head><meta charset="utf-8">'
            f"<title>Gräfenhainichen</title>{head}</head><body><main><h1>Unsere Stadt</h1>"
            f"{body}</main></body></html>",
            "text/html",
        )
        return f"{origin}{path}"

    yield page_with, files, origin
    server.shutdown()
    server.server_close()


@pytest.fixture
def content(tree):
    section = tree.dessau_section
    photo = ImageFactory(alt_text="Anna lacht in die Kamera")
    anna = publish(
        PortraitPageFactory(parent=section, name="Anna Nachbarin", slug="anna", photo=photo)
    )
    publish(PortraitPageFactory(parent=section, name="Bernd Helfer", slug="bernd"))
    publish(PortraitPageFactory(parent=section, name="Clara Mutig", slug="clara"))
    publish(ProgrammePageFactory(parent=tree.home, title="Ehrenamtskarte", slug="ehrenamtskarte"))
    draft = PartnerCityFactory(name="Gräfenhainichen", slug="graefenhainichen", live=False)
    publish(TownSectionPageFactory(parent=tree.campaign, town=draft))
    return anna


class Visit:
    """One browser window on a partner page, watching what a reviewer would check."""

    def __init__(self, chromium, *hosts):
        self.context = chromium.new_context(locale="de-DE")
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.errors, self.foreign = [], []
        allowed = {urlsplit(host).netloc for host in hosts}
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on(
            "request",
            lambda r: urlsplit(r.url).netloc not in allowed and self.foreign.append(r.url),
        )

    def axe(self):
        """axe-core's violations on the page (shadow roots included). Its source is evaluated
        by the driver: the page's own CSP would refuse it as a script tag."""
        self.page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
        found = self.page.evaluate("async () => (await axe.run(document)).violations")
        return [(v["id"], [n["target"] for n in v["nodes"]]) for v in found]

    def check_clean(self):
        assert self.errors == [], self.errors
        assert self.foreign == [], self.foreign
        assert self.context.cookies() == []
        assert self.axe() == []

    def close(self):
        self.context.close()


def element(tag, **attributes):
    attrs = " ".join(f'{k}="{escape(str(v))}"' for k, v in attributes.items())
    return f"<{tag} {attrs}><a href='https://example.invalid/'>Zu den Glücksbringern</a></{tag}>"


def with_script(cms, body):
    """A partner page's body with the element script of the CMS at `cms` after it."""
    return f'{body}<script type="module" src="{cms}/embed/v1.js"></script>'
