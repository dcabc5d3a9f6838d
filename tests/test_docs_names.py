"""What README.md, docs/*.md and .env.example name exists, so documentation cannot drift from the
code unnoticed (issue 19, item 7). No database: the files, the Makefile, Django's command
registry, the settings and the code's syntax trees.

What counts as a name (in code: inline `code spans` and fenced blocks; prose is not parsed):

- a make target: the words after `make` in a command (`make run PORT=8010`, `make lint format`),
  in a code span or a shell block; they must be rules of the Makefile;
- a management command: the word after `manage.py` in a command (any block: systemd's
  `ExecStart=` lines too), and the first word of each row of the README's table of management
  commands; the `--options` that follow it (in that row: in every code span of its first
  column) must be options of that command;
- an environment variable: `NAME=value` in a code span, or before a command in a shell block
  (`BENCH_SIZES=200,1000 make bench`; a line of assignments alone sets shell variables), the
  first column of the README's table of variables, and every variable of .env.example. It must
  be read: by Python code (`os.environ.get/[…]/setdefault`, `"NAME" in os.environ`,
  `os.getenv`, base's `env_int`/`env_list`/`env_url`), the Makefile (a variable set with `?=`
  or only used), a script in .ci/ (a `$NAME` it does not set itself) or the benchmark's Lua script;
- any other UPPER_CASE name with an underscore in a code span (`GRAPHQL_MAX_COST`,
  `VALID_CONSENT`, `BAD_USER_INPUT`): an environment variable as above, a Django setting, a
  key of Django's database settings (`CONN_HEALTH_CHECKS`), or a name the apps' code defines
  (an assignment at module or class level, or the value of a module-level string constant, as
  the error codes are). Names without an underscore (`DEBUG`, `POST`, `PATH`, `NAME`) are not
  checked: they are mostly HTTP methods, SQL words and placeholders.

Also: dev and production settings read no environment (README: "base reads the environment
once"). The parsing and look-ups are in tests/helpers/docs_drift.py.
"""

import ast

import pytest

from tests.helpers.docs_drift import (
    ROOT,
    documents_name,
    drift,
    environment_variables,
    is_environ,
    named_in,
)


def test_the_documents_name_what_the_checks_look_for():
    """The parsing finds the names it is meant to (a parser that finds nothing passes all)."""
    named = documents_name()
    assert {"run", "test", "bench", "restore", "backup", "clean"} <= set(named.targets)
    assert {"seed_demo", "run_scheduler", "db_worker", "migrate", "api_key"} <= set(named.commands)
    assert {("seed_demo", "--no-accounts"), ("db_worker", "--backend")} <= set(named.options)
    assert {"SECRET_KEY", "TEST_PROCESSES", "BACKUP", "BENCH_SIZES", "EMAIL_HOST_USER"} <= set(
        named.variables
    )
    assert {"GRAPHQL_MAX_COST", "VALID_CONSENT", "BAD_USER_INPUT"} <= set(named.names)
    # `QUERY='…'` and `HASH=$(… | …)` alone in a shell block: shell variables
    assert not {"QUERY", "HASH"} & set(named.variables)
    assert {"DATABASE_URL", "LOG_LEVEL", "CHROMIUM_PATH"} <= environment_variables()


@pytest.mark.parametrize(
    "kind",
    [
        "make targets",
        "management commands",
        "their options",
        "environment variables",
        "settings and other names",
    ],
)
def test_everything_the_documents_name_exists(kind):
    assert drift(documents_name())[kind] == []


PLANTED = """
`make tset`, `manage.py seed_demo --no-acounts`

Management commands (`manage.py <command>`):

| command | for |
|---|---|
| `sed_demo` | a misspelt command |
| `api_key --issue NAME` / `--revok PREFIX` | a misspelt option in a further span |

## Configuration

| variable | default | meaning |
|---|---|---|
| `GRAPHQL_MAX_KOST` | `5000` | a setting whose variable is misspelt |

```sh
BENCH_PORTRAITS=2000 make bench
QUERY='{ campaign { title } }'
```

`settings.GRAPHQL_MAX_COST`, `BAD_USER_INPT`, `VALID_CONSENT`
"""


def test_drift_in_each_kind_is_found(tmp_path):
    (tmp_path / "README.md").write_text(PLANTED, encoding="utf-8")
    (tmp_path / ".env.example").write_text("SECRET_KEY=x\nSECRET_KEYS=y\n", encoding="utf-8")
    found = drift(named_in([tmp_path / "README.md"], tmp_path / ".env.example"))
    names = {kind: [entry.split(" (")[0] for entry in entries] for kind, entries in found.items()}
    assert names == {
        "make targets": ["tset"],
        "management commands": ["sed_demo"],
        "their options": ["api_key --revok", "seed_demo --no-acounts"],
        "environment variables": ["BENCH_PORTRAITS", "GRAPHQL_MAX_KOST", "SECRET_KEYS"],
        "settings and other names": ["BAD_USER_INPT", "GRAPHQL_MAX_KOST"],
    }


def test_settings_other_than_base_read_no_environment():
    parts = sorted(path.stem for path in (ROOT / "cms" / "settings" / "parts").glob("[!_]*.py"))
    assert parts, "cms/settings/parts/ holds the fixed settings"
    for name in ("dev", "production", *(f"parts/{part}" for part in parts)):
        tree = ast.parse((ROOT / "cms" / "settings" / f"{name}.py").read_text(encoding="utf-8"))
        uses = [
            ast.unparse(node)
            for node in ast.walk(tree)
            if is_environ(node)
            or (isinstance(node, ast.Name) and node.id in ("env_bool", "env_int", "env_list"))
            or (isinstance(node, ast.Attribute) and node.attr == "getenv")
        ]
        assert uses == [], f"cms/settings/{name}.py reads the environment: {uses}"
