"""/feedback in the one command grammar, through signed requests: the customer as a key or
in its place, Chinese keys and quotes, bare numbers, and every problem named at once."""

from __future__ import annotations

import pytest
from freezegun import freeze_time

from bot import customers
from tests.support.feedback_data import T0, items, say, trade_desk


@pytest.fixture
def desk(slack):
    trade_desk(slack.core)
    return slack


def logged(desk):
    return [(item.customer_id, item.text, item.severity, item.category) for item in items(desk)]


def acme_trading_id(desk):
    with desk.core.read() as unit:
        return customers.get(unit, "ACME Trading").id


def test_the_customer_may_be_given_as_a_key_as_in_order_new(desk):
    with freeze_time(T0):
        text = say(desk, 'add customer "ACME Trading" cartons crushed severity high')
    assert "Logged feedback #1 from ACME Trading" in text
    assert logged(desk) == [(acme_trading_id(desk), "cartons crushed", "high", "other")]


def test_chinese_keys_and_corner_quotes_log_feedback(desk):
    with freeze_time(T0):
        text = say(desk, "add 客户 「ACME Trading」 纸箱压坏 级别 高 类别 包装")
    assert "Logged feedback #1 from ACME Trading" in text
    assert logged(desk) == [(acme_trading_id(desk), "纸箱压坏", "high", "packaging")]


def test_pairs_may_come_before_the_customer_and_right_after_it(desk):
    with freeze_time(T0):
        say(desk, "add severity high ACME Trading crates wet")
        say(desk, "add ACME Trading category packaging crates wet again")
    assert [row[1:] for row in logged(desk)] == [
        ("crates wet", "high", "other"),
        ("crates wet again", "normal", "packaging"),
    ]


def test_a_bare_number_shows_the_item(desk):
    with freeze_time(T0):
        say(desk, "add ACME Trading labels smudged")
        assert say(desk, "1") == say(desk, "show 1")
    assert "#1 ACME Trading" in say(desk, "1")


def test_every_problem_of_a_new_item_is_named_at_once(desk):
    with freeze_time(T0):
        text = say(desk, "add Globx Corp crates wet severity urgentish category weather")
    assert "3 things to fix" in text
    assert "I don't know a customer called “Globx”. Did you mean Globex Corp?" in text
    assert "`urgentish` is not a severity" in text
    assert "`weather` is not a category" in text
    assert "Usage: `/feedback add" in text
    assert items(desk) == []


@pytest.mark.parametrize("subcommand", ["show", "start"])
def test_extra_words_after_the_number_are_reported(desk, subcommand):
    with freeze_time(T0):
        say(desk, "add ACME Trading labels smudged")
        text = say(desk, f"{subcommand} 1 right now", user="UCS")
    assert "I didn't understand `right now`." in text
    assert f"Usage: `/feedback {subcommand} ID`" in text


def test_assign_and_severity_take_their_value_as_a_key_too(desk):
    with freeze_time(T0):
        say(desk, "add ACME Trading labels smudged")
        assert "now assigned to <@UCS>" in say(desk, "assign 1 负责人 <@UCS|cs>", user="UMGR")
        assert "#1 is now" in say(desk, "severity 1 severity low", user="UCS")
    assert [row[2] for row in logged(desk)] == ["low"]


def test_a_list_takes_a_quoted_customer_and_names_stray_words(desk):
    with freeze_time(T0):
        say(desk, "add ACME Trading labels smudged")
        assert "labels smudged" in say(desk, 'list 客户 "ACME Trading" page 1')
        assert "I didn't understand `please`." in say(desk, "list open please")


def test_an_assignee_no_one_knows_is_named_with_a_bad_severity(desk):
    with freeze_time(T0):
        text = say(desk, "add ACME Trading crates wet severity huge owner <@UGHOST|ghost>")
    assert "2 things to fix" in text
    assert "`<@UGHOST>` is not a person I know" in text
    assert "`huge` is not a severity" in text
    assert "Usage: `/feedback add" in text
    assert items(desk) == []


def test_an_assignee_no_one_knows_is_named_with_the_words_after_them(desk):
    with freeze_time(T0):
        say(desk, "add ACME Trading crates wet")
        text = say(desk, "assign 1 @nobody please")
    assert "2 things to fix" in text
    assert "`@nobody` is not a person I know" in text
    assert "I didn't understand `please`." in text
    assert [item.assignee_id for item in items(desk)] == ["UOWNER"]
