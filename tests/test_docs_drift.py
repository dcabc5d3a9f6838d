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

Also: every Markdown file a comment, docstring or document points to (a path with a directory,
a Markdown link) exists, with the heading it names (an anchor, or quoted after the path); and
dev and production settings read no environment (README: "base reads the environment once").
"""

import ast
import os
import re
import shlex
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands, load_command_class
from django.db import connections

ROOT = Path(settings.BASE_DIR)
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# Directories that are not the project's code: the virtualenv (a real one after `make`), data.
NOT_CODE = {".venv", ".git", "var", "artefacts", "node_modules", "__pycache__"}
SHELL_FENCES = {"sh", "bash", "shell", "console", ""}

FENCE = re.compile(r"^[ \t]*```(\w*)[^\n]*\n(.*?)^[ \t]*```", re.S | re.M)
SPAN = re.compile(r"`([^`]+)`")
UPPER_NAME = re.compile(r"(?<![A-Za-z0-9_])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?![A-Za-z0-9_])")
ASSIGNMENT = re.compile(r"^([A-Z][A-Z0-9_]*)=")
SEPARATORS = {"&&", "||", ";", "|"}
SUBSTITUTION = re.compile(r"\$\([^()]*\)")


def rel(path):
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name


def code_files(suffixes):
    """The project's own files with one of `suffixes` (the virtualenv and data left out)."""
    found = []
    for directory, subdirectories, files in os.walk(ROOT):
        subdirectories[:] = sorted(d for d in subdirectories if d not in NOT_CODE)
        found += [Path(directory) / name for name in sorted(files) if name.endswith(suffixes)]
    return found


# --- what the documents name --------------------------------------------------------------


def split_markdown(text):
    """(fenced blocks as (language, body), inline code spans) of a Markdown text."""
    fences = FENCE.findall(text)
    spans = [span.replace("\n", " ") for span in SPAN.findall(FENCE.sub("", text))]
    return fences, spans


def commands(code):
    """The commands of a piece of shell: lists of words, split at separators and lines."""
    found = []
    for line in code.replace("\\\n", " ").splitlines():
        line = SUBSTITUTION.sub("SUBSTITUTED", line)  # `$(a | b)` is one word, not two commands
        try:
            words = shlex.split(line, comments=True)
        except ValueError:  # an unbalanced quote: plain words
            words = line.split()
        current = []
        for word in words:
            if word in SEPARATORS:
                found.append(current)
                current = []
            else:
                current.append(word)
        found.append(current)
    return [words for words in found if words]


class Named:
    """Everything the documents name, each with where: {name: {"README.md", …}}."""

    def __init__(self):
        self.targets, self.commands, self.options = {}, {}, {}
        self.variables, self.names = {}, {}

    @staticmethod
    def add(kind, name, where):
        kind.setdefault(name, set()).add(where)

    def command(self, words, where, shell):
        """One command of a document: its variables, make targets, management command."""
        assignments = 0
        while assignments < len(words) and ASSIGNMENT.match(words[assignments]):
            assignments += 1
        rest = words[assignments:]
        if rest or not shell:  # in a shell block, `NAME=value` alone is a shell variable
            for word in words[:assignments]:
                self.add(self.variables, ASSIGNMENT.match(word)[1], where)
        if rest[:1] == ["make"]:
            for word in rest[1:]:
                if match := ASSIGNMENT.match(word):
                    self.add(self.variables, match[1], where)
                elif re.fullmatch(r"[a-z][\w-]*", word):
                    self.add(self.targets, word, where)
        for index, word in enumerate(rest):
            if word == "manage.py" or word.endswith("/manage.py"):
                self.management_command(rest[index + 1 :], where)
                break

    def management_command(self, words, where):
        if words and re.fullmatch(r"[a-z_][a-z0-9_]*", words[0]):
            name = words[0]
            self.add(self.commands, name, where)
            for word in words[1:]:
                option = word.strip("[]").split("=")[0]
                if option.startswith("--"):
                    self.add(self.options, (name, option), where)


def table_after(text, marker):
    """The rows (lists of cells) of the first Markdown table after the line holding `marker`."""
    lines = text[text.index(marker) :].splitlines()[1:]
    start = next(index for index, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[start + 2 :]:  # past the header and its rule
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def named_in(documents, env_example):
    named = Named()
    for path in documents:
        text = path.read_text(encoding="utf-8")
        where = rel(path)
        fences, spans = split_markdown(text)
        for language, body in fences:
            shell = language in SHELL_FENCES
            if shell or "manage.py" in body:  # other blocks: systemd units
                for words in commands(body):
                    named.command(words, where, shell=shell)
        for span in spans:
            for words in commands(span):
                named.command(words, where, shell=False)
            for name in UPPER_NAME.findall(span):
                named.add(named.names, name, where)
        if path.name == "README.md":
            # The table of management commands: `cmd [--option …]` / `--other` / …
            for row in table_after(text, "manage.py <command>"):
                first, *more = SPAN.findall(row[0])
                name = first.split()[0]
                named.management_command(first.split(), where)
                for span in more:
                    named.management_command([name, *span.split()], where)
            # The table of variables: every name in its first column.
            for row in table_after(text, "## Configuration"):
                for span in SPAN.findall(row[0]):
                    named.add(named.variables, span, where)
    for line in env_example.read_text(encoding="utf-8").splitlines():
        if match := ASSIGNMENT.match(line):
            named.add(named.variables, match[1], rel(env_example))
    return named


@cache
def documents_name():
    return named_in(DOCS, ROOT / ".env.example")


# --- what exists ----------------------------------------------------------------------------


ENV_HELPERS = ("env_bool", "env_int", "env_list", "env_url")  # cms/environment.py


def is_environ(node):
    """`os.environ`"""
    return isinstance(node, ast.Attribute) and node.attr == "environ" and is_os(node.value)


def is_os(node):
    return isinstance(node, ast.Name) and node.id == "os"


def environment_read(node):
    """The name of the variable an expression reads from the environment, if it reads one:
    `os.environ.get("X")`, `.setdefault("X", …)`, `os.environ["X"]`, `"X" in os.environ`,
    `os.getenv("X")`, base's `env_bool("X")`, `env_int("X", …)` and `env_list("X", …)`."""
    if isinstance(node, ast.Call) and node.args:
        function, argument = node.func, node.args[0]
        reads = (
            isinstance(function, ast.Attribute)
            and (
                (function.attr in ("get", "setdefault") and is_environ(function.value))
                or (function.attr == "getenv" and is_os(function.value))
            )
        ) or (isinstance(function, ast.Name) and function.id in ENV_HELPERS)
    elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
        reads, argument = is_environ(node.value), node.slice
    elif isinstance(node, ast.Compare) and isinstance(node.ops[0], ast.In | ast.NotIn):
        reads, argument = is_environ(node.comparators[0]), node.left
    else:
        return None
    if reads and isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        return argument.value
    return None


def defined_names(tree):
    """Names assigned at module or class level, and the values of module-level strings."""
    names = set()

    def visit(body, module):
        for node in body:
            if isinstance(node, ast.ClassDef):
                visit(node.body, module=False)
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names.update(target.id for target in targets if isinstance(target, ast.Name))
                value = node.value
                if module and isinstance(value, ast.Constant) and isinstance(value.value, str):
                    names.add(value.value)

    visit(tree.body, module=True)
    return names


@cache
def python_sources():
    return {path: path.read_text(encoding="utf-8") for path in code_files((".py",))}


def python_trees(*words):
    """The syntax trees of the Python files holding one of `words` (parsing all takes seconds)."""
    return {path: parse(path) for path, text in python_sources().items()
            if any(word in text for word in words)}  # fmt: skip


@cache
def parse(path):
    return ast.parse(python_sources()[path])


def makefile():
    return (ROOT / "Makefile").read_text(encoding="utf-8")


def make_targets():
    targets = set()
    for match in re.finditer(r"^([^\s#$:=][^:=]*?)\s*:(?!=)", makefile(), re.M):
        targets.update(match[1].split())
    return targets - {".PHONY"}


def make_variables():
    """Variables a caller sets: given a default with `?=`, or used and never set here."""
    text = makefile()
    defaulted = set(re.findall(r"^([A-Z_][A-Z0-9_]*)\s*\?=", text, re.M))
    assigned = set(re.findall(r"^([A-Z_][A-Z0-9_]*)\s*[:+]?=", text, re.M))
    used = set(re.findall(r"\$\(([A-Z_][A-Z0-9_]*)\)", text))
    return defaulted | (used - assigned)


def script_variables():
    """Variables the scripts in .ci/ and the benchmark's Lua read from the environment."""
    read = set()
    for path in sorted((ROOT / ".ci").iterdir()):
        text = path.read_text(encoding="utf-8")
        assigned = set(re.findall(r"^\s*(?:export\s+|local\s+)?([A-Za-z_]\w*)=", text, re.M))
        assigned |= set(re.findall(r"\bfor\s+([A-Za-z_]\w*)\s+in\b", text))
        read |= set(re.findall(r"\$\{?([A-Z_][A-Z0-9_]*)", text)) - assigned
    for path in code_files((".lua",)):
        read |= set(re.findall(r"os\.getenv\(\"([A-Z_][A-Z0-9_]*)\"\)", path.read_text()))
    return read


@cache
def environment_variables():
    read = set()
    for tree in python_trees("environ", "getenv", *ENV_HELPERS).values():
        read.update(filter(None, map(environment_read, ast.walk(tree))))
    return read | make_variables() | script_variables()


def defined_in_the_apps(name):
    """Whether the apps' code defines `name` (see `defined_names`)."""
    apps = {app.split(".")[0] for app in settings.INSTALLED_APPS}
    return any(
        path.parts[len(ROOT.parts)] in apps and name in defined_names(parse(path))
        for path, text in python_sources().items()
        if name in text
    )


def exists_as_name(name):
    return (
        name in environment_variables()
        or hasattr(settings, name)
        or name in connections.settings["default"]
        or defined_in_the_apps(name)
    )


def missing(kind, exists):
    """'name (where, …)' for each name of `kind` that does not exist."""
    return sorted(
        f"{' '.join(name) if isinstance(name, tuple) else name} ({', '.join(sorted(where))})"
        for name, where in kind.items()
        if not exists(name)
    )


def has_option(command_and_option):
    command, option = command_and_option
    available = get_commands()
    if command not in available:
        return True  # the command itself is reported
    parser = load_command_class(available[command], command).create_parser("manage.py", command)
    return option in parser._option_string_actions


def drift(named):
    """What `named` names that does not exist, by kind."""
    return {
        "make targets": missing(named.targets, make_targets().__contains__),
        "management commands": missing(named.commands, get_commands().__contains__),
        "their options": missing(named.options, has_option),
        "environment variables": missing(named.variables, environment_variables().__contains__),
        "settings and other names": missing(named.names, exists_as_name),
    }


# --- the tests ------------------------------------------------------------------------------


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


# --- Markdown references --------------------------------------------------------------------

MD_PATH = re.compile(r"(?<![\w./-])((?:[\w.-]+/)+[\w.-]+\.md)\b(?:#([\w-]+))?")
MD_LINK = re.compile(r"\]\(([^)\s#:]+\.md)(?:#([^)\s]+))?\)")
MD_SECTION = re.compile(r"((?:[\w.-]+/)*[\w.-]+\.md)`?, ((?:\"[^\"]+\"(?:, | and )?)+)")
QUOTED = re.compile(r'"([^"]+)"')
TEXT_SUFFIXES = (".py", ".md", ".toml", ".lua", ".html", ".txt", ".example", "Makefile")


def slug(heading):
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    heading = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link: its text
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@cache
def headings(path):
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    return [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]


def broken_references(files):
    """References to Markdown files (and their sections) that do not resolve."""
    broken = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        references = [(m[1], m[2], None) for m in MD_PATH.finditer(text)]
        if path.suffix == ".md":
            references += [(m[1], m[2], None) for m in MD_LINK.finditer(text)]
        references += [(m[1], None, tuple(" ".join(s.split()) for s in QUOTED.findall(m[2])))
                       for m in MD_SECTION.finditer(text)]  # fmt: skip
        for target, anchor, sections in dict.fromkeys(references):
            resolved = next(
                (base / target for base in (path.parent, ROOT) if (base / target).is_file()),
                None,
            )
            where = f"{rel(path)}: {target}"
            if resolved is None:
                broken.append(f"{where} (no such file)")
                continue
            titles = headings(resolved)
            if anchor and anchor not in {slug(title) for title in titles}:
                broken.append(f"{where}#{anchor} (no such heading)")
            broken += [f'{where}, "{s}" (no such heading)' for s in sections or ()
                       if s not in titles]  # fmt: skip
    return list(dict.fromkeys(broken))


def test_every_markdown_file_referred_to_exists_with_its_sections():
    # This file's own examples of broken references (below) are broken on purpose.
    files = [path for path in code_files(TEXT_SUFFIXES) if path != Path(__file__)]
    files += sorted((ROOT / ".ci").iterdir())
    assert broken_references(files) == []


@pytest.mark.parametrize(
    "text, broken",
    [
        ('"""The policy (shared/API.md, "Visibility rule")."""', ["shared/API.md (no such file)"]),
        ('"""See docs/api.md, "Languages"."""', []),
        (
            'See `docs/api.md`, "Visibility rule".',
            ['docs/api.md, "Visibility rule" (no such heading)'],
        ),
        ("[Languages](docs/api.md#languages)", []),
        ("[Languages](docs/api.md#sprachen)", ["docs/api.md#sprachen (no such heading)"]),
    ],
)
def test_a_broken_markdown_reference_is_found(tmp_path, text, broken):
    path = tmp_path / "example.md"
    path.write_text(text, encoding="utf-8")
    assert [problem.split(": ", 1)[1] for problem in broken_references([path])] == broken
