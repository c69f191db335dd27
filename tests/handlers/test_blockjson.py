"""Blocks go out as slack_sdk's to_dict() would send them, checked against the same limits."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    ImageElement,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
)

from handlers import blocks
from handlers.blocks import block_json

LONG = "x" * 4000

BUILT = [
    blocks.header("Order 1042 · ACME <!channel>"),
    blocks.section("*Stage* & more", accessory=blocks.button("Open", "a.open", "1042")),
    blocks.fields(("Customer", "ACME"), ("Owner", "<@U1>"), ("Notes", LONG)),
    blocks.context("Recent changes\n• one\n• two"),
    blocks.divider(),
    blocks.actions(
        blocks.button("Watch", "orders.watch", "1042", style="primary"),
        blocks.button("History", "orders.history", "1042"),
        block_id="buttons",
    ),
    blocks.section(LONG),
    blocks.header(LONG),
]


@pytest.mark.parametrize("block", BUILT, ids=lambda block: block.type)
def test_every_builder_block_comes_out_as_to_dict_makes_it(block):
    assert block_json(block) == block.to_dict()


def test_a_message_keeps_the_key_order_slack_sdk_sends():
    card = blocks.section("text", accessory=blocks.button("Open", "a.open", "1042"))

    assert list(block_json(card)) == list(card.to_dict())
    assert list(block_json(card)["accessory"]) == list(card.to_dict()["accessory"])


def test_blocks_our_builders_do_not_make_still_come_out_as_to_dict_makes_them():
    form = InputBlock(label="Title", element=PlainTextInputElement(action_id="t"), block_id="b")
    picture = ContextBlock(elements=[ImageElement(image_url="https://x/y.png", alt_text="y")])

    assert block_json([form, picture]) == [form.to_dict(), picture.to_dict()]


@pytest.mark.parametrize(
    "block",
    [
        SectionBlock(text=MarkdownTextObject(text=LONG)),
        SectionBlock(fields=[MarkdownTextObject(text="f")] * 11),
        SectionBlock(),
        HeaderBlock(text=PlainTextObject(text=LONG)),
        ActionsBlock(elements=[ButtonElement(text="b", action_id=f"a{i}") for i in range(26)]),
        ActionsBlock(elements=[ButtonElement(text=LONG, action_id="a")]),
        ActionsBlock(elements=[ButtonElement(text="b", action_id="a", value=LONG)]),
        ContextBlock(elements=[MarkdownTextObject(text="c")] * 11),
        SectionBlock(text=MarkdownTextObject(text="t"), block_id=LONG),
    ],
    ids=[
        "section-text", "fields", "empty-section", "header", "buttons", "button-text",
        "button-value", "context", "block-id",
    ],
)  # fmt: skip
def test_a_block_over_slacks_limits_is_refused_with_slack_sdks_own_error(block):
    with pytest.raises(SlackObjectFormationError) as expected:
        block.to_dict()
    with pytest.raises(SlackObjectFormationError) as refused:
        block_json(block)

    assert str(refused.value) == str(expected.value)
