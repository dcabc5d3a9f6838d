"""Admin accounts at the edge: login lockout per username and address (django-axes), shown in
Wagtail's login frame in German; lockouts listed and lifted by Koordination; a throttled
password reset."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

PASSWORD = "pw-für-tests"  # tests/conftest.py, make_user
LOCKED = "Zu viele fehlgeschlagene Anmeldeversuche"

pytestmark = pytest.mark.django_db


def login(client, username, password, ip="192.0.2.10"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
    )


def logged_in(client):
    return SESSION_KEY in client.session


def fail(client, username, times, ip="192.0.2.10"):
    for _ in range(times):
        login(client, username, "falsch", ip)
        assert not logged_in(client)


def test_five_failures_lock_the_username_from_that_address(client, people):
    for attempt in range(4):
        response = login(client, "koordination", f"falsch-{attempt}")
        assert response.status_code == 200
        assert LOCKED not in response.content.decode()
    fail(client, "koordination", 1)

    response = login(client, "koordination", PASSWORD)  # the right password, too late
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page
    assert "30 Minuten" in page
    # Wagtail's own login page (its frame and form), not axes' plain text.
    assert 'class="login-form"' in page
    assert "Anmeldung gesperrt" in page
    assert not logged_in(client)


def test_the_lockout_is_per_username_and_address(client, people):
    fail(client, "koordination", 5)
    assert login(client, "koordination", PASSWORD).status_code == 429

    # Another account from the same address still gets in …
    response = login(client, "redaktion", PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)
    client.logout()
    # … and the same account from another address: nobody locks a colleague out from afar.
    response = login(client, "koordination", PASSWORD, ip="198.51.100.7")
    assert response.status_code == 302
    assert logged_in(client)


def test_a_success_before_the_limit_resets_the_count(client, people):
    fail(client, "koordination", 4)
    assert login(client, "koordination", PASSWORD).status_code == 302
    client.logout()
    fail(client, "koordination", 4)
    assert login(client, "koordination", PASSWORD).status_code == 302


def test_lockouts_are_listed_for_coordination_and_lifted(client, people):
    fail(client, "redaktion", 5)
    attempt = AccessAttempt.objects.get(username="redaktion")

    client.force_login(people["coordinator"])
    response = client.get(reverse("lockouts:index"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Anmeldesperren" in page
    assert "redaktion" in page
    assert "192.0.2.10" in page
    assert reverse("lockouts:add") not in page  # made by axes, never by hand
    assert "Sperre aufheben" in page
    assert reverse("lockouts:edit", args=(attempt.pk,)) not in page

    delete_url = reverse("lockouts:delete", args=(attempt.pk,))
    assert "Sperre aufheben" in client.get(delete_url).content.decode()
    response = client.post(delete_url)
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="redaktion").exists()

    client.logout()
    assert login(client, "redaktion", PASSWORD).status_code == 302


def test_only_failures_over_the_limit_are_listed(client, people):
    fail(client, "redaktion", 2)
    client.force_login(people["coordinator"])
    assert "redaktion" not in client.get(reverse("lockouts:index")).content.decode()


@pytest.mark.parametrize("who", ["editor", "dessau_editor"])
def test_editors_cannot_see_or_lift_lockouts(client, people, who):
    fail(client, "koordination", 5)
    attempt = AccessAttempt.objects.get()
    client.force_login(people[who])
    assert client.get(reverse("lockouts:index")).status_code in (302, 403)
    assert client.post(reverse("lockouts:delete", args=(attempt.pk,))).status_code in (302, 403)
    assert AccessAttempt.objects.exists()


def test_coordination_cannot_add_or_edit_lockouts(client, people):
    fail(client, "redaktion", 5)
    attempt = AccessAttempt.objects.get()
    client.force_login(people["coordinator"])
    assert client.get(reverse("lockouts:add")).status_code in (302, 403)
    assert client.get(reverse("lockouts:edit", args=(attempt.pk,))).status_code in (302, 403)


def test_password_reset_is_throttled_per_address(client, people, settings):
    settings.PASSWORD_RESET_RATE_LIMIT = 3
    url = reverse("wagtailadmin_password_reset")
    mail.outbox.clear()
    for _ in range(3):
        response = client.post(url, {"email": "koordination@example.org"})
        assert response.status_code == 302
    assert len(mail.outbox) == 3

    # Over the limit, also for another address from the same client: a German form error.
    response = client.post(url, {"email": "redaktion@example.org"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Zu viele Anfragen zum Zurücksetzen des Passworts" in response.content.decode()
    assert len(mail.outbox) == 3


def test_password_reset_is_throttled_per_email_address(client, people, settings):
    settings.PASSWORD_RESET_RATE_LIMIT = 2
    url = reverse("wagtailadmin_password_reset")
    mail.outbox.clear()
    for ip in ("192.0.2.1", "192.0.2.2"):
        assert (
            client.post(url, {"email": "koordination@example.org"}, REMOTE_ADDR=ip).status_code
            == 302
        )
    response = client.post(url, {"email": "koordination@example.org"}, REMOTE_ADDR="192.0.2.3")
    assert response.status_code == 429
    assert len(mail.outbox) == 2
