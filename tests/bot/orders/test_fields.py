"""Order field validation: the one check the command, the CSV import and the webhook share."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from bot.errors import InvalidInput
from bot.orders import pipeline
from bot.orders.containers import container_check_digit, is_container_number, read_containers
from bot.orders.fields import FieldContext, canonical, check
from tests.conftest import make_settings

NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)  # Monday 10:00 in Shanghai


@pytest.fixture
def context():
    members = {"U1": "U1", "li": "U1"}
    return FieldContext(make_settings(), ZoneInfo("Asia/Shanghai"), NOW, members.get)


@pytest.mark.parametrize("number", ["CSQU3054383", "MSKU9070323", "GESU1234564"])
def test_real_container_numbers_pass_the_iso_6346_check(number):
    assert is_container_number(number)


def test_the_check_digit_is_computed_with_letter_values_that_skip_multiples_of_eleven():
    # C=13 S=30 Q=28 U=32: the published example CSQU 305438 has check digit 3.
    assert container_check_digit("CSQU305438") == 3


@pytest.mark.parametrize(
    "number",
    ["CSQU3054384", "CSQX3054383", "CSQ3054383", "CSQU305438", "csqu3054383x", "1SQU3054383"],
)
def test_a_wrong_check_digit_or_shape_is_refused(number):
    assert not is_container_number(number)


def test_containers_are_read_from_a_list_in_any_case_with_dashes_and_no_repeats():
    assert read_containers("csqu305438-3, MSKU9070323;CSQU3054383") == [
        "CSQU3054383",
        "MSKU9070323",
    ]


def test_one_bad_container_in_a_list_is_named():
    with pytest.raises(InvalidInput) as error:
        read_containers("CSQU3054383 MSKU9070324")
    assert error.value.params == {"container": "MSKU9070324"}


def test_good_values_become_python_values(context):
    checked = check(
        {
            "number": "PO-2026-118",
            "customer": "  ACME   Trading ",
            "incoterm": "fob",
            "amount": "12,500.5",
            "currency": "usd",
            "ETD": "2026-12-05",
            "eta": "2027-01-10",
            "container": "CSQU3054383",
            "owner": "li",
            "stage": "QC / inspection",
        },
        context,
    )
    assert checked.ok, checked.problems
    assert checked.values == {
        "number": "PO-2026-118",
        "customer": "ACME Trading",
        "incoterm": "FOB",
        "amount": Decimal("12500.50"),
        "currency": "USD",
        "etd": date(2026, 12, 5),
        "eta": date(2027, 1, 10),
        "containers": ["CSQU3054383"],
        "owner": "U1",
        "stage": "qc",
    }


def test_dates_are_read_in_the_authors_time_zone(context):
    # 02:00 UTC on Monday is already Monday in Shanghai: "tomorrow" is Tuesday 1 December.
    assert check({"eta": "tomorrow"}, context).values["eta"] == date(2026, 12, 1)


def test_every_bad_value_is_reported_with_its_field(context):
    checked = check(
        {
            "incoterm": "FOX",
            "container": "CSQU3054384",
            "eta": "someday soon",
            "stage": "sailing",
            "amount": "12.345",
            "owner": "nobody",
            "colour": "red",
        },
        context,
    )
    assert {(p.field, p.key) for p in checked.problems} == {
        ("incoterm", "orders.error.bad_incoterm"),
        ("containers", "orders.error.bad_container"),
        ("eta", "dates.error.unparseable"),
        ("stage", "orders.error.unknown_stage"),
        ("amount", "orders.error.bad_amount"),
        ("owner", "orders.error.unknown_owner"),
        ("colour", "orders.error.unknown_field"),
    }
    assert checked.values == {}


def test_the_incoterm_error_lists_the_eleven_incoterms_2020(context):
    problem = check({"incoterm": "FOX"}, context).problems[0]
    assert problem.text("en").endswith("EXW FCA CPT CIP DAP DPU DDP FAS FOB CFR CIF.")


def test_an_unknown_stage_lists_the_stages(context):
    problem = check({"stage": "sailing"}, context).problems[0]
    assert "`production`" in problem.text("en")
    assert "`delivered`" in problem.text("zh")


def test_an_eta_before_the_etd_is_refused(context):
    checked = check({"etd": "2026-12-20", "eta": "2026-12-10"}, context)
    assert [p.key for p in checked.problems] == ["orders.error.eta_before_etd"]


def test_a_dash_clears_an_optional_field_but_not_the_customer(context):
    checked = check({"vessel": "-", "containers": "-", "customer": "-"}, context)
    assert checked.values == {"vessel": None, "containers": []}
    assert [p.field for p in checked.problems] == ["customer"]


@pytest.mark.parametrize(
    "text", ["qc", "QC / inspection", "质检/验货", "deposit received", "已订舱"]
)
def test_stages_are_named_by_key_or_by_name_in_either_language(text):
    assert pipeline.resolve(make_settings(), text) in {"qc", "deposit_received", "booked"}


def test_columns_may_be_named_in_english_aliases_or_chinese():
    assert canonical("B/L") == "bl_number"
    assert canonical("Factory") == "supplier"
    assert canonical("柜号") == "containers"
    assert canonical("colour") is None


def test_container_numbers_printed_with_spaces_are_read_whole():
    assert read_containers("CSQU 305438 3, msku 907032-3") == ["CSQU3054383", "MSKU9070323"]


@pytest.mark.parametrize(
    ("text", "amount"),
    [("12500", "12500.00"), ("12,500.5", "12500.50"), ("1 250 000", "1250000.00")],
)
def test_amounts_take_thousands_commas_and_a_decimal_point(context, text, amount):
    assert check({"amount": text}, context).values["amount"] == Decimal(amount)


@pytest.mark.parametrize("text", ["12,50", "1.500,00", "12.345", "-5", "1e3", "lots"])
def test_ambiguous_or_malformed_amounts_are_refused_rather_than_misread(context, text):
    problems = check({"amount": text}, context).problems
    assert [(p.field, p.key) for p in problems] == [("amount", "orders.error.bad_amount")]
