"""The "hand out again" button under a stage change that re-entered a stage: the next round
of its checklist, made once however often it is pressed."""

from __future__ import annotations

import json
from typing import Any

from bot.errors import InvalidInput
from bot.playbooks import service

from ..blocks import Rendered
from ..interactions import Press, on_press
from .render import AGAIN_ACTION, handout_message


def register(app: Any) -> None:
    app.action(AGAIN_ACTION)(on_press(hand_out_again))


def hand_out_again(press: Press) -> Rendered:
    number, stage, round = _again_value(press)
    handed = service.hand_out_again(press.core, press.member.slack_id, number, stage, round)
    return handout_message(handed, press.viewer())


def _again_value(press: Press) -> tuple[str, str, int]:
    try:
        fields = json.loads(press.value)
        number, stage, round = fields["number"], fields["stage"], fields["round"]
    except (ValueError, KeyError, TypeError):
        raise InvalidInput("common.error.bad_button") from None
    if not (isinstance(number, str) and isinstance(stage, str) and isinstance(round, int)):
        raise InvalidInput("common.error.bad_button")
    return number, stage, round
