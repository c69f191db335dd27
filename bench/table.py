"""The one table `python -m bench` prints: each figure beside its baseline from the same run."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """One measured figure. `baseline` is None where the row is a budget, not a comparison."""

    what: str  # "/order status p99"
    value: float
    unit: str  # "ms", "req/s", "s", "MB", "rows/s", "msg/s", "" (a count)
    baseline: float | None = None
    baseline_label: str = ""  # "bare Bolt app", "tick at 1/10 scale"
    target: str = ""  # "≤ 1.5×", "< 1 s": what the figure must meet
    met: bool | None = None  # None: for information only

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline  # type: ignore[operator]


def render(rows: Iterable[Row], title: str) -> str:
    rows = list(rows)
    header = ("figure", "value", "baseline", "ratio", "target", "")
    lines = [header] + [_cells(row) for row in rows]
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    rule = "  ".join("-" * width for width in widths)
    body = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
            for line in lines]  # fmt: skip
    return "\n".join([title, body[0], rule, *body[1:]])


def _cells(row: Row) -> tuple[str, ...]:
    baseline = ""
    if row.baseline is not None:
        baseline = f"{_number(row.baseline, row.unit)} ({row.baseline_label})"
    ratio = f"{row.ratio:.2f}×" if row.ratio is not None else ""
    verdict = {True: "ok", False: "MISSED", None: ""}[row.met]
    return (row.what, _number(row.value, row.unit), baseline, ratio, row.target, verdict)


def _number(value: float, unit: str) -> str:
    shown = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"
    return f"{shown} {unit}".strip()
