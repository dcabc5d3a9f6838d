"""The parsing and look-ups of the documentation checks (tests/test_docs_names.py, whose
docstring says what counts as a name, and tests/test_docs_references.py): the project's files,
what the documents name, and what exists (the Makefile, Django's command registry, the settings
and the code's syntax trees)."""

import ast
import os
import re
import shlex
from functools import cache
from pathlib import Path

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
