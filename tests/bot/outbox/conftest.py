"""Outbox tests drive the dispatcher themselves."""

from __future__ import annotations

import pytest


@pytest.fixture
def core(core):
    """The shared core, but nothing drains until a test says so."""
    core.wake_dispatcher = lambda: None
    return core
