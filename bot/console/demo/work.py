"""The demo's tasks (some overdue, one done) and customer feedback (every severity, open, in
progress and resolved), as the people who would write them write them."""

from __future__ import annotations

from dataclasses import dataclass

from .trade import AL_NOOR, BROOKLYN, CASA_VERDE, HANSE, IBERIA


@dataclass(frozen=True)
class DemoTask:
    creator: str
    assignee: str
    title: str
    days_ago: float  # when it was created
    due_in: int  # days from today; it falls due at 18:00 in the assignee's zone
    priority: str = "normal"
    done_days_ago: float | None = None


TASKS = (
    DemoTask("UWANG", "ULI", "跟进 Al Noor 尾款（订单 1035）", 6, -1, "high"),
    DemoTask("UCARMEN", "ULUIS", "Call Hanse about the crushed cartons", 3, -1, "high"),
    DemoTask("UMIKE", "USARAH", "寄送 Maple Leaf 的灯罩样品", 5, -2),
    DemoTask("UANA", "UANA", "Send the revised PI for order 1049 to Iberia Home", 1, 1),
    DemoTask("UWANG", "UCHEN", "为 1045 订舱（宁波 → 悉尼）", 2, 3),
    DemoTask("UMIKE", "UDAVID", "Line up a customs broker in Los Angeles for 1044", 2, 5),
    DemoTask("UZHOU", "UZHANG", "Reconcile the deposit for order 1049", 2, 0, "high"),
    DemoTask("ULI", "ULI", "整理 1045 的验货报告", 2, 1),
    DemoTask("UZHOU", "UMIKE", "Q1 price review with Brooklyn Lighting", 1, 7, "low"),
    DemoTask("UCARMEN", "UANA", "Prepare the Valencia showroom for the spring fair", 10, -3,
             done_days_ago=4),
)  # fmt: skip


@dataclass(frozen=True)
class DemoFeedback:
    reporter: str
    assignee: str
    customer: str
    order: str | None
    severity: str
    category: str
    text: str
    days_ago: float
    started_days_ago: float | None = None  # the assignee took it on (a first response)
    resolved: tuple[float, str] | None = None  # days ago, and how


FEEDBACK = (
    DemoFeedback("ULUIS", "ULI", CASA_VERDE, "1031", "critical", "wrong_goods",
                 "200 of the 600 lamps came with 110 V drivers instead of 220 V; "
                 "the customer cannot sell them.", 0.1),
    DemoFeedback("ULI", "UZHANG", AL_NOOR, "1035", "high", "documents",
                 "The commercial invoice shows HS code 9405.40; customs at Jebel Ali want "
                 "9405.11 and are holding the container.", 1.5, started_days_ago=1.2),
    DemoFeedback("ULUIS", "ULUIS", HANSE, "1038", "high", "packaging",
                 "12 cartons crushed in the forwarder's warehouse: the cartons fail the drop "
                 "test.", 0.5),
    DemoFeedback("UANA", "UANA", IBERIA, "1042", "normal", "quality",
                 "Pre-shipment photos: the lamp shades look darker than the approved sample.",
                 9, started_days_ago=8),
    DemoFeedback("USARAH", "USARAH", BROOKLYN, None, "low", "other",
                 "Asks for bilingual (EN/ES) labels on future orders.", 4,
                 resolved=(2, "Added to the packing spec of 1044 and later orders.")),
    DemoFeedback("ULUIS", "ULUIS", HANSE, None, "normal", "communication",
                 "Waited four days for an answer to the re-order quotation.", 12,
                 started_days_ago=11, resolved=(10, "Quotation sent; Luis covers Hanse now.")),
)  # fmt: skip
