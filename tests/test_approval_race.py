"""A double click during a slow approval approves once: two real processes post the same
"Freigeben" (tests/test_approval_once.py has the single-process cases). Transactional, so in a
module of its own: the other modules' tests share their page tree."""

import multiprocessing

from django.db import connections
from django.test import Client
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState

from cms import roles
from tests import slow_mail
from tests.helpers.admin import edit_url
from tests.helpers.committed import COMMITTED, postgres_only
from tests.helpers.processes import _run_together
from tests.helpers.workflow import (
    APPROVAL_STEP,
    CONSENT_STEP,
    approval_body,
    steps,
    submit_for_review,
)

pytestmark = [*COMMITTED, postgres_only]


def _click(name, url, cookies, body, sends, waits_for, results):
    """One browser tab's POST, in its own process (see `_run_together`). `sends`: an Event set
    when this request starts sending its notification mail; `waits_for`: the other tab's, sent
    before this one posts."""
    try:
        slow_mail.sending = sends
        if waits_for is not None and not waits_for.wait(timeout=30):
            results.put((name, "the other click sent no notification"))
            return
        client = Client()
        client.cookies = cookies
        response = client.post(url, body)
        results.put((name, (response.status_code, response.get("Location"))))
    except Exception as error:  # reported to the test, which fails on it
        results.put((name, repr(error)))
    finally:
        connections.close_all()


def test_double_click_during_a_slow_approval_approves_once(
    client, tree, people, make_user, settings
):
    """The second click arrives while the first is still sending its notification: both read
    step 1 in progress. The second waits for the first to commit and is refused."""
    in_review = submit_for_review(tree.dessau_section, people["editor"])
    coordinator = client
    coordinator.force_login(people["coordinator"])
    make_user("koordination-vertretung", roles.COORDINATORS)  # gets the step-2 notification
    settings.EMAIL_BACKEND = "tests.slow_mail.SlowEmailBackend"
    settings.SLOW_MAIL_SECONDS = 1.0
    body = approval_body(coordinator, in_review)
    url = edit_url(in_review)
    first_sends = multiprocessing.get_context("fork").Event()

    outcome = _run_together(
        (_click, ("first", url, coordinator.cookies, body, first_sends, None)),
        (_click, ("second", url, coordinator.cookies, body, None, first_sends)),
    )

    section = reverse("wagtailadmin_explore", args=(in_review.get_parent().pk,))
    assert outcome["first"] == (302, section), outcome
    assert outcome["second"] in ((302, reverse("wagtailadmin_home")), (200, None)), outcome
    assert steps(in_review) == [
        (CONSENT_STEP, TaskState.STATUS_APPROVED),
        (APPROVAL_STEP, TaskState.STATUS_IN_PROGRESS),
    ]
    approvals = PageLogEntry.objects.filter(page=in_review, action="wagtail.workflow.approve")
    assert approvals.count() == 1
