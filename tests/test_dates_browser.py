"""In headless Chromium: a go-live typed by keyboard into the status panel's schedule dialog is
saved as typed, in German and in ISO form; an unreadable one is a German error naming the
format, and nothing is scheduled (cms/dates.py, cms/static/cms/admin/date-picker.js).

Before, the date picker replaced "2026-12-24 10:00" with the current time when the field lost
focus, and the portrait would have gone public at once after approval."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Page

from cms.dates import DATETIME_ERROR, PAST_GO_LIVE_ERROR, SCHEDULE_ERROR
from tests.browser import Admin, screenshot_on_failure
from tests.factories import PortraitPageFactory
from tests.helpers.browser_steps import SCHEDULE_BUTTON, open_status_panel, saved, type_go_live
from tests.helpers.committed import COMMITTED

pytestmark = [pytest.mark.browser, pytest.mark.long_running, *COMMITTED]


def at(*args):
    return timezone.make_aware(datetime.datetime(*args))


def scheduled_go_live(page):
    return Page.objects.get(pk=page.pk).get_latest_revision_as_object().go_live_at


def schedule(admin, page, typed):
    admin.goto(f"/admin/pages/{page.pk}/edit/")
    type_go_live(admin, typed)


def test_go_live_typed_by_keyboard(live_server, chromium, tree, staff):
    portrait = PortraitPageFactory(parent=tree.dessau_section, live=False)
    coordinator = Admin(chromium, live_server.url)
    with screenshot_on_failure(coordinator):
        coordinator.login("koordination")
        for typed, expected in (
            ("2030-12-24 10:00", at(2030, 12, 24, 10, 0)),
            ("24.12.2030, 11:30", at(2030, 12, 24, 11, 30)),
            ("2030-12-24T09:15", at(2030, 12, 24, 9, 15)),
            ("25.12.2030 08:00", at(2030, 12, 25, 8, 0)),
        ):
            schedule(coordinator, portrait, typed)
            expect(coordinator.page.get_by_text(str(DATETIME_ERROR))).to_have_count(0)
            assert saved(lambda: scheduled_go_live(portrait), expected) == expected, typed
        # The dialog shows what was saved, in the one German format.
        coordinator.goto(f"/admin/pages/{portrait.pk}/edit/")
        open_status_panel(coordinator)
        expect(coordinator.page.get_by_text("25.12.2030 08:00").first).to_be_visible()
        coordinator.screenshot("datum-zeitplan-gespeichert")

        past = timezone.localtime() - datetime.timedelta(hours=2)
        for typed, error, name in (
            ("24/12/2030 10:00", DATETIME_ERROR, "unlesbar"),
            (f"{past:%d.%m.%Y %H:%M}", PAST_GO_LIVE_ERROR, "vergangen"),
        ):
            schedule(coordinator, portrait, typed)
            # Named above the form at once, and under the field in the schedule dialog.
            messages = coordinator.page.locator(".messages")
            expect(messages).to_contain_text(str(error))
            expect(messages).to_contain_text(str(SCHEDULE_ERROR))
            coordinator.screenshot(f"datum-{name}-meldung")
            open_status_panel(coordinator)
            coordinator.page.get_by_role("button", name=SCHEDULE_BUTTON).click()
            dialog = coordinator.page.get_by_role("dialog")
            expect(dialog.get_by_text(str(error))).to_be_visible()
            expect(dialog.locator("#id_go_live_at")).to_have_value(typed)
            coordinator.screenshot(f"datum-{name}-dialog")
            assert scheduled_go_live(portrait) == at(2030, 12, 25, 8, 0)  # nothing changed
    coordinator.close()
