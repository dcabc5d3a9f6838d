"""The Wagtail admin works under its Content-Security-Policy, checked in Chromium (no eval, no
inline script; tests/test_security_headers.py checks the headers themselves). Transactional: a
module of its own, so the other modules' tests can share their page tree."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser import PASSWORD, Admin, screenshot_on_failure
from tests.helpers.committed import COMMITTED

pytestmark = [pytest.mark.browser, pytest.mark.long_running, *COMMITTED]


def test_admin_works_under_its_policy_in_chromium(live_server, chromium, tree, staff):
    coordinator = Admin(chromium, live_server.url)
    violations = []
    coordinator.page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    section = tree.dessau_section
    with screenshot_on_failure(coordinator):
        coordinator.login("koordination")
        for path in (
            "/admin/",
            f"/admin/pages/{section.pk}/",
            f"/admin/pages/add/pages/portraitpage/{section.pk}/",
            f"/admin/pages/{tree.campaign.pk}/edit/",
            "/admin/images/",
            "/admin/documents/",
            "/admin/snippets/",
            reverse("lockouts:index"),
        ):
            coordinator.goto(path)
            coordinator.settle()
        # The page editor's widgets work: rich text (Draftail) takes input.
        page = coordinator.page
        coordinator.goto(f"/admin/pages/{tree.campaign.pk}/edit/")
        expect(page.locator(".Draftail-Editor").first).to_be_visible()
        page.locator(".Draftail-Editor [contenteditable=true]").first.click()
        page.keyboard.type("Ein Satz im Editor.")
        expect(page.locator(".Draftail-Editor").first).to_contain_text("Ein Satz im Editor.")
        coordinator.settle()
        coordinator.screenshot("csp-seiteneditor")

        # The lockout page (cms/accounts.py) is Wagtail's login frame, under the same policy.
        intruder = Admin(chromium, live_server.url)
        intruder.page.on("console", lambda message: violations.append(message.text))
        for attempt in range(6):
            intruder.goto("/admin/login/")
            intruder.page.locator("#id_username").fill("redaktion-dessau")
            intruder.page.locator("#id_password").fill("falsch" if attempt < 5 else PASSWORD)
            intruder.page.get_by_role("button", name="Anmelden").click()
            intruder.settle()
        expect(intruder.page.locator("#lockout-message")).to_contain_text(
            "Zu viele fehlgeschlagene Anmeldeversuche"
        )
        expect(intruder.page.locator("form.login-form")).to_be_visible()
        intruder.screenshot("anmeldung-gesperrt")
    violations = [text for text in violations if "Content Security Policy" in text]
    assert not violations, "\n".join(sorted(set(violations)))
