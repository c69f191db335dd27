"""The words feedback is described with: severities, categories (from config), statuses.

Each accepts English keys, spaces or hyphens for underscores ("delivery delay"), and the
Chinese names a bilingual team types (严重, 交期延误).
"""

from __future__ import annotations

from ..config import Settings
from ..errors import InvalidInput
from ..i18n import t

SEVERITIES = ("critical", "high", "normal", "low")
DEFAULT_SEVERITY = "normal"
URGENT_SEVERITIES = ("critical", "high")  # posted to the managers channel at once

SEVERITY_ALIASES = {
    "crit": "critical",
    "urgent": "critical",
    "严重": "critical",
    "紧急": "critical",
    "高": "high",
    "medium": "normal",
    "中": "normal",
    "普通": "normal",
    "一般": "normal",
    "低": "low",
}

CATEGORY_ALIASES = {
    "质量": "quality",
    "质量问题": "quality",
    "包装": "packaging",
    "交期延误": "delivery_delay",
    "延误": "delivery_delay",
    "交货延迟": "delivery_delay",
    "delay": "delivery_delay",
    "发错货": "wrong_goods",
    "错货": "wrong_goods",
    "单据": "documents",
    "文件": "documents",
    "付款": "payment",
    "沟通": "communication",
    "其他": "other",
}


def _fold(word: str) -> str:
    return "_".join(word.replace("-", " ").replace("_", " ").split()).casefold()


def severity(word: str) -> str:
    """The severity key for `word`, or InvalidInput listing the severities."""
    folded = _fold(word)
    key = SEVERITY_ALIASES.get(folded, folded)
    if key not in SEVERITIES:
        raise InvalidInput(
            "feedback.error.unknown_severity", severity=word, choices=severity_choices()
        )
    return key


def find_category(settings: Settings, word: str) -> str | None:
    folded = _fold(word)
    key = CATEGORY_ALIASES.get(folded, folded)
    return key if key in categories(settings) else None


def category(settings: Settings, word: str) -> str:
    """The configured category for `word`, or InvalidInput listing the categories."""
    key = find_category(settings, word)
    if key is None:
        raise InvalidInput(
            "feedback.error.unknown_category", category=word, choices=category_choices(settings)
        )
    return key


def category_choices(settings: Settings) -> str:
    """The categories as people type them: "quality, delivery delay, …"."""
    return ", ".join(key.replace("_", " ") for key in categories(settings))


def severity_choices() -> str:
    return ", ".join(SEVERITIES)


def categories(settings: Settings) -> tuple[str, ...]:
    # Folded, so a config that says "Delivery delay" still stores and matches one key.
    return tuple(dict.fromkeys(_fold(each) for each in settings.feedback.categories))


def default_category(settings: Settings) -> str:
    known = categories(settings)
    return known[-1] if known and "other" not in known else "other"


def category_name(key: str, lang: str) -> str:
    """A category's display name; categories added in config show as written."""
    name = t(f"feedback.category.{key}", lang)
    return key.replace("_", " ") if name == f"feedback.category.{key}" else name


def severity_name(key: str, lang: str) -> str:
    return t(f"feedback.severity.{key}", lang)


def status_name(key: str, lang: str) -> str:
    return t(f"feedback.status.{key}", lang)
