"""The kinds a judgement names, then where each kind goes (round 38d): "have the AI figure out if it's a bug, a
feature request or a question, and then — bugs go …" (lexicon.json 'kinds_then' reads the 'and then' and its dash
as the colon that opens the routes), "and forward each one — plumbing to a@…, electrical to b@…" (the act said once,
then its routes: `_act_before_routes`), "read the emails …, let AI decide which trade each one is, and forward each
one: …" (the routing, judgement included, repeats per mail read: `_route_each`); the things wanted with their acts
after them ("I'd like those pages scraped, the prices compared …": `wanted_done`); a call's own method and path
("through the Discourse API (POST /posts.json)") kept, and not read as a list of options."""

from __future__ import annotations

from lib.generation import lexicon as lx
from lib.generation import planner
from lib.generation.steps import _act_before_routes, _email_as_noun, wanted_done


def test_and_then_with_a_dash_after_the_kinds_opens_their_routes():
    said = (
        "have the AI figure out if it's a bug, a feature request or a question, and then — bugs go into Jira"
    )
    assert lx.kinds_then_routes(said).endswith("or a question: bugs go into Jira")
    said = "and forward each one — plumbing to a@x.com, electrical to b@x.com"
    assert lx.kinds_then_routes(said) == "and forward each one: plumbing to a@x.com, electrical to b@x.com"
    # a plain sequence is no list of routes
    said = "check if it's urgent or not, and then post it in #ops"
    assert lx.kinds_then_routes(said) == said


def test_an_act_said_before_its_routes_leaves_the_routes():
    parts = ["forward it: landscaping to crew@x.com and snow removal to plow@x.com."]
    assert _act_before_routes(parts) == ["landscaping to crew@x.com", "snow removal to plow@x.com."]
    assert _act_before_routes(["Note: send it to a@x.com"]) == ["Note: send it to a@x.com"]


def test_things_wanted_with_their_acts_after_them_are_read_act_first():
    said = (
        "I'd like those four pages scraped, the prices compared with last week's, and if they rose email me."
    )
    assert wanted_done(said).startswith(
        "I'd like to scrape those four pages, compare the prices with last week's"
    )
    assert wanted_done("I want the leads in HubSpot.") == "I want the leads in HubSpot."


def test_the_emails_read_are_mail_not_a_field():
    assert not _email_as_noun("read the emails from the last day")
    assert _email_as_noun("create a contact with the email")


def test_a_call_keeps_the_method_and_path_the_user_gave():
    plan = planner.plan(
        "When our forum's webhook fires, have an AI draft an answer and post it back through the Flarum API "
        "(POST /api/posts)."
    )
    api = next(b for b in plan.blocks if b.type == "api")
    assert str(plan.value(api.id, "url")).endswith("/api/posts")
    assert plan.value(api.id, "method") == "POST"
    assert not any(b.type == "router" for b in plan.blocks)
