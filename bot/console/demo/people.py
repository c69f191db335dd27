"""The demo team: an exporter with its head office in Shanghai and sales offices in Madrid
and New York. Chinese and English speakers in each place; everyone reports up to Zhou Lan."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Colleague:
    slack_id: str
    handle: str
    name: str
    role: str
    manager: str | None
    tz: str
    locale: str
    country: str  # whose public holidays they keep


SHANGHAI, MADRID, NEW_YORK = "Asia/Shanghai", "Europe/Madrid", "America/New_York"

TEAM = (
    Colleague("UZHOU", "zhou", "Zhou Lan", "manager", None, SHANGHAI, "zh-CN", "CN"),
    Colleague("UWANG", "wang", "Wang Fang", "manager", "UZHOU", SHANGHAI, "zh-CN", "CN"),
    Colleague("ULI", "li", "Li Wei", "sales", "UWANG", SHANGHAI, "zh-CN", "CN"),
    Colleague("UCHEN", "chen", "Chen Jing", "logistics", "UWANG", SHANGHAI, "zh-CN", "CN"),
    Colleague("UZHANG", "zhang", "Zhang Min", "finance", "UZHOU", SHANGHAI, "en-US", "CN"),
    Colleague("UCARMEN", "carmen", "Carmen Ruiz", "manager", "UZHOU", MADRID, "es-ES", "ES"),
    Colleague("UANA", "ana", "Ana García", "sales", "UCARMEN", MADRID, "es-ES", "ES"),
    Colleague("ULUIS", "luis", "Luis Moreno", "customer_service", "UCARMEN", MADRID, "es-ES", "ES"),
    Colleague("UMIKE", "mike", "Mike Johnson", "manager", "UZHOU", NEW_YORK, "en-US", "US"),
    Colleague("USARAH", "sarah", "Sarah Lin", "market_dev", "UMIKE", NEW_YORK, "zh-CN", "US"),
    Colleague("UDAVID", "david", "David Brown", "logistics", "UMIKE", NEW_YORK, "en-US", "US"),
)
