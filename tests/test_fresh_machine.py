"""The README's `make test` on a fresh machine (issue 19, item 7): before the suite it gets what
the tests need beyond Python (Chromium, Redis) through .ci/prepare-tests, as `.ci/run` does, or
names in one line what it cannot get."""

import subprocess
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def test_make_test_prepares_the_machine_before_the_suite():
    plan = subprocess.run(
        ["make", "--dry-run", "test"],  # noqa: S607 (make from PATH, as the README says)
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    prepare = [number for number, line in enumerate(plan) if ".ci/prepare-tests" in line]
    suite = [number for number, line in enumerate(plan) if " -m pytest " in line]
    assert prepare and suite and prepare[0] < suite[0], plan


def test_without_apt_get_it_names_what_is_missing_in_one_line(tmp_path):
    # A PATH without apt-get (the tools the script needs, nothing else) and no Chromium where it
    # is looked for: nothing can be installed, so the script says what the browser tests need.
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in ("id", "seq", "sleep"):
        (tools / tool).symlink_to(f"/usr/bin/{tool}")
    chromium = tmp_path / "no-chromium"
    result = subprocess.run(  # noqa: S603 (our own script, fixed arguments)
        ["/bin/bash", ".ci/prepare-tests"],
        cwd=ROOT,
        env={"PATH": str(tools), "CHROMIUM_PATH": str(chromium), "REDIS_URL": "redis://x"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0  # the browser tests fail and say so; the rest still runs
    assert (
        f"The browser tests need Chromium at {chromium}: apt-get install -y chromium "
        "chromium-driver (as root), or CHROMIUM_PATH=/path/to/chromium."
    ) in result.stderr.splitlines()
    assert "Installing" not in result.stdout
