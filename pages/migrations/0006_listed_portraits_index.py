"""Two more PostgreSQL-only indexes for the API's portrait lists (issue 11).

- `portrait_listed_idx`: the portraits the API may list, with the visibility policy's consent
  condition (PortraitPage.VALID_CONSENT, as of this migration) as the predicate. PostgreSQL
  then drops the condition from the plan: a count or the id walk of a deep page reads this
  small index (page, town, kind) and evaluates no consent expression per row. The SQL is
  rendered by Django from the same Q as the queries, so PostgreSQL can prove the predicate. It
  contains TIME_ZONE (the date of a withdrawal) and the condition as it is now: after a change
  of either, the planner stops using the index (nothing goes wrong, lists get slower) until a
  new migration renders it again. Not on SQLite: its rendering of the date needs Django's own
  SQL function, which a partial index there must not depend on.
- `pages_live_id_idx`: live pages by id with `expire_at`, so that the count joins the two
  index-only scans in id order (merge join) instead of hashing every row.
"""

from django.db import migrations, models
from django.db.models import F, Q
from django.db.models.functions import TruncDate

RENEWED_AFTER_WITHDRAWAL = Q(consent_given_at__gte=TruncDate("consent_withdrawn_at")) & (
    Q(consent_withdrawn_document__isnull=True)
    | ~Q(consent_document=F("consent_withdrawn_document"))
)
VALID_CONSENT = (
    Q(consent_given_at__isnull=False)
    & Q(consent_document__isnull=False)
    & ~Q(consent_given_by="")
    & ~Q(consent_scope="")
    & (Q(consent_withdrawn_at__isnull=True) | RENEWED_AFTER_WITHDRAWAL)
)
LISTED = models.Index(
    fields=["page_ptr", "town", "kind"], condition=VALID_CONSENT, name="portrait_listed_idx"
)
LIVE_BY_ID = (
    "CREATE INDEX IF NOT EXISTS pages_live_id_idx ON wagtailcore_page (id, expire_at) WHERE live"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(LISTED.create_sql(apps.get_model("pages", "PortraitPage"), schema_editor))
    schema_editor.execute(LIVE_BY_ID)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS portrait_listed_idx")
        schema_editor.execute("DROP INDEX IF EXISTS pages_live_id_idx")


class Migration(migrations.Migration):
    dependencies = [("pages", "0005_list_indexes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
