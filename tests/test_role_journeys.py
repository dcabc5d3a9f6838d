"""The journey of a new portrait for each role, in headless Chromium against a live server: the
town editor of each town of the network and the Redaktion write and submit it; the Koordination
records the consent, schedules the go-live by typing it (ISO form, then German form), approves
both steps, finds it in the Publikationsplan, and withdraws the consent once it is live.

Each approval button and message is asserted word for word (editorial/workflow_steps.py), and
every admin page the journey opens is checked for English words (tests.browser.not_german) and
console errors. Screens of every step are kept in artefacts/e2e/journeys/ (CI keeps
artefacts/); with JOURNEY_SCREENS=1 also in docs/screens/journeys/, the pictures described in
the issue notes.
"""

import datetime
import os
import shutil
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from cms import roles
from pages.models import PortraitPage
from tests.browser import ARTEFACTS, PASSWORD, Watched, screenshot_on_failure
from tests.factories import DocumentFactory, PartnerCityFactory, TownSectionPageFactory, publish
from tests.helpers.browser_steps import open_status_panel, saved, type_go_live
from tests.helpers.committed import COMMITTED
from tests.helpers.processes import run_scheduler_at
from tests.helpers.workflow import APPROVAL_STEP

pytestmark = [pytest.mark.browser, pytest.mark.long_running, *COMMITTED]

DOCS_SCREENS = Path(__file__).resolve().parent.parent / "docs" / "screens" / "journeys"
CONSENT_FORM = "Einwilligung (unterschrieben)"

TOWNS = {
    "dessau-rosslau": "Dessau-Roßlau",
    "bitterfeld-wolfen": "Bitterfeld-Wolfen",
    "graefenhainichen": "Gräfenhainichen",
    "lutherstadt-wittenberg": "Lutherstadt Wittenberg",
}
# (author, its group, the town the portrait is for, the portrait's name)
AUTHORS = [
    ("redaktion-dessau", "town:dessau-rosslau", "Anna Dessauer"),
    ("redaktion-bitterfeld", "town:bitterfeld-wolfen", "Bruno Bitterfelder"),
    ("redaktion-graefenhainichen", "town:graefenhainichen", "Clara Gräfe"),
    ("redaktion-wittenberg", "town:lutherstadt-wittenberg", "Dieter Wittenberger"),
    ("redaktion", roles.EDITORS, "Emma Netzwerk"),
]


@pytest.fixture
def network(tree, django_user_model):
    """All four towns with their sections (the town editor groups follow from the sections),
    the coordinator, and the signed consent form."""
    sections = dict(tree.sections)
    for slug, name in TOWNS.items():
        if slug not in sections:
            town = PartnerCityFactory(name=name, slug=slug)
            sections[slug] = publish(TownSectionPageFactory(parent=tree.campaign, town=town))
    coordinator = django_user_model.objects.create_user(
        "koordination", "koordination@example.org", PASSWORD
    )
    coordinator.groups.add(roles_group(roles.COORDINATORS))
    DocumentFactory(title=CONSENT_FORM)
    return sections


def roles_group(name):
    from django.contrib.auth.models import Group

    if name.startswith("town:"):
        name = roles.town_editor_group_name(TOWNS[name.removeprefix("town:")])
    return Group.objects.get(name=name)


def shot(admin, role, step):
    """A screen of the journey, checked for English words (tests.browser.not_german) and
    console errors."""
    name = f"{role}-{step}"
    admin.expect_german_without_console_error(name)
    admin.screenshot(f"journeys/{name}", german=False)  # checked just above
    if os.environ.get("JOURNEY_SCREENS") == "1":
        DOCS_SCREENS.mkdir(parents=True, exist_ok=True)
        shutil.copy(ARTEFACTS / "journeys" / f"{name}.png", DOCS_SCREENS / f"{name}.png")


def latest_go_live(portrait):
    return PortraitPage.objects.get(pk=portrait.pk).get_latest_revision_as_object().go_live_at


@pytest.mark.parametrize(("username", "group", "name"), AUTHORS, ids=[a[0] for a in AUTHORS])
def test_journey_of_a_portrait(
    live_server, chromium, network, django_user_model, username, group, name
):
    (ARTEFACTS / "journeys").mkdir(parents=True, exist_ok=True)
    author_user = django_user_model.objects.create_user(
        username, f"{username}@example.org", PASSWORD
    )
    author_user.groups.add(roles_group(group))
    town_slug = group.removeprefix("town:") if group.startswith("town:") else "dessau-rosslau"
    town, section = TOWNS[town_slug], network[town_slug]
    author, coordinator = Watched(chromium, live_server.url), Watched(chromium, live_server.url)

    with screenshot_on_failure(author, coordinator):
        # 1. The author starts a new portrait from the dashboard and submits it for approval.
        author.goto("/admin/login/")
        author.expect_german_without_console_error("Anmeldung")
        author.login(username)
        shot(author, username, "1-dashboard")
        author.page.get_by_role("link", name=f"Neues Porträt in {town}").first.click()
        author.page.wait_for_url(author.url(f"/admin/pages/add/pages/portraitpage/{section.pk}/"))
        form = author.page
        form.locator("#id_name").fill(name)
        form.locator("#id_kind").select_option(label="Person")
        form.locator("#id_quote").fill("weil ich gern Menschen zusammenbringe")
        form.locator("#id_teaser").fill(f"{name} engagiert sich in {town}.")
        shot(author, username, "2-neues-portraet")
        author.open_footer_actions()
        author.footer_action("In Glücksbringer-Freigabe einreichen").click()
        form.wait_for_url(author.url(f"/admin/pages/{section.pk}/"))
        expect(form.get_by_role("row").filter(has_text=name)).to_contain_text(
            "In Moderation", ignore_case=True
        )
        shot(author, username, "3-eingereicht")
        portrait = PortraitPage.objects.get(title=name)

        # 2. The Koordination records the consent and schedules the go-live: typed in ISO form,
        #    then corrected in German form; each is saved as typed.
        coordinator.login("koordination")
        coordinator.goto(f"/admin/pages/{portrait.pk}/edit/")
        review = coordinator.page
        review.get_by_role("tab", name="Einwilligung").click()
        review.locator("#id_consent_given_by").fill(name)
        coordinator.pick_today("id_consent_given_at")
        review.locator("#id_consent_scope").select_option(label="Websites der Partnerstädte")
        coordinator.choose_document("consent_document", CONSENT_FORM)
        soon = (timezone.localtime() + datetime.timedelta(days=2)).replace(
            hour=10, minute=0, second=0, microsecond=0
        )
        type_go_live(coordinator, f"{soon:%Y-%m-%d %H:%M}")
        assert saved(lambda: latest_go_live(portrait), soon) == soon
        go_live = soon + datetime.timedelta(minutes=30)
        type_go_live(coordinator, f"{go_live:%d.%m.%Y, %H:%M}")
        assert saved(lambda: latest_go_live(portrait), go_live) == go_live
        open_status_panel(coordinator)
        shot(coordinator, username, "4-einwilligung-und-zeitplan")

        # 3. Two approval steps: each button and each message says what it does.
        scheduled_for = f"{go_live:%d.%m.%Y, %H:%M}"
        steps = (
            (
                "5-schritt-einwilligung",
                "Freigeben",
                f"Einwilligung geprüft. Nächster Schritt: {APPROVAL_STEP}.",
            ),
            (
                "6-schritt-freigabe",
                f"Freigeben und einplanen für {scheduled_for}",
                f"Schritt „{APPROVAL_STEP}“ erledigt. „{name}“ ist freigegeben und eingeplant "
                f"für {scheduled_for}; vorher erscheint es nirgends.",
            ),
        )
        for step, button, message in steps:
            coordinator.goto(f"/admin/pages/{portrait.pk}/edit/")
            coordinator.expect_german_without_console_error(f"{step}: Bearbeiten")
            coordinator.open_footer_actions()
            coordinator.footer_action(button).click()
            review.wait_for_url(coordinator.url(f"/admin/pages/{section.pk}/"))
            expect(review.locator(".messages")).to_contain_text(message)
            shot(coordinator, username, step)
        portrait.refresh_from_db()
        assert portrait.workflow_states.get().status == WorkflowState.STATUS_APPROVED
        assert not portrait.live
        assert portrait.revisions.get(approved_go_live_at__isnull=False).approved_go_live_at == (
            go_live
        )

        # 4. The Publikationsplan shows the scheduled go-live.
        coordinator.goto("/admin/publikationsplan/")
        row = review.get_by_role("row").filter(has_text=name)
        expect(row).to_contain_text("Veröffentlichung")
        expect(row).to_contain_text(f"{go_live:%d.%m.%Y %H:%M}")
        expect(review.locator("main")).to_contain_text(town)  # grouped by town
        shot(coordinator, username, "7-publikationsplan")

        # 5. Once the time has come, the scheduler publishes it; then the consent is withdrawn.
        run_scheduler_at(go_live + datetime.timedelta(seconds=1))
        portrait.refresh_from_db()
        assert portrait.live
        coordinator.goto(f"/admin/pages/{section.pk}/")
        coordinator.expect_german_without_console_error("Seitenliste vor dem Widerruf")
        row = review.get_by_role("row").filter(has_text=name)
        row.get_by_role("button", name=f"Weitere Optionen für „{name}“").click()
        row.get_by_role("link", name="Einwilligung widerrufen").click()
        review.wait_for_url(
            coordinator.url(f"/admin/portraets/{portrait.pk}/einwilligung-widerrufen/")
        )
        expect(review.get_by_text(f"Die Einwilligung für „{name}“")).to_be_visible()
        shot(coordinator, username, "8-widerruf-bestaetigen")
        review.get_by_test_id("withdraw-consent").click()
        review.wait_for_url(coordinator.url(f"/admin/pages/{portrait.pk}/edit/"))
        expect(review.locator(".messages")).to_contain_text("widerrufen")
        shot(coordinator, username, "9-widerrufen")
        portrait.refresh_from_db()
        assert not portrait.live
        assert portrait.is_consent_withdrawn

    author.close()
    coordinator.close()
