"""A test on what an AI answered looks for a label the AI was asked to answer with, as a word not negated.

"get the AI to say if it looks injured; if yes, ping the Discord" built an agent told to "say if it looks injured"
and a test looking for 'yes' anywhere in its answer: a model answers "It looks injured …" and the run took the else
side. "have AI decide whether it is urgent; if urgent, post it" asked for 'urgent' or 'no', but a model's "Not
urgent" holds 'urgent' and passed. Read from the plan, not the words: every condition that searches an agent's text
for a label (1) has that agent asked, at the end of its instructions, for exactly one of the labels its tests look
for or a label for the other side ('no' for one label, 'other' for several); an agent whose answer another block
also shows (a report posted) is asked to begin with the label; (2) matches the label as a whole word that no
negation ('not', "isn't", 'no', 'non', 'nicht', 'pas', …) comes right before. Conditions on data read or on a
field's value are not of this shape and stay as they are.

The test is plain JavaScript that JUL25 compiles: the agent's text comes in as a quoted string (JSON.stringify keeps
an object readable, its line breaks as '\\n'), and no '<' stands in it but a reference's own (Sim reads any '<' up to
the next '>' as one).
"""

from __future__ import annotations

import json

from lib.generation import rx as re
from lib.generation.plan import PlanBlock, WorkflowPlan

_SEARCH = re.compile(
    r"String\(JSON\.stringify\(<(?P<id>[\w-]+)\.content>\)\)\.toLowerCase\(\)\.includes\(\"(?P<w>[^\"\\]+)\"\)"
)
# words that, right before a label, say the answer is not it (English, French, German, Spanish, Italian, Dutch…)
_NEGATIONS = "not|no|non|never|nicht|kein|keine|keinesfalls|pas|jamais|nunca|niet|geen|não|nao|ni"
_ADVERBS = "very|really|particularly|that|so|too|quite|sehr|wirklich|très|vraiment|muy|molto|erg"
_LETTER = r"\p{L}\p{N}"
# the instructions a planner's agent ends with that leave the answer free
_FREE_ENDS = (
    r"\s*Answer with the result only, ready to send\.$",
    r"\s*Answer with the result only\.$",
)
_JS_SPECIAL = set(r".*+?^${}()|[]\/")
# a label is a word or words ('urgent', 'allergy question'); an address, a number, a file's ending is data
_WORD_LABEL = re.compile(r"[^\W\d_](?:[^\W\d_]|[\s'’-])*[^\W\d_]")
# an agent that answers data (JSON, a number, a list) keeps its tests on that data as they are
_ANSWERS_DATA = re.compile(r"\bJSON\b|\bnumber only\b|\bas a JSON list\b")
# an agent whose answer another block shows is asked to lead with the label only when it judges, not when it writes
_JUDGES = re.compile(
    r"^You (?:analyse|classify|check|decide|judge|do this with the input: (?:get|have|let|ask)\b)"
)


def _js_pattern(label: str) -> str:
    """`label` as a JavaScript regular-expression source (u flag: escape only what is syntax; the label's words as
    written, so the test still names it: an answer says the label it was asked for)."""
    return "".join("\\" + char if char in _JS_SPECIAL else char for char in " ".join(label.split()))


def label_test(reference: str, label: str) -> str:
    """JavaScript that holds when the text at `reference` (`<agent1.content>`) says `label` as a whole word, not
    after a negation: "Yes, it looks injured" says 'yes', "URGENT: …" says 'urgent', "Not urgent", "it isn't
    urgent", "No" do not."""
    text = f"String(JSON.stringify({reference})).toLowerCase()"
    word = _js_pattern(label.lower())
    before = rf"(^|[^{_LETTER}]|\\[nrt])"
    after = rf"(?![{_LETTER}])"
    said = f"/{before}{word}{after}/u.test({text})"
    if label.lower() in ("no", "non", "nein", "not"):
        return said
    negated = rf"/({before}({_NEGATIONS})|n['’]t)(\s+({_ADVERBS}))?\s+{word}{after}/u.test({text})"
    return f"({said} && !{negated})"


def _readers(plan: WorkflowPlan, agent: PlanBlock) -> bool:
    """Whether a block other than a condition shows the agent's answer (a report posted, a reply sent)."""
    ref = f"<{agent.id}.content"
    return any(
        b is not agent and b.type != "condition" and any(ref in str(v.value) for v in b.values)
        for b in plan.blocks
    )


def _asked(prompt: str, labels: list[str]) -> bool:
    """Whether the prompt's closing instruction names every label (quoted or listed)."""
    tail = re.split(r"\b(?:Answer|answer|Start your answer|Begin your answer)\b", prompt)
    if len(tail) < 2:
        return False
    last = tail[-1].lower()
    return all(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", last) for w in labels)


def answer_labels(plan: WorkflowPlan) -> list[str]:
    """Rewrites each condition's search of an agent's text for a label and asks the agent for the labels; the notes
    say what changed."""
    agents = {b.id: b for b in plan.blocks if b.type == "agent"}
    wanted: dict[str, list[str]] = {}
    for block in plan.blocks:
        if block.type != "condition":
            continue
        for value in block.values:
            if value.id != "conditions" or "JSON.stringify(<" not in str(value.value):
                continue
            try:
                conditions = json.loads(value.value)
            except ValueError:
                continue
            changed = False
            for condition in conditions:
                expression = str(condition.get("value") or "")

                def rewrite(m: re.Match[str]) -> str:
                    agent = agents.get(m.group("id"))
                    if (
                        agent is None
                        or not _WORD_LABEL.fullmatch(m.group("w"))
                        or _ANSWERS_DATA.search(
                            str(next((v.value for v in agent.values if v.id == "systemPrompt"), ""))
                        )
                    ):
                        return m.group(0)
                    wanted.setdefault(m.group("id"), []).append(m.group("w").lower())
                    return label_test(f"<{m.group('id')}.content>", m.group("w"))

                new = _SEARCH.sub(rewrite, expression)
                if new != expression:
                    condition["value"] = new
                    changed = True
            if changed:
                value.value = json.dumps(conditions)
    notes = []
    for agent_id, labels in wanted.items():
        agent = agents[agent_id]
        labels = list(dict.fromkeys(labels))
        prompt = next((v for v in agent.values if v.id == "systemPrompt"), None)
        if prompt is None or not isinstance(prompt.value, str) or _asked(prompt.value, labels):
            continue
        other = "no" if len(labels) == 1 else "other"
        if other in labels:
            other = ""
        said = " or ".join(f"'{w}'" for w in labels + ([other] if other else []))
        text = prompt.value
        for end in _FREE_ENDS:
            text = re.sub(end, "", text)
        text = text.replace(" and report the key findings briefly.", ".").rstrip()
        if text and not text.endswith((".", "!", "?")):
            text += "."
        shown = _readers(plan, agent)
        if shown and not _JUDGES.match(prompt.value):
            continue  # (a reply drafted and sent: its text is not a label's)
        if shown:
            ask = f" Begin your answer with one word, {said}, then give the rest."
        else:
            ask = f" Answer with one word only: {said}."
        prompt.value = text + ask
        notes.append(f"the AI step '{agent.name}' is asked to answer {said}: its test looks for that word")
    return notes
