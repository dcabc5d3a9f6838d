"""The house in numbers (issue 21): the longest modules and which app imports which.

    .venv/bin/python bench/house.py            # this checkout
    .venv/bin/python bench/house.py /work/main # another checkout, for a before -> after

Prints the 20 longest Python modules (lines; migrations, tests, the benchmark and the virtualenv
left out: `--all` counts them too), then the app import graph: one line per importing app with
the apps it imports and how many import statements make each edge (module level and inside
functions alike, migrations and management commands included: `import_edges`, the graph
tests/test_architecture.py checks), and the number of imports inside functions. Reads files
only: needs no database and no Django settings (the apps come from the checkout's
cms/settings/parts/apps.py, which reads no environment).
"""

import ast
import importlib.util
import sys
from pathlib import Path

APPS_MODULE = Path("cms", "settings", "parts", "apps.py")
SKIPPED_PARTS = {".venv", "node_modules", "migrations", "__pycache__", ".git"}
NOT_PRODUCT = {"tests", "bench"}
TOP = 20


def python_files(base, everything=False):
    for path in sorted(base.rglob("*.py")):
        parts = set(path.relative_to(base).parts)
        if parts & SKIPPED_PARTS or (not everything and parts & NOT_PRODUCT):
            continue
        yield path


def longest_modules(base, everything=False):
    sizes = [
        (len(path.read_text(encoding="utf-8").splitlines()), str(path.relative_to(base)))
        for path in python_files(base, everything)
    ]
    return sorted(sizes, reverse=True)[:TOP]


def is_data(path):
    """A module of values only: imports and assignments, no function, class or branch (issue 21
    exempts data from the 400 lines; a settings module that decides things is not data)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    plain = ast.Import | ast.ImportFrom | ast.Assign | ast.AnnAssign | ast.Expr
    functions = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef
    return all(isinstance(node, plain) for node in tree.body) and not any(
        isinstance(node, functions) for node in ast.walk(tree)
    )


def project_apps(base, installed_apps):
    """The project's own apps among `installed_apps` (Django's INSTALLED_APPS): those whose
    package lives in the checkout `base`, in their INSTALLED_APPS order."""
    tops = (name.split(".")[0] for name in installed_apps)
    return tuple(dict.fromkeys(top for top in tops if (base / top / "__init__.py").is_file()))


def installed_apps(base):
    """INSTALLED_APPS of the checkout `base`, read from its settings part without Django."""
    spec = importlib.util.spec_from_file_location("_house_apps", base / APPS_MODULE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.INSTALLED_APPS


def import_edges(base, apps):
    """{(importing app, imported app): ["file:line module", ...]}: every import statement of the
    apps' modules (module level and inside functions, migrations included) that names another
    of `apps`."""
    edges = {}
    for app in apps:
        for path in sorted((base / app).rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules = [node.module]
                else:
                    continue
                for module in modules:
                    target = module.split(".")[0]
                    if target in apps and target != app:
                        where = f"{path.relative_to(base)}:{node.lineno} {module}"
                        edges.setdefault((app, target), []).append(where)
    return edges


def nested_imports(base, apps):
    """How many import statements stand inside functions (apps, migrations excluded)."""
    nested = set()
    for app in apps:
        for path in python_files(base / app):
            for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                    nested.update(
                        (path, node.lineno)
                        for node in ast.walk(function)
                        if isinstance(node, ast.Import | ast.ImportFrom)
                    )
    return len(nested)


def main(argv):
    everything = "--all" in argv
    paths = [arg for arg in argv if not arg.startswith("--")]
    base = Path(paths[0] if paths else Path(__file__).resolve().parent.parent).resolve()
    print(f"# {base}")
    print(f"\nLongest modules (top {TOP}{', tests and bench included' if everything else ''}):")
    for lines, name in longest_modules(base, everything):
        note = "  (over 400)" if lines > 400 else ""
        if note and is_data(base / name):
            note = "  (over 400, data)"
        print(f"{lines:6d}  {name}{note}")
    apps = project_apps(base, installed_apps(base))
    edges = import_edges(base, apps)
    print("\nApp import graph (importing app -> imported apps, import statements):")
    for app in apps:
        targets = sorted((to, len(where)) for (source, to), where in edges.items() if source == app)
        listed = ", ".join(f"{target} ({count})" for target, count in targets) or "-"
        print(f"  {app:12s} -> {listed}")
    nested = nested_imports(base, apps)
    print(f"\nImports inside functions (apps, migrations and tests excluded): {nested}")


if __name__ == "__main__":
    main(sys.argv[1:])
