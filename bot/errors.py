"""Domain errors: raised by services, turned into a friendly message at the Slack edge."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A problem the user can fix. `key` names a translated message, `params` fill it."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class NotFound(DomainError):
    pass


class PermissionDenied(DomainError):
    pass


class InvalidInput(DomainError):
    pass
