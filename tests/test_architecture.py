"""The apps stand on `cms`, and on each other in one direction only.

Every import statement of the project's apps (module level and inside functions, migrations and
management commands included) makes an edge from the importing app to the imported one. The
graph must have no cycle: `cms` is the ground (settings, events, GraphQL wiring, roles) and
imports no content app; the content apps lean on each other one way
(demo → editorial → nominations → pages → snippets/media → cms; embed → snippets, cms;
opendata → pages, snippets, cms).

An import the graph would refuse must not come in by the back door: a model looked up by name
in Django's app registry (`apps.get_model("pages", "PortraitPage")`) is a dependency the graph
does not see. Such look-ups are allowed only on a registry the function receives as a
parameter: a migration's historical `apps`, and the helpers of cms/roles.py that data
migrations call with it (their runtime callers, editorial's signal and demo's seed_demo, pass
Django's registry for models their own app may import anyway). The policy and the REST API
learn about the apps' models from what the apps register (cms/visibility/rules.py,
snippets/rest.py).
"""

import ast
from pathlib import Path

from django.conf import settings

from bench.house import import_edges as app_import_edges
from bench.house import installed_apps, project_apps

# The project's own apps: those of INSTALLED_APPS whose package lives in this repository.
APPS = project_apps(Path(settings.BASE_DIR), settings.INSTALLED_APPS)


def import_edges(base):
    """{(importing app, imported app): ["file:line module", ...]} for the project's apps (the
    graph bench/house.py prints)."""
    return app_import_edges(base, APPS)


def _parameters(function):
    arguments = function.args
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    every += [arg for arg in (arguments.vararg, arguments.kwarg) if arg is not None]
    return {arg.arg for arg in every}


def name_lookups(base):
    """["file:line"] of every `<registry>.get_model(...)` in the project's apps whose registry
    is not a parameter of a function around it (Django's global `apps`, however imported)."""
    found = []

    def visit(node, path, parameters):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            parameters = parameters | _parameters(node)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get_model"
            and not (isinstance(node.func.value, ast.Name) and node.func.value.id in parameters)
        ):
            found.append(f"{path.relative_to(base)}:{node.lineno}")
        for child in ast.iter_child_nodes(node):
            visit(child, path, parameters)

    for app in APPS:
        for path in sorted((base / app).rglob("*.py")):
            visit(ast.parse(path.read_text(encoding="utf-8")), path, frozenset())
    return found


def cycles(edges):
    """Strongly connected groups of more than one app (Tarjan), each sorted."""
    graph = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_two_app_and_a_three_app_cycle():
    edges = {("a", "b"): [], ("b", "a"): [], ("c", "d"): [], ("d", "e"): [], ("e", "c"): []}
    assert sorted(cycles(edges)) == [["a", "b"], ["c", "d", "e"]]
    assert cycles({("a", "b"): [], ("b", "c"): []}) == []


def test_the_graph_sees_imports_inside_functions_too(tmp_path):
    for app in APPS:
        (tmp_path / app).mkdir()
    (tmp_path / "cms" / "hooks.py").write_text("def f():\n    from pages.models import X\n")
    (tmp_path / "pages" / "models.py").write_text("import cms.events\n")
    edges = import_edges(tmp_path)
    assert edges[("cms", "pages")] == ["cms/hooks.py:2 pages.models"]
    assert cycles(edges) == [["cms", "pages"]]


def test_every_app_of_the_project_is_in_the_graph(tmp_path):
    """The apps come from INSTALLED_APPS: ours, not Wagtail's or Django's, and bench/house.py
    (which reads the settings part without Django) finds the same."""
    base = Path(settings.BASE_DIR)
    assert {"cms", "pages", "towns", "demo"} <= set(APPS)
    assert not {"wagtail", "django", "grapple", "wagtail_localize"} & set(APPS)
    packages = {path.parent.name for path in base.glob("*/apps.py")}
    assert packages <= set(APPS), sorted(packages - set(APPS))
    assert project_apps(base, installed_apps(base)) == APPS
    # A package of the checkout counts; an installed one of the same top name does not.
    (tmp_path / "ours").mkdir()
    (tmp_path / "ours" / "__init__.py").write_text("")
    assert project_apps(tmp_path, ["ours.apps.OursConfig", "wagtail.admin", "ours"]) == ("ours",)


def test_no_app_level_import_cycle():
    edges = import_edges(Path(settings.BASE_DIR))
    found = cycles(edges)
    detail = {
        " ↔ ".join(group): [w for (a, b), ws in edges.items() if {a, b} <= set(group) for w in ws]
        for group in found
    }
    assert found == [], detail


def test_cms_imports_no_content_app():
    edges = import_edges(Path(settings.BASE_DIR))
    assert {target for source, target in edges if source == "cms"} == set(), {
        key: where for key, where in edges.items() if key[0] == "cms"
    }


def test_the_name_lookup_finder_tells_the_global_registry_from_a_historical_one(tmp_path):
    for app in APPS:
        (tmp_path / app).mkdir()
    (tmp_path / "cms" / "policy.py").write_text(
        "from django.apps import apps\n"
        "from django import apps as registry\n"
        "PORTRAIT = apps.get_model('pages.PortraitPage')\n"
        "def hidden():\n"
        "    return apps.get_model('pages', 'PortraitPage')\n"
        "def other():\n"
        "    return registry.apps.get_app_config('snippets').get_model('PartnerCity')\n"
    )
    (tmp_path / "pages" / "helpers.py").write_text(
        "def migrate(apps, schema_editor):\n"
        "    step = lambda: apps.get_model('pages', 'PortraitPage')\n"
        "    return apps.get_model('wagtailcore', 'Page'), step\n"
        "def grant(registry, group):\n"
        "    return registry.get_model('auth', 'Permission')\n"
    )
    assert name_lookups(tmp_path) == ["cms/policy.py:3", "cms/policy.py:5", "cms/policy.py:7"]


def test_no_model_looked_up_by_name_to_step_around_a_dependency():
    assert name_lookups(Path(settings.BASE_DIR)) == []


def conftest_importers(tests_dir):
    """The test modules under `tests_dir` that import a name from tests/conftest.py."""
    found = []
    for path in sorted(Path(tests_dir).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "tests.conftest":
                found.append(path.name)
    return found


def test_the_conftest_finder_finds_an_import_from_conftest(tmp_path):
    (tmp_path / "test_a.py").write_text("from tests.conftest import COMMITTED\n")
    (tmp_path / "test_b.py").write_text("from tests.helpers.committed import COMMITTED\n")
    assert conftest_importers(tmp_path) == ["test_a.py"]


def test_no_test_module_imports_from_conftest():
    """conftest.py holds hooks and fixtures, which pytest hands out by name; a name a module
    imports (a marker list, a helper function) comes from the helper module that defines it."""
    assert conftest_importers(Path(__file__).resolve().parent) == []
