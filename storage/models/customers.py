"""Customers, shared by orders and feedback."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # casefold()ed name: customers match case-insensitively on every database.
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    owner_id: Mapped[str | None] = mapped_column(
        ForeignKey("members.slack_id", ondelete="SET NULL"), index=True
    )
    country: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
