"""Round 39c: the helpers whose meaning changed — a service a reply is drawn from ('based on the 'FAQ' Google Doc')
is read whatever the step writes; a guard on what was fetched ('If there are none, post nothing') stands after the
tests that only narrow the fetch; a reply drafted to the mail that started the run, kept unsent, is left as a draft
in that mailbox; people reading the drafts set no step and no time; a forum title 'X → Y?' asks for no step;
'replies' looked for are no reply to send; 'check T for records where … and sms …' tests the records before the
message; a routine that puts each kind in its place ('e-bikes I put in …, everything else in 'Main Bay', and
either way I text …') is a test with both writes and the text after it."""

from __future__ import annotations

from lib.generation import lexicon as lx
from lib.generation import planner, steps
from lib.generation.triggers import read_trigger


def test_a_reply_drawn_from_a_named_document_reads_it():
    assert steps._grounded_on("send a reply in telegram based on the 'faq' google doc", ["google doc"])
    assert steps._grounded_on("answer in slack using the 'help center' notion page", ["notion"])
    assert steps._grounded_on(
        "reply to the patient based on the document 'perguntas' of the google docs", ["google docs"]
    )
    # ('using Gmail': the account a mail goes out from, not what it draws on)
    assert not steps._grounded_on("send an email using gmail to bob@x.com", ["gmail"])
    assert not steps._grounded_on("post it with slack", ["slack"])


def test_a_guard_after_a_narrowing_test_wraps_the_post():
    text = (
        "AC:\n- Every weekday at 07:45\n- Query Jira project MAINT for open issues created more than 7 days ago\n"
        "- Post the list to the Microsoft Teams channel 'Building Ops'\n- If there are none, post nothing"
    )
    plan = planner.plan(text)
    kinds = {b.id: b.type for b in plan.blocks}
    into_teams = [e.source for e in plan.edges if kinds.get(e.target) == "microsoft_teams"]
    assert [kinds[s] for s in into_teams] == ["condition"]


def test_a_reply_kept_unsent_is_left_as_a_draft_in_the_mailbox():
    draft = steps.Step("process", "agent", label="Draft", text="draft a reply using the FAQ")
    said = "On each new email, the AI drafts a reply — NOT sent — using the FAQ."
    out = steps.drafts_left([draft], said, "gmail")
    assert [s.type for s in out] == ["agent", "gmail"] and out[-1].values["operation"] == "draft_gmail"
    # (nothing said of keeping it unsent: the draft stays the agent's answer)
    assert steps.drafts_left([draft], "On each new email, the AI drafts a reply.", "gmail") == [draft]
    assert steps.drafts_left([draft], said, None) == [draft]


def test_people_reading_the_drafts_set_no_time_and_no_step():
    said = "every new gmail to sales@x.io → the AI writes a draft answer, I'll go through the drafts each morning"
    assert read_trigger(said).kind == "webhook"
    assert (
        "Staff review"
        not in steps.read_steps("draft a reply. Staff review the drafts before anything goes out", "x")[
            -1
        ].text
    )


def test_a_forum_title_asked_as_a_question_names_the_flow():
    said = lx.named_flows(
        "[Sim Community] Shopify order → Notion? Title says it. When an order is created in our Shopify store, add "
        "a page to the Notion database 'Orders'."
    )
    assert "→" not in said and said.lstrip().startswith("[Sim Community]")
    assert "Notion?" not in said
    # (a one-line question with nothing after it is left as it is)
    assert (
        lx.named_flows("Shopify order → Notion? Is that possible?")
        == "Shopify order → Notion? Is that possible?"
    )


def test_replies_looked_for_are_no_reply_to_send():
    low = "check the outlook inbox for replies from the caterer"
    assert steps._told_reply(low, low.index("replies"))
    low = "reply to the customer"
    assert not steps._told_reply(low, low.index("reply"))


def test_items_checked_for_then_a_message_test_the_items():
    said = lx.checked_tests(
        "every 15 min check the 'Kennel Alerts' airtable for records where status is urgent and sms dr okafor"
    )
    assert "for records, and if any record's status is urgent, sms dr okafor" in said
    said = lx.checked_tests("check the 'Stock' sheet for items that are below 5 and email me")
    assert "and if any of them are below 5, email me" in said


def test_a_routine_that_puts_each_kind_in_its_place_is_a_test():
    said = lx.routes_as_tests(
        "I check the bike_type field: e-bikes I put in the Google Calendar 'E-bike Bay', everything else in 'Main "
        "Bay', and either way I text the customer their slot."
    )
    assert "If it is e-bike, add it to the Google Calendar 'E-bike Bay'" in said
    assert "otherwise add it to the Google Calendar 'Main Bay'. Either way, text the customer" in said
    # (no route in the sentence: left as it is)
    same = "I check the bike_type field and put it in the 'Bikes' sheet, and either way I text the customer."
    assert lx.routes_as_tests(same) == same


def test_items_a_search_sends_on_are_no_test():
    # ('post each sender …', 'send a summary of them': the search's results are what is sent)
    said = "every 30 minutes search Gmail for new emails whose subject has 'refund' and post each sender in #refunds"
    assert lx.checked_tests(said) == said


def test_rows_added_today_to_a_place_read_are_read_there():
    assert steps._added_when_read("read the rows added today to the 'n' google sheet", ["google sheet"])
    assert not steps._added_when_read(
        "post a recap of the airtable 'orders' records added today to #ops on slack", ["slack"]
    )
