"""Scheduler processes running side by side: each core beats on a thread of its own."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def beat_together(replicas: list[Any], beat: Callable[[Any], object]) -> list[BaseException]:
    """Run `beat(core)` for every core at once; dispose their engines; the errors raised."""
    errors: list[BaseException] = []

    def run(core: Any) -> None:
        try:
            beat(core)
        except BaseException as error:  # collected: the caller's assertion names it
            errors.append(error)

    threads = [threading.Thread(target=run, args=(core,)) for core in replicas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for core in replicas:
        core.engine.dispose()
    return errors
