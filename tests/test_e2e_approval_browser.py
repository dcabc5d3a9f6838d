"""One click is one approval, in headless Chromium against a live server whose mail server is
slow (about a second per message, like a real SMTP server under load).

Wagtail's edit form would post itself again in the background (autosave, `Accept:
application/json`) shortly after "Freigeben" is clicked, carrying the action, while the
approval's own request is still sending its notifications. The editor's script cancels that
autosave (editorial/static/editorial/autosave-without-actions.js): nothing is sent, so no
refused request shows in the console; the server would refuse it anyway
(tests/test_approval_once.py). Two steps take two clicks, each with a message naming it.

The test is transactional (the live server's threads see what it commits); see
`migration_data_back_afterwards` in tests/conftest.py.
"""

import threading
import time

import pytest
from django.core.signals import request_finished, request_started
from playwright.sync_api import expect
from wagtail.models import TaskState, WorkflowState

from cms import roles
from tests.browser import PASSWORD, Admin, screenshot_on_failure
from tests.factories import PortraitPageFactory
from tests.helpers.browser_steps import WATCHING
from tests.helpers.committed import COMMITTED
from tests.helpers.workflow import APPROVAL_STEP, CONSENT_STEP, steps

pytestmark = [pytest.mark.browser, *COMMITTED]

NEXT_STEP = f"Einwilligung geprüft. Nächster Schritt: {APPROVAL_STEP}."


@pytest.fixture
def notified(staff, make_user, django_user_model):
    """Besides the coordinator who acts: people Wagtail mails about each approval (it does not
    mail the person who acted), so every approval waits for the slow mail server."""
    make_user("koordination-vertretung", roles.COORDINATORS)
    django_user_model.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    return staff


def record_background_saves(page):
    """Requests the edit form posts by itself (autosave) while carrying a workflow action."""
    seen = []

    def on_request(request):
        background = "application/json" in (request.headers.get("accept") or "")
        acting = "action-workflow-action" in (request.post_data or "")
        if request.method == "POST" and background and acting:
            seen.append(request)

    page.on("request", on_request)
    page.add_init_script(WATCHING)
    return seen


class ServerRequests:
    """Counts the live server's requests (it runs in this process): the test waits until the
    server has finished every request a click caused, instead of sleeping for a guessed time."""

    def __init__(self):
        self.lock = threading.Lock()
        self.started = self.finished = self.background = 0

    def on_started(self, sender, environ, **kwargs):
        with self.lock:
            self.started += 1
            if "application/json" in environ.get("HTTP_ACCEPT", ""):
                self.background += 1

    def on_finished(self, sender, **kwargs):
        with self.lock:
            self.finished += 1

    def wait_until_idle(self, background, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if self.background >= background and self.started == self.finished:
                    return
            time.sleep(0.05)
        pytest.fail("the live server did not finish its requests in time")


@pytest.fixture
def server_requests():
    counter = ServerRequests()
    request_started.connect(counter.on_started)
    request_finished.connect(counter.on_finished)
    yield counter
    request_started.disconnect(counter.on_started)
    request_finished.disconnect(counter.on_finished)


def approve_once(admin, server, replays, portrait, button, step):
    """Click the workflow button once; return when the server has finished every request the
    click caused (the form and its background replay), with the replies the browser got."""
    admin.goto(f"/admin/pages/{portrait.pk}/edit/")
    expect(admin.page.get_by_text(f"Schritt {step}", exact=True)).to_be_visible()
    # A locator, not wait_for_function: the admin's CSP forbids the eval that one needs.
    expect(admin.page.locator("html[data-watching='true']")).to_have_count(1)
    admin.open_footer_actions()
    expect(admin.footer_action(button)).to_be_visible()
    before = len(replays)
    with server.lock:
        background = server.background
    admin.footer_action(button).click()
    admin.page.wait_for_url(admin.url(f"/admin/pages/{portrait.get_parent().pk}/"))
    # The browser sent its replay before the approval's answer arrived; the server may still
    # be working on it (a replay cut off by the navigation runs on regardless).
    server.wait_until_idle(background + len(replays) - before)
    answered = [request.response() for request in replays[before:]]
    return [response.status for response in answered if response is not None]


def test_two_steps_take_two_clicks(
    live_server,
    chromium,
    server_requests,
    settings,
    tree,
    notified,
):
    section = tree.dessau_section
    portrait = PortraitPageFactory(parent=section, title="Glück Zweimal", slug="glueck-zweimal")
    portrait.save_revision(user=notified["editor"])
    portrait.get_workflow().start(portrait, notified["editor"])
    settings.EMAIL_BACKEND = "tests.slow_mail.SlowEmailBackend"
    settings.SLOW_MAIL_SECONDS = 1.0
    coordinator = Admin(chromium, live_server.url)

    with screenshot_on_failure(coordinator):
        coordinator.login("koordination")
        replays = record_background_saves(coordinator.page)
        errors = []
        coordinator.page.on(
            "console", lambda message: message.type == "error" and errors.append(message.text)
        )

        approve_once(
            coordinator,
            server_requests,
            replays,
            portrait,
            "Freigeben",
            step=f"1 von 2: {CONSENT_STEP}",
        )
        # The message names the step decided and the next; the replay added none of its own.
        expect(coordinator.page.get_by_text(NEXT_STEP)).to_have_count(1)
        expect(coordinator.page.get_by_text("wurde aktualisiert")).to_have_count(0)
        assert steps(portrait) == [
            (CONSENT_STEP, TaskState.STATUS_APPROVED),
            (APPROVAL_STEP, TaskState.STATUS_IN_PROGRESS),
        ]
        portrait.refresh_from_db()
        assert not portrait.live
        assert replays == [], "the edit form sent the workflow action again in the background"

        button = "Freigeben und Veröffentlichen"
        approve_once(
            coordinator,
            server_requests,
            replays,
            portrait,
            button,
            step=f"2 von 2: {APPROVAL_STEP}",
        )
        published = f"Schritt „{APPROVAL_STEP}“ erledigt. „Glück Zweimal“ ist freigegeben und"
        expect(coordinator.page.get_by_text(published)).to_have_count(1)
        assert steps(portrait) == [
            (CONSENT_STEP, TaskState.STATUS_APPROVED),
            (APPROVAL_STEP, TaskState.STATUS_APPROVED),
        ]
        portrait.refresh_from_db()
        assert portrait.live
        assert portrait.workflow_states.get().status == WorkflowState.STATUS_APPROVED
        assert replays == [] and errors == [], (replays, errors)
        coordinator.screenshot("approval-two-clicks")

    coordinator.close()
