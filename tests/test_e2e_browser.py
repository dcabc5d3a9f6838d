"""End to end in headless Chromium: a Glücksbringer portrait from the editor's form through the
coordination's consent check and approval, the scheduler, the public API, and the withdrawal of
consent — all through the real Wagtail admin of a live server.

Database: the test runs against `live_server`, so it must be transactional, and pytest-django
flushes every table after a transactional test — also the rows the data migrations made: the
groups "Redaktion"/"Koordination", the workflow "Glücksbringer-Freigabe" with its two tasks,
Wagtail's root page and collection. `serialized_rollback=True` reloads those rows (serialized when
the test database was created) before the test; `migration_data_back_afterwards` (conftest)
reloads them again after the flush, so tests running later in the session find them too.
"""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from cms import roles
from pages.models import PortraitPage
from tests.browser import Admin, graphql, screenshot_on_failure
from tests.factories import DocumentFactory
from tests.helpers.browser_steps import save_schedule
from tests.helpers.committed import COMMITTED
from tests.helpers.processes import run_scheduler_at

pytestmark = [pytest.mark.browser, pytest.mark.long_running, *COMMITTED]

CONSENT_FORM = "Einwilligung Erika Muster (unterschrieben)"
PORTRAIT_QUERY = '{ portrait(slug: "erika-muster") { slug name quote } }'


def test_portrait_from_form_to_api_and_back_offline(live_server, chromium, tree, staff):
    section = tree.dessau_section
    assert tree.campaign.get_workflow().name == roles.WORKFLOW_NAME
    DocumentFactory(title=CONSENT_FORM)  # the signed form, scanned
    editor = Admin(chromium, live_server.url)
    coordinator = Admin(chromium, live_server.url)

    with screenshot_on_failure(editor, coordinator):
        # 1. The Dessau-Roßlau editor writes the portrait and submits it for approval.
        editor.goto("/admin/login/")
        editor.screenshot("00-anmeldung")
        editor.login("redaktion-dessau")
        editor.screenshot("00-redaktion-startseite")
        editor.page.get_by_role("link", name="Neues Porträt in Dessau-Roßlau").click()
        editor.page.wait_for_url(editor.url(f"/admin/pages/add/pages/portraitpage/{section.pk}/"))
        form = editor.page
        form.locator("#id_name").fill("Erika Muster")
        form.locator("#id_kind").select_option(label="Person")
        form.locator("#id_quote").fill("weil ich Kindern in der Stadtbibliothek vorlese")
        form.locator("#id_teaser").fill("Erika Muster liest jeden Dienstag in Roßlau vor.")
        editor.screenshot("01-redaktion-portraet-formular")
        editor.open_footer_actions()
        editor.footer_action("In Glücksbringer-Freigabe einreichen").click()
        form.wait_for_url(editor.url(f"/admin/pages/{section.pk}/"))
        expect(form.get_by_role("row").filter(has_text="Erika Muster")).to_contain_text(
            "In Moderation", ignore_case=True
        )

        portrait = PortraitPage.objects.get(slug="erika-muster")
        assert not portrait.live
        assert portrait.current_workflow_task.name == "Einwilligung prüfen"
        assert graphql(live_server.url, PORTRAIT_QUERY)["portrait"] is None

        # 2. The coordination records the consent, sets the go-live time and approves both
        #    tasks. Without consent, "Freigeben" is not even offered.
        coordinator.login("koordination")
        coordinator.goto(f"/admin/pages/{portrait.pk}/edit/")
        review = coordinator.page
        expect(
            review.get_by_text("Freigabe noch nicht möglich. Einwilligung fehlt:")
        ).to_be_visible()
        coordinator.screenshot("02-koordination-einwilligung-fehlt")
        coordinator.open_footer_actions()
        expect(coordinator.footer_action("Änderungen anfordern")).to_be_visible()
        expect(coordinator.footer_action("Freigeben")).to_have_count(0)
        coordinator.open_footer_actions()  # close it again

        review.get_by_role("tab", name="Einwilligung").click()
        review.locator("#id_consent_given_by").fill("Erika Muster")
        coordinator.pick_today("id_consent_given_at")
        expect(review.locator("#id_consent_given_at")).to_have_value(
            timezone.localdate().strftime("%d.%m.%Y")  # the one German date format
        )
        review.locator("#id_consent_scope").select_option(label="Websites der Partnerstädte")
        coordinator.choose_document("consent_document", CONSENT_FORM)

        go_live = (timezone.localtime() + datetime.timedelta(minutes=10)).replace(
            second=0, microsecond=0
        )
        review.get_by_role("button", name="Status umschalten").click()
        review.get_by_role("button", name="Zeitplan festlegen").click()
        coordinator.type_datetime("id_go_live_at", go_live.strftime("%d.%m.%Y %H:%M"))
        coordinator.screenshot("02-koordination-einwilligung-und-zeitplan")
        save_schedule(coordinator)

        # The last task's button says what approving it does: publish on schedule, when.
        for task, button in (
            ("Einwilligung prüfen", "Freigeben"),
            (
                "Freigabe durch die Koordination",
                f"Freigeben und einplanen für {go_live:%d.%m.%Y, %H:%M}",
            ),
        ):
            portrait.refresh_from_db()
            assert portrait.current_workflow_task.name == task
            coordinator.goto(f"/admin/pages/{portrait.pk}/edit/")
            coordinator.open_footer_actions()
            expect(coordinator.footer_action(button)).to_be_visible()
            coordinator.screenshot(f"03-koordination-freigabe-{task.split()[0].lower()}")
            coordinator.footer_action(button).click()
            review.wait_for_url(coordinator.url(f"/admin/pages/{section.pk}/"))

        # Approved, but scheduled: not live yet, and the API does not show it.
        portrait.refresh_from_db()
        assert portrait.workflow_states.get().status == WorkflowState.STATUS_APPROVED
        assert not portrait.live
        scheduled = portrait.revisions.get(approved_go_live_at__isnull=False)
        assert scheduled.approved_go_live_at == go_live
        assert portrait.has_valid_consent
        assert graphql(live_server.url, PORTRAIT_QUERY)["portrait"] is None
        coordinator.goto(f"/admin/pages/{section.pk}/")
        expect(review.get_by_role("row").filter(has_text="Erika Muster")).to_contain_text(
            "Geplant", ignore_case=True
        )
        coordinator.screenshot("04-seitenliste-geplant")
        coordinator.goto("/admin/publikationsplan/")
        expect(review.get_by_role("row").filter(has_text="Erika Muster")).to_contain_text(
            "Veröffentlichung"
        )
        coordinator.screenshot("04-publikationsplan")

        # 3. The scheduler: before the go-live time it leaves the portrait alone; once the
        #    clock has passed it, the portrait goes live.
        call_command("run_scheduler", "--once")
        portrait.refresh_from_db()
        assert not portrait.live
        run_scheduler_at(go_live + datetime.timedelta(seconds=1))
        portrait.refresh_from_db()
        assert portrait.live
        assert not portrait.revisions.filter(approved_go_live_at__isnull=False).exists()

        # 4. Partner websites get it from the API.
        assert graphql(live_server.url, PORTRAIT_QUERY)["portrait"] == {
            "slug": "erika-muster",
            "name": "Erika Muster",
            "quote": "weil ich Kindern in der Stadtbibliothek vorlese",
        }

        # 5. Erika withdraws her consent; the coordination records it in the admin.
        coordinator.goto(f"/admin/pages/{section.pk}/")
        row = review.get_by_role("row").filter(has_text="Erika Muster")
        row.get_by_role("button", name="Weitere Optionen für „Erika Muster“").click()
        row.get_by_role("link", name="Einwilligung widerrufen").click()
        review.wait_for_url(
            coordinator.url(f"/admin/portraets/{portrait.pk}/einwilligung-widerrufen/")
        )
        expect(review.get_by_text("Die Einwilligung für „Erika Muster“")).to_be_visible()
        coordinator.screenshot("05-einwilligung-widerrufen-bestaetigen")
        review.get_by_test_id("withdraw-consent").click()
        review.wait_for_url(coordinator.url(f"/admin/pages/{portrait.pk}/edit/"))
        withdrawn = "Einwilligung für „Erika Muster“ widerrufen. Das Porträt ist offline."
        expect(review.get_by_text(withdrawn)).to_be_visible()

        portrait.refresh_from_db()
        assert not portrait.live
        assert portrait.consent_withdrawn_by == staff["coordinator"]

        # 6. Gone from the API.
        assert graphql(live_server.url, PORTRAIT_QUERY)["portrait"] is None
        coordinator.goto(f"/admin/pages/{section.pk}/")
        row = review.get_by_role("row").filter(has_text="Erika Muster")
        expect(row.locator(".w-status")).to_contain_text("Einwilligung widerrufen")
        coordinator.screenshot("06-seitenliste-nach-widerruf")

    editor.close()
    coordinator.close()
