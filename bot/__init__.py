"""The application core: config, domain services, scheduler, CLI and the composition root.

Nothing here imports slack_bolt or slack_sdk (docs/architecture.md) except the
composition root, `bot.bootstrap`, which wires the Slack side in.
"""
