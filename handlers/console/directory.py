"""The members of the console's workspace: who `:as @li` means, how a mention shows, and how
`@li` in a command becomes the `<@ULI|li>` Slack would send (its commands escape users)."""

from __future__ import annotations

import re

from bot.console import Person

MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")
TYPED_MENTION = re.compile(r"(?<![\w<@])@([\w.-]+)")


class Directory:
    def __init__(self, people: list[Person]) -> None:
        self.people = {person.slack_id: person for person in people}

    def refresh(self, people: list[Person]) -> None:
        """What the bot knows now (a role, a language changed); newcomers it has not met
        yet stay as they joined."""
        self.people.update({person.slack_id: person for person in people})

    def active(self) -> list[Person]:
        return [p for p in self.people.values() if p.active and not p.is_bot]

    def get(self, slack_id: str) -> Person | None:
        return self.people.get(slack_id)

    def name(self, slack_id: str) -> str:
        person = self.people.get(slack_id)
        return person.name if person else slack_id

    def handles(self) -> list[str]:
        return [f"@{person.handle}" for person in self.active()]

    def find(self, token: str) -> Person | None:
        """A member by mention, id, Slack name, full name or (when only one has it) first name."""
        text = token.strip()
        mentioned = MENTION.match(text)
        wanted = (mentioned.group(1) if mentioned else text.lstrip("@")).casefold()
        if not wanted:
            return None
        for person in self.active():
            if wanted in (person.slack_id.casefold(), person.handle.casefold(),
                          person.name.casefold()):  # fmt: skip
                return person
        first = [p for p in self.active() if p.name.split()[0].casefold() == wanted]
        return first[0] if len(first) == 1 else None

    def escape(self, text: str) -> str:
        """`@li` as Slack escapes it in a command's text: `<@ULI|li>` (others stay text)."""

        def escaped(found: re.Match[str]) -> str:
            person = self.find(found.group(1))
            return f"<@{person.slack_id}|{person.handle}>" if person else found.group(0)

        return TYPED_MENTION.sub(escaped, text)
