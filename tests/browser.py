"""Headless Chromium for the end-to-end test: launch, log in, fill Wagtail's widgets, screenshots.

Chromium comes from the Debian package (`apt-get install -y chromium chromium-driver`);
`playwright install` is not used. Playwright's sync API drives it.
"""

import asyncio
import json
import os
import re
import time
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from django.db import connection, connections
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTEFACTS = Path(__file__).resolve().parent.parent / "artefacts" / "e2e"
PASSWORD = "pw-für-den-browser"
TIMEOUT_MS = 15_000
QUIET_SECONDS = 0.15  # see Admin.settle


def launch_chromium(playwright):
    """The system Chromium; a missing browser is a failure, never a skip (CI installs it)."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium fehlt unter {CHROMIUM}: `apt-get install -y chromium chromium-driver` "
            "(oder CHROMIUM_PATH setzen). Der Browser-Test wird nicht übersprungen.",
            pytrace=False,
        )
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


class SharedChromium:
    """One Chromium for consecutive browser tests of a test process (the `chromium` fixture):
    launched for the first, kept while the tests that follow use it, closed before the first
    test that does not (conftest's `pytest_runtest_setup`, which also runs the browser tests
    last) and at the end. Each test gets fresh browser contexts (`for_one_test`): cookies and
    storage are never shared between tests.

    Playwright's sync API marks its event loop as running in this thread. Inside a browser test
    that is as it was with a browser per test: Django would refuse the test's ORM calls as
    "async unsafe" (nothing here is async: they are allowed), and they use connections of their
    own (Django keeps connections per async context). Between the tests the loop is not marked
    (Playwright runs nothing then): fixtures, other tests and pytest-django's database setup and
    teardown see the thread as sync, with its usual connections."""

    def __init__(self):
        self.playwright = None
        self.browser = None
        self.loop = None

    def open(self):
        if self.browser is not None and not self.browser.is_connected():
            self.close()  # Chromium went away (crashed in an earlier test): a new one
        if self.browser is None:
            self.playwright = sync_playwright().start()
            self.loop = asyncio.get_running_loop()
            try:
                self.browser = launch_chromium(self.playwright)
            except BaseException:
                self.close()
                raise
            asyncio._set_running_loop(None)  # noqa: SLF001 - see the class
        return self.browser

    @contextmanager
    def for_one_test(self):
        """The browser; the contexts (windows) the test opens are closed after it."""
        browser = self.open()
        asyncio._set_running_loop(self.loop)  # noqa: SLF001
        allowed = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        before = set(browser.contexts)
        try:
            yield browser
        finally:
            for context in browser.contexts:
                if context not in before:
                    with suppress(Exception):  # the test's own error matters more
                        context.close()
            # The test's ORM calls under Playwright's event loop used connections of their
            # own: close them, or PostgreSQL refuses to drop the test database at the end
            # ("being accessed by other users"). Then the thread's own, as after a browser
            # that closed.
            connections.close_all()
            asyncio._set_running_loop(None)  # noqa: SLF001
            connections.close_all()
            wait_until_no_request_runs()
            if allowed is None:
                os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            else:
                os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = allowed

    def close(self):
        if self.playwright is None:
            return
        asyncio._set_running_loop(self.loop)  # noqa: SLF001
        if self.browser is not None:
            with suppress(Exception):
                self.browser.close()
            self.browser = None
        self.playwright.stop()  # ends the loop (and marks none as running)
        self.playwright = self.loop = None


SHARED_CHROMIUM = SharedChromium()


# Words a tester found in English (or as Python's "None") on the admin's screens; the journeys
# check every screen they show against them.
ENGLISH_ON_SCREEN = re.compile(
    r"\b(None|Root|Password|Dashboard|Save draft|Publish|Approve|Request changes|Submit|"
    r"Cancel|Delete|Settings|Search|Images|Documents|Reports|Snippets|Log in|Log out|"
    r"Preview|Scheduled|In moderation|Editor Guide|exists|Must provide)\b"
)


def not_german(title, text):
    """English words of ENGLISH_ON_SCREEN in the visible text, and "Wagtail" in the title."""
    found = set(ENGLISH_ON_SCREEN.findall(text))
    if "Wagtail" in title:
        found.add(f"title: {title}")
    return sorted(found)


# The visible controls of the open calendar's field's form (or dialog) that the calendar overlaps.
COVERED_BY_CALENDAR = """fieldId => {
    const calendar = [...document.querySelectorAll(".xdsoft_datetimepicker")]
        .find(el => getComputedStyle(el).display !== "none");
    const field = document.getElementById(fieldId);
    const scope = field.closest("[role=dialog], form") || document.body;
    const c = calendar.getBoundingClientRect();
    return [...scope.querySelectorAll("input, select, textarea, button")]
        .filter(el => el !== field && el.getClientRects().length && !calendar.contains(el))
        .filter(el => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && r.left < c.right && r.right > c.left
                && r.top < c.bottom && r.bottom > c.top;
        })
        .map(el => el.name || el.id || el.textContent.trim() || el.tagName);
}"""


# Where the named fields below a field are, relative to it (a notice appearing above the form,
# such as autosave's, moves everything alike and does not count).
CONTROL_TOPS = """fieldId => {
    const field = document.getElementById(fieldId);
    const scope = field.closest("[role=dialog], form");
    const top = field.getBoundingClientRect().top;
    const tops = {};
    for (const el of scope.querySelectorAll("input[name], select[name], textarea[name]")) {
        const offset = Math.round(el.getBoundingClientRect().top - top);
        if (el.getClientRects().length && offset > 0) tops[el.name] = offset;
    }
    return tops;
}"""


class Admin:
    """One person's browser window on the Wagtail admin of the live server."""

    def __init__(self, browser, base_url):
        self.base_url = base_url
        self.context = browser.new_context(
            viewport={"width": 1400, "height": 1000}, locale="de-DE", timezone_id="Europe/Berlin"
        )
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.open_requests = set()
        self.page.on("request", lambda request: self.open_requests.add(request))
        self.page.on("requestfinished", lambda request: self.open_requests.discard(request))
        self.page.on("requestfailed", lambda request: self.open_requests.discard(request))

    def url(self, path):
        return f"{self.base_url}{path}"

    def settle(self):
        """The page has loaded and its network is quiet: no request open for QUIET_SECONDS (a
        script's request sent just after the load is waited for too). Playwright's
        "networkidle" is the same with 500 ms of quiet, waited out after every step of every
        browser test (stop 32: 6.5 s of each role journey)."""
        self.page.wait_for_load_state("load")
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        quiet_since = None
        while time.monotonic() < deadline:
            now = time.monotonic()
            if self.open_requests:
                quiet_since = None
            elif quiet_since is None:
                quiet_since = now
            elif now - quiet_since >= QUIET_SECONDS:
                return
            self.page.wait_for_timeout(20)  # Playwright delivers the request events meanwhile
        open_urls = sorted(request.url for request in self.open_requests)
        raise AssertionError(
            f"{self.page.url}: requests still open after {TIMEOUT_MS} ms: {open_urls}"
        )

    def goto(self, path):
        self.page.goto(self.url(path))

    def login(self, username, password=PASSWORD):
        page = self.page
        self.goto("/admin/login/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(password)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_url(self.url("/admin/"))

    def screenshot(self, name, german=True):
        """Keep a picture of this step (CI keeps artefacts/), and check the screen speaks
        German: no English words from ENGLISH_ON_SCREEN, no "None" (see `not_german`)."""
        if german:
            found = not_german(self.page.title(), self.page.locator("body").inner_text())
            assert not found, f"{name}: {found} on {self.page.url}"
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        # Animations finished: a dropdown is captured open, not half faded in.
        self.page.screenshot(
            path=str(ARTEFACTS / f"{name}.png"), full_page=True, animations="disabled"
        )

    def open_footer_actions(self):
        """The ▲ next to the main button in the edit form's footer: submit, approve, …"""
        self.page.locator("footer").get_by_role("button", name="Mehr Aktionen").click()

    def footer_action(self, label):
        return self.page.locator("footer").get_by_role("button", name=label, exact=True)

    def pick_today(self, field_id):
        """A date field: open its calendar and click today, as an editor does."""
        page = self.page
        layout = page.evaluate(CONTROL_TOPS, field_id)
        page.locator(f"#{field_id}").click()
        self.expect_open_calendar()
        self.expect_calendar_covers_no_other_field(field_id)
        page.locator(".xdsoft_datetimepicker:visible td.xdsoft_date.xdsoft_today").click()
        self.expect_no_open_calendar()
        # Fields moved down for the open calendar are back in their place (by name: buttons
        # such as a field's comment button come and go with the focus).
        assert layout, f"no fields below {field_id}"
        same = (
            f"([id, before]) => {{ const now = ({CONTROL_TOPS})(id);"
            " return Object.keys(before).every(name => now[name] === before[name]); }"
        )
        try:
            page.wait_for_function(same, arg=[field_id, layout], timeout=5000)
        except PlaywrightTimeout:
            moved = page.evaluate(CONTROL_TOPS, field_id)
            pytest.fail(f"controls below {field_id}: before {layout}, after {moved}")

    def type_datetime(self, field_id, value):
        """A date-time field: type the value. The calendar opens (100 ms after focus) and closes
        on blur; wait for it to open first, else it opens over the buttons after the blur."""
        field = self.page.locator(f"#{field_id}")
        field.fill(value)
        self.expect_open_calendar()
        self.expect_calendar_covers_no_other_field(field_id)
        field.blur()
        self.expect_no_open_calendar()
        expect(field).to_have_value(value)

    def expect_calendar_covers_no_other_field(self, field_id):
        """The open calendar lies over no other input, select, text area or button of the form
        or dialog its field is in (cms/static/cms/admin/date-picker.js opens it beside its
        field): the person sees the next field and the button while picking."""
        covered = self.page.evaluate(COVERED_BY_CALENDAR, field_id)
        assert covered == [], f"the calendar of {field_id} covers {covered}"

    def expect_open_calendar(self):
        """One calendar open: it opens 100 ms after its field has the focus (later on a busy
        machine), as a person sees it before typing."""
        expect(self.page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)

    def expect_no_open_calendar(self):
        expect(self.page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)

    def choose_document(self, field_name, title):
        """Wagtail's document chooser: open the modal, click the document by its title."""
        page = self.page
        page.locator(f"[data-contentpath={field_name}] .chooser__choose-button").click()
        page.locator(".modal").get_by_role("link", name=title).click()
        expect(page.locator(f"#id_{field_name}-title")).to_have_text(title)

    def close(self):
        self.context.close()


class Watched(Admin):
    """A window that collects the console's errors and the page's uncaught exceptions."""

    def __init__(self, browser, base_url):
        super().__init__(browser, base_url)
        self.errors = []
        self.page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        # Which request failed: the console says only "the server responded with a status of …".
        self.failed = []
        self.page.on("response", self._record_refusal)

    def _record_refusal(self, response):
        if response.status >= 400:
            self.failed.append(response)

    def _overtaken_autosave(self, response):
        """Wagtail's autosave of the edit form (a POST that does not accept HTML) refused with
        400 while the editor's own save ("Zeitplan speichern") overtook it: Wagtail refuses an
        autosave that would overwrite a newer revision (`invalid_revision`, by design), and the
        editor sees the page the save reloads. Its body cannot be read once that reload has
        happened, so any 400 autosave at the edit URL is reported, not counted (stop 28 found
        the race behind it: the tests went on before the save's reload, see
        `tests.helpers.browser_steps.save_schedule`). Any other refusal counts."""
        request = response.request
        return (
            response.status == 400
            and request.method == "POST"
            and response.url.rstrip("/").endswith("/edit")
            and "text/html" not in request.headers.get("accept", "")
        )

    def expect_no_console_error(self, where):
        overtaken = [r for r in self.failed if self._overtaken_autosave(r)]
        failed = [
            f"{r.status} {r.request.method} {r.url}" for r in self.failed if r not in overtaken
        ]
        errors = list(self.errors)
        for _ in overtaken:  # the console's line for each, which names no URL
            line = next((e for e in errors if "status of 400" in e), None)
            if line is not None:
                errors.remove(line)
        assert not errors, f"{where}: {errors} (requests refused: {failed})"

    def expect_german_without_console_error(self, where):
        """The page on screen: no English word (see `not_german`), no console error so far."""
        self.settle()
        found = not_german(self.page.title(), self.page.locator("body").inner_text())
        assert not found, f"{where}: {found} on {self.page.url}"
        self.expect_no_console_error(where)


@contextmanager
def screenshot_on_failure(*admins):
    """Leave a picture of every open window when the test fails (CI keeps artefacts/)."""
    try:
        yield
    except BaseException:
        for number, admin in enumerate(admins):
            with suppress(Exception):  # the original error matters more
                admin.screenshot(f"failure-{number}")
        raise


def graphql(base_url, query):
    """POST a query to the live server's /graphql/ over real HTTP, as a partner website does."""
    request = urllib.request.Request(  # noqa: S310 - the test's own live server
        f"{base_url}/graphql/",
        data=json.dumps({"query": query}).encode(),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        assert response.status == 200
        payload = json.loads(response.read())
    assert "errors" not in payload, payload["errors"]
    return payload["data"]


def wait_until_no_request_runs(timeout=10.0):
    """Wait until no other session of the test database runs a statement or holds a
    transaction open (PostgreSQL). A closed window does not stop the live server: it finishes
    the requests the window had sent (an autosave, a save), and the flush that ends a
    transactional test deadlocks with a request still inside the database (seen with three test
    processes: the next test then found the last one's pages)."""
    if connection.vendor != "postgresql":
        return
    deadline, quiet = time.monotonic() + timeout, 0
    with connection.cursor() as cursor:
        while quiet < 2 and time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() AND state <> 'idle'"
            )
            quiet = quiet + 1 if cursor.fetchone()[0] == 0 else 0
            time.sleep(0.05)
    connection.close()
