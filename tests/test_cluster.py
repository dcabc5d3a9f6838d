"""The cluster (cluster/stack.py: Varnish -> haproxy -> two gunicorn app servers, a task worker,
a scheduler, PostgreSQL, Redis, SeaweedFS), started from its packages on loopback with the
production settings, and used the way a city uses it (issue 23 §3). One scenario in one test:
the cluster is started once, and the steps build on each other.

PostgreSQL only (the cluster's database is a PostgreSQL database of its own, made and dropped
here; CI runs this in its PostgreSQL run)."""

import io
import os
import re
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
import requests
from PIL import Image as PILImage

from cluster.processes import wait_for_http
from cluster.stack import Cluster
from tests.helpers.committed import postgres_only
from tests.helpers.servers import Receiver
from tests.helpers.test_database import RESULT_ENV, wait_for_template

pytestmark = [postgres_only]

LIST = "{ portraits(perPage: 100) { items { slug } } }"
IDS = "{ portraits(perPage: 100) { items { id slug } } }"
PASSWORD = "cluster-Test-passwort-1"  # noqa: S105 (a loopback test cluster)


class AdminSession:
    """An editor's browser on loopback. The production settings mark cookies Secure; the test
    speaks HTTP and says HTTPS through X-Forwarded-Proto (what the TLS proxy in front says), so
    it keeps and sends the cookies itself (a cookie jar would not send Secure ones over HTTP)."""

    def __init__(self):
        self.cookies = {}

    def request(self, method, url, headers=None, **kwargs):
        origin = "https://" + urlsplit(url).netloc
        sent = {
            "X-Forwarded-Proto": "https",
            "Origin": origin,
            "Referer": origin + urlsplit(url).path,
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
            **(headers or {}),
        }
        timeout = kwargs.pop("timeout", 30)
        response = requests.request(
            method, url, headers=sent, allow_redirects=False, timeout=timeout, **kwargs
        )
        self.cookies.update({cookie.name: cookie.value for cookie in response.cookies})
        return response

    def get(self, url, **kwargs):
        return self.request("GET", url, **kwargs)

    def post(self, url, **kwargs):
        return self.request("POST", url, **kwargs)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    name = f"cluster_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    database_url = f"postgres://postgres@127.0.0.1:5432/{name}"
    receiver = Receiver()
    # Migrated already, when the run has a template (tests/helpers/test_database.py): the
    # stack's `migrate` then has nothing left to do; `make cluster` migrates from nothing.
    template = wait_for_template() if RESULT_ENV in os.environ else None
    stack = Cluster(
        tmp_path_factory.mktemp("cluster"),
        database_url=database_url,
        # Below the test processes' own Redis databases (15, 14, 13 with CI's three processes,
        # cms/settings/test.py) and `make cluster`'s 12: a test's cache.clear() would flush it.
        redis_url="redis://127.0.0.1:6379/10",
        gunicorn_workers=1,
        s3_ports=range(18100, 18200),
        database_template=template,
        environment={
            "GRAPHQL_RATE_LIMIT": "60",
            "WEBHOOK_ALLOW_LOOPBACK": "1",
            "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
            # One prepared size instead of all 22 (PREPARED_RENDITIONS "all"): the worker still
            # prepares the uploaded photo's, the image work of the other 21 is not what the
            # cluster test is about (it reads the admin's thumbnail, made on request).
            "PREPARED_RENDITIONS": "fill-400x400",
        },
    )
    try:
        with stack:
            stack.manage("createsuperuser", "--no-input", "--username", "koordination",
                         "--email", "koordination@example.org")  # fmt: skip
            stack.receiver = receiver
            yield stack
    finally:
        receiver.stop()
        with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def slugs(url):
    response = requests.get(f"{url}/graphql/", params={"query": LIST}, timeout=10)
    assert response.status_code == 200, response.text[:300]
    return {item["slug"] for item in response.json()["data"]["portraits"]["items"]}


def shell(cluster, code):
    """Python in a process of its own with the cluster's settings (a content change made
    outside the app servers: its ban and webhooks must come from that process too)."""
    done = subprocess.run(  # noqa: S603 (fixed arguments)
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=Path(__file__).resolve().parent.parent, env=cluster.environment(),
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def test_the_cluster(cluster):
    first, second = cluster.apps

    # Through Varnish: the second read is answered without an app server.
    shown = slugs(cluster.url)
    assert shown
    assert slugs(cluster.url) == shown

    # An editor logs in through app 1; the session works on app 2 (sessions in PostgreSQL).
    session = AdminSession()
    login = session.get(f"{first.url}/admin/login/")
    token = session.cookies.get("csrftoken")
    assert login.status_code == 200 and token
    answer = session.post(
        f"{first.url}/admin/login/",
        data={"username": "koordination", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert answer.status_code == 302, answer.text[:500]
    dashboard = session.get(f"{second.url}/admin/")
    assert dashboard.status_code == 200

    # A photo uploaded through app 1 (into S3) is rendered by app 2 (from S3).
    form = session.get(f"{first.url}/admin/images/add/").text
    collection = re.search(r'name="collection"[^>]*>\s*<option value="(\d+)"', form)
    picture = io.BytesIO()
    PILImage.new("RGB", (640, 480), (200, 30, 40)).save(picture, "PNG")
    added = session.post(
        f"{first.url}/admin/images/add/",
        data={"title": "Aus dem Cluster", "alt_text": "Ein rotes Testbild",
              "csrfmiddlewaretoken": session.cookies["csrftoken"],
              **({"collection": collection.group(1)} if collection else {})},
        files={"file": ("cluster.png", picture.getvalue(), "image/png")},
    )  # fmt: skip
    assert added.status_code == 302, added.text[:2000]
    image_id = shell(
        cluster,
        "from media.models import Image; print(Image.objects.get(title='Aus dem Cluster').pk)",
    )
    edit = session.get(f"{second.url}/admin/images/{image_id}/")
    assert edit.status_code == 200, (image_id, edit.status_code, edit.text[:300])
    renditions = re.findall(r'<img[^>]+src="([^"]+/images/[^"]+)"', edit.text)
    assert renditions, edit.text[:2000]
    rendition = requests.get(renditions[0], timeout=10)
    assert rendition.status_code == 200 and rendition.headers["Content-Type"].startswith("image/")

    # A withdrawal made by another process is gone through Varnish and both servers within 1 s.
    victim = shell(
        cluster,
        "from pages.models import PortraitPage\n"
        "p = PortraitPage.objects.live().filter(locale__language_code='de').first()\n"
        "p.withdraw_consent(by=None)\nprint(p.slug)",
    )
    withdrawn_at = time.monotonic()
    assert victim in shown
    while victim in slugs(cluster.url) | slugs(first.url) | slugs(second.url):
        assert time.monotonic() - withdrawn_at < 1.0, "still shown 1 s after the withdrawal"
        time.sleep(0.05)

    # A withdrawal confirmed in the admin of app 2 is gone through Varnish and app 1 within 1 s.
    listed = requests.get(f"{cluster.url}/graphql/", params={"query": IDS}, timeout=10)
    clicked = listed.json()["data"]["portraits"]["items"][0]
    withdraw = f"{second.url}/admin/portraets/{clicked['id']}/einwilligung-widerrufen/"
    assert session.get(withdraw).status_code == 200
    done = session.post(withdraw, data={"csrfmiddlewaretoken": session.cookies["csrftoken"]})
    withdrawn_at = time.monotonic()
    assert done.status_code == 302, done.text[:500]
    assert clicked["slug"] in shown
    while clicked["slug"] in slugs(cluster.url) | slugs(first.url):
        assert time.monotonic() - withdrawn_at < 1.0, "still shown 1 s after the admin's withdrawal"
        time.sleep(0.05)

    # App 1 killed under a read loop through haproxy: reads go on through app 2.
    failures, answered, stop = [], [], threading.Event()

    def read_loop():
        while not stop.is_set():
            try:
                response = requests.get(f"{cluster.haproxy.url}/healthz/", timeout=5)
                (answered if response.status_code == 200 else failures).append(response)
            except requests.RequestException as error:
                failures.append(error)

    reader = threading.Thread(target=read_loop)
    reader.start()
    time.sleep(1)
    before = len(answered)
    first.service.kill()
    time.sleep(2)
    stop.set()
    reader.join()
    assert len(answered) > before + 10
    assert len(failures) <= 1, failures  # at most the request inside app 1 when it died
    first.service = cluster.app_service(first).start()
    assert wait_for_http(f"{first.url}/healthz/", process=first.service.process)

    # The worker killed while changes wait for delivery: restarted, every webhook arrives once.
    shell(cluster, f"from webhooks.models import Endpoint; Endpoint.objects.create("
                   f"name='Partner', url='{cluster.receiver.url()}', "
                   f"events=['published', 'unpublished', 'updated'])")  # fmt: skip
    cluster.worker.kill()
    changed = shell(
        cluster,
        "from pages.models import PortraitPage\n"
        "pages = PortraitPage.objects.live().filter(locale__language_code='de')[:3]\n"
        "for p in pages:\n"
        "    p.unpublish()\n"
        "print(' '.join(str(p.pk) for p in pages))",
    ).split()
    assert len(changed) == 3
    time.sleep(1)
    assert cluster.receiver.requests == []  # nobody delivers while the worker is down
    cluster.worker = cluster.worker_service().start()
    deadline = time.monotonic() + 60
    while len(cluster.receiver.requests) < 3 and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(2)  # a duplicate would arrive now
    ids = [
        {name.lower(): value for name, value in request["headers"].items()}["webhook-id"]
        for request in cluster.receiver.requests
    ]
    assert len(ids) == len(set(ids)) == 3, ids

    # Rate limits count on both servers: 60 a minute from one address, in all.
    statuses = [
        requests.post(
            f"{app.url}/graphql/", json={"query": "{ __typename }"}, timeout=10
        ).status_code
        for _ in range(40)
        for app in (first, second)
        if app.service.running()
    ]
    assert statuses.count(200) <= 60 and 429 in statuses
