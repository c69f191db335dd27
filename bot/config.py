"""Configuration: a TOML file plus the environment, validated into one frozen object.

Any mistake stops start-up with a `ConfigError` whose message is one line naming the key and
the fix (the CLI prints it without a traceback).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .playbooks.config import PlaybookConfig, check_playbooks

ROLES = (
    "admin",
    "manager",
    "sales",
    "market_dev",
    "customer_service",
    "logistics",
    "finance",
    "member",
)
LANGUAGES = ("en", "zh")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_DATABASE_URL = "sqlite:///tradeops.db"


class ConfigError(Exception):
    """Bad configuration; the message is the one line an operator needs."""


def _check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(
            f"unknown time zone {name!r}; use an IANA name such as 'Asia/Shanghai'"
        ) from error
    return name


def _check_hhmm(value: str) -> str:
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
        raise ValueError(f"{value!r} is not a time; write HH:MM on a 24-hour clock, e.g. '09:30'")
    return value


def _check_country(code: str) -> str:
    import holidays

    if code and code.upper() not in holidays.list_supported_countries():
        raise ValueError(f"{code!r} is not a supported country code; use e.g. 'CN', 'ES', 'US'")
    return code.upper()


TimeZoneName = Annotated[str, AfterValidator(_check_timezone)]
HHMM = Annotated[str, AfterValidator(_check_hhmm)]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Role = Literal[
    "admin", "manager", "sales", "market_dev", "customer_service", "logistics", "finance", "member"
]


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TeamConfig(Section):
    name: str = "Trade team"
    timezone: TimeZoneName = "UTC"
    language: Literal["en", "zh"] = "en"
    workdays: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri")
    holiday_country: Annotated[str, AfterValidator(_check_country)] = ""
    extra_holidays: tuple[date, ...] = ()  # ISO dates, e.g. a company day off
    admins: tuple[str, ...] = ()  # Slack member ids


class ChannelsConfig(Section):
    team: str = ""
    managers: str = ""
    orders: str = ""
    standup_digest: str = ""


class StandupQuestion(Section):
    """One question in both languages. The keys `yesterday`, `today` and `blockers` mean
    something to the bot: yesterday's `today` is the hint for `yesterday`, and a `blockers`
    answer that says something is flagged and sent to the member's manager."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)


DEFAULT_QUESTIONS = (
    StandupQuestion(key="yesterday", en="What did you finish yesterday?", zh="昨天完成了什么？"),
    StandupQuestion(key="today", en="What will you do today?", zh="今天打算做什么？"),
    StandupQuestion(key="blockers", en="Anything blocking you?", zh="有什么阻碍吗？"),
)


def _questions_from_text(value: Any) -> Any:
    """A plain string is one question in both languages (keys q1, q2, ...)."""
    if not isinstance(value, list | tuple):
        return value
    return [
        {"key": f"q{index}", "en": item, "zh": item} if isinstance(item, str) else item
        for index, item in enumerate(value, start=1)
    ]


def _unique_question_keys(questions: tuple[StandupQuestion, ...]) -> tuple[StandupQuestion, ...]:
    keys = [question.key for question in questions]
    if len(set(keys)) != len(keys):
        raise ValueError("two questions share a key; give each its own `key`")
    return questions


Questions = Annotated[
    tuple[StandupQuestion, ...],
    BeforeValidator(_questions_from_text),
    AfterValidator(_unique_question_keys),
    Field(min_length=1, max_length=10),
]


class StandupConfig(Section):
    """The team's standup ([standup]) and any further ones ([[standups]])."""

    name: str = Field(default="daily", pattern=r"^[a-z][a-z0-9_-]*$")
    enabled: bool = True
    time: HHMM = "09:30"  # in each participant's own zone
    days: tuple[Weekday, ...] | None = None  # None: each member's own workdays
    participants: tuple[str, ...] = ()  # roles or member ids; empty: every active member
    channel: str = ""  # the digest channel; "": channels.standup_digest
    questions: Questions = DEFAULT_QUESTIONS
    reminder_after_minutes: int = Field(default=90, ge=1)
    grace_hours: float = Field(default=3, ge=0)  # a prompt later than this is skipped
    cutoff_hours: float = Field(default=4, gt=0)  # who has not answered by then is missing


ESCALATION_TARGETS = ("manager", "manager_of_manager", "managers_channel")


def _check_target(value: str) -> str:
    role = value.removeprefix("role:")
    if value in ESCALATION_TARGETS or (value.startswith("role:") and role in ROLES):
        return value
    raise ValueError(
        f"{value!r} is not a recipient; use one of {', '.join(ESCALATION_TARGETS)} "
        f"or role:<role> with a role among {', '.join(ROLES)}"
    )


class EscalationLevel(Section):
    after_hours: float = Field(gt=0)  # counted from the moment the thing became late
    to: Annotated[str, AfterValidator(_check_target)]


class EscalationPolicy(Section):
    """One kind's own levels ([escalation.task] ...); what it leaves out, [escalation] gives."""

    levels: tuple[EscalationLevel, ...] | None = None
    repeat: int | None = Field(default=None, ge=0, le=20)


class EscalationConfig(Section):
    levels: tuple[EscalationLevel, ...] = (
        EscalationLevel(after_hours=24, to="manager"),
        EscalationLevel(after_hours=72, to="manager_of_manager"),
        EscalationLevel(after_hours=120, to="managers_channel"),
    )
    repeat: int = Field(default=0, ge=0, le=20)  # how often the last level comes round again
    task: EscalationPolicy = EscalationPolicy()
    order: EscalationPolicy = EscalationPolicy()
    feedback: EscalationPolicy = EscalationPolicy()
    payment: EscalationPolicy = EscalationPolicy()


class AlertsConfig(Section):
    """Working hours in each member's own zone: DMs wait for them, the morning list opens them."""

    work_start: HHMM = "09:00"
    work_end: HHMM = "18:00"

    @model_validator(mode="after")
    def _day_has_hours(self) -> AlertsConfig:
        if self.work_end <= self.work_start:
            raise ValueError("`work_end` must come after `work_start`, e.g. 09:00 and 18:00")
        return self


class StageConfig(Section):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    en: str
    zh: str
    sla_days: int = Field(default=0, ge=0)  # 0: no SLA for this stage
    role: Role = "sales"


DEFAULT_STAGES = (
    StageConfig(key="confirmed", en="Confirmed", zh="已确认", sla_days=2, role="sales"),
    StageConfig(
        key="deposit_received", en="Deposit received", zh="已收定金", sla_days=7, role="finance"
    ),
    StageConfig(key="production", en="Production", zh="生产中", sla_days=30, role="sales"),
    StageConfig(key="qc", en="QC / inspection", zh="质检/验货", sla_days=5, role="sales"),
    StageConfig(key="booked", en="Booked", zh="已订舱", sla_days=10, role="logistics"),
    StageConfig(key="shipped", en="Shipped", zh="已出运", sla_days=45, role="logistics"),
    StageConfig(key="arrived", en="Arrived", zh="已到港", sla_days=7, role="logistics"),
    StageConfig(key="delivered", en="Delivered", zh="已交付", sla_days=0, role="sales"),
    StageConfig(key="cancelled", en="Cancelled", zh="已取消", sla_days=0, role="sales"),
)


class OrdersConfig(Section):
    stages: tuple[StageConfig, ...] = DEFAULT_STAGES
    playbooks: tuple[PlaybookConfig, ...] = ()  # see bot/playbooks/config.py

    @field_validator("playbooks")
    @classmethod
    def _known_stages_and_roles(cls, playbooks: Any, info: ValidationInfo) -> Any:
        stages = info.data.get("stages", DEFAULT_STAGES)
        return check_playbooks(playbooks, (stage.key for stage in stages), ROLES)


class SeveritySla(Section):
    first_response_hours: float = Field(gt=0)
    resolution_hours: float = Field(gt=0)


Severity = Literal["critical", "high", "normal", "low"]
DEFAULT_FEEDBACK_SLA: dict[Severity, SeveritySla] = {
    "critical": SeveritySla(first_response_hours=2, resolution_hours=24),
    "high": SeveritySla(first_response_hours=8, resolution_hours=72),
    "normal": SeveritySla(first_response_hours=24, resolution_hours=168),
    "low": SeveritySla(first_response_hours=72, resolution_hours=336),
}


class FeedbackConfig(Section):
    categories: tuple[str, ...] = (
        "quality",
        "packaging",
        "delivery_delay",
        "wrong_goods",
        "documents",
        "payment",
        "communication",
        "other",
    )
    sla: dict[Severity, SeveritySla] = Field(default_factory=lambda: dict(DEFAULT_FEEDBACK_SLA))


class SummaryConfig(Section):
    enabled: bool = True
    day: Weekday = "mon"
    time: HHMM = "09:00"


class SchedulerConfig(Section):
    interval_seconds: int = Field(default=60, ge=5)


class FileConfig(Section):
    """The shape of config.toml: every key it may hold."""

    team: TeamConfig = TeamConfig()
    channels: ChannelsConfig = ChannelsConfig()
    standup: StandupConfig = StandupConfig()
    standups: tuple[StandupConfig, ...] = ()  # further standups, each with its own name
    escalation: EscalationConfig = EscalationConfig()
    alerts: AlertsConfig = AlertsConfig()
    orders: OrdersConfig = OrdersConfig()
    feedback: FeedbackConfig = FeedbackConfig()
    summary: SummaryConfig = SummaryConfig()
    scheduler: SchedulerConfig = SchedulerConfig()

    @model_validator(mode="after")
    def _standup_names_differ(self) -> FileConfig:
        names = [standup.name for standup in self.all_standups]
        if len(set(names)) != len(names):
            raise ValueError("`standups`: each standup needs its own `name`")
        return self

    @property
    def all_standups(self) -> tuple[StandupConfig, ...]:
        """Every standup the team runs, the [standup] one first (when enabled)."""
        first = (self.standup,) if self.standup.enabled else ()
        return first + tuple(standup for standup in self.standups if standup.enabled)


@dataclass(frozen=True)
class SlackEnv:
    bot_token: str | None
    app_token: str | None
    signing_secret: str | None
    api_url: str | None


@dataclass(frozen=True)
class Settings:
    """Everything the bot is configured with, from the file and the environment."""

    file: FileConfig
    database_url: str
    slack: SlackEnv
    webhook_token: str | None = None

    def __getattr__(self, name: str) -> Any:
        # settings.team, settings.orders, ...: sections of the file read as attributes.
        return getattr(self.file, name)

    def require(self, *variables: str) -> None:
        """Stop start-up with one line per the first missing environment variable."""
        for variable in variables:
            if not _ENV_GETTERS[variable](self):
                raise ConfigError(f"{variable} is not set: {_ENV_HINTS[variable]}")


_ENV_GETTERS = {
    "SLACK_BOT_TOKEN": lambda s: s.slack.bot_token,
    "SLACK_APP_TOKEN": lambda s: s.slack.app_token,
    "SLACK_SIGNING_SECRET": lambda s: s.slack.signing_secret,
}
_ENV_HINTS = {
    "SLACK_BOT_TOKEN": "export the Bot User OAuth Token (xoxb-...) from your Slack app's "
    "OAuth & Permissions page",
    "SLACK_APP_TOKEN": "export an App-Level Token (xapp-...) with the connections:write scope "
    "from your Slack app's Basic Information page (Socket Mode needs it)",
    "SLACK_SIGNING_SECRET": "export the Signing Secret from your Slack app's Basic Information "
    "page",
}


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    path = _config_path(env)
    raw = _read_toml(path) if path else {}
    return Settings(
        file=parse_file_config(raw, source=str(path or "defaults")),
        database_url=env.get("TRADEOPS_DATABASE_URL") or DEFAULT_DATABASE_URL,
        slack=SlackEnv(
            bot_token=env.get("SLACK_BOT_TOKEN") or None,
            app_token=env.get("SLACK_APP_TOKEN") or None,
            signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
            api_url=env.get("SLACK_API_URL") or None,
        ),
        webhook_token=env.get("TRADEOPS_WEBHOOK_TOKEN") or None,
    )


def _config_path(env: Mapping[str, str]) -> Path | None:
    explicit = env.get("TRADEOPS_CONFIG")
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"TRADEOPS_CONFIG points at {explicit}, which is not a file")
        return path
    default = Path("config.toml")
    return default if default.is_file() else None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from error


def parse_file_config(raw: Mapping[str, Any], source: str = "config") -> FileConfig:
    try:
        return FileConfig.model_validate(raw)
    except ValidationError as error:
        raise ConfigError(f"{source}: {_first_problem(error)}") from error


def _first_problem(error: ValidationError) -> str:
    problem = error.errors()[0]
    key = ".".join(str(part) for part in problem["loc"])
    if problem["type"] == "extra_forbidden":
        return f"unknown key `{key}`; check its spelling against config.example.toml"
    if problem["type"] == "missing":
        return f"`{key}` is required; see config.example.toml"
    message = problem["msg"].removeprefix("Value error, ")
    return f"`{key}`: {message}" if key else message


def parse_hhmm(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))
