"""Both languages say the same things, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from bot.i18n import catalog, normalize_language, placeholders, t

ROOT = Path(__file__).resolve().parents[1]
# Literal keys handed to t(), request.t() or a domain error.
KEY_USE = re.compile(
    r"""(?:\bt|InvalidInput|NotFound|PermissionDenied|DomainError|error)\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']"""
)


def test_english_and_chinese_catalogs_have_the_same_keys():
    assert set(catalog("en")) == set(catalog("zh"))


def test_every_string_has_the_same_placeholders_in_both_languages():
    english, chinese = catalog("en"), catalog("zh")
    mismatched = {
        key
        for key in english
        if key in chinese and placeholders(english[key]) != placeholders(chinese[key])
    }
    assert mismatched == set()


def test_every_literal_key_the_code_uses_exists():
    used = set()
    for folder in ("bot", "handlers"):
        for path in (ROOT / folder).rglob("*.py"):
            used |= set(KEY_USE.findall(path.read_text(encoding="utf-8")))
    missing = {key for key in used if key not in catalog("en")}
    assert missing == set()


def test_slack_locales_map_to_our_languages():
    assert normalize_language("zh-CN") == "zh"
    assert normalize_language("zh_TW") == "zh"
    assert normalize_language("es-ES") == "en"
    assert normalize_language(None, default="zh") == "zh"


def test_a_missing_chinese_string_falls_back_to_english_not_a_crash():
    assert t("common.usage", "xx", usage="/team") == "Usage: /team"
