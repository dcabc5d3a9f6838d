"""A PostgreSQL-only covering index for the walk over the visible pages of one language that a
list with its total makes (pages/list_page.py, `CountedPage`: the page's ids and the count in one
statement; issue 19, item 5). Since the lists are per language, the walk filters on `locale_id`,
which the order indexes of 0005 do not hold, so it read the page table (340 pages at 10,000
portraits) instead of an index. Partial on live pages, led by the language, with the columns
the visibility filter and every allowed order read: an index-only scan of the language's live
pages (about a third of the blocks). Backend CPU per walk at 10,000 portraits (vacuumed):
deep page 10.4 -> 8.4 ms, search 10.3 -> 7.7 ms, town filter 5.1 -> 2.8 ms (a loaded machine:
ratios, not absolute times). SQLite reads its small tables directly.
"""

from django.db import migrations

NAME = "pages_live_locale_walk_idx"
DEFINITION = (
    "wagtailcore_page (locale_id, id) "
    "INCLUDE (first_published_at, last_published_at, title, expire_at) WHERE live"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} ON {DEFINITION}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("pages", "0008_mark_withdrawn_photos"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
