"""What every benchmark section is handed: the scale and its seeded databases, made once."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import make_url

from bench.scale import Scale, SeededDatabase, drop_database, seeded_database
from storage import db


class Context:
    def __init__(self, base_url: str | None, folder: Path, quick: bool = False) -> None:
        self.base_url = base_url
        self.folder = folder
        self.quick = quick
        self.scale = Scale.tenth() if quick else Scale.full()
        self._seeded: dict[Scale, SeededDatabase] = {}
        self._extra: list[SeededDatabase] = []

    @property
    def dialect(self) -> str:
        url = self.base_url or "sqlite://"
        return make_url(db.normalize_url(url)).get_backend_name()

    def database(self, scale: Scale | None = None) -> SeededDatabase:
        """The database holding `scale` (default: the table's scale), seeded on first use.

        Sections may read it and add to it (a tick enqueues into the outbox); one that
        must start from the seeded state makes its own with `fresh(...)`.
        """
        scale = scale or self.scale
        if scale not in self._seeded:
            name = self.database_name(str(scale.members))
            self._seeded[scale] = seeded_database(self.base_url, scale, self.folder, name)
        return self._seeded[scale]

    def fresh(self, scale: Scale, name: str) -> SeededDatabase:
        """A database of its own holding `scale`, dropped at close."""
        seeded = seeded_database(self.base_url, scale, self.folder, self.database_name(name))
        self._extra.append(seeded)
        return seeded

    def database_name(self, what: str) -> str:
        # This run's own: two runs against one server must not drop each other's databases.
        return f"tradeops_bench_{what}_{os.getpid()}"

    def close(self) -> None:
        for seeded in [*self._seeded.values(), *self._extra]:
            drop_database(seeded.url)
