"""Reading `/feedback add`: the customer, the text, and the options at its end."""

from __future__ import annotations

import pytest

from bot import feedback
from bot.errors import NotFound
from tests.support.feedback_data import trade_desk


@pytest.fixture
def desk(core):
    trade_desk(core)
    return core


def parse(core, text):
    with core.read() as unit:
        return feedback.parse_add(unit, text)


def test_the_longest_known_customer_name_wins_whatever_the_case(desk):
    parsed = parse(desk, "acme trading cartons crushed on arrival")
    assert parsed.feedback.customer == "ACME Trading"
    assert parsed.feedback.text == "cartons crushed on arrival"
    assert parse(desk, "ACME late again").feedback.customer == "ACME"


@pytest.mark.parametrize("quoted", ['"ACME Trading"', "“ACME Trading”"])
def test_a_quoted_customer_name_is_taken_as_written(desk, quoted):
    parsed = parse(desk, f"{quoted} trading terms unclear")
    assert parsed.feedback.customer == "ACME Trading"
    assert parsed.feedback.text == "trading terms unclear"


def test_trailing_options_are_read_and_the_text_keeps_its_own_words(desk):
    parsed = parse(
        desk,
        "ACME Trading the order arrived late\nagain order PO-1 severity high "
        "category delivery delay assign <@UCS|cs>",
    )
    new = parsed.feedback
    assert new.text == "the order arrived late\nagain"
    assert (new.order, new.severity, new.category) == ("PO-1", "high", "delivery delay")
    assert parsed.assignee == "<@UCS|cs>"


def test_words_like_order_inside_the_text_stay_text(desk):
    parsed = parse(desk, "Globex Corp our last order arrived")
    assert parsed.feedback.text == "our last order arrived"
    assert parsed.feedback.order is None


def test_an_unknown_customer_is_refused_with_close_matches(desk):
    (refused,) = parse(desk, "Globx the labels are wrong").problems
    assert isinstance(refused, NotFound)
    assert refused.key == "feedback.error.unknown_customer_close"
    assert "Globex Corp" in refused.params["suggestions"]


def test_a_customer_like_no_other_is_refused_without_suggestions(desk):
    (refused,) = parse(desk, '"Zhejiang Pumps" the seals leak').problems
    assert isinstance(refused, NotFound)
    assert refused.key == "feedback.error.unknown_customer"
    assert refused.params["name"] == "Zhejiang Pumps"
