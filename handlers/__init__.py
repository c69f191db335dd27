"""The Slack side: one module per feature (each with register(app) and RENDERERS), plus the
Bolt app, the Slack notifier and the WSGI front. Talks to the database only through bot/."""
