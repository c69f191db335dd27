"""What tasks and feedback items share: a comment as readers see it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class CommentView:
    author_id: str | None
    text: str
    created_at: datetime
