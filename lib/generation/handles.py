"""A message to a person's @handle is a direct message in the chat service the description names.

'… read #sales on Slack, summarise them and send the summary to @tom as a DM' names Slack once, for the read; the
message to @tom goes there too, to that person — not to the channel read, and not left out. The handle gets the
service's name written after it ('@tom on Slack') when its clause names no service; a description naming no chat
service, or several, is left as it is. The text is rewritten before anything else reads it."""

from __future__ import annotations

from lib.generation import lexicon as lx
from lib.generation import rx as re

# the chat services a handle is written for (lexicon integration keys) and the name written after it
_CHATS = {"slack": "Slack", "discord": "Discord", "microsoft_teams": "Microsoft Teams"}
_CLAUSE_END = re.compile(r"[,.;:!?\n]|\s(?:and|then)\s")


def handles_named(text: str) -> str:
    """`text` with ' on <service>' after each @handle whose clause names no service, when one chat service is named."""
    chats = {_CHATS[key] for _, key in lx.integrations_in(text) if key in _CHATS}
    if len(chats) != 1 or not lx.HANDLE_RE.search(text):
        return text
    (service,) = chats
    out, at = [], 0
    for handle in lx.HANDLE_RE.finditer(text):
        start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, handle.start())), default=0)
        end = next((m.start() for m in _CLAUSE_END.finditer(text, handle.end())), len(text))
        if lx.integrations_in(text[start:end]):
            continue  # '@tom on Slack', 'ping @ana in Teams': the clause says where
        out.append(text[at : handle.end()] + f" on {service}")
        at = handle.end()
    return "".join(out) + text[at:]
