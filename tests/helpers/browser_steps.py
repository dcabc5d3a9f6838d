"""Steps in the page editor that browser tests share (tests/browser.py drives Chromium)."""

import re
import time

from playwright.sync_api import expect

SCHEDULE_BUTTON = re.compile("^Zeitplan (festlegen|bearbeiten)$")  # before / after a schedule


def open_status_panel(admin):
    """Wagtail remembers an open side panel from one page load to the next."""
    status = admin.page.get_by_role("button", name="Status umschalten")
    if status.get_attribute("aria-expanded") != "true":
        status.click()
    expect(admin.page.get_by_role("button", name=SCHEDULE_BUTTON)).to_be_visible()


def type_go_live(admin, typed):
    """Status panel → "Zeitplan festlegen" (or "bearbeiten") → type into "Veröffentlicht ab" key
    by key, leave the field, "Zeitplan speichern"."""
    form = admin.page
    open_status_panel(admin)
    form.get_by_role("button", name=SCHEDULE_BUTTON).click()
    field = form.locator("#id_go_live_at")
    field.click()
    # Waited for: else it opens after the Tab below and stays open over the dialog.
    admin.expect_open_calendar()
    field.press("Control+a")
    field.press("Delete")
    field.press_sequentially(typed, delay=20)
    form.keyboard.press("Tab")  # the picker used to rewrite the value here
    admin.expect_no_open_calendar()
    expect(field).to_have_value(typed)
    save_schedule(admin)


def save_schedule(admin):
    """ "Zeitplan speichern" saves the whole form and reloads the same edit URL: wait for that
    reload, not for the URL (it is the same before the save has even been sent). Going on
    earlier let the next step's navigation race the save, and a later workflow action save
    the form as it was before the schedule (CI, stop 27)."""
    with admin.page.expect_navigation():
        admin.page.get_by_role("button", name="Zeitplan speichern").click()
    admin.page.wait_for_load_state()


def saved(read, expected, timeout=10.0):
    """What `read()` returns once it equals `expected`, or after `timeout` seconds: the
    database's answer after a save in the browser. The reload after "Zeitplan speichern" can be
    seen before the live server's save is readable here (a loaded CI machine, stop 29: None
    once, with the saved schedule on the screen), as `expect` waits for the screen."""
    deadline = time.monotonic() + timeout
    while (value := read()) != expected and time.monotonic() < deadline:
        time.sleep(0.05)
    return value


# Wagtail's unsaved-changes watcher takes its reference copy of the form 2 s after the page has
# loaded; a person reading the page before clicking is slower than that, a test is not.
WATCHING = (
    "document.addEventListener('w-unsaved:watch-edits', "
    "() => { document.documentElement.dataset.watching = 'true' })"
)
