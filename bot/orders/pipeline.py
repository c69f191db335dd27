"""The order pipeline from config: stage keys, names in both languages, SLAs, progress."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import cache

from ..config import Settings, StageConfig
from ..errors import InvalidInput
from .views import PipelineView, StageName

# Stages that end an order: it leaves the progress line and has no SLA clock.
CLOSED_STAGES = ("delivered", "cancelled")
OFF_PIPELINE = ("cancelled",)


def stages(settings: Settings) -> Sequence[StageConfig]:
    return settings.orders.stages


def stage(settings: Settings, key: str) -> StageConfig | None:
    return next((each for each in stages(settings) if each.key == key), None)


def first_stage(settings: Settings) -> str:
    return stages(settings)[0].key


def view(settings: Settings) -> PipelineView:
    """The pipeline as messages show it, for views handed to the Slack side."""
    return _view(tuple(stages(settings)))


@cache
def _view(all_stages: tuple[StageConfig, ...]) -> PipelineView:
    names = tuple(StageName(each.key, each.en, each.zh) for each in all_stages)
    progress = tuple(each.key for each in all_stages if each.key not in OFF_PIPELINE)
    return PipelineView(names, progress)


def names(settings: Settings, key: str) -> dict[str, str]:
    """The stage's name in every language, for messages rendered later per reader."""
    stages = view(settings)
    return {"en": stages.name(key, "en"), "zh": stages.name(key, "zh")}


def _spellings(each: StageConfig) -> set[str]:
    return {_fold(each.key), _fold(each.en), _fold(each.zh), _fold(each.key.replace("_", " "))}


def _fold(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("/", " / ").split()).casefold()


@cache
def _stage_by_spelling(all_stages: tuple[StageConfig, ...]) -> dict[str, str]:
    return {spelling: each.key for each in all_stages for spelling in _spellings(each)}


def resolve(settings: Settings, text: str) -> str:
    """The stage key for a key or a name in either language, or InvalidInput listing them."""
    found = _stage_by_spelling(tuple(stages(settings))).get(_fold(text))
    if found is None:
        raise InvalidInput(
            "orders.error.unknown_stage", stage=text.strip(), stages=listing(settings)
        )
    return found


def listing(settings: Settings) -> str:
    return ", ".join(f"`{each.key}`" for each in stages(settings))


def sla_days(settings: Settings, key: str) -> int:
    found = stage(settings, key)
    return found.sla_days if found and key not in CLOSED_STAGES else 0


def responsible_role(settings: Settings, key: str) -> str | None:
    """The role that moves an order on from this stage (None once it is closed)."""
    found = stage(settings, key)
    return found.role if found and key not in CLOSED_STAGES else None


def days_in_stage(since: datetime, now: datetime) -> int:
    return max((now - since) // timedelta(days=1), 0)


def is_late(settings: Settings, key: str, since: datetime, now: datetime) -> bool:
    limit = sla_days(settings, key)
    return bool(limit) and now - since > timedelta(days=limit)


def late_cutoffs(settings: Settings, now: datetime) -> dict[str, datetime]:
    """For each stage with an SLA, the stage_since before which an order in it is late."""
    return {
        each.key: now - timedelta(days=each.sla_days)
        for each in stages(settings)
        if sla_days(settings, each.key)
    }
