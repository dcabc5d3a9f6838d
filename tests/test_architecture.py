"""The apps stand on `cms`, and on each other in one direction only.

Every import statement of the project's apps (module level and inside functions, migrations and
management commands included) makes an edge from the importing app to the imported one. The
graph must have no cycle: `cms` is the ground (settings, events, GraphQL wiring, roles) and
imports no content app; the content apps lean on each other one way
(demo → editorial → nominations → pages → snippets/media → cms; embed → snippets, cms;
opendata → pages, snippets, cms).
"""

import ast
from pathlib import Path

from django.conf import settings

APPS = (
    *("cms", "pages", "snippets", "media", "editorial", "nominations", "demo", "webhooks"),
    "embed",
    "opendata",
)


def import_edges(base):
    """{(importing app, imported app): ["file:line module", ...]} for the project's apps."""
    edges = {}
    for app in APPS:
        for path in sorted((base / app).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules = [node.module]
                else:
                    continue
                for module in modules:
                    target = module.split(".")[0]
                    if target in APPS and target != app:
                        where = f"{path.relative_to(base)}:{node.lineno} {module}"
                        edges.setdefault((app, target), []).append(where)
    return edges


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
