"""`make run` makes its own SECRET_KEY per installation (var/secret_key), never a shared one."""

import os
import stat

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from cms.secret_key import installation_secret_key
from tests.helpers.processes import setting_in_a_new_process


def test_each_installation_gets_its_own_key_and_keeps_it(tmp_path):
    first = installation_secret_key(tmp_path / "a" / "var" / "secret_key")
    second = installation_secret_key(tmp_path / "b" / "var" / "secret_key")
    assert first != second
    assert len(first) >= 50
    assert installation_secret_key(tmp_path / "a" / "var" / "secret_key") == first
    assert installation_secret_key(tmp_path / "b" / "var" / "secret_key") == second


def test_the_key_file_is_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "secret_key"
    installation_secret_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]  # no draft left behind


def test_an_empty_key_file_is_an_error_not_an_empty_key(tmp_path):
    path = tmp_path / "secret_key"
    path.write_text("")
    with pytest.raises(ImproperlyConfigured):
        installation_secret_key(path)


def dev_secret_key(**env):
    environment = {key: value for key, value in os.environ.items() if key != "SECRET_KEY"}
    environment.update(DJANGO_SETTINGS_MODULE="cms.settings.dev", **env)
    return setting_in_a_new_process("SECRET_KEY", environment)


def test_dev_settings_use_the_installation_key_unless_the_environment_sets_one():
    key = dev_secret_key()
    assert key == (settings.BASE_DIR / "var" / "secret_key").read_text().strip()
    assert "insecure" not in key
    assert dev_secret_key(SECRET_KEY="from-the-environment") == "from-the-environment"
