"""The demo content in the test database: seeded inside a transaction that is rolled back
(`seeded_demo`), and seeded once for the modules that read it (`SharedDemo`, the `demo`
fixture). Imported into tests/conftest.py, whose hooks order and close the shared demo.
Generated portraits on it for one module: `generated_portraits` (tests/helpers/portraits.py)."""

import io
from contextlib import ExitStack, contextmanager

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings

# The renditions made with the shared demo (`SharedDemo`): the two the tests ask for most, made
# once for every reader, as production prepares every one a client may ask for (PREPARED_RENDITIONS
# "all", media/tasks.py). A reader's own renditions are rolled back with its savepoint and made
# again by the next; these are not. The seeding checks compare against this list
# (tests/helpers/seeding.py); tests/test_renditions_background.py checks "all".
DEMO_RENDITIONS = ("fill-400x400", "width-400")


@contextmanager
def seeded_demo(media_root, **settings):
    """The demo content (`seed_demo --no-accounts`) inside a transaction that is rolled back
    when the block ends; tests inside run in savepoints. The reactions that run on commit
    (cache, renditions) run as a commit would. For fixtures of a wider scope (django_db_blocker
    unblocked)."""
    with override_settings(MEDIA_ROOT=str(media_root), **settings), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("seed_demo", "--no-accounts", stdout=io.StringIO(), stderr=io.StringIO())
        yield
        transaction.set_rollback(True)


class SharedDemo:
    """The demo (`seeded_demo`) seeded once for consecutive modules that read it: its
    transaction stays open while the tests that follow use it (`_shared_demo` in their fixtures),
    and is rolled back before the first test that does not (conftest's `pytest_runtest_setup`)
    and at the end. Each module runs in a savepoint inside it (`demo`), each test in one inside
    that: what a module or a test changes is gone for the next one, as with a demo seeded per
    module."""

    current = None  # the open one of this test process

    def __init__(self, django_db_blocker, media_root):
        self.blocker = django_db_blocker
        self.media_root = media_root
        self.seeded = None

    def open(self):
        if self.seeded is None:
            seeded = ExitStack()
            with self.blocker.unblock():
                seeded.enter_context(
                    seeded_demo(self.media_root, PREPARED_RENDITIONS=list(DEMO_RENDITIONS))
                )
            self.seeded = seeded
            SharedDemo.current = self

    def close(self):
        if self.seeded is not None:
            with self.blocker.unblock():
                self.seeded.close()
            self.seeded = None
        SharedDemo.current = None


@pytest.fixture(scope="session")
def _shared_demo(django_db_setup, django_db_blocker, media_root):
    shared = SharedDemo(django_db_blocker, media_root)
    yield shared
    shared.close()


@pytest.fixture(scope="module")
def demo(_shared_demo, django_db_blocker):
    """The demo for the module (see `SharedDemo`), in a savepoint rolled back after the module's
    last test."""
    _shared_demo.open()
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
