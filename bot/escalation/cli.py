"""`tradeops escalations list [--all]`: the open chains (or every chain) for operators."""

from __future__ import annotations

import argparse
from typing import Any

from ..config import Settings
from .views import ChainView


def add_cli(commands: Any) -> None:
    group = commands.add_parser("escalations", help="what is late and who has been told")
    subcommands = group.add_subparsers(dest="subcommand", required=True)
    listing = subcommands.add_parser("list", help="open escalation chains, longest late first")
    listing.add_argument("--all", action="store_true", help="ended chains too")
    listing.set_defaults(action=list_chains)


def list_chains(args: argparse.Namespace, settings: Settings) -> int:
    """Print one line per chain: id, kind, state, level reached, late since, owner, title."""
    from ..bootstrap import build_offline_core
    from .queries import for_operators

    chains = for_operators(build_offline_core(settings), include_ended=args.all)
    for chain in chains:
        print(_line(chain))
    if not chains:
        print("no open escalations" if not args.all else "no escalations")
    return 0


def _line(chain: ChainView) -> str:
    hours = int(chain.age.total_seconds() // 3600)
    who = chain.acknowledged_by or chain.ended_by or ""
    return (
        f"{chain.id:>5} {chain.kind:<8} {chain.state:<12} level {chain.level} "
        f"late since {chain.late_since:%Y-%m-%d %H:%M}Z ({hours}h) "
        f"owner {chain.owner_id or '-':<10} {who:<10} {chain.title}"
    )
