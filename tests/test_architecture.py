"""The dependency rule and the feature shape of docs/architecture.md, checked on the source."""

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


# The Slack side's shared mechanisms; everything else under handlers/ is a feature package.
SHARED_HANDLERS = {
    "__init__", "app", "blocks", "interactions", "mrkdwn", "notifier", "people", "routing", "web",
    "payloads", "acking",
}  # fmt: skip
UNIT_OPENERS = {"unit", "read", "write", "lookup", "sessions", "read_sessions"}


def test_every_feature_is_a_package_on_both_sides():
    from handlers.app import FEATURES

    names = [feature.__name__.removeprefix("handlers.") for feature in FEATURES]
    not_packages = [
        name
        for name in names
        if not (ROOT / "handlers" / name / "__init__.py").is_file()
        or not (ROOT / "bot" / name / "__init__.py").is_file()
    ]
    assert names and not_packages == []
    flat = {path.stem for path in (ROOT / "handlers").glob("*.py")}
    assert flat - SHARED_HANDLERS == set()


def test_every_feature_registers_listeners_and_names_its_outbox_renderers():
    from handlers.app import FEATURES

    for feature in FEATURES:
        assert callable(feature.register), feature.__name__
        assert isinstance(feature.NOTICES, dict), feature.__name__


def _opened_units(path: Path) -> list[str]:
    """`with x.unit()/read()/write()/sessions()` blocks in a module, as "file:line"."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.With):
            for item in node.items:
                call = item.context_expr
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr in UNIT_OPENERS
                ):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_module_under_handlers_opens_a_transaction():
    offenders = [place for path in _modules("handlers") for place in _opened_units(path)]
    assert offenders == []


def test_handlers_never_hold_a_unit_of_work():
    offenders = [
        str(path.relative_to(ROOT))
        for path in _modules("handlers")
        if re.search(
            r"\bUnit\b|from bot\.unit import|from bot import .*\bunit\b", path.read_text("utf-8")
        )
    ]
    assert offenders == []
