"""Builds the demo site through the model API: `manage.py seed_demo`.

Idempotent: everything is looked up by slug (or name) first and only created when missing, so
a second run changes nothing, and content that editors changed in the admin stays as it is.
The content itself lives in demo/content.py, its English and Leichte Sprache versions in
demo/translations.py; generated portraits for load tests come from `generate_portraits`.

    manage.py seed_demo                      # content, twelve sample portraits, demo accounts
    manage.py seed_demo --no-accounts        # content only (also allowed with DEBUG=False)
    manage.py seed_demo --portraits 10000    # plus `generate_portraits 10000`, for benchmarks
"""

import datetime
import secrets

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
)

from cms import roles
from cms.public_site import site_root
from demo import content, translations
from demo.media import consent_document, placeholder_image, placeholder_photo
from demo.seeding import TranslationSeeding, publish
from pages.models import (
    CampaignPage,
    HomePage,
    PortraitPage,
    ProgrammePage,
    ProgrammePageFunder,
)
from snippets.models import ContactPerson, EngagementArea, Organisation, PartnerCity
from towns.service import TownError, TownSpec, add_town, ensure_contact

WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"


class Command(TranslationSeeding, BaseCommand):
    help = (
        "Legt die Demo-Inhalte an (Engagierte Stadt, Programme, Glücksbringer-Kampagne, "
        "Partnerstädte, Beispiel-Porträts, Demo-Konten). Mehrfach ausführbar: Vorhandenes "
        "bleibt unverändert."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-accounts", action="store_true", help="Keine Demo-Konten anlegen.")
        parser.add_argument(
            "--portraits",
            type=int,
            default=0,
            metavar="N",
            help="Zusätzlich N generierte Beispiel-Porträts (beispiel-portraet-00001 …).",
        )

    def handle(self, *args, no_accounts=False, portraits=0, verbosity=1, **options):
        if not no_accounts and not settings.DEBUG:
            raise CommandError(
                "Demo-Konten werden nur mit DEBUG=True angelegt. "
                "Für Inhalte ohne Konten: seed_demo --no-accounts"
            )
        if portraits < 0:
            raise CommandError("--portraits braucht eine Zahl ab 0.")
        self.verbosity = verbosity
        self.created = {}
        with transaction.atomic():
            self.seed_content()
        if portraits:
            call_command(
                "generate_portraits",
                portraits,
                verbosity=verbosity,
                stdout=self.stdout,
                stderr=self.stderr,
            )
        if not no_accounts:
            with transaction.atomic():
                self.seed_accounts()
        summary = ", ".join(f"{label}: {count}" for label, count in self.created.items())
        self.log(f"Demo-Inhalte bereit. Neu angelegt – {summary or 'nichts'}.")

    # Output -------------------------------------------------------------------------------

    def log(self, message):
        if self.verbosity:
            self.stdout.write(message)

    def count(self, label, created=True):
        if created:
            self.created[label] = self.created.get(label, 0) + 1

    # Content ------------------------------------------------------------------------------

    def seed_content(self):
        self.german = Locale.get_default()
        self.collections = self.seed_collections()
        self.seed_public_image()
        self.coordinator = self.seed_coordinator()
        self.areas = {
            data["slug"]: self.ensure_snippet(EngagementArea, data)
            for data in content.ENGAGEMENT_AREAS
        }
        self.organisations = {
            data["slug"]: self.ensure_snippet(Organisation, data) for data in content.ORGANISATIONS
        }
        self.home = self.seed_home()
        for data in content.PROGRAMMES:
            self.seed_programme(data)
        self.campaign = self.seed_campaign()
        self.seed_towns()
        for data in content.PORTRAITS:
            self.seed_portrait(data)
        for code in translations.TEXTS:
            self.seed_translations(Locale.objects.get(language_code=code))

    def seed_collections(self):
        root = Collection.get_first_root_node()
        collections = {}
        for name in content.COLLECTIONS:
            collection = root.get_children().filter(name=name).first()
            if collection is None:
                collection = root.add_child(name=name)
                self.count("Sammlungen")
            collections[name] = collection
        # Made private by migration editorial 0005; make sure it is, in any database.
        private = collections[content.CONSENT_COLLECTION]
        if not CollectionViewRestriction.objects.filter(collection=private).exists():
            restriction = CollectionViewRestriction.objects.create(
                collection=private, restriction_type=CollectionViewRestriction.GROUPS
            )
            restriction.groups.set(Group.objects.filter(name=roles.COORDINATORS))
        return collections

    def ensure_snippet(self, model, data):
        """A draft-state snippet by slug; created and published through a revision if missing."""
        obj = model.objects.filter(slug=data["slug"], locale=self.german).first()
        if obj is None:
            obj = model(**data, live=False)
            obj.save()
            obj = publish(obj)
            self.count(model._meta.verbose_name_plural)
        return obj

    def seed_coordinator(self):
        """The network's coordinator, made as a town's contact is (towns/service.py)."""
        before = ContactPerson.objects.count()
        contact = ensure_contact(content.COORDINATOR, self.german)
        self.count(ContactPerson._meta.verbose_name_plural, ContactPerson.objects.count() > before)
        return contact

    def seed_towns(self):
        """The partner towns with their sections, editor groups and photo collections, made as
        `add_town` makes a town (towns/service.py)."""
        counted = {
            "Partnerstadt": PartnerCity._meta.verbose_name_plural,
            "Ansprechperson": ContactPerson._meta.verbose_name_plural,
            "Bereich der Kampagne": "Seiten",
            "Redaktionsgruppe": "Redaktionsgruppen",
            "Sammlung": "Sammlungen",
        }
        self.towns, self.sections = {}, {}
        for data in content.PARTNER_CITIES:
            contact = (
                self.coordinator if data.get("coordinator_is_contact") else data.get("contact")
            )
            spec = TownSpec(
                name=data["name"],
                slug=data["slug"],
                website=data.get("website", ""),
                contact=contact,
                member_since=data.get("member_since"),
                is_coordinating=data.get("is_coordinating", False),
                intro=content.TOWN_SECTION_INTROS.get(data["slug"], ""),
            )
            try:
                outcome = add_town(spec)
            except TownError as error:
                raise CommandError(str(error)) from None
            for label, items in outcome.made.items():
                for _ in items if label in counted else ():
                    self.count(counted[label])
            self.towns[data["slug"]] = outcome.town
            self.sections[data["slug"]] = outcome.section

    def ensure_page(self, parent, model, slug, **fields):
        """A page of `model` below `parent` by slug; created and published if missing."""
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            page = model(slug=slug, **fields)
            parent.add_child(instance=page)
            page = publish(page)
            self.count("Seiten")
        return page

    def seed_home(self):
        root = Page.get_first_root_node()
        data = dict(content.HOME)
        slug = data.pop("slug")
        # HomePage.max_count is 1: an existing home page under another slug is the home page.
        german = HomePage.objects.filter(locale=self.german)
        home = german.filter(slug=slug).first() or german.first()
        if home is None:
            home = self.ensure_page(root, HomePage, slug, contact=self.coordinator, **data)
        self.point_default_site_at(home)
        self.delete_wagtail_welcome_page()
        return home

    def point_default_site_at(self, home):
        """The default Wagtail Site: rooted at the home page, at PUBLIC_SITE_URL's host and
        port (its root_url follows the setting: the admin's "live" links go to the public
        site)."""
        root = site_root()
        hostname, port = root or ("localhost", 80)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname=hostname,
                port=port,
                site_name=settings.WAGTAIL_SITE_NAME,
                root_page=home,
                is_default_site=True,
            )
        elif site.root_page_id != home.pk or (root and (site.hostname, site.port) != root):
            site.root_page = home
            site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
            if root:
                site.hostname, site.port = root
            site.save()

    def delete_wagtail_welcome_page(self):
        """Wagtail's starter page, unless some site still uses it or someone built on it."""
        welcome = Page.objects.filter(
            depth=2,
            title=WAGTAIL_WELCOME_TITLE,
            content_type=ContentType.objects.get_for_model(Page),
            numchild=0,
        ).exclude(pk__in=Site.objects.values("root_page_id"))
        for page in welcome:
            page.delete()
            self.log("Wagtails Willkommensseite gelöscht.")

    def seed_programme(self, data):
        fields = dict(data)
        funders = [self.organisations[slug] for slug in fields.pop("funders")]
        page = ProgrammePage.objects.child_of(self.home).filter(slug=fields["slug"]).first()
        if page is not None:
            return page
        fields["funder_links"] = [ProgrammePageFunder(organisation=org) for org in funders]
        return self.ensure_page(self.home, ProgrammePage, contact=self.coordinator, **fields)

    def seed_campaign(self):
        data = dict(content.CAMPAIGN)
        # CampaignPage.max_count is 1.
        campaign = CampaignPage.objects.filter(locale=self.german).first() or self.ensure_page(
            self.home, CampaignPage, contact=self.coordinator, **data
        )
        workflow = Workflow.objects.filter(name=roles.WORKFLOW_NAME, active=True).first()
        if workflow is None:
            self.stderr.write(f"Workflow „{roles.WORKFLOW_NAME}“ fehlt – migrate ausführen.")
        else:  # editorial.signals assigns it to a new campaign; make sure for an older one
            WorkflowPage.objects.get_or_create(page=campaign, defaults={"workflow": workflow})
        return campaign

    # Media --------------------------------------------------------------------------------

    def placeholder_photo(self, name, colour, slug, collection):
        photo, created = placeholder_photo(name, colour, slug, collection)
        self.count("Bilder", created)
        return photo

    def consent_document(self, title, given_by, slug):
        document, created = consent_document(
            title,
            given_by,
            slug,
            self.collections[content.CONSENT_COLLECTION],
            content.FICTION_NOTE,
        )
        self.count("Dokumente", created)
        return document

    def seed_public_image(self):
        """One image in the public collection: the campaign's (placeholder) key visual."""
        image, created = placeholder_image(
            "Glücksbringer – Kampagnenmotiv (Platzhalter)",
            self.collections[content.PUBLIC_COLLECTION],
            "GB",
            "#2a9d8f",
            "motiv.png",
            alt_text="Schriftzug „Glücksbringer“ auf grünem Grund (Platzhalter)",
            credit="Platzhalterbild, generiert für die Demo",
        )
        self.count("Bilder", created)
        return image

    # Portraits ----------------------------------------------------------------------------

    def seed_portrait(self, data):
        if PortraitPage.objects.filter(slug=data["slug"], locale=self.german).exists():
            return
        name, slug = data["name"], data["slug"]
        index = content.PORTRAITS.index(data)
        given_by = name if data["kind"] == "person" else f"Vertretung der Initiative {name}"
        page = PortraitPage(
            title=name,
            slug=slug,
            name=name,
            kind=data["kind"],
            quote=data["quote"],
            teaser=data["teaser"],
            body=[
                ("paragraph", f"<p>{data['story']}</p>"),
                (
                    "quote",
                    {"text": f"Ich bin ein Glücksbringer, {data['quote']}", "attribution": name},
                ),
                ("paragraph", f"<p><i>{content.FICTION_NOTE}</i></p>"),
            ],
            # In the town's own collection: other towns' editors do not see it.
            photo=self.placeholder_photo(
                name,
                data["colour"],
                slug,
                roles.town_collection(django_apps, self.towns[data["town"]].name),
            ),
            consent_given_by=given_by,
            consent_given_at=datetime.date(2024, 3, 1) + datetime.timedelta(days=7 * index),
            consent_scope=PortraitPage.ConsentScope.values[index % 3],
            consent_document=self.consent_document(f"Einwilligung {name}", given_by, slug),
        )
        page.areas = [self.areas[area] for area in data["areas"]]
        self.sections[data["town"]].add_child(instance=page)
        publish(page)
        self.count("Porträts")

    # Accounts -----------------------------------------------------------------------------

    def seed_accounts(self):
        user_model = get_user_model()
        for username, group_name in content.ACCOUNTS:
            if user_model.objects.filter(username=username).exists():
                self.stdout.write(f"Konto {username}: besteht schon (unverändert)")
                continue
            password = secrets.token_urlsafe(16)
            email = f"{username}@example.org"
            if group_name is None:
                user_model.objects.create_superuser(username, email, password)
            else:
                user = user_model.objects.create_user(username, email, password)
                user.groups.add(self.group(group_name))
            self.count("Konten")
            self.stdout.write(
                f"Konto {username} angelegt, Passwort (nur jetzt sichtbar): {password}"
            )

    def group(self, name):
        if name.startswith("town:"):
            name = roles.town_editor_group_name(self.towns[name.removeprefix("town:")].name)
        group = Group.objects.filter(name=name).first()
        if group is None:
            raise CommandError(f"Gruppe „{name}“ fehlt – migrate ausführen.")
        return group
