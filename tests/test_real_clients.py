"""The clients partners use, as they are, from Node against the live server (tests/js/):

- the GraphQL-over-HTTP audit of the `graphql-http` package (`auditServer`): no warning and no
  error (every SHOULD and MUST of the spec it checks), no notice either;
- Apollo Client with its persisted-query link, hashes over GET (`useGETForHashedQueries`, the
  CDN-cacheable path of docs/api-caching.md) and over POST, and plain queries over GET
  (`useGETForQueries`): each fetches a town's portraits. Apollo sends
  `Content-Type: application/json` on its GETs too.

The npm packages are pinned in tests/js/package-lock.json; `make install-test` installs them,
and so does this module when they are missing (`npm ci`, once). Transactional (live server): a
module of its own.
"""

import fcntl
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.factories import PortraitPageFactory, publish
from tests.helpers.committed import COMMITTED

pytestmark = COMMITTED

JS = Path(__file__).parent / "js"


def program(name):
    """Node's programs (README: Node 20 and npm are needed for the tests)."""
    path = shutil.which(name)
    assert path, f"{name} not found: the real-client tests need Node 20 and npm"
    return path


@pytest.fixture(scope="session")
def node_clients():
    """tests/js/node_modules as tests/js/package-lock.json pins it (`npm ci` when missing or
    older than the lock file; one test process at a time)."""
    installed = JS / "node_modules" / ".package-lock.json"
    lock = JS / "package-lock.json"
    with open(JS / ".install.lock", "w") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)
        if not installed.exists() or installed.stat().st_mtime < lock.stat().st_mtime:
            subprocess.run(  # noqa: S603 - npm, fixed arguments
                [program("npm"), "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                cwd=JS,
                check=True,
                timeout=300,
            )
            installed.touch()
    return JS


def start_node(node_clients, command, url):
    return subprocess.Popen(  # noqa: S603 - node, our script
        [program("node"), "real_clients.mjs", command, url],
        cwd=node_clients,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def result_of(process):
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    return json.loads(stdout)


def test_the_audit_and_apollo_client_against_the_live_server(live_server, node_clients, tree):
    """One test (one live-server flush): both clients run at the same time."""
    dessau, wittenberg = tree.dessau_section, tree.sections["lutherstadt-wittenberg"]
    publish(PortraitPageFactory(parent=dessau, name="Anna Nachbarin", slug="anna"))
    publish(PortraitPageFactory(parent=dessau, name="Bernd Helfer", slug="bernd"))
    publish(PortraitPageFactory(parent=wittenberg, name="Clara Woanders", slug="clara"))
    PortraitPageFactory(parent=dessau, name="Dora Entwurf", slug="dora")  # a draft
    url = live_server.url.replace("localhost", "127.0.0.1") + "/graphql/"
    audit = start_node(node_clients, "audit", url)
    apollo = start_node(node_clients, "apollo", url)

    # The GraphQL-over-HTTP audit: every check "ok" (no warning, error or notice).
    results = result_of(audit)
    assert len(results) > 50  # the whole audit ran
    assert [result for result in results if result["status"] != "ok"] == []

    # Apollo Client: each way of sending gets the town's published portraits, twice.
    clients = result_of(apollo)
    for name, (first, second) in clients.items():
        for request in (first, second):
            assert request["error"] is None, (name, request)
            assert sorted(request["slugs"]) == ["anna", "bernd"], name
            for sent in request["sent"]:
                assert sent["status"] == 200, (name, sent)
                assert sent["answerType"] == "application/graphql-response+json", (name, sent)
    methods = {
        name: [[(s["method"], s["withText"], s["hashed"]) for s in r["sent"]] for r in requests]
        for name, requests in clients.items()
    }
    assert methods == {
        # The hash alone first: unknown, so the text once (POST), then the hash alone by GET.
        "persistedGet": [
            [("GET", False, True), ("POST", True, True)],
            [("GET", False, True)],
        ],
        "persistedPost": [
            [("POST", False, True), ("POST", True, True)],
            [("POST", False, True)],
        ],
        "get": [[("GET", True, False)], [("GET", True, False)]],
    }
    # Apollo's GETs carry a Content-Type, which a GET's parsing ignores.
    assert clients["get"][0]["sent"][0]["contentType"] == "application/json"
