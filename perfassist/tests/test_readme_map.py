"""The README's "Where things are" is true: each URL it names is served by the view module
it names, every view and service module is on the map, and every path on it exists."""

import re
import uuid
from pathlib import Path

from django.urls import resolve

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = {"<id>": str(uuid.uuid4()), "<review>": str(uuid.uuid4()), "<week>": "2026-W10",
           "<part>": "title"}  # fmt: skip


def map_tables() -> list[list[tuple[str, list[str]]]]:
    """The section's tables, each as rows of (first cell, the paths in the second)."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Where things are", 1)[1].split("\n## ", 1)[0]
    tables, rows = [], []
    for line in section.splitlines() + [""]:
        if line.startswith("|---"):
            continue
        if line.startswith("|"):
            first, second = line.strip("|").split("|")[:2]
            rows.append((first, re.findall(r"`([^`]+)`", second)))
        elif rows:
            tables.append(rows[1:])  # without the heading row
            rows = []
    return tables


def test_each_url_on_the_map_is_served_by_the_module_it_names():
    urls, _jobs = map_tables()
    for cell, modules in urls:
        if cell.strip().startswith(("`/api/", "`/admin/")):
            continue  # served through django-ninja's and the admin's own views
        checked = 0
        for url in re.findall(r"`(/[^`…]*)`", cell):
            for placeholder, value in SAMPLES.items():
                url = url.replace(placeholder, value)
            view = resolve(url).func
            module = getattr(view, "view_class", view).__module__
            assert f"{module.replace('.', '/')}.py" in modules, (url, module, modules)
            checked += 1
        assert checked, f"no URL of {cell.strip()} could be checked"


def test_every_view_and_service_module_is_on_the_map_and_every_path_exists():
    on_map = {
        path for table in map_tables() for _cell, paths in table for path in paths if "/" in path
    }
    modules = [
        path.relative_to(ROOT).as_posix()
        for folder in ("journal/views", "perf/views", "perf/services")
        for path in (ROOT / folder).glob("*.py")
        if path.name != "__init__.py"
    ]
    assert sorted(set(modules) - on_map) == []
    assert sorted(path for path in on_map if not (ROOT / path.rstrip("/")).exists()) == []


def test_configuration_leads_with_the_three_choices_a_line_each():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    first_paragraphs = section.strip().split("\n\n")[:2]
    choices = first_paragraphs[1].splitlines()

    assert [line.split("**")[1] for line in choices] == ["No AI", "Local", "Anthropic"]
    assert "--profile local-ai" in choices[1] and "OPENAI_BASE_URL" in choices[1]
    assert "ANTHROPIC_API_KEY" in choices[2]
