"""The library's house rules, checked on its source: imports run one way (no cycle, function-level
imports included), each module says its one idea first, and no module grows past ~400 lines."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "augcourse"
MAX_LINES = 400


def discover(package_dir):
    """Module name -> path for every .py file of a package folder."""
    def name(path):
        parts = path.relative_to(package_dir.parent).with_suffix("").parts
        return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
    return {name(p): p for p in sorted(package_dir.rglob("*.py"))}


MODULES = discover(PACKAGE)


def imported_modules(name, modules=MODULES):
    """Every module of ``modules`` that module ``name`` imports, at module level or inside functions.

    ``from package import name`` counts as importing ``package.name`` when that is a module,
    else ``package`` itself; relative imports are resolved against the module's package.
    """
    path = modules[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return {module for module in found if module in modules and module != name}


def import_graph(modules):
    return {name: imported_modules(name, modules) for name in modules}


def find_cycle(graph):
    """A list of modules forming an import cycle, or None."""
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        state[node] = "done"
        stack.pop()
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_no_import_cycle_inside_augcourse():
    cycle = find_cycle(import_graph(MODULES))
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_cycle_finder_sees_function_level_and_relative_imports(tmp_path):
    """A control: two modules importing each other inside functions form a cycle; one way does not."""
    pkg = tmp_path / "pkg"
    (pkg / "core").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "core" / "__init__.py").write_text("")
    (pkg / "core" / "a.py").write_text("def f():\n    from pkg.core.b import g\n")
    (pkg / "core" / "b.py").write_text("import numpy\n")
    assert find_cycle(import_graph(discover(pkg))) is None
    (pkg / "core" / "b.py").write_text("def g():\n    from . import a\n")
    assert find_cycle(import_graph(discover(pkg))) == ["pkg.core.a", "pkg.core.b", "pkg.core.a"]


def test_the_spec_imports_downward_only():
    """The IDG bridge, the Keras twin and the layer never import the spec (which imports them lazily)."""
    for name in ("augcourse.augment.idg", "augcourse.augment.keras_backend", "augcourse.augment.layer",
                 "augcourse.augment.pipelines", "augcourse.augment.sampling", "augcourse.augment.codegen"):
        imports = imported_modules(name)
        assert not imports & {"augcourse.augment.spec", "augcourse.augment"}, (name, imports)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_each_module_opens_with_its_idea_and_stays_small(name):
    path = MODULES[name]
    text = path.read_text()
    lines = text.count("\n")
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE.parent)} has {lines} lines (over {MAX_LINES}: two ideas?)"
    doc = ast.get_docstring(ast.parse(text))
    assert doc and len(doc.splitlines()[0]) > 20, f"{name}: the first docstring line should say its one idea"


def test_make_test_runs_every_doctest_of_the_library():
    """pytest.ini collects the library's doctests: each module with a ``>>>`` example yields a test item."""
    import configparser
    import subprocess
    import sys

    ini = configparser.ConfigParser()
    ini.read(PACKAGE.parent / "pytest.ini")
    assert "--doctest-modules" in ini["pytest"]["addopts"].split()
    assert "augcourse" in ini["pytest"]["testpaths"].split()
    with_examples = {name for name, path in MODULES.items() if ">>> " in path.read_text()}
    listed = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                             "-o", "addopts=--doctest-modules", str(PACKAGE)],
                            capture_output=True, text=True, cwd=PACKAGE.parent, timeout=300)
    collected = {line.split("::")[1] for line in listed.stdout.splitlines() if "::" in line}
    missing = {name for name in with_examples if not any(item == name or item.startswith(name + ".")
                                                         for item in collected)}
    assert not missing, f"modules whose examples are not collected as doctests: {sorted(missing)}"


def top_level_imports(name):
    """The augcourse.augment modules that module ``name`` imports at module level (not inside functions)."""
    path = MODULES[name]
    found = set()
    for node in ast.parse(path.read_text(), str(path)).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("augcourse.augment"):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("augcourse.augment"))
    return {module.split(".")[2] for module in found if module.count(".") >= 2}


def test_the_augment_module_map_lists_every_module_in_an_order_the_imports_follow():
    """augment/__init__'s map: every module is listed once, and each imports at module level only the
    modules listed above it (the doors load the ones below when called)."""
    import augcourse.augment as augment

    listed = [line.split()[0].rstrip("/") for line in augment.__doc__.split("Modules, one idea each")[1]
              .split("Importing this package")[0].splitlines()[3:] if line.startswith("    ") and line.split()]
    actual = {p.stem if p.name != "__init__.py" else p.parent.name for p in (PACKAGE / "augment").iterdir()
              if p.suffix == ".py" and p.stem != "__init__" or (p.is_dir() and (p / "__init__.py").exists())}
    assert sorted(listed) == sorted(actual) and len(listed) == len(set(listed)), (listed, actual)
    for position, module in enumerate(listed):
        names = [n for n in MODULES if n == f"augcourse.augment.{module}"
                 or n.startswith(f"augcourse.augment.{module}.")]
        for name in names:
            above = set(listed[:position]) | {module}
            assert top_level_imports(name) <= above, (name, top_level_imports(name) - above)
