"""The demo's customers and orders: one order in every stage of the pipeline, each made and
moved on by the people who would, on the days they would, through bot.orders itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

Day = Callable[[int], str]  # days from today to an ISO date


@dataclass(frozen=True)
class Step:
    days_ago: float
    actor: str
    fields: dict[str, str] = field(default_factory=dict)


def _order(customer: str, country: str, owner: str, **fields: str) -> dict[str, str]:
    return {"customer": customer, "country": country, "owner": owner, **fields}


IBERIA, HANSE = "Iberia Home Supplies S.L.", "Hanse Haushaltswaren GmbH"
AL_NOOR = "Al Noor Trading LLC"
CASA_VERDE, BROOKLYN = "Casa Verde Importadora Ltda", "Brooklyn Lighting Co."
SYDNEY, MAPLE = "Sydney Outdoor Living Pty Ltd", "Maple Leaf Retail Inc."


def _shipped_1042(d: Day) -> tuple[Step, ...]:
    """The design card's order: from confirmation to the water, on its way to Valencia."""
    return (
        Step(41, "UANA", _order(IBERIA, "ES", "UANA", incoterm="FOB", amount="48000",
                                currency="USD", supplier="Ningbo Bright Lights Co.",
                                pol="Ningbo", pod="Valencia", balance=d(10),
                                note="600 LED floor lamps, model BL-220, white shades")),
        Step(38, "UANA", {"stage": "deposit received", "note": "30% deposit received"}),
        Step(36, "UANA", {"stage": "production"}),
        Step(12, "UANA", {"stage": "qc", "note": "SGS inspection booked"}),
        Step(10, "UCHEN", {"stage": "booked", "vessel": "MSC AURORA 612E", "etd": d(-8),
                           "eta": d(24)}),
        Step(8, "UCHEN", {"stage": "shipped", "containers": "MSCU4837162 MEDU8241901",
                          "bl": "MEDUNB123456"}),
    )  # fmt: skip


def orders(today: date) -> dict[str, tuple[Step, ...]]:
    def d(days: int) -> str:
        return (today + timedelta(days=days)).isoformat()

    return {
        "1031": (
            Step(70, "ULI", _order(CASA_VERDE, "BR", "ULI", incoterm="CFR", amount="28400",
                                   currency="USD", pol="Ningbo", pod="Santos")),
            Step(66, "ULI", {"stage": "production"}),
            Step(58, "UCHEN", {"stage": "shipped", "vessel": "SANTOS EXPRESS 244S",
                               "etd": d(-58), "eta": d(-22), "containers": "HLXU6312055",
                               "bl": "HLCUNGB260811", "balance": d(-15)}),
            Step(22, "UCHEN", {"stage": "arrived"}),
            Step(17, "ULI", {"stage": "delivered", "paid": d(-16)}),
        ),
        "1035": (  # arrived, and the balance fell due five days ago: unpaid
            Step(45, "ULI", _order(AL_NOOR, "AE", "ULI", incoterm="FOB", amount="36800",
                                   currency="USD", pol="Shenzhen Yantian", pod="Jebel Ali")),
            Step(43, "ULI", {"stage": "deposit received"}),
            Step(40, "ULI", {"stage": "production"}),
            Step(31, "UCHEN", {"stage": "booked", "vessel": "OOCL HONG KONG 076W",
                               "etd": d(-30), "eta": d(-6)}),
            Step(30, "UCHEN", {"stage": "shipped", "containers": "OOLU9182731",
                               "bl": "OOLU2735519480", "balance": d(-5)}),
            Step(6, "UCHEN", {"stage": "arrived"}),
        ),
        "1036": (
            Step(20, "ULI", _order(AL_NOOR, "AE", "ULI", incoterm="FOB", amount="9900",
                                   currency="USD")),
            Step(15, "ULI", {"stage": "cancelled", "note": "Customer's budget frozen"}),
        ),
        "1038": (
            Step(50, "UANA", _order(HANSE, "DE", "UANA", incoterm="CIF", amount="62500",
                                    currency="EUR", pol="Shanghai", pod="Hamburg")),
            Step(47, "UANA", {"stage": "deposit received"}),
            Step(45, "UANA", {"stage": "production"}),
            Step(22, "UCHEN", {"stage": "booked", "vessel": "CMA CGM TROCADERO 118W",
                               "etd": d(-20), "eta": d(6)}),
            Step(20, "UCHEN", {"stage": "shipped", "containers": "CMAU5562010 TCNU2811300",
                               "bl": "CMDUSHA8830121", "balance": d(20)}),
        ),
        "1042": _shipped_1042(d),
        "1044": (
            Step(33, "UDAVID", _order(BROOKLYN, "US", "USARAH", incoterm="FOB", amount="54200",
                                      currency="USD", pol="Shanghai", pod="Los Angeles")),
            Step(31, "USARAH", {"stage": "deposit received"}),
            Step(29, "USARAH", {"stage": "production"}),
            Step(4, "USARAH", {"stage": "qc"}),
            Step(2, "UDAVID", {"stage": "booked", "vessel": "COSCO SHIPPING LEO 045E",
                               "etd": d(4), "eta": d(19)}),
        ),
        "1045": (
            Step(25, "ULI", _order(SYDNEY, "AU", "ULI", incoterm="FOB", amount="19750",
                                   currency="USD", pol="Ningbo", pod="Sydney")),
            Step(23, "ULI", {"stage": "deposit received"}),
            Step(21, "ULI", {"stage": "production"}),
            Step(2, "ULI", {"stage": "qc"}),
        ),
        "1047": (  # 34 days in production against an SLA of 30: late
            Step(40, "UDAVID", _order(MAPLE, "CA", "USARAH", incoterm="FOB", amount="41000",
                                      currency="USD", pol="Xiamen", pod="Vancouver")),
            Step(37, "USARAH", {"stage": "deposit received"}),
            Step(34, "USARAH", {"stage": "production"}),
        ),
        "1049": (
            Step(6, "UANA", _order(IBERIA, "ES", "UANA", incoterm="EXW", amount="12300",
                                   currency="EUR")),
            Step(3, "UANA", {"stage": "deposit received"}),
        ),
        "1050": (  # three days confirmed against an SLA of two: late
            Step(3, "UANA", _order(HANSE, "DE", "UANA", incoterm="CIF", amount="27800",
                                   currency="EUR", pol="Shanghai", pod="Hamburg")),
        ),
    }  # fmt: skip


WATCHERS = (("1042", "UCARMEN"), ("1044", "UMIKE"), ("1047", "UWANG"), ("1035", "UZHANG"))
