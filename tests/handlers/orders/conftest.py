"""A team of four (sales, logistics, a Chinese owner, a reader in Madrid) and order 1042,
which has come a long way: confirmed, deposit received, dates set, now in production."""

from __future__ import annotations

from datetime import timedelta

import pytest
from freezegun import freeze_time

from tests.support.orders_data import CREATED, IN_PRODUCTION, meet, save


@pytest.fixture
def team_of_four(slack, fake_slack):
    with freeze_time(CREATED):
        meet(slack, fake_slack, "USALES", "li", role="sales")
        meet(slack, fake_slack, "UWANG", "wang", locale="zh-CN")
        meet(slack, fake_slack, "UANA", "ana", tz="Europe/Madrid")
        meet(slack, fake_slack, "ULOG", "zhou", role="logistics")
    return slack


@pytest.fixture
def order_1042(team_of_four):
    slack = team_of_four
    save(
        slack,
        "USALES",
        "1042",
        CREATED,
        customer="ACME Trading",
        country="ES",
        owner="UWANG",
        incoterm="FOB",
        amount="48000",
        currency="USD",
        factory="Ningbo Bright Lights",
        pol="Ningbo",
        pod="Valencia",
    )
    save(slack, "USALES", "1042", CREATED + timedelta(days=2), stage="deposit received")
    save(
        slack,
        "ULOG",
        "1042",
        CREATED + timedelta(days=3),
        etd="2026-12-05",
        eta="2027-01-08",
        vessel="MSC Aurora 612E",
    )
    save(slack, "USALES", "1042", IN_PRODUCTION, stage="production")
    save(
        slack,
        "ULOG",
        "1042",
        IN_PRODUCTION + timedelta(hours=1),
        container="CSQU3054383",
        bl="MEDUNB123456",
    )
    fake_slack = slack.fake
    fake_slack.reset()
    return slack
