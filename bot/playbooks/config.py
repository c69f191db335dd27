"""What `[[orders.playbooks]]` holds: for a stage, the steps its checklist hands out.

```toml
[[orders.playbooks]]
stage = "booked"
steps = [
  { title = { en = "Book the truck", zh = "安排拖车" }, role = "logistics", due = "etd-3d" },
]
```

A step goes to the member with its `role` (`assign = "role"`, the default when a role is
given) or to the order's owner (`assign = "owner"`). `required` steps keep the order in the
stage until they are done. bot.config checks the stages and roles named here exist
(`check_playbooks`); everything else is checked by these models.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .parsing import DueRule, parse_due_rule, step_key


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StepTitle(_Section):
    en: str = Field(min_length=1, max_length=200)
    zh: str = Field(min_length=1, max_length=200)

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class StepConfig(_Section):
    title: StepTitle
    key: str = Field(default="", pattern=r"^([a-z][a-z0-9_]*)?$", max_length=64)
    role: str | None = None
    assign: Literal["owner", "role"] | None = None  # None: "role" when a role is given
    due: str | None = None  # None: no due date
    required: bool = False

    @model_validator(mode="before")
    @classmethod
    def _title_as_text(cls, value: Any) -> Any:
        """A plain string title is the same in both languages."""
        if isinstance(value, dict) and isinstance(value.get("title"), str):
            return {**value, "title": {"en": value["title"], "zh": value["title"]}}
        return value

    @field_validator("due")
    @classmethod
    def _due_is_readable(cls, due: str | None) -> str | None:
        if due is not None:
            parse_due_rule(due)
        return due

    @model_validator(mode="after")
    def _role_when_assigned_by_role(self) -> StepConfig:
        if self.assign == "role" and not self.role:
            raise ValueError('`assign = "role"` needs a `role`, e.g. role = "logistics"')
        return self

    @property
    def step(self) -> str:
        return self.key or step_key(self.title.en)

    @property
    def by_role(self) -> bool:
        return (self.assign or ("role" if self.role else "owner")) == "role"

    @property
    def due_rule(self) -> DueRule | None:
        return parse_due_rule(self.due) if self.due else None


class PlaybookConfig(_Section):
    stage: str
    steps: tuple[StepConfig, ...] = Field(min_length=1, max_length=20)

    @model_validator(mode="after")
    def _steps_differ(self) -> PlaybookConfig:
        keys = [step.step for step in self.steps]
        twice = sorted({key for key in keys if keys.count(key) > 1})
        if twice:
            raise ValueError(f"two steps share the key {twice[0]!r}; give one its own `key`")
        return self


def check_playbooks(
    playbooks: tuple[PlaybookConfig, ...], stages: Iterable[str], roles: Iterable[str]
) -> tuple[PlaybookConfig, ...]:
    """The playbooks, or ValueError naming the first entry with an unknown stage or role,
    or a second playbook for one stage."""
    stage_keys, known_roles = list(stages), set(roles)
    seen: set[str] = set()
    for index, playbook in enumerate(playbooks):
        entry = f"entry {index} (stage {playbook.stage!r})"
        if playbook.stage not in stage_keys:
            listing = ", ".join(stage_keys)
            raise ValueError(f"{entry}: no such stage; use one of {listing}")
        if playbook.stage in seen:
            raise ValueError(f"{entry}: a second playbook for this stage; merge the two")
        seen.add(playbook.stage)
        for number, step in enumerate(playbook.steps):
            if step.role is not None and step.role not in known_roles:
                raise ValueError(
                    f"{entry}, step {number}: unknown role {step.role!r}; "
                    f"use one of {', '.join(sorted(known_roles))}"
                )
    return playbooks


def playbook_for(playbooks: Sequence[PlaybookConfig], stage: str) -> PlaybookConfig | None:
    return next((each for each in playbooks if each.stage == stage), None)


def stage_name(stages: Iterable[Any], key: str) -> dict[str, str]:
    """The stage's name in both languages, from the configured `stages` (its key if gone)."""
    found = next((each for each in stages if each.key == key), None)
    return {"en": found.en, "zh": found.zh} if found else {"en": key, "zh": key}
