"""Generated portraits for load tests and benchmarks: `manage.py generate_portraits N`.

Portraits `beispiel-portraet-00001` … `N`, spread evenly over the town sections, live with
consent on record, a few shared placeholder photos and one example consent form. Inserted in
bulk (no revisions, no per-page signals): 10,000 take seconds, not an hour. Rerunning with the
same N adds none. Needs the demo tree: run `seed_demo` first (or `seed_demo --portraits N`, which
calls this).

`--towns T` (default: the demo's 4): the first T towns, the demo's and then "Beispielstadt 005" …
(demo/generated_towns.py; those missing are set up first through the towns app's service, at
most 999). Each new portrait goes to the town with the fewest generated ones so far (ties: the
earlier town), so that N over T towns ends even also when some existed before: 1,000 over 4
towns and then 100,000 over 100 give each town 1,000.
"""

import datetime
import heapq
import random
import sys

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Value, When
from django.utils import timezone
from tqdm import tqdm
from wagtail.models import Collection, Locale, Page
from wagtail.search.backends import get_search_backend

from cms.events import emit
from demo import content, generated_towns
from demo.media import consent_document, placeholder_photo
from media.tasks import prepare
from pages.models import PortraitPage, TownSectionPage
from snippets.models import EngagementArea

CHUNK = 500


class Command(BaseCommand):
    help = (
        "Legt N generierte Beispiel-Porträts an (beispiel-portraet-00001 …), z. B. für "
        "Lasttests. Braucht die Demo-Inhalte (seed_demo). Mehrfach ausführbar."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, metavar="N", help="Anzahl der Porträts.")
        parser.add_argument(
            "--towns",
            type=int,
            default=len(content.PARTNER_CITIES),
            metavar="T",
            help=(
                "Auf wie viele Partnerstädte die Porträts verteilt werden (Standard: die "
                f"{len(content.PARTNER_CITIES)} der Demo; mehr werden als „Beispielstadt 005“ … "
                f"angelegt, höchstens {generated_towns.MAX_TOWNS})."
            ),
        )

    def handle(self, *args, count, towns, verbosity=1, **options):
        if count < 0:
            raise CommandError("N braucht eine Zahl ab 0.")
        if not 1 <= towns <= generated_towns.MAX_TOWNS:
            raise CommandError(
                f"--towns braucht eine Zahl von 1 bis {generated_towns.MAX_TOWNS} "
                f"(angegeben: {towns})."
            )
        demo_sections = TownSectionPage.objects.filter(
            town__slug__in=[t["slug"] for t in content.PARTNER_CITIES],
            locale=Locale.get_default(),
        )
        if demo_sections.count() != len(content.PARTNER_CITIES):
            raise CommandError("Die Demo-Inhalte fehlen – zuerst seed_demo ausführen.")
        made = generated_towns.ensure_towns(towns)
        if made and verbosity:
            self.stdout.write(f"{made} Beispielstädte angelegt.")
        sections = generated_towns.sections(towns)
        prefix = content.GENERATED_SLUG.split("{")[0]
        existing = set(
            PortraitPage.objects.filter(slug__startswith=prefix).values_list("slug", flat=True)
        )
        missing = [
            n for n in range(1, count + 1) if content.GENERATED_SLUG.format(n) not in existing
        ]
        if not missing:
            if verbosity:
                self.stdout.write(f"{count} generierte Porträts sind schon vorhanden.")
            return
        photos = self.photos()
        self.generate(missing, sections, photos, count, verbosity)
        # Bulk inserts send no publish events: one change of many portraits.
        emit(None, "updated", model=PortraitPage)
        # Every rendition a client may ask for, once per distinct photo (the portraits share
        # a few), here rather than in the task queue: no request builds one (media/tasks.py).
        for photo in photos:
            prepare(photo)
        if verbosity:
            self.stdout.write(f"{len(missing)} generierte Porträts angelegt.")

    def photos(self):
        collection = Collection.objects.filter(name=content.PORTRAIT_COLLECTION).first()
        if collection is None:
            raise CommandError("Die Demo-Inhalte fehlen – zuerst seed_demo ausführen.")
        return [
            placeholder_photo(
                f"Beispiel {number}",
                colour,
                f"foto-{number}",
                collection,
                title=f"Beispielfoto {number}",
            )[0]
            for number, colour in enumerate(content.GENERATED_PHOTO_COLOURS, start=1)
        ]

    def generate(self, missing, sections, photos, seed, verbosity):
        consent_collection = Collection.objects.get(name=content.CONSENT_COLLECTION)
        document, _ = consent_document(
            "Einwilligung generierte Beispiel-Porträts",
            "Beispiel-Personen",
            "generiert",
            consent_collection,
            content.FICTION_NOTE,
        )
        area_ids = list(
            EngagementArea.objects.filter(live=True, locale=Locale.get_default()).values_list(
                "pk", flat=True
            )
        )
        next_step = {section.pk: self.next_child_step(section) for section in sections}
        numchild = dict(
            Page.objects.filter(pk__in=[s.pk for s in sections]).values_list("pk", "numchild")
        )
        fewest = self.fill_order(sections)
        content_type = ContentType.objects.get_for_model(PortraitPage)
        areas_through = PortraitPage.areas.through
        rng = random.Random(seed)
        progress = tqdm(
            total=len(missing),
            desc="Porträts",
            unit="Porträt",
            file=sys.stderr,
            disable=not verbosity,
        )
        for start in range(0, len(missing), CHUNK):
            numbers = missing[start : start + CHUNK]
            with transaction.atomic():
                pages = []
                touched = set()
                for number in numbers:
                    generated, index = heapq.heappop(fewest)
                    heapq.heappush(fewest, (generated + 1, index))
                    section = sections[index]
                    step = next_step[section.pk]
                    next_step[section.pk] += 1
                    numchild[section.pk] += 1
                    touched.add(section.pk)
                    pages.append(
                        self.portrait(number, section, step, content_type, photos, document, rng)
                    )
                created = Page.objects.bulk_create([page.page_ptr for page in pages])
                through_rows = []
                for page, base in zip(pages, created, strict=True):
                    page.page_ptr_id = page.id = base.pk
                    page.save_base(raw=True, force_insert=True)  # the portrait table only
                    for area_id in rng.sample(area_ids, k=min(len(area_ids), rng.randint(1, 2))):
                        through_rows.append(
                            areas_through(portraitpage_id=page.pk, engagementarea_id=area_id)
                        )
                areas_through.objects.bulk_create(through_rows)
                # One statement for the sections of the chunk (up to 100 towns, 200 chunks).
                Page.objects.filter(pk__in=touched).update(
                    numchild=Case(
                        *(When(pk=pk, then=Value(numchild[pk])) for pk in touched),
                        output_field=IntegerField(),
                    )
                )
                get_search_backend().add_bulk(
                    PortraitPage, PortraitPage.objects.filter(pk__in=[p.pk for p in pages])
                )
            progress.update(len(numbers))
        progress.close()

    @staticmethod
    def fill_order(sections):
        """A heap of (generated portraits, section index): the next portrait goes to the first.
        With none generated yet this is the round robin over the sections in order."""
        prefix = content.GENERATED_SLUG.split("{")[0]
        per_town = dict(
            PortraitPage.objects.filter(
                slug__startswith=prefix, town_id__in=[s.town_id for s in sections]
            )
            .order_by()
            .values("town_id")
            .annotate(generated=Count("pk"))
            .values_list("town_id", "generated")
        )
        fewest = [(per_town.get(s.town_id, 0), index) for index, s in enumerate(sections)]
        heapq.heapify(fewest)
        return fewest

    @staticmethod
    def next_child_step(parent):
        last = Page.objects.child_of(parent).order_by("-path").values_list("path", flat=True)
        last = last.first()
        return Page.numconv_obj().str2int(last[-Page.steplen :]) + 1 if last else 1

    @staticmethod
    def child_path(parent, step):
        """The path treebeard gives the `step`th child (its documented `alphabet` and
        `steplen`, and its public number converter)."""
        key = Page.numconv_obj().int2str(step)
        return parent.path + key.rjust(Page.steplen, Page.alphabet[0])

    def portrait(self, number, section, step, content_type, photos, document, rng):
        slug = content.GENERATED_SLUG.format(number)
        first_name = content.GENERATED_FIRST_NAMES[number % len(content.GENERATED_FIRST_NAMES)]
        name = f"{first_name} Beispiel {number:05d}"
        published_at = timezone.make_aware(datetime.datetime(2023, 7, 1)) + datetime.timedelta(
            minutes=number
        )
        base = Page(
            title=name,
            draft_title=name,
            slug=slug,
            content_type=content_type,
            path=self.child_path(section, step),
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
            quote=rng.choice(content.GENERATED_QUOTES),
            teaser=f"Generiertes Beispiel-Porträt Nr. {number} aus {section.title}.",
            body=[("paragraph", f"<p>{content.FICTION_NOTE}</p>")],
            photo=photos[number % len(photos)],
            town_id=section.town_id,
            consent_given_by=name,
            consent_given_at=datetime.date(2024, 1, 15),
            consent_scope=PortraitPage.ConsentScope.WEB,
            consent_document=document,
        )
