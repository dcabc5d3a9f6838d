"""Tests whose writes really commit, and other processes that reach the test database."""

import pytest
from django.db import connections

# Tests whose writes really commit (other processes and connections see them): pytest-django
# flushes every table after each, `serialized_rollback` and `migration_data_back_afterwards`
# bring back what the data migrations made. For modules of their own (`pytestmark = [*COMMITTED]`):
# in a module with a transactional test, tests cannot share a page tree (`module_shares_a_tree`).
COMMITTED = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("migration_data_back_afterwards"),
]


@pytest.fixture(scope="module")
def migration_data_back_afterwards(django_db_setup, django_db_blocker):
    """For modules of transactional tests (`django_db(transaction=True, serialized_rollback=True)`):
    pytest-django flushes every table after such a test, also the rows the data migrations made
    (groups, workflow, collections, Wagtail's root page). `serialized_rollback` reloads them
    before each test; this reloads them after the module's last test, for the tests after it."""
    yield
    with django_db_blocker.unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


def database_url(connection=None):
    """A DATABASE_URL for other processes to reach the test database."""
    from urllib.parse import quote

    connection = connection or connections["default"]
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{params['NAME']}"
    user = quote(params["USER"] or "")
    password = f":{quote(params['PASSWORD'])}" if params["PASSWORD"] else ""
    credentials = f"{user}{password}@" if user else ""
    host = f"{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}"
    return f"postgres://{credentials}{host}/{params['NAME']}"


postgres_only = pytest.mark.skipif(
    connections["default"].vendor != "postgresql",
    reason="concurrency between processes is tested on PostgreSQL, the production database "
    "(CI runs the suite on both)",
)
