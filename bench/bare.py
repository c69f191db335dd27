"""The baseline the serving figures are quoted against: a bare Bolt app, served the same way.

Its slash commands only ack; its App Home publishes one fixed block (the least an App Home
can do, so App Home's baseline also pays a views.publish). It runs under `tradeops serve`'s
gunicorn settings (bot.server, with serve's default options), on the same SLACK_API_URL, with
Bolt's same options, and imports no more than that: the difference in the figures is what
tradeops does per request, and at start-up.

    python -m bench.bare --port 3100      # env: SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, ...
"""

from __future__ import annotations

import argparse
import re
from typing import Any

from bot.config import Settings, load_settings
from bot.server import GunicornServer, ServeOptions

HOME = {"type": "home", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Hi"}}]}


def bare_wsgi(settings: Settings) -> Any:
    from slack_bolt import App
    from slack_bolt.adapter.wsgi import SlackRequestHandler
    from slack_sdk import WebClient

    api_url = (settings.slack.api_url or WebClient.BASE_URL).rstrip("/") + "/"
    app = App(
        client=WebClient(token=settings.slack.bot_token, base_url=api_url, timeout=15),
        signing_secret=settings.slack.signing_secret,
        token_verification_enabled=False,
    )
    app.command(re.compile(r"^/"))(_ack)
    app.event("app_home_opened")(_publish_home)
    slack = SlackRequestHandler(app)

    def wsgi(environ: dict[str, Any], start_response: Any) -> Any:
        if environ.get("PATH_INFO") == "/healthz":
            start_response("200 OK", [("Content-Type", "application/json")])
            return [b'{"ok": true}']
        return slack(environ, start_response)

    return wsgi


def _ack(ack: Any) -> None:
    ack()


def _publish_home(event: dict[str, Any], client: Any) -> None:
    client.views_publish(user_id=event["user"], view=HOME)


class BareServer(GunicornServer):
    def load(self) -> Any:
        return bare_wsgi(self.settings)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.bare", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=3100)
    args = parser.parse_args()
    BareServer(load_settings(), ServeOptions(host=args.host, port=args.port)).run()


if __name__ == "__main__":
    main()
