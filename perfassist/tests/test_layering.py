"""What the import contracts (import-linter, `make lint`) cannot say: it forbids only whole
external packages, so "perf.llm uses no Django model" is checked here, on the source."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):  # imports inside functions count too
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_the_llm_layer_uses_no_django_model_or_database():
    reaching = {
        f"{path.relative_to(ROOT)}: {module}"
        for path in (ROOT / "perf/llm").rglob("*.py")
        for module in imported_modules(path)
        if module.startswith(("django.db", "django.contrib", "django.apps"))
    }
    assert sorted(reaching) == []


def test_make_lint_checks_the_contracts():
    lint = (ROOT / "Makefile").read_text().split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert "lint-imports" in lint
    assert "[tool.importlinter]" in (ROOT / "pyproject.toml").read_text()


def test_no_module_of_the_apps_passes_400_lines():
    long = {
        str(path.relative_to(ROOT)): lines
        for app in ("journal", "perf")
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and (lines := len(path.read_text().splitlines())) > 400
    }
    assert long == {}
