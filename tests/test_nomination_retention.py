"""Nominations: retention (`purge_nominations` anonymises or deletes closed, old ones)."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from nominations.models import ANONYMISED, Nomination
from tests.factories.nominations import NominationFactory


@pytest.fixture
def aged(tree):
    old = timezone.now() - datetime.timedelta(days=181)
    recent = timezone.now() - datetime.timedelta(days=10)

    def make(status, created_at, **kwargs):
        return NominationFactory(town=tree.dessau, status=status, created_at=created_at, **kwargs)

    return {
        "old_rejected": make(Nomination.Status.REJECTED, old),
        "old_accepted": make(Nomination.Status.ACCEPTED, old),
        "old_new": make(Nomination.Status.NEW, old),
        "old_in_review": make(Nomination.Status.IN_REVIEW, old),
        "recent_rejected": make(Nomination.Status.REJECTED, recent),
    }


def _unchanged(nomination):
    before = (nomination.nominator_name, nomination.nominator_email, nomination.nominee_name)
    nomination.refresh_from_db()
    return (
        nomination.nominator_name,
        nomination.nominator_email,
        nomination.nominee_name,
    ) == before and nomination.anonymised_at is None


@pytest.mark.django_db
def test_purge_anonymises_old_closed_nominations_only(aged, capsys):
    call_command("purge_nominations")
    assert "2 " in capsys.readouterr().out
    for key in ("old_rejected", "old_accepted"):
        nomination = aged[key]
        nomination.refresh_from_db()
        assert nomination.anonymised_at is not None
        assert nomination.nominator_name == ANONYMISED
        assert nomination.nominator_email == ""
        assert nomination.nominator_phone == ""
        assert nomination.town_id is not None
    for key in ("old_new", "old_in_review", "recent_rejected"):
        assert _unchanged(aged[key]), key
    assert Nomination.objects.count() == 5
    # Running again finds nothing left to do.
    call_command("purge_nominations")
    assert "0 " in capsys.readouterr().out


@pytest.mark.django_db
def test_purge_dry_run_changes_nothing(aged, capsys):
    call_command("purge_nominations", "--dry-run")
    assert "2 " in capsys.readouterr().out
    for nomination in aged.values():
        assert _unchanged(nomination)


@pytest.mark.django_db
def test_purge_delete(aged, capsys):
    call_command("purge_nominations", "--delete")
    assert "2 " in capsys.readouterr().out
    remaining = set(Nomination.objects.values_list("pk", flat=True))
    assert remaining == {aged[k].pk for k in ("old_new", "old_in_review", "recent_rejected")}


@pytest.mark.django_db
def test_purge_follows_the_retention_setting(aged, settings):
    settings.NOMINATION_RETENTION_DAYS = 5
    call_command("purge_nominations")
    aged["recent_rejected"].refresh_from_db()
    assert aged["recent_rejected"].anonymised_at is not None
    assert _unchanged(aged["old_new"])
