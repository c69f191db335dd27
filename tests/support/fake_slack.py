"""The loopback Slack the tests talk to: the product's own (handlers/console/loopback.py),
the one `tradeops console` runs, under the name the tests have always used."""

from __future__ import annotations

from handlers.console.loopback import Call, Upload
from handlers.console.loopback import LoopbackSlack as FakeSlack

__all__ = ["Call", "FakeSlack", "Upload"]
