"""/order in the one command grammar, through signed requests: Chinese keys and quotes, bare
numbers, every problem named at once, and a help that lists the stages."""

from __future__ import annotations

import pytest
from freezegun import freeze_time

from bot import orders
from tests.support.orders_data import NOW


def reply(slack, text, user="USALES"):
    with freeze_time(NOW):
        response = slack.command("/order", text, user=user)
    return response.json(), slack.reply_text(response)


@pytest.mark.parametrize(
    "quoted", ["「Hamburg Imports」", "“Hamburg Imports”", '"Hamburg Imports"']
)
def test_chinese_keys_and_any_quotes_create_an_order(team_of_four, quoted):
    _, text = reply(team_of_four, f"new 1043 客户 {quoted} 金额 12500 币种 EUR 负责人 <@UANA|ana>")
    assert "Order *1043* created for Hamburg Imports" in text
    with team_of_four.core.write() as unit:
        order = orders.get(unit, "1043")
    assert (order.customer_name, str(order.amount), order.currency) == (
        "Hamburg Imports",
        "12500.00",
        "EUR",
    )
    assert order.owner_id == "UANA"


def test_a_bare_number_is_the_orders_status(order_1042):
    _, bare = reply(order_1042, "1042")
    _, status = reply(order_1042, "status 1042")
    assert bare == status
    assert "Order 1042 · ACME Trading" in bare


def test_every_problem_is_named_at_once_and_nothing_is_glued_to_the_amount(order_1042):
    body, text = reply(order_1042, "update 1042 amount 12k colour red")
    assert body["response_type"] == "ephemeral"
    assert "2 things to fix" in text
    assert "`12k` is not an amount" in text
    assert "`colour` is not an order field" in text
    assert "12k colour" not in text
    assert "Usage: `/order update NUMBER" in text
    with order_1042.core.write() as unit:
        assert str(orders.get(unit, "1042").amount) == "48000.00"


def test_a_quoted_field_name_among_the_words_is_reported_not_applied(order_1042):
    _, text = reply(order_1042, 'update 1042 amount 5 "customer" Evil Corp')
    assert '`"customer"` is not an order field' in text
    with order_1042.core.write() as unit:
        order = orders.get(unit, "1042")
    assert (order.customer_name, str(order.amount)) == ("ACME Trading", "48000.00")


def test_a_key_without_its_value_is_named_with_the_others(order_1042):
    _, text = reply(order_1042, "update 1042 amount etd")
    assert "`amount` needs a value after it." in text
    assert "`etd` needs a value after it." in text


@pytest.mark.parametrize("subcommand", ["status", "history", "watch", "unwatch"])
def test_extra_words_after_the_number_are_reported_not_ignored(order_1042, subcommand):
    body, text = reply(order_1042, f"{subcommand} 1042 please hurry")
    assert body["response_type"] == "ephemeral"
    assert "I didn't understand `please hurry`." in text
    assert f"Usage: `/order {subcommand} NUMBER`" in text


def test_extra_words_are_reported_in_the_readers_language(order_1042):
    _, text = reply(order_1042, "status 1042 快点", user="UWANG")
    assert "看不懂 `快点`。" in text
    assert "用法：`/order status 订单号`" in text


def test_a_list_names_words_it_did_not_understand(order_1042):
    _, text = reply(order_1042, "list late soon")
    assert "I didn't understand `soon`." in text


def test_help_lists_the_stage_keys_and_names_in_the_readers_language(order_1042):
    _, english = reply(order_1042, "help")
    assert "`production` Production" in english
    assert "`qc` QC / inspection" in english
    _, chinese = reply(order_1042, "help", user="UWANG")
    assert "`production` 生产中" in chinese
    assert "`booked` 已订舱" in chinese


def test_help_documents_the_one_grammar_with_its_chinese_keys(order_1042):
    _, text = reply(order_1042, "help")
    assert "customer/客户" in text and "due/截止" in text and "amount/金额" in text
    assert "「汉堡进口」" in text


def test_a_note_keeps_every_word_after_it_even_key_words(order_1042):
    _, text = reply(order_1042, "update 1042 note pay amount 12k by fri, number on the PI")
    assert "Order *1042* updated" in text
    with order_1042.core.read() as unit:
        assert orders.get(unit, "1042").notes == "pay amount 12k by fri, number on the PI"


def test_a_new_order_names_the_words_and_the_fields_problems_in_one_reply(team_of_four):
    body, text = reply(team_of_four, "new 1043 amount 12k colour red stage nowhere currency")
    assert body["response_type"] == "ephemeral"
    assert "5 things to fix" in text
    assert "`currency` needs a value after it." in text  # the words
    assert "`12k` is not an amount" in text  # the field check
    assert "`colour` is not an order field." in text
    assert "`nowhere` is not a stage." in text
    assert "A new order needs a customer: add `customer NAME`." in text
    assert "Usage: `/order new NUMBER" in text
    with team_of_four.core.read() as unit:
        assert orders.find_by_number(unit, "1043") is None


def test_an_update_names_the_words_and_the_fields_problems_in_one_reply(order_1042):
    _, text = reply(order_1042, "update 1042 number 1050 amount 12k eta", user="UWANG")
    assert "有 3 处需要修改" in text
    assert "订单号不能修改" in text and "`12k` 不是有效金额" in text
    assert "`eta` 后面需要一个值。" in text
    with order_1042.core.read() as unit:
        assert str(orders.get(unit, "1042").amount) == "48000.00"


def test_an_owner_slack_does_not_know_is_named_with_the_other_problems(order_1042):
    _, text = reply(order_1042, "update 1042 owner <@UGHOST|ghost> amount 12k")
    assert "2 things to fix" in text
    assert "`<@UGHOST|ghost>` is not a team member I know" in text
    assert "`12k` is not an amount" in text
    assert "Usage: `/order update NUMBER" in text
    with order_1042.core.write() as unit:
        order = orders.get(unit, "1042")
    assert (order.owner_id, str(order.amount)) == ("UWANG", "48000.00")


def test_a_new_orders_owner_slack_does_not_know_is_named_in_chinese(team_of_four):
    _, text = reply(team_of_four, "new 1043 负责人 <@UGHOST|ghost> 金额 12k", user="UWANG")
    assert "有 3 处需要修改" in text
    assert "`<@UGHOST|ghost>` 不是我认识的团队成员" in text
    assert "用法：`/order new" in text
