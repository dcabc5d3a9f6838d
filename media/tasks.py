"""Renditions made in the background (the "jobs" task queue), never on a client's request.

Every rendition a client may ask for (`prepared_filter_specs()`: the sizes x formats of GraphQL's
`rendition(...)` and `srcSet(...)`) is made by `prepare_image_renditions`, queued once the change
commits: a portrait published (its photo), an organisation published (its logo), an image in a
public collection saved or uploaded (media/signals.py). The worker (`make worker`, a service in
production) runs it. Existing renditions are skipped, two workers on the same image are safe
(the unique constraint on renditions decides, the loser's spare files are deleted), and a broken
file is logged, not raised.

Before the queue has drained, an API request that asks for a missing rendition still builds it
(Wagtail's `get_rendition`): a slow first answer rather than a broken image (docs/operations.md).
"""

import functools
import logging

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django_tasks import task
from wagtail.images.models import Filter

from .models import Image, originals_are_public

logger = logging.getLogger(__name__)

# Below the webhook deliveries (priority 0): a partner's notification does not wait for images.
PRIORITY = -10


def prepared_filter_specs():
    """The filter specs to prepare: PREPARED_RENDITIONS, where "all" means every allowed filter
    a client can ask for. "original…" is left out: `rendition(...)` always builds "name-value"
    specs and `srcSet` only "width-N", so no request asks for it."""
    wanted = settings.PREPARED_RENDITIONS
    if wanted == "all" or list(wanted) == ["all"]:
        allowed = settings.GRAPPLE["ALLOWED_IMAGE_FILTERS"]
        wanted = [spec for spec in allowed if not spec.startswith("original")]
        if not originals_are_public():  # S3: `url` is the "original" rendition (media.models)
            wanted.append("original")
    return list(wanted)


def prepare(image, specs=None):
    """Make the missing renditions of `image` (all of `prepared_filter_specs()` unless `specs`
    names them); returns how many this call made. Reads existing renditions from the database,
    not from a cache. A broken or missing file is logged and counts as none made."""
    specs = prepared_filter_specs() if specs is None else specs
    if not specs or image is None:
        return 0
    filters = list(dict.fromkeys(image.clean_filter_for_svg(Filter(spec=s)) for s in specs))
    try:
        existing = _existing(image, filters)
        missing = [f for f in filters if (f.spec, f.get_cache_key(image)) not in existing]
        if not missing:
            return 0
        try:
            made = image.create_renditions(*missing)
        except IntegrityError:  # one rendition, and another worker inserted it first
            return 0
        return _keep_winners(image, made)
    except Exception:
        logger.exception("Bildvarianten für Bild %s konnten nicht erzeugt werden", image.pk)
        return 0


def _existing(image, filters):
    lookup = Q()
    for filter in filters:
        lookup |= Q(filter_spec=filter.spec, focal_point_key=filter.get_cache_key(image))
    rows = image.renditions.filter(lookup).values_list("filter_spec", "focal_point_key", "file")
    return {(spec, key): name for spec, key, name in rows}


def _keep_winners(image, made):
    """Two workers on the same image: Wagtail inserts with ignore_conflicts, so the row that
    reached the database first stays. A rendition of ours whose file is not that row's file lost:
    its file is deleted (else it would lie in storage forever). Returns the number that won."""
    if not made:
        return 0
    stored = _existing(image, list(made))
    won = 0
    for rendition in made.values():
        if stored.get((rendition.filter_spec, rendition.focal_point_key)) == rendition.file.name:
            won += 1
        else:
            rendition.file.delete(save=False)
    return won


@task(backend="jobs", priority=PRIORITY)
def prepare_image_renditions(image_id):
    """The task: prepare the renditions of one image if clients can see it (still public, not
    the photo of a withdrawn consent). Returns how many it made."""
    from cms import visibility

    image = visibility.images(Image.objects.filter(pk=image_id)).first()
    if image is None:
        return 0
    made = prepare(image)
    still_shown = Image.objects.filter(pk=image.pk, file=image.file.name)
    if made and not visibility.images(still_shown).exists():
        # Withdrawn (consent) or hidden while we worked: what we made must not stay behind,
        # under names derived from the old file's.
        for rendition in image.renditions.all():
            rendition.delete()  # Wagtail deletes the file
        return 0
    return made


class _Commit:
    """The images queued by one transaction: one task per image once it commits, however many
    events name it (a town published again publishes all its portraits, which share photos)."""

    def __init__(self, outermost):
        self.outermost = outermost  # the transaction's outermost atomic block
        self.queued = set()
        self.ran = False


def _enqueue_once(commit, image_id):
    commit.ran = True
    if image_id not in commit.queued:
        commit.queued.add(image_id)
        prepare_image_renditions.enqueue(image_id)


def enqueue_after_commit(image_id):
    """Queue `prepare_image_renditions(image_id)` once the current transaction commits (at once
    outside a transaction); nothing if the change is rolled back (a rolled-back savepoint drops
    its callbacks) or PREPARED_RENDITIONS is empty."""
    if not image_id or not prepared_filter_specs():
        return
    if not connection.in_atomic_block:
        prepare_image_renditions.enqueue(image_id)
        return
    commit = getattr(connection, "_rendition_commit", None)
    outermost = connection.atomic_blocks[0]
    if commit is None or commit.ran or commit.outermost is not outermost:
        commit = connection._rendition_commit = _Commit(outermost)
    transaction.on_commit(functools.partial(_enqueue_once, commit, image_id), robust=True)
