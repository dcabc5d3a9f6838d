"""Pictures of the admin's main screens, for the German help page and for before/after notes.

    make screens                       # this checkout → pages/static/pages/help/ (the help page's)
    .venv/bin/python -m tests.screens OUT [--checkout DIR]

Seeds a scratch SQLite database and media folder from the demo (`seed_demo`), puts a few
portraits into the states the screens are about (one in the approval workflow without consent,
one whose consent was withdrawn, one scheduled, one due but not yet published by the
scheduler), serves the checkout with `runserver` and photographs, in headless Chromium at
1400×1000 and in German, as the demo accounts:

    1-anmeldung              the login page
    2-dashboard-redaktion    the dashboard of a town editor (redaktion-dessau)
    3-neues-portraet         the form for a new portrait, as that editor opens it
    4-freigabe-koordination  a portrait in the workflow without consent, as Koordination sees it
    5-seitenliste            the town's page list after a withdrawal
    6-publikationsplan       the publication plan

`--checkout` photographs another checkout of the project (an older commit in a `git worktree`)
with this script, for a before/after comparison; the setup uses only models and Wagtail calls
that every version since the editorial workflow has.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import PIL.Image
from playwright.sync_api import sync_playwright

from cluster.processes import free_port
from tests.browser import launch_chromium

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bildschirm-fotos"

# Runs inside `manage.py shell` of the photographed checkout; prints the ids the screens need.
SETUP = """
import datetime, json
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Workflow
from pages.models import PortraitPage, TownSectionPage

users = get_user_model().objects
for user in users.all():
    user.set_password(%(password)r)
    user.save()
editor = users.get(username="redaktion-dessau")
coordinator = users.get(username="koordination")
section = TownSectionPage.objects.get(town__slug="dessau-rosslau")
portraits = list(PortraitPage.objects.child_of(section).live().order_by("path"))
withdrawn, model = portraits[0], portraits[1]

def portrait(name, slug, consent):
    fields = dict(title=name, slug=slug, name=name, kind="person", live=False,
                  quote="weil ich gern helfe", teaser="Liest Kindern in der Stadtbibliothek vor.")
    if consent:
        fields.update(consent_given_by=name, consent_given_at=datetime.date(2026, 11, 1),
                      consent_scope=model.consent_scope, consent_document=model.consent_document)
    page = PortraitPage(**fields)
    page.areas = list(model.areas.all())
    section.add_child(instance=page)
    return page

waiting = portrait("Erika Muster", "erika-muster", consent=False)
waiting.save_revision(user=editor)
Workflow.objects.get(active=True).start(waiting, editor)

scheduled = portrait("Max Beispiel", "max-beispiel", consent=True)
scheduled.go_live_at = timezone.now() + datetime.timedelta(days=3)
scheduled.save_revision(user=coordinator).publish(user=coordinator)

due = portrait("Lena Vorbild", "lena-vorbild", consent=True)
revision = due.save_revision(user=coordinator)
revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=2)
revision.save()

withdrawn.withdraw_consent(by=coordinator)
print(json.dumps({"section": section.pk, "waiting": waiting.pk}))
"""


def manage(checkout, env, *args):
    return subprocess.run(  # noqa: S603 (this interpreter, a fixed command)
        [sys.executable, "manage.py", *args],
        cwd=checkout,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (http://127.0.0.1)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def photograph(base_url, ids, out):
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)

        def window(username=None):
            context = browser.new_context(
                viewport={"width": 1400, "height": 1000},
                locale="de-DE",
                timezone_id="Europe/Berlin",
            )
            page = context.new_page()
            page.goto(f"{base_url}/admin/login/")
            if username:
                page.locator("#id_username").fill(username)
                page.locator("#id_password").fill(PASSWORD)
                page.locator("#id_password").press("Enter")
                page.wait_for_url(f"{base_url}/admin/")
            return page

        def shot(page, name, path=None):
            if path:
                page.goto(f"{base_url}{path}")
            page.wait_for_load_state("networkidle")
            target = out / f"{name}.png"
            page.screenshot(path=target)
            # 256 colours: a third of the bytes, the admin's flat colours look the same.
            with PIL.Image.open(target) as picture:
                small = picture.convert("RGB").quantize(colors=256)
            small.save(target, optimize=True)

        shot(window(), "1-anmeldung")
        editor = window("redaktion-dessau")
        shot(editor, "2-dashboard-redaktion")
        section = ids["section"]
        shot(editor, "3-neues-portraet", f"/admin/pages/add/pages/portraitpage/{section}/")
        coordinator = window("koordination")
        shot(coordinator, "4-freigabe-koordination", f"/admin/pages/{ids['waiting']}/edit/")
        shot(coordinator, "5-seitenliste", f"/admin/pages/{section}/")
        shot(coordinator, "6-publikationsplan", "/admin/publikationsplan/")
        browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--checkout", type=Path, default=ROOT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="es-screens-") as scratch:
        # Development settings without the in-process scheduler: it would publish the due portrait.
        Path(scratch, "screens_settings.py").write_text(
            "from cms.settings.dev import *  # noqa\nSCHEDULER_IN_PROCESS = False\n"
        )
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "screens_settings",
            "DATABASE_URL": f"sqlite:///{scratch}/db.sqlite3",
            "MEDIA_ROOT": f"{scratch}/media",
            "SECRET_KEY": "screens-only",
            "PYTHONPATH": os.pathsep.join([str(args.checkout), scratch]),
        }
        manage(args.checkout, env, "migrate", "--no-input")
        manage(args.checkout, env, "seed_demo")
        output = manage(args.checkout, env, "shell", "-c", SETUP % {"password": PASSWORD})
        ids = json.loads(output.strip().splitlines()[-1])
        port = free_port()
        server = subprocess.Popen(  # noqa: S603 (this interpreter, a fixed command)
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=args.checkout,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_for(f"{base_url}/admin/login/")
            photograph(base_url, ids, args.out)
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"Bilder in {args.out}")


if __name__ == "__main__":
    main()
