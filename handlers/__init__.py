"""The Slack side: one package per feature (each with register(app) and NOTICES), plus the
Bolt app, the Slack notifier and the WSGI front. Talks to the database only through bot/."""
