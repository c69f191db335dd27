"""One translation function and the catalogs behind it.

Catalogs live in bot/locales/<lang>/<feature>.toml, one file per feature, so features add
strings without touching each other's files. Keys are global (prefix them with the feature).
"""

from __future__ import annotations

import string
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

LOCALES_DIR = Path(__file__).parent / "locales"
FALLBACK = "en"
LANGUAGES = ("en", "zh")  # the catalogs there are


@cache
def catalog(language: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    for path in sorted((LOCALES_DIR / language).glob("*.toml")):
        entries.update(_flatten(tomllib.loads(path.read_text(encoding="utf-8"))))
    return entries


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = str(value)
    return flat


def t(key: str, language: str, /, **params: Any) -> str:
    """The text for `key` in `language` (English when that language lacks it)."""
    template = catalog(language).get(key) or catalog(FALLBACK).get(key)
    if template is None:
        return key  # a missing string is visible, never a crash in front of a user
    return template.format(**params) if params else template


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def normalize_language(value: str | None, default: str = FALLBACK) -> str:
    """Map a Slack locale ("zh-CN", "en-US") or a language code to a catalog we have."""
    if not value:
        return default
    code = value.replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else default
