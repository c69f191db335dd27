"""The playbook vocabulary: when a step is due (`+2d`, `etd-5d`, `eta+1d`) and the `force`
word that moves an order on although a required step is open.

A due rule counts whole days from an anchor: the day the order entered the stage (no
anchor: `+2d`), or its ETD or ETA (`etd-5d`, `eta+1d`, `etd` alone for the day itself).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Anchor = Literal["stage", "etd", "eta"]
RULE = re.compile(r"(?P<anchor>etd|eta)?\s*(?:(?P<sign>[+-])\s*(?P<days>\d{1,3})\s*d)?")
FORCE_WORDS = ("force", "--force", "强制")  # the /order update grammar reads them too
MAX_KEY = 64


@dataclass(frozen=True)
class DueRule:
    anchor: Anchor
    days: int  # after the anchor; negative: before it


def parse_due_rule(text: str) -> DueRule:
    """`+2d` -> DueRule("stage", 2); ValueError with what to write when it cannot be read."""
    found = RULE.fullmatch(text.strip().casefold())
    if not text.strip() or found is None:
        raise ValueError(
            f"cannot read due {text!r}; write days after the stage begins ('+2d') "
            "or around the ETD or ETA ('etd-5d', 'eta+1d')"
        )
    anchor = found["anchor"] or "stage"
    if found["days"] is None and anchor == "stage":
        raise ValueError(f"cannot read due {text!r}; write e.g. '+2d', 'etd-5d' or 'eta+1d'")
    days = int(found["days"] or 0) * (-1 if found["sign"] == "-" else 1)
    if anchor == "stage" and days < 0:
        raise ValueError(f"due {text!r} falls before the stage begins; write '+0d' or later")
    return DueRule(anchor, days)  # type: ignore[arg-type]


def step_key(title: str) -> str:
    """A step's key from its English title when config gives none: `Book the truck` ->
    `book_the_truck`. Tasks are linked by it, so it must not change when steps are reordered."""
    words = re.findall(r"[a-z0-9]+", title.casefold())
    return "_".join(words)[:MAX_KEY] or "step"


def split_force(text: str) -> tuple[str, bool]:
    """`stage shipped force` -> (`stage shipped`, True): the last word, when it says force."""
    head, _, last = text.rstrip().rpartition(" ")
    if last.casefold() in FORCE_WORDS:
        return head.rstrip(), True
    return text, False
