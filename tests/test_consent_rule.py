"""The consent rule's two sides agree (pages/consent_rule.py): for every combination of the consent
fields (given by, given at, scope, document, withdrawn at, withdrawn document), the Python
predicates and the database filters give the same answer, on whichever database the suite runs
(SQLite, PostgreSQL). A withdrawal's day is its date in Europe/Berlin on both sides: the
withdrawal times lie on either side of midnight there, in winter and in summer time, and the
consent dates on the days around them."""

import datetime
import itertools

import pytest
from django.utils import timezone

from pages import consent_rule
from pages.models import PortraitPage
from tests.factories import DocumentFactory, PortraitPageFactory

UTC = datetime.UTC

# Withdrawal times around midnight in Berlin (UTC+1 in January, UTC+2 in July): 23:30 in Berlin
# is still the 14th, 00:30 is already the 15th (in UTC both are the 14th).
BEFORE_MIDNIGHT_WINTER = datetime.datetime(2026, 1, 14, 22, 30, tzinfo=UTC)
AFTER_MIDNIGHT_WINTER = datetime.datetime(2026, 1, 14, 23, 30, tzinfo=UTC)
BEFORE_MIDNIGHT_SUMMER = datetime.datetime(2026, 7, 14, 21, 30, tzinfo=UTC)
AFTER_MIDNIGHT_SUMMER = datetime.datetime(2026, 7, 14, 22, 30, tzinfo=UTC)
WITHDRAWN_AT = (
    None,
    BEFORE_MIDNIGHT_WINTER,
    AFTER_MIDNIGHT_WINTER,
    BEFORE_MIDNIGHT_SUMMER,
    AFTER_MIDNIGHT_SUMMER,
)
GIVEN_AT = (
    None,
    datetime.date(2026, 1, 14),
    datetime.date(2026, 1, 15),
    datetime.date(2026, 7, 14),
    datetime.date(2026, 7, 15),
)
FIELDS = (
    "consent_given_by",
    "consent_given_at",
    "consent_scope",
    "consent_document_id",
    "consent_withdrawn_at",
    "consent_withdrawn_document_id",
)


@pytest.fixture
def portrait_row(tree):
    """One portrait row and two signed forms: each combination is written onto the row."""
    first, second = DocumentFactory(), DocumentFactory()
    page = PortraitPageFactory(parent=tree.dessau_section, slug="regel")
    return page.pk, (None, first.pk, second.pk)


def combinations(documents):
    return itertools.product(
        ("", "Erika Muster"),  # given by
        GIVEN_AT,
        ("", PortraitPage.ConsentScope.WEB),
        documents,  # the signed form
        WITHDRAWN_AT,
        documents,  # the withdrawn form
    )


def both_sides(pk, values):
    """Write `values` onto the row; the Python answers (on the values as read back) and the
    database's, each as (valid, withdrawn)."""
    rows = PortraitPage.objects.filter(pk=pk)
    rows.update(**dict(zip(FIELDS, values, strict=True)))
    stored = rows.values_list(*FIELDS).get()
    python = (
        consent_rule.consent_is_valid(*stored),
        consent_rule.consent_is_withdrawn(*stored),
    )
    database = (
        rows.filter(consent_rule.VALID_CONSENT).exists(),
        rows.filter(consent_rule.CONSENT_WITHDRAWN).exists(),
    )
    return python, database


@pytest.mark.django_db
def test_the_python_predicates_and_the_database_filters_agree_on_every_combination(
    portrait_row,
):
    pk, documents = portrait_row
    disagreements, answers = [], set()
    for values in combinations(documents):
        python, database = both_sides(pk, values)
        answers.add(python)
        if python != database:
            disagreements.append((values, python, database))
    assert disagreements == []
    # Every answer occurs: valid, withdrawn, and neither (incomplete, never withdrawn).
    assert answers == {(True, False), (False, True), (False, False)}


@pytest.mark.django_db
@pytest.mark.parametrize("active_zone", ["Europe/Berlin", "UTC", "America/New_York"])
@pytest.mark.parametrize(
    ("withdrawn_at", "given_at", "valid"),
    [
        (BEFORE_MIDNIGHT_WINTER, datetime.date(2026, 1, 14), True),
        (AFTER_MIDNIGHT_WINTER, datetime.date(2026, 1, 14), False),
        (AFTER_MIDNIGHT_WINTER, datetime.date(2026, 1, 15), True),
        (BEFORE_MIDNIGHT_SUMMER, datetime.date(2026, 7, 14), True),
        (AFTER_MIDNIGHT_SUMMER, datetime.date(2026, 7, 14), False),
        (AFTER_MIDNIGHT_SUMMER, datetime.date(2026, 7, 15), True),
    ],
)
def test_a_withdrawal_counts_on_its_day_in_berlin_whatever_zone_is_active(
    portrait_row, active_zone, withdrawn_at, given_at, valid
):
    """A new consent dated the day of the withdrawal counts, one dated the day before does not:
    the day as in Berlin, also where a request runs in another zone (an admin user's)."""
    pk, (_, first, second) = portrait_row
    values = ("Erika Muster", given_at, "web", second, withdrawn_at, first)
    with timezone.override(active_zone):
        python, database = both_sides(pk, values)
    assert python == database == (valid, not valid)


@pytest.mark.django_db
def test_the_portrait_answers_with_the_rule(portrait_row):
    """`has_valid_consent` and `is_consent_withdrawn` of a portrait are the rule's predicates,
    and the model's Q objects are the rule's."""
    pk, (_, first, second) = portrait_row
    values = ("Erika Muster", datetime.date(2026, 1, 14), "web", first, AFTER_MIDNIGHT_WINTER, None)
    both_sides(pk, values)
    page = PortraitPage.objects.get(pk=pk)
    assert (page.has_valid_consent, page.is_consent_withdrawn) == (False, True)
    assert PortraitPage.VALID_CONSENT is consent_rule.VALID_CONSENT
    assert PortraitPage.CONSENT_WITHDRAWN is consent_rule.CONSENT_WITHDRAWN
