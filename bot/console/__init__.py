"""The console's side in the core: `tradeops console` and `tradeops demo` (cli), the clock the
console moves (`ShiftedClock`), the people its loopback Slack must know (`people`, a read),
and the demo team (`demo.prepare`). The terminal itself is Slack-side code: handlers/console,
reached through bot.bootstrap.run_console.
"""

from __future__ import annotations

from .clock import ShiftedClock, keep, resumed
from .options import ConsoleOptions
from .people import Person, people

__all__ = ["ConsoleOptions", "Person", "ShiftedClock", "keep", "people", "resumed"]
