"""`manage.py seed_demo` run again and with options: idempotent, generated portraits
(`--portraits`, `generate_portraits`), accounts only in DEBUG.

The re-runs and the accounts run on the shared demo (`seed_demo --no-accounts` with its
renditions, tests/helpers/demo_db.py), as tests/test_seed_demo.py's content checks; each test
runs in a savepoint inside it.
"""

import io
import re

from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from wagtail.models import (
    Page,
    Site,
)

from cms import visibility
from cms.models import ContentGeneration
from demo.management.commands.generate_portraits import Command as Generator
from media.tasks import prepared_filter_specs
from pages import visibility as page_rules
from pages.models import PortraitPage, TownSectionPage
from snippets.models import ContactPerson, PartnerCity
from tests.demo_expectations import GRAEFENHAINICHEN
from tests.helpers.seeding import GERMAN, counts, seed

ACCOUNTS = {
    "admin": None,
    "redaktion": "Redaktion",
    "koordination": "Koordination",
    "redaktion-dessau": "Redaktion Dessau-Roßlau",
    "redaktion-bitterfeld": "Redaktion Bitterfeld-Wolfen",
    "redaktion-graefenhainichen": "Redaktion Gräfenhainichen",
    "redaktion-wittenberg": "Redaktion Lutherstadt Wittenberg",
}
TOWN_EDITORS = {  # town slug → its demo editor
    "dessau-rosslau": "redaktion-dessau",
    "bitterfeld-wolfen": "redaktion-bitterfeld",
    "graefenhainichen": "redaktion-graefenhainichen",
    "lutherstadt-wittenberg": "redaktion-wittenberg",
}


class TestSeedingAgain:
    """`seed_demo` run again over one `seed_demo --no-accounts` run."""

    def test_a_demo_seeded_before_gets_them_on_the_next_run(self, on_shared_demo):
        """A demo seeded before the town had a contact and a website: the next run adds them,
        in every language, and the run after changes nothing."""
        towns = PartnerCity.objects.filter(slug="graefenhainichen")
        contacts = ContactPerson.objects.filter(name=GRAEFENHAINICHEN["contact"]["name"])
        towns.update(contact=None, website="")
        contacts.delete()
        seed("--no-accounts")
        assert towns.count() == 3
        for town in towns:
            assert town.live and town.website == GRAEFENHAINICHEN["website"]
            assert town.contact.live and town.contact.locale_id == town.locale_id
            assert town.contact.street == GRAEFENHAINICHEN["contact"]["street"]
        before = counts()
        assert seed("--no-accounts").strip().endswith("Neu angelegt – nichts.")
        assert counts() == before

    def test_the_site_follows_the_public_site_url(self, on_shared_demo, settings):
        site = Site.objects.get(is_default_site=True)
        assert site.root_url == settings.PUBLIC_SITE_URL == "http://localhost:3000"
        settings.PUBLIC_SITE_URL = "https://engagiertestadt.example.de"
        seed("--no-accounts")
        site.refresh_from_db()
        assert site.root_url == "https://engagiertestadt.example.de"
        assert (site.hostname, site.port) == ("engagiertestadt.example.de", 443)
        before = counts()
        seed("--no-accounts")
        assert counts() == before

    def test_a_second_run_changes_nothing(self, on_shared_demo):
        before = counts()
        assert seed("--no-accounts").strip().endswith("Neu angelegt – nichts.")
        assert counts() == before
        assert Page.find_problems() == ([], [], [], [], [])

    def test_generated_portraits(self, on_shared_demo, django_capture_on_commit_callbacks):
        seed("--no-accounts", "--portraits", "5")
        generated = PortraitPage.objects.filter(slug__startswith="beispiel-portraet-")
        assert sorted(generated.values_list("slug", flat=True)) == [
            f"beispiel-portraet-{number:05d}" for number in range(1, 6)
        ]
        assert page_rules.portraits().count() == 12 + 5
        assert generated.values("town").distinct().count() == 4
        for portrait in generated:
            assert portrait.town_from_parent() == portrait.town
            assert portrait.url_path == portrait.get_parent().url_path + portrait.slug + "/"
            assert portrait.areas.exists() and portrait.photo is not None
        assert Page.find_problems() == ([], [], [], [], [])
        hits = visibility.search(page_rules.portraits(), "beispiel 00003")
        assert [hit.slug for hit in hits][:1] == ["beispiel-portraet-00003"]

        before = counts()
        seed("--no-accounts", "--portraits", "5")
        assert counts() == before
        before_generation = ContentGeneration.current()
        with django_capture_on_commit_callbacks(execute=True):
            seed("--no-accounts", "--portraits", "7")  # photos exist: only portraits are saved
        # No publish events in the bulk path: the command itself announces the change, which
        # ends every cached API answer.
        assert ContentGeneration.current() > before_generation
        assert PortraitPage.objects.filter(slug__startswith="beispiel-portraet-").count() == 7
        assert Page.find_problems() == ([], [], [], [], [])

    def test_generate_portraits_on_its_own_with_renditions_and_room_for_editors(
        self, on_shared_demo
    ):
        call_command("generate_portraits", 3, stdout=io.StringIO(), stderr=io.StringIO())
        generated = PortraitPage.objects.filter(slug__startswith="beispiel-portraet-")
        assert generated.count() == 3
        # Every rendition a client may ask for (media/tasks.py), once per distinct photo.
        for photo in {portrait.photo for portrait in generated}:
            assert set(photo.renditions.values_list("filter_spec", flat=True)) == set(
                prepared_filter_specs()
            )
        # The tree stays Wagtail's: an editor's next portrait lands after the generated ones.
        section = generated.first().get_parent()
        # The generator's path for a next child is the one treebeard itself gives it.
        expected = Generator.child_path(section, Generator.next_child_step(section))
        added = section.add_child(
            instance=PortraitPage(
                title="Nach den generierten", slug="danach", name="Danach", quote="weil", teaser="t"
            )
        )
        assert added.path == expected
        assert added.path > max(p.path for p in generated if p.get_parent().pk == section.pk)
        assert Page.find_problems() == ([], [], [], [], [])


def test_accounts_with_debug_have_working_once_printed_passwords(demo, db, settings):
    """`make run` seeds with DEBUG: the accounts come on the first run that may make them (here
    over a demo seeded without), each password printed once."""
    settings.DEBUG = True
    output = seed()
    passwords = dict(
        re.findall(r"Konto (\S+) angelegt, Passwort \(nur jetzt sichtbar\): (\S+)", output)
    )
    assert set(passwords) == set(ACCOUNTS)
    assert len(set(passwords.values())) == len(ACCOUNTS)
    for username, group in ACCOUNTS.items():
        user = authenticate(username=username, password=passwords[username])
        assert user is not None, username
        assert not authenticate(username=username, password=passwords[username] + "x")
        if group is None:
            assert user.is_superuser
        else:
            assert not user.is_superuser
            assert list(user.groups.values_list("name", flat=True)) == [group]

    again = seed()
    assert "Passwort" not in again
    assert again.count("besteht schon") == len(ACCOUNTS)
    for username, password in passwords.items():  # existing accounts untouched
        assert authenticate(username=username, password=password) is not None

    # Every town has its editor, who adds portraits in that town's section and in no other.
    sections = TownSectionPage.objects.filter(**GERMAN)
    assert set(sections.values_list("town__slug", flat=True)) == set(TOWN_EDITORS)
    for slug, username in TOWN_EDITORS.items():
        editor = get_user_model().objects.get(username=username)
        for section in sections:
            may_add = section.permissions_for_user(editor).can_add_subpage()
            assert may_add == (section.town.slug == slug), (username, section.town.slug)
