"""Renditions are made in the background task queue (media/tasks.py), never on a client's
request once the queue has drained; Wagtail's rendition cache stays in the process, not Redis.

The publish-to-API path commits for real and runs django-tasks-db's worker, as
`make worker` does (see tests/test_webhooks_delivery.py)."""

import io
import logging
import os
import time
from pathlib import PurePosixPath

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django_tasks_db.models import DBTaskResult
from wagtail.images.models import Filter
from wagtail.models import Collection

from cms.graphql.argument_checks import allowed_src_set_widths
from media.models import Image, Rendition
from media.tasks import (
    _keep_winners,
    enqueue_after_commit,
    prepare,
    prepare_image_renditions,
    prepared_filter_specs,
)
from snippets.models import Organisation
from tests.factories import ImageFactory, PortraitPageFactory, publish
from tests.helpers.committed import postgres_only
from tests.helpers.processes import _run_together, run_worker

FORMATS = ("", "webp", "jpeg")


@pytest.fixture
def all_renditions(settings):
    settings.PREPARED_RENDITIONS = "all"


def rendition_query_fields():
    """One aliased `rendition(...)` per allowed filter a client can ask for, plus `srcSet` in
    each format with every allowed width."""
    fields = []
    for number, spec in enumerate(prepared_filter_specs()):
        arguments = []
        for operation in spec.split("|"):
            name, _, value = operation.partition("-")
            arguments.append(f"{name}: {value}" if value.isdigit() else f'{name}: "{value}"')
        fields.append(f"r{number}: rendition({', '.join(arguments)}) {{ url width }}")
    for fmt in FORMATS:
        widths = allowed_src_set_widths(f"|format-{fmt}" if fmt else "")
        argument = f', format: "{fmt}"' if fmt else ""
        fields.append(f"s{fmt or 'plain'}: srcSet(sizes: {widths}{argument})")
    return " ".join(fields)


def test_all_means_every_size_and_format_a_client_can_ask_for(settings, all_renditions):
    specs = prepared_filter_specs()
    sizes = settings.GRAPHQL_ALLOWED_IMAGE_FILTERS
    assert len(specs) == len(set(specs)) == (len(sizes) - 1) * len(FORMATS)  # not "original"
    assert "width-1600|format-webp" in specs and "fill-160x160|format-jpeg" in specs
    assert set(specs) <= set(settings.GRAPPLE["ALLOWED_IMAGE_FILTERS"])
    settings.PREPARED_RENDITIONS = ["fill-400x400"]
    assert prepared_filter_specs() == ["fill-400x400"]
    settings.PREPARED_RENDITIONS = []
    assert prepared_filter_specs() == []


def test_switched_off_nothing_is_queued(tree):
    assert prepared_filter_specs() == []  # the test settings
    publish(PortraitPageFactory(parent=tree.dessau_section, photo=ImageFactory()))
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_prepare_is_idempotent_and_counts_what_it_made(all_renditions):
    photo = ImageFactory()
    photo.get_rendition("fill-400x400")  # one already there
    expected = len(prepared_filter_specs())
    assert prepare(photo) == expected - 1
    assert photo.renditions.count() == expected
    assert prepare(Image.objects.get(pk=photo.pk)) == 0
    assert photo.renditions.count() == expected


@pytest.mark.django_db
def test_a_broken_file_is_logged_not_raised(all_renditions, caplog):
    photo = ImageFactory()
    photo.file.storage.delete(photo.file.name)
    with caplog.at_level(logging.ERROR, logger="media.tasks"):
        assert prepare_image_renditions.call(photo.pk) == 0  # not visible: nothing to do
        assert prepare(photo) == 0
    assert f"Bild {photo.pk}" in caplog.text
    assert not photo.renditions.exists()


@pytest.mark.django_db
def test_a_lost_race_keeps_the_winner_and_deletes_the_spare_files(all_renditions):
    """Two workers generate the same renditions; the other one's rows reach the database
    first, ours conflict (Wagtail inserts them with ignore_conflicts) and their files are
    spares."""
    photo = ImageFactory()
    filters = [Filter(spec=spec) for spec in prepared_filter_specs()[:3]]
    winners = photo.create_renditions(*filters)
    with photo.open_file() as file:
        original = file.read()
    ours = {f: photo.generate_rendition_instance(f, io.BytesIO(original)) for f in filters}
    Rendition.objects.bulk_create(list(ours.values()), ignore_conflicts=True)  # as Wagtail does
    storage = photo.file.storage
    spares = [r.file.name for r in ours.values()]
    assert all(storage.exists(name) for name in spares)

    assert _keep_winners(photo, ours) == 0
    assert not any(storage.exists(name) for name in spares)
    kept = {r.filter_spec: r.file.name for r in photo.renditions.all()}
    assert kept == {r.filter_spec: r.file.name for r in winners.values()}
    assert all(storage.exists(name) for name in kept.values())


def queued_image_ids():
    results = DBTaskResult.objects.filter(backend_name="jobs", status="READY")
    return sorted(result.args_kwargs["args"][0] for result in results)


@pytest.mark.django_db
def test_one_task_per_image_per_commit_none_for_a_rolled_back_change(
    all_renditions, django_capture_on_commit_callbacks
):
    photo, other = ImageFactory(), ImageFactory()
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        enqueue_after_commit(photo.pk)
        enqueue_after_commit(photo.pk)
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue_after_commit(other.pk)
            raise RuntimeError("rolled back")
        enqueue_after_commit(photo.pk)
    assert queued_image_ids() == [photo.pk]


def test_the_rendition_cache_is_local_to_the_process(settings):
    backend = caches["renditions"]
    assert type(backend).__name__ == "LocMemCache"
    assert settings.CACHES["renditions"]["OPTIONS"]["MAX_ENTRIES"] > 0
    assert Rendition.cache_backend is backend


@pytest.mark.skipif(
    "Redis" not in type(caches["default"]).__name__, reason="needs REDIS_URL (real Redis)"
)
@pytest.mark.django_db
def test_a_list_request_writes_no_rendition_to_redis(graphql, tree, all_renditions):
    for number in range(3):
        photo = ImageFactory()
        prepare(photo)
        publish(
            PortraitPageFactory(parent=tree.dessau_section, slug=f"redis-{number}", photo=photo)
        )
    redis = caches["default"].redis
    before = set(redis.keys("*rendition*"))
    query = '{ portraits { items { photo { rendition(fill: "400x400") { url } '
    query += 'srcSet(sizes: [400, 800], format: "webp") } } } }'
    data = graphql.data(query)
    assert len(data["portraits"]["items"]) == 3
    assert all(item["photo"]["srcSet"] for item in data["portraits"]["items"])
    assert set(redis.keys("*rendition*")) == before == set()


def public_collection():
    return Collection.get_first_root_node().add_child(name=settings.PUBLIC_MEDIA_COLLECTIONS[0])


committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)
with_migration_data = pytest.mark.usefixtures("migration_data_back_afterwards")


def queued_for(image):
    return [
        result
        for result in DBTaskResult.objects.filter(backend_name="jobs", status="READY")
        if result.task_path.endswith("prepare_image_renditions")
        and result.args_kwargs["args"] == [image.pk]
    ]


@committed
@with_migration_data
def test_no_api_request_builds_a_rendition_once_the_queue_has_drained(
    graphql, client, tree, all_renditions
):
    photo = ImageFactory()
    draft = PortraitPageFactory(parent=tree.dessau_section, slug="foto", photo=photo)
    DBTaskResult.objects.all().delete()  # the upload's task (it would find a draft's photo)
    page = publish(draft)
    assert len(queued_for(photo)) == 1  # queued on commit, not made in the editor's request
    assert not photo.renditions.exists()
    run_worker()
    specs = prepared_filter_specs()
    assert photo.renditions.count() == len(specs)
    before = Rendition.objects.count()

    caches["renditions"].clear()  # a fresh worker process: nothing in its rendition cache
    fields = rendition_query_fields()
    data = graphql.data(f'{{ portrait(slug: "foto") {{ photo {{ {fields} }} }} }}')
    photo_data = data["portrait"]["photo"]
    assert len([key for key in photo_data if key.startswith("r")]) == len(specs)
    assert all(photo_data[key] for key in photo_data)
    # Each real width once: sizes at or over the original's width are the original's size.
    real_widths = {min(width, photo.width) for width in allowed_src_set_widths("|format-webp")}
    assert photo_data["swebp"].count("w,") == len(real_widths) - 1
    listed = graphql.data(f"{{ portraits {{ items {{ photo {{ {fields} }} }} }} }}")
    assert listed["portraits"]["items"][0]["photo"] == photo_data
    response = client.get(
        "/api/v2/pages/",
        {"type": "pages.PortraitPage", "fields": "photo"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    assert response.json()["items"][0]["id"] == page.pk
    assert Rendition.objects.count() == before  # not one built by a client's request


@committed
@with_migration_data
def test_public_images_and_published_logos_are_prepared_in_the_background(all_renditions):
    public = public_collection()
    uploaded = ImageFactory(collection=public)
    private = ImageFactory()  # root collection, used by nothing visible
    logo = ImageFactory()
    organisation = Organisation.objects.create(
        name="Stiftung Logo", slug="stiftung-logo", role=Organisation.Role.FUNDER, logo=logo
    )
    organisation.save_revision().publish()
    assert queued_for(uploaded) and queued_for(logo)
    run_worker()
    assert uploaded.renditions.count() == len(prepared_filter_specs())
    assert logo.renditions.count() == len(prepared_filter_specs())
    assert not private.renditions.exists()  # its task ran and found nothing to show

    uploaded.focal_point_x, uploaded.focal_point_y = 10, 10  # new crops for the fill sizes
    uploaded.focal_point_width = uploaded.focal_point_height = 20
    uploaded.save()
    run_worker()
    fills = [spec for spec in prepared_filter_specs() if spec.startswith("fill-")]
    assert uploaded.renditions.count() == len(prepared_filter_specs()) + len(fills)


def _run_task(image_id, start, results):
    from django.db import connections

    from tests.helpers.processes import _at

    try:
        _at(start)
        results.put((os.getpid(), prepare_image_renditions.call(image_id)))
    finally:
        connections.close_all()


@postgres_only
@committed
@with_migration_data
def test_two_workers_on_the_same_image_leave_one_set_and_no_spare_files(all_renditions):
    public = public_collection()
    photo = ImageFactory(collection=public)
    storage = photo.file.storage
    start = time.time() + 0.5
    made = _run_together((_run_task, (photo.pk, start)), (_run_task, (photo.pk, start)))
    specs = prepared_filter_specs()
    assert sum(made.values()) >= len(specs)  # each rendition made once (a loser made fewer)
    names = list(photo.renditions.values_list("file", flat=True))
    assert len(names) == len(specs)
    assert all(storage.exists(name) for name in names)
    stem = PurePosixPath(photo.file.name).stem[:16]  # rendition files start with it
    _, files = storage.listdir("images")
    on_disk = sorted(f"images/{name}" for name in files if name.startswith(stem))
    assert on_disk == sorted(names)  # no spare file of the worker that lost
