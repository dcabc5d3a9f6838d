"""Builds the demo site through the model API: `manage.py seed_demo`.

Idempotent: everything is looked up by slug (or name) first and only created when missing, so
a second run changes nothing, and content that editors changed in the admin stays as it is.
The content itself lives in pages/demo_content.py.

    manage.py seed_demo                      # content, twelve sample portraits, demo accounts
    manage.py seed_demo --no-accounts        # content only (also allowed with DEBUG=False)
    manage.py seed_demo --portraits 10000    # plus generated portraits, e.g. for benchmarks
"""

import datetime
import io
import random
import secrets
import sys

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from tqdm import tqdm
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    Site,
    Workflow,
    WorkflowPage,
)
from wagtail.search.backends import get_search_backend

from cms import roles
from cms.events import emit
from media.models import Document, Image
from pages import demo_content as content
from pages.models import (
    CampaignPage,
    HomePage,
    PortraitPage,
    ProgrammePage,
    ProgrammePageFunder,
    TownSectionPage,
)
from snippets.models import ContactPerson, EngagementArea, Organisation, PartnerCity

WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"
PHOTO_SIZE = 800
BULK_CHUNK = 500


def placeholder_png(initials, colour, size=PHOTO_SIZE):
    """A coloured square with white initials: a portrait photo nobody can mistake for real."""
    picture = PILImage.new("RGB", (size, size), colour)
    draw = ImageDraw.Draw(picture)
    try:
        font = ImageFont.load_default(size=size // 3)
    except (TypeError, OSError):  # Pillow without FreeType: small bitmap font
        font = ImageFont.load_default()
    draw.text((size / 2, size / 2), initials, fill="white", font=font, anchor="mm")
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def initials_of(name):
    words = [word for word in name.replace("(Beispiel)", "").split() if word[:1].isalpha()]
    return "".join(word[0] for word in words[:2]).upper() or "?"


def publish(obj):
    """Publish through a revision, as an editor does; return the fresh live object."""
    obj.save_revision().publish()
    obj.refresh_from_db()
    return obj


class Command(BaseCommand):
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
            self.seed_generated_portraits(portraits)
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
        self.towns = {data["slug"]: self.seed_town(data) for data in content.PARTNER_CITIES}
        self.home = self.seed_home()
        for data in content.PROGRAMMES:
            self.seed_programme(data)
        self.campaign = self.seed_campaign()
        self.sections = {slug: self.seed_section(town) for slug, town in self.towns.items()}
        for data in content.PORTRAITS:
            self.seed_portrait(data)

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
        obj = model.objects.filter(slug=data["slug"]).first()
        if obj is None:
            obj = model(**data, live=False)
            obj.save()
            obj = publish(obj)
            self.count(model._meta.verbose_name_plural)
        return obj

    def seed_coordinator(self):
        data = content.COORDINATOR
        contact = ContactPerson.objects.filter(name=data["name"], email=data["email"]).first()
        if contact is None:
            contact = ContactPerson(**data, live=False)
            contact.full_clean()
            contact.save()
            contact = publish(contact)
            self.count(ContactPerson._meta.verbose_name_plural)
        return contact

    def seed_town(self, data):
        fields = {key: value for key, value in data.items() if key != "coordinator_is_contact"}
        if data.get("coordinator_is_contact"):
            fields["contact"] = self.coordinator
        return self.ensure_snippet(PartnerCity, fields)

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
        home = HomePage.objects.filter(slug=slug).first() or HomePage.objects.first()
        if home is None:
            home = self.ensure_page(root, HomePage, slug, contact=self.coordinator, **data)
        self.point_default_site_at(home)
        self.delete_wagtail_welcome_page()
        return home

    def point_default_site_at(self, home):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                site_name=settings.WAGTAIL_SITE_NAME,
                root_page=home,
                is_default_site=True,
            )
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
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
        campaign = CampaignPage.objects.first() or self.ensure_page(
            self.home, CampaignPage, contact=self.coordinator, **data
        )
        workflow = Workflow.objects.filter(name=roles.WORKFLOW_NAME, active=True).first()
        if workflow is None:
            self.stderr.write(f"Workflow „{roles.WORKFLOW_NAME}“ fehlt – migrate ausführen.")
        else:  # editorial.signals assigns it to a new campaign; make sure for an older one
            WorkflowPage.objects.get_or_create(page=campaign, defaults={"workflow": workflow})
        return campaign

    def seed_section(self, town):
        section = TownSectionPage.objects.filter(town=town).first() or self.ensure_page(
            self.campaign,
            TownSectionPage,
            town.slug,
            title=town.name,
            town=town,
            intro=content.TOWN_SECTION_INTROS.get(town.slug, ""),
        )
        # editorial.signals creates the group for a new section; this is for older ones.
        roles.create_town_editor_group(django_apps, section)
        return section

    # Media --------------------------------------------------------------------------------

    def placeholder_photo(self, title, name, colour, slug, collection=None):
        photo = Image.objects.filter(title=title).first()
        if photo is not None:
            return photo
        photo = Image(
            title=title,
            alt_text=f"Platzhalterbild mit den Initialen {initials_of(name)} für {name}",
            credit="Platzhalterbild, generiert für die Demo",
            collection=collection or self.collections[content.PORTRAIT_COLLECTION],
            file=ImageFile(
                io.BytesIO(placeholder_png(initials_of(name), colour)), name=f"{slug}.png"
            ),
        )
        photo._set_image_file_metadata()
        centre = PHOTO_SIZE // 2
        photo.focal_point_x = photo.focal_point_y = centre
        photo.focal_point_width = photo.focal_point_height = PHOTO_SIZE // 2
        photo.save()
        self.count("Bilder")
        return photo

    def consent_document(self, title, given_by, slug):
        document = Document.objects.filter(title=title).first()
        if document is not None:
            return document
        text = (
            "Einwilligungserklärung (Beispiel)\n\n"
            f"{given_by} willigt in die Veröffentlichung des Glücksbringer-Porträts ein.\n"
            f"{content.FICTION_NOTE}\n"
        )
        document = Document(
            title=title,
            collection=self.collections[content.CONSENT_COLLECTION],
            file=ContentFile(text.encode(), name=f"einwilligung-{slug}.txt"),
        )
        document._set_document_file_metadata()
        document.save()
        self.count("Dokumente")
        return document

    def seed_public_image(self):
        """One image in the public collection: the campaign's (placeholder) key visual."""
        title = "Glücksbringer – Kampagnenmotiv (Platzhalter)"
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image(
                title=title,
                alt_text="Schriftzug „Glücksbringer“ auf grünem Grund (Platzhalter)",
                credit="Platzhalterbild, generiert für die Demo",
                collection=self.collections[content.PUBLIC_COLLECTION],
                file=ImageFile(io.BytesIO(placeholder_png("GB", "#2a9d8f")), name="motiv.png"),
            )
            image._set_image_file_metadata()
            image.save()
            self.count("Bilder")
        return image

    # Portraits ----------------------------------------------------------------------------

    def seed_portrait(self, data):
        if PortraitPage.objects.filter(slug=data["slug"]).exists():
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
                f"Porträtfoto {name}",
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

    def seed_generated_portraits(self, total):
        """N generated portraits, published directly (no revision) in bulk: fast enough for
        10,000. A few shared photos and one consent document; rerunning with the same N adds
        none."""
        prefix = content.GENERATED_SLUG.split("{")[0]
        existing = set(
            PortraitPage.objects.filter(slug__startswith=prefix).values_list("slug", flat=True)
        )
        missing = [
            number
            for number in range(1, total + 1)
            if content.GENERATED_SLUG.format(number) not in existing
        ]
        if not missing:
            self.log(f"{total} generierte Porträts sind schon vorhanden.")
            return
        sections = [self.sections[data["slug"]] for data in content.PARTNER_CITIES]
        photos = [
            self.placeholder_photo(
                f"Beispielfoto {number}", f"Beispiel {number}", colour, f"foto-{number}"
            )
            for number, colour in enumerate(content.GENERATED_PHOTO_COLOURS, start=1)
        ]
        document = self.consent_document(
            "Einwilligung generierte Beispiel-Porträts", "Beispiel-Personen", "generiert"
        )
        area_ids = [area.pk for area in self.areas.values()]
        next_step = {section.pk: self.next_child_step(section) for section in sections}
        content_type = ContentType.objects.get_for_model(PortraitPage)
        areas_through = PortraitPage.areas.through
        rng = random.Random(total)
        progress = tqdm(
            total=len(missing),
            desc="Porträts",
            unit="Porträt",
            file=sys.stderr,
            disable=not self.verbosity,
        )
        for start in range(0, len(missing), BULK_CHUNK):
            numbers = missing[start : start + BULK_CHUNK]
            with transaction.atomic():
                pages = []
                for number in numbers:
                    section = sections[(number - 1) % len(sections)]
                    pages.append(
                        self.generated_portrait(
                            number, section, next_step, content_type, photos, document, rng
                        )
                    )
                created = Page.objects.bulk_create([page.page_ptr for page in pages])
                through_rows = []
                for page, base in zip(pages, created, strict=True):
                    page.page_ptr_id = page.id = base.pk
                    page.save_base(raw=True, force_insert=True)  # the portrait table only
                    for area_id in rng.sample(area_ids, k=rng.randint(1, 2)):
                        through_rows.append(
                            areas_through(portraitpage_id=page.pk, engagementarea_id=area_id)
                        )
                areas_through.objects.bulk_create(through_rows)
                for section in sections:
                    Page.objects.filter(pk=section.pk).update(
                        numchild=Page.objects.child_of(section).count()
                    )
                get_search_backend().add_bulk(
                    PortraitPage, PortraitPage.objects.filter(pk__in=[p.pk for p in pages])
                )
            progress.update(len(numbers))
        progress.close()
        # Bulk inserts send no publish events: announce them as one change of many portraits.
        emit(None, "updated", model=PortraitPage)
        self.created["generierte Porträts"] = len(missing)

    @staticmethod
    def next_child_step(parent):
        last = (
            Page.objects.child_of(parent).order_by("-path").values_list("path", flat=True).first()
        )
        return Page._str2int(last[-Page.steplen :]) + 1 if last else 1

    def generated_portrait(self, number, section, next_step, content_type, photos, document, rng):
        step = next_step[section.pk]
        next_step[section.pk] += 1
        slug = content.GENERATED_SLUG.format(number)
        first_name = content.GENERATED_FIRST_NAMES[number % len(content.GENERATED_FIRST_NAMES)]
        name = f"{first_name} Beispiel {number:05d}"
        published_at = timezone.make_aware(datetime.datetime(2023, 7, 1)) + datetime.timedelta(
            minutes=number
        )
        quote = rng.choice(content.GENERATED_QUOTES)
        base = Page(
            title=name,
            draft_title=name,
            slug=slug,
            content_type=content_type,
            path=Page._get_path(section.path, section.depth + 1, step),
            depth=section.depth + 1,
            numchild=0,
            url_path=f"{section.url_path}{slug}/",
            locale_id=section.locale_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=published_at,
            last_published_at=published_at,
        )
        return PortraitPage(
            page_ptr=base,
            name=name,
            kind=PortraitPage.Kind.PERSON if number % 4 else PortraitPage.Kind.INITIATIVE,
            quote=quote,
            teaser=f"Generiertes Beispiel-Porträt Nr. {number} aus {section.title}.",
            body=[("paragraph", f"<p>{content.FICTION_NOTE}</p>")],
            photo=photos[number % len(photos)],
            town_id=section.town_id,
            consent_given_by=name,
            consent_given_at=datetime.date(2024, 1, 15),
            consent_scope=PortraitPage.ConsentScope.WEB,
            consent_document=document,
        )

    # Accounts -----------------------------------------------------------------------------

    def seed_accounts(self):
        user_model = get_user_model()
        for username, group_name in content.ACCOUNTS:
            if user_model.objects.filter(username=username).exists():
                self.stdout.write(f"Konto {username}: exists (unverändert)")
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
