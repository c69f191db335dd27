"""The dependency rule of DESIGN.md, checked on the source."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The composition root wires the Slack side in; nothing else in bot/ may.
WIRING = {"bootstrap.py"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def test_the_core_never_imports_slack():
    offenders = [
        str(path.relative_to(ROOT))
        for path in _modules("bot")
        if path.name not in WIRING and _imports(path) & {"slack_bolt", "slack_sdk", "handlers"}
    ]
    assert offenders == []


def test_handlers_reach_the_database_only_through_the_core():
    offenders = [
        str(path.relative_to(ROOT))
        for path in _modules("handlers")
        if _imports(path) & {"storage", "sqlalchemy"}
    ]
    assert offenders == []


def test_storage_imports_nothing_of_ours():
    offenders = [
        str(path.relative_to(ROOT))
        for path in _modules("storage")
        if path.name != "env.py" and _imports(path) & {"bot", "handlers"}
    ]
    assert offenders == []


def test_only_the_clock_reads_the_wall_clock():
    wall_clock = re.compile(r"datetime\.(now|utcnow|today)\(|date\.today\(|time\.time\(")
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("bot", "handlers", "storage")
        for path in _modules(package)
        if path.name != "clock.py" and wall_clock.search(path.read_text("utf-8"))
    ]
    assert offenders == []


def test_features_are_wired_in_code_not_found_by_name():
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("bot", "handlers")
        for path in _modules(package)
        if "importlib" in _imports(path)
    ]
    assert offenders == []
