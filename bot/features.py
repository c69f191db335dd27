"""The features the bot is made of. Each name is a module in bot/ (domain, may define
DUE_PROVIDERS for the scheduler) and, when it talks to Slack, one in handlers/ (with
register(app) and RENDERERS)."""

FEATURES: tuple[str, ...] = ("events", "team", "feedback", "tasks", "orders")
