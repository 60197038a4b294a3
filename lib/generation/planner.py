"""The offline planner: a description becomes a `WorkflowPlan`, deterministically, with no model call.

It is the default without a key and the fallback when Claude's answer cannot be made valid.
`triggers` reads the trigger, `steps` the sources/processing/actions/branches/loops; this module
lays the steps out as blocks and edges, wiring each block's input to the previous block's output
(`<agent1.content>`), and building condition expressions from stated thresholds.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from lib.errors import CannotPlan
from lib.generation import forms, mail, services, titles
from lib.generation import lexicon as lx
from lib.generation import rx as re
from lib.generation.answer_labels import answer_labels
from lib.generation.brought import brought_fields, said_fields, with_fields
from lib.generation.chat_users import look_up_chat_users, payload_read
from lib.generation.corrections import corrected, places_corrected
from lib.generation.else_repeats import repeat_on_else
from lib.generation.empty_lists import guard_empty_lists
from lib.generation.event_records import fetch_event_records
from lib.generation.handles import handles_named
from lib.generation.item_addresses import (
    find_item_addresses,
    find_keyed_addresses,
    find_record_addresses,
    find_text_addresses,
    pass_over_addressless,
)
from lib.generation.item_keys import key_updated_items
from lib.generation.lexicon import lexicon
from lib.generation.loop_results import tally_loop_results
from lib.generation.matching import matched_places
from lib.generation.message_numbers import text_number
from lib.generation.places import (
    defined_terms,
    kept_in_told,
    labelled_places,
    mailbox_again,
    named_again,
    used_for,
)
from lib.generation.plan import PlanBlock, PlanEdge, PlanValue, WorkflowPlan
from lib.generation.readable_data import readable_data
from lib.generation.row_columns import said_cells
from lib.generation.row_writes import place_row_writes
from lib.generation.rule_tables import rules_read
from lib.generation.services import MAIN_OUTPUTS
from lib.generation.shaping import shape_json_values
from lib.generation.sheet_rows import keep_keyed_rows, name_rows, rows_kept
from lib.generation.steps import (
    ACTION_START,
    COMPARED_WITH,
    FIELD_ADDRESSED,
    HELD_IN,
    PER_EACH,
    PRESENT_TEST,
    READ_VERBS,
    Step,
    as_vision,
    clauses,
    deletes_not_built,
    drafts_left,
    implied_else,
    read_clause,
    read_steps,
    replaced,
    reported,
    said_unquoted,
    sentences,
    shared_links,
    to_its_person,
    wanted_done,
)
from lib.generation.translations import (
    UNREAD_SHARE,
    as_background,
    name_spans,
    phrase_languages,
    read_share,
    routed_labels,
    to_english,
    told_content,
    told_spans,
    unread_clauses,
    unread_steps,
    unread_words,
)
from lib.generation.triggers import (
    call_spans,
    called_by_api,
    channel_service,
    clock_words,
    event_test,
    find_time,
    find_timezone,
    given_when_then,
    item_provider,
    polled_reads,
    quotes_an_ask,
    read_trigger,
    trigger_fields,
    user_story,
    writer_zone,
)
from lib.generation.value_corrections import corrected_values
from lib.generation.vectors import embed_points, embed_queries
from lib.generation.windows import Window, bounds_code, window_of

EXAMPLES = (
    "Every weekday at 8:00 Europe/Berlin fetch the trending coins from CoinGecko, summarise them with GPT-4o "
    "and post the summary to #crypto on Slack; if BTC moved more than 5% also email me.",
    "When a new pull request is opened on GitHub, review the changes with Claude and post the review to #eng on Slack.",
    "For each new lead in the Leads table on Airtable, draft a personalised intro email and save it as a Gmail draft.",
)
_CORE_TYPES = ("starter", "agent", "api", "condition", "router", "function", "response", "loop")
_PROCESS_TYPES = ("image_generator", "elevenlabs", "vision", "translate", "openai", "huggingface", "thinking")


@dataclass
class Draft:
    """A plan and what the planner can say about it: the words each block came from, what it did
    not use, and the assumptions it made (the coverage report's planner half)."""

    plan: WorkflowPlan
    words: dict[str, str] = field(default_factory=dict)  # plan block id → words of the description
    unused: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    needs: list[tuple[str, str, str]] = field(default_factory=list)  # (plan block id, field, what to fill in)

    def coverage(self, composed: Any) -> Any:
        """The coverage report of this plan composed into `composed` (compose.Composed)."""
        from lib.generation.coverage import report

        return report(
            composed.state,
            words=self.words,
            local_ids=composed.local_ids,
            unused=self.unused,
            assumptions=self.assumptions,
            needs=self.needs,
        )


def plan(description: str) -> WorkflowPlan:
    """The workflow for `description` (already cleaned by `text.clean_description`); raises
    `CannotPlan` when the planner cannot make a workflow of it."""
    return draft(description).plan


def draft(description: str, home: tuple[str, str] | None = None) -> Draft:
    """The plan for `description` with its coverage notes (`home`: the zone of a schedule that says none, read from
    the text as it was written, before a translation)."""
    # the country of the text's addresses and numbers, the thread's senders too, else of the language it is written in:
    # the zone of a schedule that says none
    home_zone = home or writer_zone(description, language_of(description))
    as_written = description  # as written, asides and all ('(their email is in the issue body)')
    description = lx.short_forms_before_names(description)  # "(they're in the table 'Students')": said out
    description = lx.quoted_apostrophes(description)  # "'This Week's Catch'": one quoted name
    description = lx.owned_services(description)  # "the smokehouse's Slack": our Slack
    description = lx.bare_same(description)  # '- Same summary emailed to …': the same summary
    description = lx.within_of_next(description)  # 'within 5 hours of its next inspection': what is left
    description = lx.subset_also(description)  # '- gas or water leaks also → SMS …': a test of the item
    description = lx.comparison_signs(description)  # 'Amount ≥ £1,200': the test '>=' every reader knows
    description = lx.message_at(description)  # 'send an email at the manager, …': to the manager
    description = lx.messages_named(description)  # 'And a welcome email, to them, with …': send it to them
    description = lx.sent_straight(description)  # 'a text straight to Jan': a text to Jan
    # a forwarded thread: its messages oldest first, without headers, quote marks and signatures (mail.py)
    # (a letter to people: refused below, once a one-off task or physical work is not the better answer)
    letter = lx.letter_to_readers(description)
    named = mail.subject_line(description)  # ('Subject: Fwd: overdue invoices': the workflow's name)
    description = mail.read_mail(description) or description
    # 'Posted in #show-and-tell on the Sim community Discord: "…"': where the request was posted, no step
    description = lx.posted_lead(description)
    description = lx.ban_reasons(
        description
    )  # '… never on X — we do that by hand.': the reason, its own sentence
    # '… log every reading to Supabase — every time, even when you text me': a scope said by pointing at a step
    description = lx.pointed_scopes(description)
    # 'Kilbrannan Curling Club Discord: every message in #ask-the-club …': the heading says whose channel it is
    description = lx.headed_channel(description)
    # '## Data\nSupabase table `cylinders` — columns: …': the place the data comes from, read
    description = lx.labelled_sources(description)
    foreign = language_of(description)
    english = to_english(description, foreign) if foreign else None
    # what is only told (the background before an explicit ask, the signature) may stay unread: the asked part may not
    # and a name (a business, a person, a town) need not be read: the request around it must
    # and the values a list routes to channels ('kleding in #textiel') are the data's, not steps
    request = (
        _blanked(english, told_spans(english) + name_spans(english, foreign or "") + routed_labels(english))
        if english
        else None
    )
    unread = unread_words(request) if request else []
    # a clause mostly left unread: its step would be a guess
    garbled = unread_clauses(request) if request else []
    if (
        foreign
        and english
        and request
        and language_of(request) is None
        and read_share(request) >= 1 - UNREAD_SHARE
        and not garbled
    ):
        try:  # read through the phrase table; what it cannot read is refused as before
            result: Draft | None = draft(as_background(english), home=home_zone)
        except CannotPlan:
            result = None
        if (
            result is not None
        ):  # a clause that made no block and holds words left untranslated: not understood
            # (a word of a noun's complement, 'the URL of a proveedor of lanas', names which thing: no step unread)
            # (the background moved after the request, 'Background: subject : notify stock amandes and miel', is
            # told, not asked: its words may stay unread, as they may in the request's reading)
            missed = [
                w
                for clause in result.unused
                if not clause.startswith("Background:") and not told_content(clause, english)
                for w in unread_steps(clause)
                if w in unread
            ]
            if len(missed) >= _UNREAD_IN_UNUSED:
                unread, result = missed, None
        if result is not None:
            result.assumptions.insert(0, f"read as {foreign} through the planner's phrase table: '{english}'")
            return result
    if foreign:
        unread = garbled or unread
        raise _cannot(
            f"this description looks {foreign}; the offline planner reads English, and {phrase_languages()} "
            f"through its phrase table, which {_unread_note(unread) if english else 'has no ' + foreign}, "
            "so it cannot turn it into a workflow without guessing. Write it in English (or configure "
            "ANTHROPIC_API_KEY so Claude plans it).",
            reason="language",
            language=foreign,
            **({"unread": list(dict.fromkeys(unread))} if unread else {}),
        )
    # 'When should it run? weekdays 9:15 (Toronto)', 'Frequency: hourly': the field saying when the run starts is its
    # trigger line ('Trigger: …'); one that says nothing ('When should it run? -') is no trigger
    description = trigger_fields(description)
    # "Don't post anything to X, not even a reply" → "Don't post anything to X"
    description = lx.ban_widenings(description)
    # '| above 12% | SMS the kiln manager … |\n| otherwise | post … |': a rules table is the tests it stands for
    description = rules_read(description)
    # 'Tools involved: …', 'Who should be notified? …', 'Anything it must NOT do? …': a form's fields, each read by
    # what it holds (a title, the trigger, the steps, tools told of, recipients, bans, a priority: forms.py)
    own = forms.own_address(description)
    if own is None:  # '… emails them to me? my email is dana@x.co': who 'me' is, no e-mail of its own
        description, own = forms.own_address_said(description)
    # the minutes of a meeting: only what it decided is asked (forms.read_minutes); else a form's fields
    minutes = forms.read_minutes(description)
    description = minutes if minutes is not None else forms.read_form(description)
    # '- Want the lead created as a HubSpot contact …' in notes → '- We want …': the build asked for
    description = lx.noted_wants(description) if lx.minutes(description) else description
    noted = (
        description  # (what the notes decided is read in their words, before wishes are rewritten as steps)
    )
    # 'label it as bug, feature or question and post it to the matching channel: #bugs, #features or #questions'
    description = matched_places(description)
    description = handles_named(
        description
    )  # '… on Slack, … send the summary to @tom as a DM': to @tom on Slack
    description = lx.declined_questions(
        description
    )  # 'Q: SMS as well? A: no, WhatsApp only' → 'WhatsApp only'
    description = lx.spoken_fillers(
        description
    )  # 'called, uh, 'Rotate API keys'' → 'called 'Rotate API keys''
    description = lx.said_hashtags(
        description
    )  # 'post it in Slack, hashtag barrel-alerts' → '… Slack, #barrel-alerts'
    description = lx.named_after(
        description
    )  # "the Excel workbook, the 'Carpet Jobs' one" → "… workbook 'Carpet Jobs'"
    # 'text Gary on plus one, five-one-two, five-five-five, zero-one-nine-eight' → 'text Gary on +1 512 555 0198'
    description = lx.spoken_phone_numbers(description)
    # '- AI judges whether each review is negative\n- Negative ones → Slack #x': each item's verdict tested
    description = lx.judged_each(description)
    description = lx.verdict_tests(description)  # 'If the AI thinks it's spam' → "If it's spam"
    description = lx.kinds_then_routes(description)  # "… if it's a bug or a question, and then — bugs go …"
    # "open the 'Log' sheet, add a row …" → "add a row to the 'Log' sheet …"
    description = lx.opened_places(description)
    description = lx.opened_items(description)  # "I open our Etsy orders" → "I check our Etsy orders"
    description = lx.bare_each(description)  # 'Insert each into the table' → 'Insert each one into the table'
    # "then check the 'Emailed' box" → "then tick the 'Emailed' box"
    description = lx.boxes_ticked(description)
    description = lx.only_if_words(description)  # '… as long as they ticked …' → '… only if they ticked …'
    description = lx.idle_otherwise(description)  # '…, otherwise don't post anything.': no step on that side
    # '… Every sighting goes in Airtable, only the rare ones go to Slack.': a recap of the test, no steps
    description = lx.split_recaps(description)
    description = lx.checked_places(description)  # 'their Gmail inbox checked' → 'check their Gmail inbox'
    description = lx.spelled_out(description)  # 'the Grades gsheet', 'gh acme/sdk' → 'Google Sheet', 'GitHub'
    description = lx.sent_to_bare(description)  # 'SMS to customer w/ confirmation': to the customer
    description = lx.own_records(
        description
    )  # '… get its own Linear issue' → '… create its own Linear issue'
    # 'Firecrawl the company's homepage' → 'scrape with Firecrawl the company's homepage'
    description = lx.tool_verbs(description)
    # '- Should remember returning visitors (Mem0)' → '… with Mem0': the tool in brackets the step is done with
    description = lx.bracketed_tools(description)
    # 'draft the apologies as internal notes on the Zendesk tickets' → '… and add them as internal notes on …'
    description = lx.drafted_as_notes(description)
    # 'scrape the pages below and …\n- https://a\n- https://b' → 'scrape the pages https://a and https://b and …'
    description = lx.listed_links(description)
    description = lx.relative_to_steps(description)  # 'a bot that answers …' → 'a bot: answer …'
    # 'I want each new payment posted to #wins': the act said first, its items the event's
    description = wanted_done(description)
    # "over $5,000 — make that $7,500", "… No wait, make that 45 days.": the number that stands
    description = lx.restated_numbers(description)
    # 'at 8 — no, make it 8:30 —', 'in #sales. Actually no, #revenue-ops.': a corrected value replaces the one it corrects
    description = corrected_values(clock_words(description))
    # '… in the Outlook calendar — no, they're in Google Calendar, 'Clinic Diary' — and …': where the data really is
    description = places_corrected(description)
    description = lx.without_retractions(description)  # "When a Stripe... no sorry, when our form posts …"
    description = lx.wished_records(
        description
    )  # 'I want a Linear issue for …' → 'I want to create a Linear issue …'
    # '… and anything mentioning wheelchair access sent to Karin in a Teams chat': a test of each, the send on its side
    description = lx.mentioning_sends(description)
    # '… when there's a gale warning, send an SMS …. No warning, no message.': the 'when' is a test
    description = lx.thing_then_step(description)
    # '… and email sales@x.io. Oh wait, the email only if the budget is above 5,000.': the test goes to its step
    description = lx.afterthought_tests(description)
    # "… post it on our X account. Actually also the Telegram channel." → '… on our X account and also to the Telegram
    # channel.'
    description = lx.also_there(description)
    # '… email billing@x. Oh wait, if the amount is over $1,000, email finance@x instead.': a branch and its else
    description = lx.instead_tests(description)
    # 'Scratch the sheet', 'Excel, not Sheets', '… put them in Airtable instead': what the writer finally asked for
    description = corrected(description)
    # ('- Maybe something that notifies someone when things change?': a note's idea, blanked as no ask, still says the
    # notes are unsure — the vague wish is looked for in the words before the asides are blanked too)
    unblanked = description
    description = lx.builder_asides(description)  # "If Sim can't do the transcription part, just say so."
    # 'Ciarán - so when a patient books …': the proposal opens on its event
    description = lx.event_leads(description)
    # "… that says: Thanks for booking, {first name}!": the message, quoted
    description = said_unquoted(description)
    said = description  # the title and summary keep the user's words
    # 'Given a Stripe charge succeeds, when the amount is 25,000 USD or more, then …' → 'When …, if …, …'
    description = given_when_then(description)
    # 'As a recruiter, I want candidates who apply through Lever to get …': the event the story names
    description = user_story(description)
    # 'Out of scope: updating the Notion pages.', 'Non-goals: SMS.' → "Don't update the Notion pages.", 'No SMS.'
    description = lx.uninvolved_services(description)  # '… we also use Xero, but neither is involved here.'
    description = lx.scoped_out(description)
    description = lx.negated_lists(description)  # "don't reply, forward or delete …": each verb negated
    description = lx.app_actions(description)  # 'Xero > Create a bill' → 'create a bill in Xero'
    description = lx.written_out(description)  # 'for each row w/ …', 'go thru …': shorthand in full
    description = lx.texts_sent(description)  # 'send each one a text' → '… an SMS'
    # '… saved in Airtable, and the customer emailed a receipt' → '…, and email the customer a receipt'
    description = lx.people_messaged(description)
    # '… text the on-call tech (number in Supabase table 'oncall').': where a value is kept, a sentence of its own
    description = lx.first_few(description)  # 'email the first three people on the waitlist': each
    # "the Google Sheet 'Fridge Log' (item, quantity, use-by date) … listing the items that go out of date tomorrow":
    # items named by a column of a place told with its columns are read there
    description = lx.kept_columns(description)
    # 'waitlist kept in Airtable 'Berth Waitlist' … email the people on the waitlist': the place told by that word
    # '(our Google Form writes them into the Google Sheet 'X')': where the things are kept, read there
    # "Text each tenant … — the 'Inspections' Google Sheet has their mobile number." → 'Text each tenant in the
    # 'Inspections' Google Sheet …': the place holding the people's numbers lists the people
    description = lx.people_kept(description)
    # 'email the parent of every player who …' → 'for every player who …, email their parent'
    description = lx.persons_of_each(description)
    description = lx.stored_asides(description)
    description = labelled_places(description)
    description = lx.kept_lookups(kept_in_told(description))
    # 'for each photo added today to the Drive folder 'X'' → 'for each photo in the Drive folder 'X' added today'
    description = lx.arrived_items(description)
    # "… in the Airtable table 'Donations'. …, find anything with a use-by date of tomorrow" → 'find anything in the
    # Airtable table 'Donations' with …': found in the one place told before
    description = lx.found_there(description)
    # 'parents book slots in the Google Sheet 'Conferences'. Every Thursday …, send each parent …': those people
    description = lx.people_told_before(description)
    description = lx.per_item(
        description
    )  # 'Creates one Notion page per new issue' → 'for each new issue, …'
    # "check the 'Leads' table: if a lead's score is …" → '…: for each lead, if its score is …'
    description = lx.item_tests(description)
    # 'find the clients more than 60 days overdue and email each of them' → 'email each client that is more than …'
    description = lx.found_then_each(description)
    # '"the Rota" means the Google Sheet 'Theatre Rota'. … each session listed in the Rota': the place defined
    description = defined_terms(description)
    # 'Loans are tracked in the "Loans" tab of our sheet. … go through that tab': the place told of, written out
    description = named_again(description)
    # 'a practice that uses Jira for call-outs … a digest of the open call-outs': where those things are kept, read
    description = used_for(description)
    # 'inbox hr@ (Outlook) … read new mail in hr@': that Outlook inbox
    description = mailbox_again(description)
    # '-> Iterator ->', '-> Apply to each line item ->': 'for each …'
    description = lx.iterator_steps(description)
    description = lx.routine_as_steps(
        description
    )  # 'then I email each customer' → 'then email each customer'
    # 'paste it into ChatGPT to get three style suggestions' → 'use AI to get three style suggestions' (after the
    # routine's 'I' is gone: 'When a customer sends me a photo I run it through an AI to write …' keeps its clause)
    description = lx.ai_handoffs(description)
    # '… I look at it, guess the species, and reply. Could AI do the looking for me?' → '… use AI to look at it, …'
    description = lx.ai_does_the(description)
    # 'check the orders still unfulfilled and email the customer a note' → '… email each customer …'
    description = lx.their_people(description)
    # 'pull the members from the sheet and text them a renewal link' → '… text each of them …'
    description = lx.people_read_each(description)
    # 'send an SMS to all the skippers in our 'Skippers' table' → '… to everyone in …': read, then one each
    description = lx.all_as_each(description)
    # 'the bot reads …, writes a digest and posts it', 'she pulls …', 'it will post' → 'read …, write …, post it'
    description = lx.had_doers(description)  # 'please have the system list …' → 'please list …'
    description = lx.doer_as_steps(description)
    # '→ AI compares the prices it finds →' → '→ use AI to compare …' (the verbs the doer reader knows are read)
    description = lx.ai_as_doer(description)
    description = lx.watched_events(description)  # 'watch #help in Slack. When …': the event happens there
    description = lx.named_flows(description)  # 'the Linear→Slack thing': a flow's name, no steps
    # 'Hourly: Jira issues in project KART → my Telegram': on a schedule, what a line opens on is read first
    description = lx.sourced_arrows(description)
    description = lx.event_reads(description)  # 'reads new msgs in our telegram group and …': its event
    # 'Answer whoever messages our WhatsApp about …' → 'When someone messages our WhatsApp about …, answer them'
    description = lx.answered_senders(description)
    # 'the assistant emails the respondent …' → 'email the respondent …'
    description = lx.doer_steps(description)
    # 'the tenant gets an email at tenant_email confirming …' → 'email the tenant at tenant_email confirming …'
    description = lx.recipients_as_steps(description)
    description = lx.received_messages(description)  # 'i get a txt on +44 …' → 'text me on +44 …'
    description = lx.replies_to_it(description)  # 'reply to it with a thank-you' → 'reply to them …'
    description = lx.capital_words_tested(description)  # "with STOP in it" → "with 'STOP' in it"
    # "if any temperature in the Supabase table 'freezers' is above -15" → "check the Supabase table 'freezers' and if …"
    description = lx.tested_places(description)
    description = lx.signed_in_reads(
        description
    )  # 'log into Cloudbeds, look at …' → 'look at … in Cloudbeds'
    description = lx.opened_reads(description)  # 'open Linear, filter the bugs …' → 'read Linear, filter …'
    # 'I create a Drive folder named after them, a Google Doc called …': each thing listed is made by the verb
    description = lx.listed_made(description)
    description = lx.english_amounts(description)  # '5.000 USD', "CHF 3'000", '1.250,00 €': one notation
    # 'Given a new row is added …, when the shift is 'weekend', then add …' → 'When a new row …, if the shift …, add …'
    description = lx.given_when_then(description)
    description = lx.switch_cases(
        description
    )  # 'Switch on status: 'paid' -> …' → 'if the status is 'paid', …'
    # 'IF x -> …; false branch -> …', 'Path B - everything else -> …', 'Filter: x' → 'if x, …; otherwise, …'
    description = lx.branch_labels(description)
    description = lx.marked_only(description)  # 'Sev1 alerts only.' → 'Only alerts tagged Sev1.'
    description = lx.exceptions_as_skips(
        description
    )  # '… - except customers on X, who …' → '…. Skip customers on X'
    # 'depending on whether it's A, B or C it goes to a different team: a@…, b@… and c@…' → "Route it by category: 'A'
    # to a@…; …"
    description = lx.category_routes(description)
    description = lx.paired_routes(description)
    # 'Texas goes to #tx, the rest to #us' → 'if it is Texas, …; otherwise …'
    description = lx.routes_as_tests(description)
    # 'Charges of 2k or more also go to #wins': a test of the items, and a send only they get
    description = lx.also_routes(description)
    description = lx.noun_posts(description)  # 'standup reminder in #eng every weekday' → 'post a standup …'
    # 'an email summary of next week's rota' → 'get next week's rota, summarise them and email the summary'
    description = lx.noun_summaries(description)
    description = lx.wished_sends(
        description
    )  # 'i want a whatsapp to the customer …' → 'i want to send a whatsapp …'
    description = lx.added_items(
        description
    )  # '…, plus a Jira ticket in FIN' → '…, and create a Jira ticket in FIN'
    description = lx.checked_tests(description)  # 'check if X and if so Y' → 'if X, Y'
    # 'amount over 500? -> post …, else -> log …' → 'if amount over 500, post …, otherwise, log …'
    description = lx.question_tests(description)
    # 'every row in … with an error_code → one Jira bug in …' → 'for every row …, create one Jira bug in …'
    description = lx.each_arrow_one(description)
    # 'As a clinic receptionist, I want … a WhatsApp reminder so that no-shows drop': the benefit is no step
    description = lx.story_benefit(description)
    trigger = read_trigger(description)
    memo_subject = mail.lead_subject(description)
    head_end = description.find("\n", len(description) - len(description.lstrip()))
    if memo_subject and trigger.spans and all(b <= head_end for _, b in trigger.spans):
        # 'Subject: new starter emails\nWhen HR adds someone to the 'New Starters' sheet, …': a memo's subject line
        # names what it is about; the run starts on what its body says, when the body says it
        body = read_trigger(" " * head_end + description[head_end:])
        trigger = body if body.spans else trigger
    context = lx.context_spans(description, ACTION_START)  # 'Our tickets live in Jira.': told, not asked
    # (a chat read from the whole request, with no words of its own, is not found in the context: 'could you build me
    # a chat bot? we already have a Pinecone index …. when someone asks something, search …')
    if (
        context
        and (trigger.spans or trigger.kind != "chat")
        and all(_within(span, context) for span in trigger.spans)
    ):
        # 'Drivers post delays in #fleet-updates. new typeform response -> …', 'We announce releases on Discord.
        # When a GitHub release is published, …': the run starts on what the request says, not on what the context
        # tells happens now (a service's event the context names stays, when the request names none)
        # (the context blanked, so every position stays: a labelled 'Background: …' line may come after the request)
        unsaid = list(description)
        for a, b in context:
            unsaid[a:b] = " " * (b - a)
        asked = read_trigger("".join(unsaid))
        generic = (
            asked.kind == "webhook" and asked.values.get("webhookProvider") == "generic" and not asked.notes
        )
        # ('Jira can call a webhook when a bug is created. Could you use it to …': the context offers the event)
        offered = trigger.kind == "webhook" and any(
            re.search(r"\bweb-?hooks?\b", description[a:b], re.I) for a, b in trigger.spans
        )
        # ('… questions every week … Could you make a chat assistant …?': the chat the request asks for)
        # ('Our developer can call a Sim workflow through the API with the member as JSON. When that happens, add …':
        # the call the context tells of is the event the request names; no generic webhook of its own)
        called = trigger.kind == "manual" and any(called_by_api(description[a:b]) for a, b in trigger.spans)
        if (
            (asked.spans or asked.kind == "chat")
            and not (generic and trigger.kind == "webhook")
            and not (generic and called)
            and not offered
        ):
            if asked.kind == "manual" and asked.spans and called_by_api(description):
                # ('Our web developer … says it can call a Sim workflow's API with the job details (…). So: when the
                # form calls the API, …'): the call the context tells of is the same start, no request to make
                asked.spans += [span for span in call_spans(description) if span not in asked.spans]
            trigger = asked
            # ('… have a Discord server for students. Is there a way … when someone posts in the #show-and-tell
            # channel …?': the chat service a #channel is on is named by the whole text, the context too)
            channel_service(description, trigger)
    elif (
        context
        and trigger.kind == "schedule"
        # (under a context label: a routine told with no label may be what the request asks to run, 'My Monday
        # routine: at 7 I open Airtable … Can this run every Monday at 07:00?')
        and any(
            _within(span, lx.labelled_context(description)) and find_time(description[span[0] : span[1]])[0]
            for span in trigger.spans
        )
    ):
        # 'Background: … our manager checks three websites at 5am … Please build this: every morning at 5:30 …': a
        # time the context tells of is the routine's, not the run's; the run's kind and time are read from the request
        # alone, when it says them
        unsaid = list(description)
        for a, b in context:
            unsaid[a:b] = " " * (b - a)
        asked = read_trigger("".join(unsaid))
        clock = find_time("".join(unsaid))[0]
        if asked.spans and asked.kind == trigger.kind and clock and clock != find_time(description)[0]:
            # (the zone stays as the whole text says it: 'a six-person agency in Manchester', 'We're on
            # America/Denver' may be told in the background)
            if find_timezone("".join(unsaid))[0] is None and "timezone" in trigger.values:
                asked.values["timezone"] = trigger.values["timezone"]
            trigger = asked
    if trigger.kind == "manual" and not trigger.spans:
        # 'the chat assistant should search the FAQ before it replies' → 'search the FAQ …': the doer made a step of
        # itself, and it said the run is a chat
        said_kind = read_trigger(said)
        if said_kind.kind == "chat":
            said_kind.spans = []  # (read in the text before its rewriting: no position of it holds)
            trigger = said_kind
    # (minutes read by `forms.read_minutes` keep their decided lines without a label: those are the decisions)
    decided = (
        forms.decided_spans(description)
        if minutes is not None
        else lx.decision_spans(description)
        if lx.minutes(description)
        else []
    )
    if decided:
        # 'Dee wanted it hourly … Agreed: every weekday 9:00 Berlin time', 'Ines to circulate numbers Friday … DECISION:
        # when Stripe tells us a payment failed, …': in meeting notes the run starts as the decision says, not as a
        # proposal it reverses or a date told elsewhere
        # ('First agreed: daily 08:00 … we changed it: weekly, Mondays at 08:00 instead': the last decision that
        # says when stands; 'Agreed: on that webhook post …' agrees on the event told before it)
        for a, b in reversed(decided):
            # (the decision read as a text of its own, as it was said: its event opens it, not a later sentence)
            agreed = read_trigger(description[a:b])
            agreed.spans = [(x + a, y + a) for x, y in agreed.spans]
            if agreed.spans:
                if not any(lx.told_event(description[a:y]) for _, y in agreed.spans):
                    trigger = agreed
                    # "when a record's status changes to Interview", the notes telling of 'our Airtable table
                    # "Job Applications"': the item's service, named elsewhere in the notes, sends the event
                    item_service = item_provider(
                        " ".join(description[x:y] for x, y in agreed.spans), description
                    )
                    if (
                        item_service
                        and agreed.kind == "webhook"
                        and agreed.values.get("webhookProvider") == "generic"
                    ):
                        agreed.values["webhookProvider"] = item_service
                break
    if trigger.kind == "schedule" and home_zone and find_timezone(description)[0] is None:
        # 'Every Tuesday at 8am …' forwarded by frontdesk@hollybrookvets.co.uk: the run keeps the team's clock
        trigger.values["timezone"], read_from = home_zone
        trigger.notes.append(f"no time zone said: the schedule runs in {home_zone[0]}, {read_from}")
    if trigger.kind == "webhook":
        trigger.spans = [_whole_quote(description, *_named_hook(description, a, b)) for a, b in trigger.spans]
    # 'Hi team,\n\n<what is told> <what is asked>\n\nThanks,\nDana': what the letter asks, without its greeting, its
    # sign-off and the background before the request
    wanted = _asked_part(description)
    # 'What should happen (step by step): are we allowed to connect …?': a form's or ticket's field of what it asks
    field = lx.asked_field(description)
    kind_of_text = (
        lx.asks_for_an_answer(description)
        or lx.asks_for_an_answer(wanted, ACTION_START)
        or (lx.asks_for_an_answer(field, ACTION_START) if field else None)
    )
    if (
        kind_of_text == "question"
        and (trigger.spans or trigger.kind == "chat")
        # (in the words said: the rewriting drops the doer, 'Could it, er, search …' → 'Could search …')
        and any(lx.asks_for_a_system(t) for t in (said, description, wanted, field or ""))
    ):
        # 'Is it possible to have something that, every Friday at 15:00, reads …?': a question to the builder
        # asking for something to run, with what starts it said, is a request ('Could they have a chat where they
        # type the reference and it looks up …?': each message starts it)
        kind_of_text = None
    if not kind_of_text and not trigger.spans and lx.asks_only_a_question(description):
        kind_of_text = "question"  # 'just asking - is it even possible to …? Not asking you to build it yet.'
    if (
        not kind_of_text
        and not trigger.spans
        and (lx.vague_wish(said, ACTION_START) or lx.vague_wish(unblanked, ACTION_START))
    ):
        kind_of_text = "vague wish"  # 'something to help with the Slack noise? Maybe?': nothing to build yet
    if not kind_of_text and lx.routine_told_only(description, ACTION_START):
        # 'Every evening I lock up the shop, mop …, count the float … Honestly it's exhausting.': told, not asked
        kind_of_text = "routine told (nothing asked, no service named)"
    if not kind_of_text and lx.informs_only(description):
        # 'FYI the Q3 numbers are on the Finance page. Nothing to do on your side': it says it asks nothing
        kind_of_text = "notice for your information"
    if not kind_of_text and lx.product_feedback(description):
        # 'Bug report: my workflow "Weekly KPI mail" runs twice every Monday. … No action needed from my side.': a
        # report on Agent Forge itself, whatever times and services its logs and symptoms name
        kind_of_text = "bug report or feedback on Agent Forge itself"
    if not kind_of_text and lx.app_trouble(description):
        # 'Anyone else's Notion sidebar disappeared after the last update? … Any fixes?': help with an app's fault
        kind_of_text = "question about an app's fault"
    _not_asked(trigger, field or wanted, description)
    if (
        lx.only_inquiries([description[a:b] for a, b in decided])
        if minutes is not None
        else lx.nothing_decided(description) and lx.nothing_decided(noted)
    ) and not quotes_an_ask(description):
        # ('Notes from the call with Harbor Dental: - "every weekday at 7:30am, pull …"': the customer's ask, quoted)
        # 'Open question: do we even need …? AI: CH to find out pricing', 'Agreed anyway to see if Sim can do it':
        # meeting notes ask for what they decided, and these decided nothing to build
        raise _cannot(
            "these are meeting notes in which nothing buildable was decided (only discussion, open questions, or "
            "someone to find out more), so there is no workflow to build yet. Once it is decided, describe what "
            "should run, what starts it and where a result goes (e.g. 'Agreed: every Monday at 9 read the open "
            "Jira issues and post a summary to #eng on Slack').",
            reason="not_a_workflow",
            kind="nothing decided",
        )
    if lx.recovers_lost(description):
        raise _cannot(
            "this asks a workflow to bring back data that is gone (deleted, or never exported or backed up): a "
            "workflow can only read what a service still holds. Describe what should happen to data that exists "
            "(e.g. 'every night export the new Slack messages in #general to a Notion page').",
            reason="not_a_workflow",
            kind="not possible",
        )
    if not trigger.spans and trigger.kind == "manual" and lx.hired_work(field or wanted):
        # 'Not a build job exactly - looking for an automation consultant for a video call', 'Looking for someone to
        # write a 2,000-word blog post': a person hired for other work, nothing that runs
        raise _cannot(
            "this hires a person for work that is not a workflow (a call, advice, writing, design or translation "
            "done by someone), and nothing in it says what should run or when. Describe what should run, what "
            "starts it and where a result goes (e.g. 'every Monday at 9 read the new Typeform responses and post "
            "them to #feedback on Slack').",
            reason="not_a_workflow",
            kind="work for a person",
        )
    if lx.declined(description, ACTION_START):
        # 'Could we automatically email customers …? / … Let's leave it and not automate this one.': the thread ends
        # by declining what it proposed
        raise _cannot(
            "this ends by declining the automation it discussed ('let's not automate this', 'we decided to drop it'), "
            "so nothing is asked to be built. When you want it after all, describe what should run, what starts it "
            "and where a result goes (e.g. 'a week after we send a quote, email the customer a reminder from Gmail').",
            reason="not_a_workflow",
            kind="declined",
        )
    if kind_of_text:
        raise _cannot(
            f"this reads as a {kind_of_text} to the assistant, not as a workflow to build: nothing in it says what "
            "should run, when, or where a result goes. Describe the steps (e.g. 'every Monday at 9 read the open "
            "Jira issues and post a summary to #eng on Slack').",
            reason="not_a_workflow",
            kind=kind_of_text,
        )
    blanked = list(description)
    spans = list(trigger.spans)
    if (
        trigger.kind == "webhook"
    ):  # 'Shopify sends us an order webhook.': the sentence only announces the event
        spans += [
            m.span()
            for m in _ANNOUNCES.finditer(description)
            if any(m.start() <= a < m.end() for a, _ in trigger.spans)
            or m.group("each")
            # ('When HR adds a new hire (it sends us a webhook), …': an aside in brackets tells how the event comes)
            or description[: m.start()].endswith("(")
        ]
    for start, end in spans:
        # (a line break stays: 'Trigger: every Monday at 6\nTools: …' keeps its next line a line of its own)
        blanked[start:end] = ["\n" if c == "\n" else " " for c in description[start:end]]
        if (
            end - start >= 4
            and _SENT_TO_BEFORE.search(description, 0, start)
            and re.match(r"\s+(?:an?)\s+\w", description[end:])
        ):
            # 'email every new Stripe customer a welcome link': the one who arrived is whom it is sent to
            blanked[start:end] = list("them".ljust(end - start))
        elif end - start >= 4 and _SENT_TO_AFTER.search(description, 0, start):
            # 'Send the onboarding pack to each new hire when they're added to BambooHR': whom it goes to
            blanked[start:end] = list("them".ljust(end - start))
    # 'Every clinic records its no-shows in the Airtable table "No Shows". Looking for someone to build a Sim
    # workflow that …': what a job brief tells before its ask is read for nothing (its places were named again)
    ask = lx.brief_ask_at(description)
    before_ask = [
        (start, end)
        for start, end in context
        if ask > 0 and end <= ask and not any(start < b and a < end for a, b in trigger.spans)
    ]
    # 'What I tried:\n1. Dragged a Slack block in and connected it to the start.', 'Expected: a message like "Big
    # order #1042"', a pasted log line: a problem report's account of what the writer did and saw asks for nothing
    before_ask += [
        (start, end)
        for start, end in lx.report_spans(description, ACTION_START)
        if not any(start < b and a < end for a, b in trigger.spans)
    ]
    if (
        memo_subject
        and not ACTION_START.match(memo_subject[0])
        and not lx.integrations_in(memo_subject[0])
        and ACTION_START.search(description, head_end)
    ):
        # 'Subject: Cancellations due to bad weather\n\n… check the Open-Meteo API …': a memo's subject line names
        # what it is about (its title), the body says the steps; 'Subject: send the rota to Sam' is a step, and
        # 'Subject: Re: Typeform feedback' names the service the thread is about
        before_ask.append((len(description) - len(description.lstrip()), head_end))
    for start, end in before_ask:
        blanked[start:end] = ["\n" if c == "\n" else " " for c in description[start:end]]
    # 'OK final: AI reads each new Zendesk ticket …': the sum-up's marker is no route label nor step
    marker = lx.summary_marker(description)
    if marker:
        blanked[marker[0] : marker[1]] = [" "] * (marker[1] - marker[0])
    read_from = _blanked(description, before_ask)
    for _, end in trigger.spans:
        # 'Anything posted in #bugs [should become a GitHub issue]': what the event becomes is the first step
        becomes = _BECOMES_AFTER.match(description, end)
        if becomes:
            verb = _BECOMES_VERB.get((becomes.group(1) or "").lower(), "create")
            # the same length ('become ' and 'create ' are), so the text keeps the description's positions
            blanked[becomes.start() : becomes.end()] = list(f"{verb} ".rjust(becomes.end() - becomes.start()))
    # (the end of context stays apart from the request's blanked opening: "… a summary.          , pull …")
    ends = {end for _, end in context}
    text = re.sub(r"\s+(?=[,.;])", lambda m: m.group(0) if m.start() in ends else "", "".join(blanked))
    text = _one_per_run(text, trigger, description)
    text = _back_to_event(text, trigger)
    item = (
        _item_subject(text, " ".join(description[a:b] for a, b in trigger.spans))
        if trigger.kind == "webhook"
        else None
    )
    if item is not None:
        # 'any Linear issue marked Urgent … should DM @dana': the item is the event — its words make no step, and what
        # it 'should become' is the first step, as after the event's own clause
        text = _blank(text, item.start(), item.end("subj"))  # (with its "I need" lead)
        # ('… over $250 (Shopify posts to our webhook) should be added to …': past the aside that names the event)
        aside = re.compile(r"\s*(?:\([^()\n]*\))?").match(text, item.end("subj"))
        becomes = _BECOMES_AFTER.match(text, aside.end() if aside else item.end("subj"))
        if becomes:
            verb = _BECOMES_VERB.get((becomes.group(1) or "").lower(), "create")
            text = (
                text[: becomes.start()]
                + f"{verb} ".rjust(becomes.end() - becomes.start())
                + text[becomes.end() :]
            )
    # 'Airtable > Watch Records (runs every 10 minutes)': each run reads what is new
    if trigger.kind == "schedule":
        text = polled_reads(text)
    # a user story the ticket restates below, and the ticket's title, name what the lines below them ask for; a
    # repetition they or a 'Context:' line tell of is no loop the sentences after it join
    # ('Can negative ones go to Jira rather than email? … negative -> Jira ticket in CX': a proposal the thread restates)
    restated = (
        lx.restated_story(description) + lx.ticket_title(description) + lx.proposed_changes(description)
    )
    told = lx.labelled_context(description) + restated
    # '[Finance] Month-end FX snapshot\n\nTrigger: …\nSteps: …': a ticket's title names what the lines after it ask
    # for; when they make steps of their own, the title makes none (its words are no read of their own)
    titled = titles.TICKET_TITLE.match(text)
    summaries = [titled.span()] if titled else []
    # 'As a recruiter, I want candidates … to get an acknowledgement so that …' before 'Steps: …' / 'AC: …': the user
    # story says in one sentence what the steps spell out, so it makes no steps of its own either
    story = _USER_STORY.search(text)
    if story and _STEPS_SECTION.search(text, story.end()):
        summaries.append(story.span())
    # 'Tools: Stripe, HubSpot, Slack': a form's tool list names the tools used, no step of its own (its names stay in
    # the description, where the steps' words find them); an item naming a thing to read ('Supabase (table
    # "orders")') is read where the steps read it
    unlisted = forms.unused_tools(text)
    steps: list[Step] = []
    while summaries and not steps:  # without the story and the title; else without the title only
        untitled = _blanked(text, summaries + unlisted)
        steps = read_steps(untitled, read_from, told)
        if story and summaries[-1] == story.span():
            # ('AC: - The email goes to the buyer's address from Stripe' under a story whose run a Stripe event
            # starts: where the event's data is, no read the criteria ask in place of the story's steps)
            steps = [s for s in steps if not _event_told(s, trigger, description, context)]
        if steps and story and summaries[-1] == story.span():
            _story_places(
                steps,
                read_steps(_blanked(text, summaries[:-1] + unlisted), read_from, told),
                story.span(),
                text,
            )
        if steps and story and summaries[-1] == story.span() and not _reads(steps):
            # 'As an analyst, I want EUR/USD pulled daily from https://… and written to the 'FX' sheet. Acceptance
            # criteria: - One row per day. - If a rate moves more than 1.5%, email …': criteria that read nothing
            # refine what the story asks, they do not restate it — the story's read is the run's data
            # (its repetition too, when the criteria say one per item: 'a Slack message … for every order with a
            # 'no-plastic' note' above '- One Slack message per no-plastic order' is asked, no habit)
            whole = read_steps(
                _blanked(text, summaries[:-1] + unlisted), read_from, _story_told(told, story, text)
            )
            steps = _story_kept(whole, story.span(), description) if _reads(whole) else steps
        if steps and story and summaries[-1] == story.span():
            # ('As the coordinator I want donors who fill in our Typeform to get a thank-you email. Acceptance
            # criteria: - The email goes to the address in the form - A row is added to the sheet …': the criteria
            # add a write; the message the story asks for is sent all the same)
            whole = read_steps(_blanked(text, summaries[:-1] + unlisted), read_from, told)
            criteria_writes = {s.type for s in _flat(steps) if s.kind == "action"}
            story_writes = {s.type for s in _flat(whole) if s.kind == "action"}
            if (
                criteria_writes
                and criteria_writes < story_writes
                and story_writes - criteria_writes <= _MESSAGE_TYPES
            ):
                steps = whole
        if (_tests_only(steps) or _added_on_tests(steps)) and any(
            s.kind in ("source", "action", "process")
            for s in _flat(read_steps(_blanked(text, summaries[:-1] + unlisted), read_from, told))
        ):
            # ('As a dispatcher, I want new loads posted to our Telegram group … AC: - Loads with a rate under $800
            # are not posted': criteria that only test guard what the story asks — read with it, when it asks a step)
            steps = []
        summaries.pop()
    if not steps and story:
        # (the criteria make no step: the story is what is asked, its repetition with it when they say one per item
        # — 'have every item in the table … get its own Linear issue' above '- One Linear issue per item')
        told = _story_told(told, story, text)
    steps = steps or read_steps(_blanked(text, unlisted), read_from, told)
    steps = steps or (read_steps(text, read_from, told) if unlisted else [])
    steps = _as_form_says(steps, description)
    steps = _after_its_read(steps)
    steps = _keyed_reads(steps)
    steps = _said_first(steps, description)
    steps = _one_search(steps)
    steps = _tool_told(steps)
    steps = _rows_others_keep(steps, read_from, polled=trigger.kind == "schedule")
    steps = _kept_then_read(steps) if trigger.kind == "schedule" else steps
    # 'Volunteers register for events on Eventbrite. When Eventbrite sends an order.placed webhook, …', 'email the
    # volunteer (the invitee email from Calendly)': with that service's event starting the run, the service told of
    # in context or named in an aside is where the event comes from — it brings the data; nothing is fetched there
    told_event = [s for s in steps if _event_told(s, trigger, description, context)]
    steps = [s for s in steps if not any(s is t for t in told_event)] or steps
    if context and any(
        _told(s, description, context) or (s.kind == "fan" and _untold([s], description, context) != [s])
        for s in _flat(steps)
    ):
        # 'Right now Dana copies each conversation into a Google Doc by hand.', '… parents email asking if we got
        # it': context makes no write, processing or test
        kept = _untold(steps, description, context)
        steps = (
            kept
            if any(s.kind in ("action", "process", "condition", "router", "loop", "fan") for s in kept)
            # ("We've put 4,000 clauses into our Pinecone index. … a chat … that searches that index": a chat that
            # only looks up is answered from what it found, below)
            or (trigger.kind == "chat" and any(s.kind == "source" for s in kept))
            else steps
        )
    if context:
        steps = _arrivals_told(_read_where_asked(steps, description, context), description, context)
    if restated:
        # 'As a community manager I want every new Reddit post … summarised in Discord. … Steps: …, send the summary
        # to our Discord channel', '[Automation] Add new Stripe customers to Mailchimp': the lines below say what to
        # build, the story or title what for — what it reads stays, unless the event brings it or the lines read
        kept = _unrestated(steps, description, restated, trigger)
        if trigger.kind == "webhook" or any(
            s.kind == "source" and not _within(_span_of(s, description), restated) for s in _flat(kept)
        ):
            kept = [
                s for s in kept if not (s.kind == "source" and _within(_span_of(s, description), restated))
            ]
        steps = (
            kept
            if any(s.kind in ("action", "process", "condition", "router", "loop", "fan") for s in kept)
            else steps
        )
    steps = _done_for_each_again(steps, description)
    if trigger.kind == "chat" and not any(
        s.kind == "process" or (s.kind == "action" and s.type not in _MEMORIES) for s in _flat(steps)
    ):
        # 'type the headcount into the chat and get back a lunch order': the chat's answer is what an agent writes
        # ('a chat assistant that recommends tricks from our Notion database and remembers customers with Mem0': the
        # recommendation is the answer, written before the memory keeps the conversation)
        back = re.search(lexicon()["chat_replies"], text, re.I)
        if back:
            found = any(s.kind == "source" for s in _flat(steps))
            reply = _chat_reply(next(g for g in back.groups() if g), back.group(0), description, found)
            at = next(
                (i for i, s in enumerate(steps) if s.kind == "action" and s.type in _MEMORIES), len(steps)
            )
            steps.insert(at, reply)
    if trigger.kind == "manual" and called_by_api(description):
        # '… and return the carrier and status as the API response', 'send the summary back to the caller': the
        # program that called the run gets what it made
        back = re.search(lexicon()["caller_replies"], text, re.I)
        if back and not any(s.type == "response" for s in _flat(steps)):
            # ('respond with the translation' drafts no reply of its own: the answer is what the run made)
            # ('the API call returns the Doc link' names the call that started the run, no HTTP request to make)
            steps = [
                s
                for s in steps
                if not (s.kind == "process" and s.text and s.text.strip() in back.group(0))
                and not (s.type == "api" and not s.values.get("url") and s.text and back.group(0) in s.text)
            ]
            made = _AI_MADE.search(back.group(0))
            what = next((g for g in back.groups() if g), "") or ""
            written = next((g for g in made.groups() if g), None) if made else None
            piece = re.search(lexicon()["written_pieces"], what, re.I)
            if (
                made is None
                and piece
                and not any(s.kind == "process" for s in _flat(steps))
                and any(s.kind == "source" or s.type == "api" for s in _flat(steps))
            ):
                # '… searches the web for reviews and returns a one-paragraph pitch as the API response': the pitch is
                # written from what was found, by an agent (the search's results are no pitch)
                thing = re.sub(r"^(?:an?|the|its|their|some)\s+", "", what[: piece.end()].strip(), flags=re.I)
                steps.append(_ai_made(thing, back.group(0), description, True))
                written = thing
            if made and not any(s.kind == "process" for s in _flat(steps)):
                # '… and returns an AI-written care guide for the pots in it': an agent writes what the caller gets
                found = any(s.kind == "source" or s.type == "api" for s in _flat(steps))
                steps.append(_ai_made(written or "the answer", back.group(0), description, found))
            steps.append(_caller_reply(back, written))
    # ("I don't need it to happen every week or anything. This is a one-time decision": the repetition it names is
    # the one it declines, no schedule)
    declined_run = trigger.kind == "schedule" and any(
        a < y and x < b for x, y in trigger.spans for a, b in lx.once_only_spans(description)
    )
    if (
        declined_run
        or trigger.kind == "manual"
        and (trigger.once or not trigger.spans and lx.once_only(description))
    ):
        raise _cannot(
            "this asks for one action done once ('just this once', 'no automation needed'), not for a workflow to "
            "build. Do it directly, or describe what should start it and run it again (e.g. 'every Friday at 5 …').",
            reason="not_a_workflow",
            kind="one-off task",
        )
    done = [s for s in _flat(steps) if s.kind in ("source", "action", "process")]
    # ('Every Saturday I … physically count the stock on each shelf … Can Sim do that for me?': the ask points back
    # at the routine told before it, so the work is read in the whole text)
    if lx.physical_work(
        field or wanted if _POINTS_BACK.search(field or wanted) is None else description
    ) and all(lx.physical_work(s.text or "") or lx.done_reported(s.text or "", description) for s in done):
        raise _cannot(
            "this asks for physical work (handling paper, parcels, machines or plants), which no workflow can do: "
            "a workflow reads, writes and sends data in services. If something should be told when it is needed, "
            "describe that (e.g. 'when the #facilities form says the printer jammed, post it to #office on Slack').",
            reason="not_a_workflow",
            kind="physical task",
        )
    if letter:
        raise _cannot(
            "this is a letter to people (an announcement, an invitation, a reminder): what it asks is its readers' "
            "to do, once, and it names no service and nothing that repeats, so there is no workflow to build. "
            "Describe what should start a workflow and what it should do (e.g. 'every Friday at 9:00, e-mail the "
            "team a reminder to reply').",
            reason="not_a_workflow",
            kind="letter to people",
        )
    unbuilt = deletes_not_built(text)
    if unbuilt and (not steps or _tests_only(steps)):
        # 'every night delete the Google Drive files older than 30 days': what is asked cannot be done in Sim
        raise _cannot(
            "; ".join(unbuilt.values())
            + ". A workflow can only do what Sim's blocks can: name a service that can delete "
            "(e.g. a Supabase table), or ask for the items to be listed and sent to you instead.",
            reason="no_steps",
            unused=list(unbuilt),
        )
    if not steps:
        raise _cannot(
            "the planner found no step it can build in this description (no source, action or processing "
            "it recognises), so it made no workflow. Name what to read (e.g. 'the open Jira issues'), what to "
            "do with it ('summarise') and where the result goes ('post to #eng on Slack').",
            reason="no_steps",
            unused=unused_clauses(text, []),
        )
    if _tests_only(steps):
        # 'an automation that physically refills the paper tray whenever it gets low': a test guarding no step a
        # block can do
        raise _cannot(
            "the planner found only a test in this description, guarding no step it can build (nothing read, "
            "written, sent or processed in a service), so it made no workflow; a workflow cannot do physical work "
            "either. Name what to read and where a result goes (e.g. 'when the #facilities form says the printer is "
            "low, post it to #office on Slack').",
            reason="no_steps",
            unused=unused_clauses(text, []),
        )
    if trigger.kind == "manual" and not trigger.spans and _answer_now(description, steps):
        raise _cannot(
            "this asks for one answer now (look something up and tell me), not for a workflow: nothing starts it "
            "again and the answer goes nowhere named. Say when it should run and where the answer goes (e.g. "
            "'every morning at 8 check the ETH price and post it to #crypto on Slack').",
            reason="not_a_workflow",
            kind="single answer",
        )
    if (
        trigger.kind == "manual"
        and (lx.addressed_to_assistant(description) or lx.addressed_to_assistant(wanted))
        and not _acts(steps, chosen=True)
    ):
        raise _cannot(
            "this asks the assistant for one answer ('tell me …', '… for me'), not for a workflow: nothing is "
            "sent or stored anywhere and nothing starts it. Say where the result should go and when it should "
            "run (e.g. 'every morning post the bitcoin price to #crypto on Slack').",
            reason="not_a_workflow",
            kind="single answer",
        )
    if (
        trigger.kind == "manual"
        and not trigger.spans
        and _one_off(steps)
        and not lx.has_build_cue(description)
        and not lx.works_on_run_input(description)
    ):
        raise _cannot(
            "this asks the assistant for a one-off piece of work (write, draft, translate, summarise or remind "
            "once), not for a workflow: nothing starts it and nothing is read from or sent to a service. Say when "
            "it should run or what starts it, and where the result goes (e.g. 'every Friday at 5 summarise the "
            "week's Jira issues and post it to #eng on Slack').",
            reason="not_a_workflow",
            kind="one-off task",
        )
    if trigger.kind == "chat" and any(_told_me(s) for s in steps) and not all(_told_me(s) for s in steps):
        # 'a chat … and tell me what you find': the chat's answer is the message to me, not an e-mail
        steps = [s for s in steps if not _told_me(s)]
    if trigger.kind == "chat" and any(s.kind == "source" for s in steps):
        # 'a chat where members ask if a court is free … check the Google Calendar and tell them': the one who asked
        # is told in the chat, no e-mail (the chat answers from what was read, below)
        # (also inside a test: '… if it sounds like an emergency, tell them to call 999 and post an alert in Slack')
        steps = _kept_where(steps, lambda s: not _told_asker(s))
    if trigger.kind == "chat":
        # ('We keep every order in the Airtable table 'Orders' … a chat where a customer types their surname and the
        # bot tells them the status': a chat answers the one message it gets; a loop over what a told sentence
        # says is kept somewhere, whose body only reads again, repeats nothing that was asked)
        steps = [
            s
            for s in steps
            if not (s.kind == "loop" and s.body and all(b.kind == "source" for b in s.body))
            or not any(t.kind == "source" for t in steps if t is not s)
        ]
    if trigger.kind == "chat":
        # ('a chat assistant that answers from the Google Doc …. If someone asks about private lessons, post the
        # question in Slack #private-lessons': the answer is the chat's own reply, not a post on the chat service
        # the text names for a hand-off)
        steps = [s for s in steps if not _answer_posted(s, steps)]
    steps = _told_where_said(steps)
    if (
        trigger.kind == "chat"
        and any(s.kind == "source" for s in steps)
        # ('… answers from the Notion page 'Hut Handbook'. If the guest asks to book, email bookings@…': a hand-over
        # the chat's words test is no answer — the chat still answers from what it read)
        and all(s.kind in ("source", "condition") for s in steps)
        and not any(s.kind == "process" for s in _flat(steps))
    ):
        # ('look up the answer in the handbook knowledge base and answer the question. If it isn't in the handbook it
        # should say so': the answer follows the look-up; a test that guards no step is the answer's to tell)
        last = max(i for i, s in enumerate(steps) if s.kind == "source")
        steps.insert(last + 1, _answer_step(description))
    _carry_links(description, steps)
    head = " ".join(description[a:b] for a, b in trigger.spans)
    if item is not None:
        head = item.group("subj")  # the event's item, said as a sentence's subject
    qualifier = event_test(head, description) if trigger.kind == "webhook" else None
    if trigger.kind == "webhook" and qualifier is None and trigger.spans:
        # 'anything in my Gmail from an address ending in @a.com or @b.com …': the senders, right after the event
        sender = re.match(
            r"\s*(from\s+[^,;.]{0,40}?@[\w-]+(?:\.[\w-]+)+(?:\s+or\s+@?[\w-]+(?:\.[\w-]+)+)*)",
            description[trigger.spans[-1][1] :],
            re.I,
        )
        qualifier = event_test(sender.group(1)) if sender else None
        # 'hubspot -> when a deal moves to closed-won add a row …': the service before the arrow, its event after it
        arrow = _EVENT_AFTER_ARROW.match(description, trigger.spans[-1][1]) if qualifier is None else None
        qualifier = event_test(_event_clause(arrow.group("ev"))) if arrow else qualifier
    if trigger.kind == "webhook" and qualifier is None and not lx.threshold_in(head):
        # 'Our alarm panel posts events to a webhook. When one arrives and its zone is "server room", …': the event
        # named again in a later sentence, with the test joined to it
        again = _EVENT_AGAIN.search(text)
        qualifier = event_test(again.group(0)) if again else None
        # 'When fields.priority.name is "Blocker", post …': a field of the event set equal to a quoted value
        valued = _WHEN_VALUE.search(text) if qualifier is None else None
        qualifier = f"it mentions {valued.group('q')}" if valued else qualifier
        moved = _EVENT_MOVES.search(text) if qualifier is None else None
        qualifier = event_test(moved.group(0)) if moved else qualifier
    if trigger.kind == "webhook" and qualifier is None and not lx.threshold_in(head):
        # '… the orders/create webhook and it's the customer's first order', '… the incident webhook that only
        # alerts when the urgency is 'high'': a state joined to the event clause is a test of the event
        joined = _joined_test().search(head)
        if joined and re.match(
            r"(?:when|once)\s+(?:they|it)(?:['’]re|['’]s|\s+(?:are|is))\s+\w+ed\s+(?:to|in|into|on)\b",
            joined.group(0),
            re.I,
        ):
            joined = (
                None  # 'each new hire when they're added to BambooHR': the event said again, no state of it
            )
        qualifier = joined.group("t").strip() if joined else None
    if trigger.kind == "webhook" and (lx.threshold_in(head) or qualifier):
        # 'When a Stripe payment over $1,000 succeeds, …', 'When a Jira issue is created with priority Blocker':
        # the event qualifies the run — a condition first
        label = qualifier or head
        if (
            not qualifier
        ):  # 'When a Stripe invoice is paid and the amount is above $5,000': the amount is tested
            label = next((p for p in _COMPOUND.split(head)[::2] if lx.threshold_in(p)), head)
        else:
            label = _with_threshold(head, qualifier)
        test = Step("condition", "condition", label=label, text=head)
        # '…; otherwise add it to Notion': the steps read from the 'otherwise' part run when the test fails
        other = re.search(r"[,;.]\s*(?:otherwise|else|if not)\b", description, re.I)
        cut = other.start() if other else len(description)
        # '… Smaller invoices just get logged …', 'Anything else goes to …': a sentence naming the other side
        # (or a clause after ';': '…, message me; disputes under that just go into Notion')
        parts = [c for p in sentences(text) for c in re.split(r"(?<=;)", p)]
        side = next((p for p in parts if implied_else(p, test) is not None), None)
        if side is not None and 0 <= description.find(side) < cut:
            cut = description.find(side)
        # '…, text the lead; either way, append it to the sheet': the steps from 'either way' on run whatever the
        # test says — before it, as the body's unconditional steps do (a branch never joins another)
        both = _EITHER_WAY.search(description)
        after = [
            s
            for s in steps
            if both
            and s.text
            and not re.search(r"\w", description[description.find(s.text.strip()) : both.start()])
        ]
        steps = [s for s in steps if not any(s is x for x in after)]
        later = [s for s in steps if s.text and description.find(s.text.strip()) >= cut]
        # '…; if the label is anything else, add it …', '; if not, do nothing': a test read from the other side's own
        # words is that side, not a second test in it
        other_side = [
            x
            for s in later
            for x in (s.branches[0][1] if s.kind == "condition" and _denies_test(s.text, test) else [s])
        ]
        test.branches = [("if", [s for s in steps if not any(s is x for x in later)]), ("else", other_side)]
        steps = [*after, test]
    if trigger.kind == "webhook" and trigger.values.get("webhookProvider") == "gmail":
        # 'on each new email, the AI drafts a reply — NOT sent': the draft is left in the mailbox the mail came to
        mail_services = {k for _, k in lx.integrations_in(description)}
        mailbox = "outlook" if "outlook" in mail_services and "gmail" not in mail_services else "gmail"
        steps = drafts_left(steps, description, mailbox)
    # a generic webhook a named service POSTs to (Shopify, Calendly, Typeform …): its fields are the service's
    # (services.json 'webhook_bodies'), not guessed
    poster = (
        services.body_service(" ".join(description[a:b] for a, b in trigger.spans), description)
        if trigger.kind == "webhook" and trigger.values.get("webhookProvider") == "generic"
        else None
    )
    if poster is not None:
        # 'customers book a survey through Calendly (it posts to our webhook)': the service whose events the webhook
        # receives, named in the clause that tells of the webhook, is where the event comes from, no read of its API
        poster_reads = [
            i for i, s in enumerate(steps) if _told_poster_read(s, poster, trigger.spans, description)
        ]
        for i in reversed(poster_reads):
            # ('each booking → event in the calendar': the loop over what that read returned is over the one event)
            after = steps[i + 1 : i + 2]
            steps[i : i + 2] = after[0].body if after and after[0].kind == "loop" else after
    # 'if it's smaller, just the email': the step of the first side named again is the other side too
    repeat_on_else(steps, description)
    with services.webhook_body(poster):
        builder = _Builder(description, trigger)
        builder.written = as_written
        builder.dropped += [s.text for s in told_event]  # read: they say where the event comes from
        entry = builder.starter(trigger.values, needs_input=trigger.kind in ("manual", "chat"))
        builder.words[entry] = " ".join(description[a:b] for a, b in trigger.spans).strip() or "(run by hand)"
        builder.chain(steps, [(entry, "source")], builder.start_data(), None)
        builder.untold_windows()
        if len(builder.blocks) == 1:  # every step it read fell away (a test on nothing, a loop with no body)
            raise _cannot(
                "the planner could not build any block from this description: " + "; ".join(builder.notes),
                reason="no_blocks",
                assumptions=builder.notes,
            )
        if builder.input_list:
            starter = builder.blocks[0]
            for value in starter.values:
                if value.id == "inputFormat":
                    value.value = value.value.replace('"type": "string"', '"type": "array"')
            builder.notes.append("the run's input is a list (a JSON array): the loop repeats over its items")
        if own:  # 'My address: j.weber@fahrwerk.de': where an e-mail to 'me' goes
            for block in builder.blocks:
                for value in block.values:
                    value.value = value.value.replace("{{USER_EMAIL}}", own)
        workflow_plan = WorkflowPlan(
            name=named or (builder.subject if trigger.kind == "schedule" else titles.title(said)),
            summary=said[:300],
            blocks=builder.blocks,
            edges=builder.edges,
        )
        builder.notes += said_cells(workflow_plan, builder.words)
        builder.notes += shape_json_values(workflow_plan)
        builder.notes += keep_keyed_rows(workflow_plan, builder.sheet_keys)
        builder.notes += place_row_writes(workflow_plan, builder.words)
        builder.notes += name_rows(workflow_plan)
        builder.notes += fetch_event_records(workflow_plan)
        builder.notes += embed_queries(workflow_plan)
        builder.notes += embed_points(workflow_plan)
        builder.notes += find_item_addresses(workflow_plan)
        builder.notes += key_updated_items(workflow_plan)
        builder.notes += find_record_addresses(workflow_plan)
        builder.notes += find_text_addresses(workflow_plan)
        builder.notes += find_keyed_addresses(workflow_plan)
        builder.notes += look_up_chat_users(workflow_plan, said, builder.chat_people)
        builder.notes += pass_over_addressless(workflow_plan)
        builder.notes += tally_loop_results(workflow_plan, builder.words, said)
        builder.notes += readable_data(workflow_plan)
        builder.notes += guard_empty_lists(workflow_plan)
        builder.notes += answer_labels(workflow_plan)
        used = list(builder.words.values()) + builder.dropped
        unused = unused_clauses(text, used)
        return Draft(
            workflow_plan,
            words=builder.words,
            unused=unused + [c for c in unbuilt if c not in unused],
            assumptions=list(dict.fromkeys(trigger.notes + builder.notes + list(unbuilt.values()))),
            needs=builder.needs,
        )


def _not_asked(trigger: Any, asked: str, whole: str = "") -> None:
    """Refuses what `asked` (a form's field of what should happen, else what the text asks) wants instead of a
    workflow: what no workflow may or can do (fake accounts or reviews, removing other people's reviews, the future
    known for certain, other people's private messages), to read a place nobody gave access to ("our competitor's
    internal Slack (we don't have an account there)"), or — with nothing saying how a run would start — access to a
    tool ('make me an admin of …'); anywhere in the `whole` text, someone else's credentials used to get in."""
    if lx.impossible(asked):
        raise _cannot(
            "this asks for something no workflow may or can do: fake accounts, profiles or reviews deceive the "
            "platform and its readers, other people's reviews on a platform you do not run can only be reported, "
            "not removed, and a payment card's full number cannot be worked out from a few digits nor charged "
            "without its holder's consent. Describe something a workflow can do with your own accounts (e.g. 'when a new 1-star "
            "Google review arrives, post it to #reviews on Slack so we can reply').",
            reason="not_a_workflow",
            kind="not possible",
        )
    if lx.foretells(asked):
        raise _cannot(
            "this asks to know the future for certain (guaranteed predictions): a workflow can gather data and an AI "
            "step can estimate from it, but an estimate is a guess, never a certainty. Describe what it should gather "
            "and where the estimate goes (e.g. 'every Monday pull last week's sale prices from our shop's API and email me "
            "the biggest risers').",
            reason="not_a_workflow",
            kind="not possible",
        )
    if lx.unmasks_people(asked):
        raise _cannot(
            "this asks to find out who people are, where they live or how to reach them from what they posted or "
            "followed (a real name, an identity, a home address, a phone number or an e-mail address): personal data "
            "no integration gives and no workflow may collect about someone who did not give it. Describe what "
            "should happen with what they posted (e.g. 'when a new 1-star TripAdvisor review arrives, post it to "
            "#reviews on Slack so we can reply publicly').",
            reason="not_a_workflow",
            kind="not possible",
        )
    if lx.reads_private_messages(asked):
        raise _cannot(
            "this asks to read other people's private messages (their personal chats, texts or inbox): nobody gave a "
            "workflow those, and watching them is surveillance no workflow may do. Describe something it can do with "
            "the company's own accounts (e.g. 'when a message in our #rota channel on Slack mentions a shift swap, "
            "post it to #managers').",
            reason="not_a_workflow",
            kind="not possible",
        )
    if lx.uses_others_credentials(whole or asked):
        raise _cannot(
            "this asks a workflow to get in with credentials that are not yours (someone else's password or login, or "
            "leaked or stolen ones): that is unauthorised access, which no workflow may do, however it is set up. "
            "Describe something it can do with your own accounts, or with public pages (e.g. 'every Monday read the "
            "public price page of our supplier and email me what changed').",
            reason="not_a_workflow",
            kind="no access",
        )
    if lx.no_access(asked):
        raise _cannot(
            "this asks to read a place nobody gave the workflow access to (another party's private workspace, inbox "
            "or server, or one you have no account in); a workflow can only use accounts whose credentials you "
            "connect to it. Describe a source you can connect (e.g. 'every hour search public Reddit posts that "
            "mention us and post them to #mentions on Slack').",
            reason="not_a_workflow",
            kind="no access",
        )
    if trigger.kind == "manual" and not trigger.spans and lx.access_request(asked):
        raise _cannot(
            "this asks for access to a tool (a role, rights or a password), not for a workflow to build: an "
            "administrator of that tool grants it. Describe what should run, when, and where a result goes (e.g. "
            "'when a new hire is added in BambooHR, post a welcome to #general on Slack').",
            reason="not_a_workflow",
            kind="access request",
        )


def _asked_part(description: str) -> str:
    """What a description asks: a letter's body (no greeting, no sign-off) from its first sentence that is no
    background ('Hi team,\n\nTreasury. Our bank sends … Could you check …?\n\nThanks,\nIbrahim' → 'Could you
    check …?')."""
    body = lx.letter_body(description)
    start = 0
    for a, b in lx.context_spans(body, ACTION_START):
        if body[start:a].strip():
            break
        start = b
    return body[start:].strip() or body


def _said_before_event(description: str, spans: list[tuple[int, int]]) -> str:
    """The sentence before a generic webhook's event clause when that clause names no service: 'We send an NPS
    survey with Typeform ("NPS Q3"). … a workflow that runs on each new response' — the responses are Typeform's."""
    if not spans:
        return ""
    start = spans[0][0]
    clause = description[max(description.rfind(".", 0, start), description.rfind("\n", 0, start)) + 1 : start]
    if re.search(r"\w", clause) and lx.integrations_in(clause):
        return ""  # the event's own sentence names a service: that one
    before = description[: max(description.rfind(".", 0, start), description.rfind("\n", 0, start), 0)]
    cut = max(before.rfind("."), before.rfind("\n"))
    return before[cut + 1 :]


def _event_told(step: Step, trigger: Any, description: str, context: list[tuple[int, int]]) -> bool:
    """Whether `step` reads the service whose event starts the run (the provider's own trigger, or the service a
    generic webhook's words or the context name), from a clause told in context or naming it only in brackets."""
    if trigger.kind != "webhook" or step.kind != "source" or not step.text:
        return False
    key = step.integration or step.type
    provider = trigger.values.get("webhookProvider", "generic")
    external = services.external().get(key)
    names = [a.lower() for a in external["aliases"]] if external else []
    names += [
        p.strip().lower() for p in lexicon()["integrations"].get(key, {}).get("phrases", []) if p.strip()
    ]
    if not names:
        return False

    def named(text: str) -> bool:
        return any(re.search(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])", text.lower()) for n in names)

    if provider != "generic":
        if key.replace("_", "") != provider:
            return False
    elif (
        not named(" ".join(description[a:b] for a, b in [*trigger.spans, *context]))
        and not named(
            # 'When should it run? HubSpot sends a webhook when a deal …', '**Trigger:** Intercom webhook when …': the
            # service the clause naming the webhook says it comes from
            " ".join(m.group(0) for m in _HOOK_CLAUSE.finditer(description))
        )
        and not named(_said_before_event(description, trigger.spans))
    ):
        return False
    if _within(_span_of(step, description), context):
        return True
    if not re.search(r"\b(?:" + READ_VERBS + r")(?:s|es|ed|ing)?\b", step.text, re.I):
        # 'And no extra email, please: Shopify already sends one.': the event's service told of, no read asked for
        return True
    if re.search(r"\bwebhooks?\b", step.text, re.I) and not re.search(
        r"\b(?:" + READ_VERBS + r")\b", step.text, re.I
    ):  # "On Intercom's conversation-created webhook, …": the event named again
        return True
    # named only inside brackets: '(the invitee email from Calendly)'
    aside = " ".join(re.findall(r"\(([^()]*)\)", step.text))
    return named(aside) and not named(re.sub(r"\([^()]*\)", " ", step.text))


# a clause naming the webhook that starts the run, up to that word ('HubSpot sends a webhook when …', 'Salesforce
# outbound message / webhook when …', 'a webhook from Typeform'), not one a message is posted to ('post it to our Slack
# incoming webhook')
# 'Can Sim do that for me?', 'Could a workflow handle this?': an ask that points back at the routine told before it
_POINTS_BACK = re.compile(
    r"\b(?:(?:do|handle|manage|take\s+over)\s+(?:this|that|it)(?:\s+(?:bit|part|job|one))?\s+for\s+(?:me|us)"
    # ('Can Sim take this over for me from now on?': the phrasal verb split round what it points at)
    r"|take\s+(?:all\s+(?:of\s+)?)?(?:this|that|it|these|those|them)\s+over"
    r"|automate\s+(?:all\s+(?:of\s+)?)?(?:this|that|it|these|those|them))\b",
    re.I,
)


_HOOK_CLAUSE = re.compile(
    r"(?<![^.,;:!?\n>])(?![^.,;:!?\n]*\b(?:incoming\s+web-?hook|to\s+(?:the\s+|our\s+|an?\s+|its\s+)?[\w-]*\s*web-?hook))"
    r"(?:(?!->|→)[^.,;:!?\n])*?\b(?:web-?hooks?|outbound\s+messages?)\b(?:\s+(?:from|by)\s+[\w-]+(?:\s+[\w-]+)?)?",
    re.I,
)


def _span_of(step: Step, description: str) -> tuple[int, int]:
    """Where the clause a step came from starts in the description ((-1, -1) when it is not found as said)."""
    # its first words ('Right now Dana copies …': a clause's later words may be rewritten, 'every' → 'the'), its verb
    # as the sentence said it ('pings the controller' read as 'ping the controller', 'copies' as 'copy'); as many
    # words as are said so, so that 'email the client contact …' is not found in '… supposed to email the client'
    said = step.text.split(" + ")[0].split()
    for count in (8, 5, 3) if len(said) > 3 else (3,):
        words = said[:count]
        # ('~4000' read from '~4,000': a number's digit groups as said)
        # ('Then tell our housekeepers …' read from 'Then I tell our housekeepers …': the routine's 'I' dropped)
        found = re.search(_said_words(words), description) if words else None
        if found is None and words and re.fullmatch(r"[a-z]+", words[0]):
            verb = words[0]
            forms = (
                re.escape(verb[:-1]) + r"(?:y|ies|ied)"
                if verb.endswith("y")
                else re.escape(verb) + r"(?:s|es|ed|d)?"
            )
            found = re.search(
                r"\b" + forms + r"\b" + "".join(r"\s+" + _said_as(w) for w in words[1:]), description
            )
        if found is not None:
            return found.span()
    if len(said) >= 4 and re.fullmatch(r"[a-z]+", said[0]):
        # 'messages everyone by hand' read as 'message the person by hand': the verb as said and the clause's last
        # words, a word or two between them rewritten (found once only)
        verb = said[0]
        forms = (
            re.escape(verb[:-1]) + r"(?:y|ies|ied)"
            if verb.endswith("y")
            else re.escape(verb) + r"(?:s|es|ed|d)?"
        )
        hits = list(
            re.finditer(
                r"\b"
                + forms
                + r"(?:\s+\S+){1,3}?"
                + "".join(r"\s+" + _said_as(w) for w in said[-2:])
                + r"\b",
                description,
            )
        )
        if len(hits) == 1:
            return hits[0].span()
    # 'Our bank sends its alerts to treasury@x.co' read as 'email treasury@x.co': the clause rewritten, the address
    # (or link, or channel) it names said once in the description
    for token in _NAMED_TOKEN.findall(step.text):
        if description.count(token) == 1:
            at = description.find(token)
            return at, at + len(token)
    return -1, -1


def _said_words(words: list[str]) -> str:
    """A pattern of `words` as the description says them, a writer's 'I' or 'we' after a clause's lead word ('then',
    'and') that the routine's rewriting dropped."""
    out = _said_as(words[0])
    for before, word in zip(words, words[1:]):
        lead = before.lower() in ("then", "and", "so", "also", "just")
        out += (r"\s+(?:(?:i|we|I|We)\s+)?" if lead else r"\s+") + _said_as(word)
    return out


def _said_as(word: str) -> str:
    """A pattern of `word` as the description may say it: its digits grouped by commas or not ('4000', '4,000'); 'the'
    as the 'each' or 'every' a clause's rewriting replaced ('emails each customer' read as 'email the customer')."""
    if word == "the":
        return r"(?:the|each|every)"
    return re.sub(r"(?<=\d)(?=\d)", ",?", re.escape(word))


# what a clause names that its rewriting keeps: an e-mail address, a link, a channel
_NAMED_TOKEN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://[^\s,;)]+|(?<![\w&])#[\w-]+")
# 'the first person on the sheet', 'the top name on the waitlist', 'whoever is at the top of the rota': one person,
# the first of a list read (not each of them)
_FIRST_LISTED = re.compile(
    r"\b(?:the\s+(?:first|top|next|1st)\s+(?:[\w-]+\s+)?(?:person|people|one|name|entry|row|contact|member|"
    r"customer|client|guest|student|volunteer|applicant|candidate|subscriber|attendee|in\s+line)\s+(?:on|in|of|from|at)\b|"
    r"(?:whoever|whoever['’]s|the\s+(?:person|one|name))\s+(?:is\s+|comes\s+|sits\s+)?(?:at\s+the\s+top|first)\s+(?:of|on|in)\b)",
    re.I,
)
_PLACEHOLDER = re.compile(r"\{\{[A-Z0-9_]+\}\}")  # a value the user still has to give ('{{GOOGLE_SHEET_ID}}')


# '… which then lands in my inbox', 'complaints usually end up in our inbox': mail told as arriving, no read asked
_ARRIVES = re.compile(
    r"\b(?:lands?|landed|ends?\s+up|ended\s+up|arrives?|arrived|comes?\s+(?:in|into|to)|came\s+(?:in|into|to)|"
    r"pours?\s+in(?:to)?|fills?|clogs?)\s+(?:in|into|to|up)?\s*(?:my|our|the|his|her|their)\s+(?:[\w-]+\s+)?"
    r"(?:inbox|mailbox)\b",
    re.I,
)


def _arrivals_told(steps: list[Step], description: str, context: list[tuple[int, int]]) -> list[Step]:
    """A mail read from a sentence of the context that only tells mail arrives ('… a row on the street's Facebook
    group, which then lands in my inbox', 'Complaints usually land in my inbox.') is no step when the request reads
    other things and never speaks of mail: the story of how the trouble reaches the writer, not the run's source."""
    asked = list(description)
    for a, b in context:
        asked[a:b] = " " * (b - a)
    request = "".join(asked)
    if re.search(r"\b(?:e-?mails?|mails?|inbox|mailbox|gmail|outlook)\b", request, re.I):
        return steps

    def told_arrival(s: Step) -> bool:
        return (
            s.kind == "source"
            and s.type in ("gmail", "outlook")
            and _within(_span_of(s, description), context)
            and bool(_ARRIVES.search(s.text))
            and not re.search(r"\b(?:" + READ_VERBS + r")(?:s|es|ed|ing)?\b", s.text, re.I)
        )

    if not any(told_arrival(s) for s in steps) or not any(
        s.kind == "source" and not told_arrival(s) for s in _flat(steps)
    ):
        return steps
    return [s for s in steps if not told_arrival(s)]


def _read_where_asked(steps: list[Step], description: str, context: list[tuple[int, int]]) -> list[Step]:
    """A read the context tells of that the request reads again is made once, where the request says: the same
    service and everything the context's read names (a count aside) — 'Our whole event inventory lives in Airtable.
    … could you export all the records from the "Inventory" table' —, or the same service when the context's read
    names no address, link, channel or quoted thing of its own — "We've had two small PR fires this year that
    started on X. Could you search X for …", 'Her Outlook inbox gets 300 emails a day. … read her new Outlook
    emails' (a read the context names a thing of is another read)."""
    asked = [s for s in steps if s.kind == "source" and not _within(_span_of(s, description), context)]

    def same(told: Step, read: Step) -> bool:
        return read.type == told.type and all(
            read.values.get(k) == v or v.isdigit() for k, v in told.values.items()
        )

    def unnamed_again(told: Step) -> bool:
        return (
            any((r.type, r.integration) == (told.type, told.integration) for r in asked)
            and not _NAMED_TOKEN.search(told.text)
            and not re.search(r"[\"“'‘][^\"”'’]{2,}[\"”'’]", told.text)
        )

    return [
        s
        for s in steps
        if not (
            s.kind == "source"
            and _within(_span_of(s, description), context)
            and (any(same(s, r) for r in asked) or unnamed_again(s))
        )
    ]


def _keyed_reads(steps: list[Step]) -> list[Step]:
    """'pull the Jira issues in project OPS … and add the label 'late' to them': each issue is changed by a request on
    its key, which JUL25's Jira read does not return; the issues are read by the request that does (lexicon.json
    records_changed `api` … `read`), in the same project."""
    out = list(steps)
    rules = lexicon()["records_changed"]["api"]
    for at, loop in enumerate(steps):
        if loop.kind != "loop" or at == 0:
            continue
        read = steps[at - 1]
        entry = rules.get(read.type, {}).get("read")
        changes = [s for s in _flat(loop.body) if s.kind == "action" and s.type == "api" and s.integration]
        if (
            read.kind != "source"
            or entry is None
            or not changes
            or any(lexicon()["integrations"].get(s.integration, {}).get("type") != read.type for s in changes)
        ):
            continue
        project = str(next((read.values[k] for k in entry["project"] if read.values.get(k)), ""))
        if not project or "{{" in project:
            continue
        values = {
            "method": "GET",
            "url": entry["url"].replace("{project}", project),
            "headers": json.dumps(
                [{"id": "h-authorization", "cells": {"Key": "Authorization", "Value": entry["auth"]}}]
            ),
        }
        keyed = Step("source", "api", values, label=read.label, text=read.text, integration=read.integration)
        keyed.result, keyed.note = entry["result"], entry["note"]
        out[out.index(read)] = keyed
    return out


def _after_its_read(steps: list[Step]) -> list[Step]:
    """'Looking for … a Sim workflow that reviews our pull requests. When a PR is opened …, an AI reads the diff and
    leaves a review comment': the model's work the brief names first is done on what a later read fetches — a read of
    what its words name (the operation's objects, services.json) — so it runs after that read, not on the event."""
    out = list(steps)
    for step in steps:
        if step.kind != "process" or step.type != "agent" or not step.text:
            continue
        at = out.index(step)
        if any(s.kind in ("source", "action") for s in out[:at]):
            continue  # it already works on what was read
        low = step.text.lower()
        for j, read in enumerate(out[at + 1 :]):
            if read.kind != "source":
                break
            objects = services.operations().get(read.type, {}).get(read.values.get("operation", ""), {})
            if any(re.search(r"\b" + re.escape(o) + r"s?\b", low) for o in objects.get("objects") or []):
                out.insert(at + j + 1, out.pop(at))
                break
    return out


# 'Actually do the Airtable first, then the text.', 'put the Slack post first': the step the writer wants run before the
# other writes, named by its service
_SAID_FIRST = re.compile(
    r"\b(?:do|put|run|make|handle)\s+(?:the\s+)?(?P<a>[^,.;:\n]{1,40}?)\s+(?:step\s+|one\s+|part\s+|bit\s+)?first\b",
    re.I,
)


def _said_first(steps: list[Step], description: str) -> list[Step]:
    """The write the text says to do first ('do the Airtable first, then the text') moved before the other writes of
    the run's main line (reads stay where they are); nothing moves when the words name no single write there."""
    out = list(steps)
    for found in _SAID_FIRST.finditer(description):
        keys = {k for _, k in lx.integrations_in(found.group("a"))}
        if not keys:
            continue
        acts = [i for i, s in enumerate(out) if s.kind == "action"]
        named = [i for i in acts if out[i].integration in keys or out[i].type in keys]
        if len(named) != 1 or not acts or named[0] == acts[0]:
            continue
        out.insert(acts[0], out.pop(named[0]))
    return out


def _rows_others_keep(steps: list[Step], description: str, polled: bool = False) -> list[Step]:
    """'The lifeguards write water readings into a Google Sheet called 'Water Tests' … every two hours, check the
    latest row, and if the pH is …', 'Shift leads log delays in the MS Excel workbook 'Shift Log' … hourly check; if
    any row has …': the rows others keep in a place are what the run checks — a read of that place, not a write of
    the run's own, when the run reads nothing else (lexicon.json 'rows_checked', 'others_keep_rows'); on a
    schedule, so are the new ones it is to act on ("our Google Form dumps volunteers into the 'Volunteer Signups'
    sheet. … check every hour and email each new volunteer")."""
    rules = lexicon()["others_keep_rows"]
    # (on a schedule the rows others keep are what each run has to work on, whatever verb later uses them: 'members
    # log their WOD scores in the google sheet 'WOD Log'. every sunday … have the AI pick the top 3 and post em')
    checked = re.search(rules["checked"], description, re.I) or polled
    if any(s.kind == "source" for s in _flat(steps)) or not checked:
        return steps
    for i, step in enumerate(steps):
        kept = re.match(rules["clause"], step.text or "", re.I)
        if step.kind != "action" or step.type not in rules["stores"] or kept is None:
            continue
        if re.match(r"(?:i|we|you|it|they|he|she|this|that)\b", kept.group("who"), re.I):
            continue  # ('we log …', 'it logs …': the run's own write, or the user's)
        read = [
            s
            for s in read_clause(f"read the rows in {kept.group('place')}", description, {})
            if s.kind == "source"
        ]
        if len(read) != 1 or read[0].type != step.type:
            continue
        read[0].text = step.text
        read[0].note = f"'{step.text.strip()}' tells who keeps the rows: the run reads them there"
        return [read[0], *steps[:i], *steps[i + 1 :]]
    return steps


def _place_named(step: Step) -> tuple[str, ...]:
    """The names a step's id fields hold ('This Week's Catch' of a sheet, 'Waitlist' of a table), none of an
    environment variable: what tells that two steps work in the same place."""
    return tuple(
        sorted(
            str(v).strip().lower()
            for k, v in step.values.items()
            if k.lower().endswith("id") and str(v).strip() and "{{" not in str(v)
        )
    )


def _kept_then_read(steps: list[Step]) -> list[Step]:
    """ "I write the catch into a Google Sheet called 'This Week's Catch' as the boats come in. … Every Friday at 07:00,
    read 'This Week's Catch', …": on a schedule, a write to a store (lexicon.json 'others_keep_rows' stores) that opens
    the run with nothing read before it, in the place a later step of the run reads, tells where the data is kept —
    it is the place's read, not a write of the run's."""
    stores = lexicon()["others_keep_rows"]["stores"]
    out = list(steps)
    for i, step in enumerate(steps):
        if step.kind != "action":
            break
        place = _place_named(step)
        if (
            step.type in stores
            and place
            and any(
                s.kind == "source" and s.type == step.type and _place_named(s) == place
                for s in steps[i + 1 :]
            )
        ):
            out = [s for s in out if s is not step]
    return out


def _tool_told(steps: list[Step]) -> list[Step]:
    """'… and text each owner a reminder. I use Twilio for it.': a sentence that only names the service another step
    works in (lexicon.json 'tools_told') makes no step of its own."""
    every = _flat(steps)
    return [
        s
        for s in steps
        if not (
            s.kind in ("source", "action")
            and s.text
            and re.match(lexicon()["tools_told"], s.text.strip(), re.I)
            and any(o is not s and o.type == s.type for o in every)
        )
    ]


def _web_search_types() -> set[str]:
    """The block types of the web search engines (lexicon.json 'search')."""
    return {e["type"] for k, e in lexicon()["search"].items() if not k.startswith("_")}


def _one_search(steps: list[Step]) -> list[Step]:
    """'## Goal: keep the team up to date on news about 'solid-state batteries' … 1. Search the news with Tavily for
    articles from the past week': a web search (lexicon.json 'search') the text says twice — its topic alone first,
    then as a step that searches that topic — is made once, where the step says it (the engine and words it chose)."""
    engines = _web_search_types()

    def topic(step: Step) -> str:
        found = (
            step.values.get(step.query or "", "") if step.kind == "source" and step.type in engines else ""
        )
        return "" if not isinstance(found, str) or found.startswith("{") else found.strip().lower()

    return [
        s
        for i, s in enumerate(steps)
        if not (
            topic(s)
            and any(topic(later) != topic(s) and topic(s) in topic(later) for later in steps[i + 1 :])
        )
    ]


def _as_form_says(steps: list[Step], description: str) -> list[Step]:
    """`steps` as a form's fields (forms.py) say: no write or processing made from its tool list alone, nor a read of
    a service the steps read again; the one search or mail service the tool list names used by a step that names
    none; a step made from its notify field alone only when no other step writes to that service (whose missing
    destination it gives)."""
    listed, notified = forms.tool_lines(description), forms.notify_lines(description)
    accepted = forms.acceptance_lines(description)
    if not (listed or notified or accepted):
        return steps

    def said_in(step: Step, spans: list[tuple[int, int]]) -> bool:
        parts = [p for p in (step.text or "").split(" + ") if p.strip()]
        return bool(parts) and all(
            _within(_span_of(Step(step.kind, text=p), description), spans) for p in parts
        )

    def outside(step: Step) -> bool:
        return not said_in(step, listed) and not said_in(step, notified) and not said_in(step, accepted)

    flat = _flat(steps)
    read = {(s.type, s.integration) for s in flat if s.kind == "source" and outside(s)}
    written = [s for s in flat if s.kind == "action" and outside(s)]

    done = [s for s in flat if outside(s)]

    def dropped(step: Step) -> bool:
        if said_in(step, accepted) and (
            # 'Acceptance criteria: a Monday run creates the Notion page', 'Example: … Sarah gets an email': the step
            # asked for elsewhere, restated (one named there alone still counts)
            (step.kind == "action" and any(s.kind == "action" and s.type == step.type for s in done))
            or (step.kind == "source" and any(s.type == step.type for s in done))
            or (step.kind == "process" and any(s.kind == "process" for s in done))
        ):
            return True
        if step.kind in ("action", "process") and said_in(step, listed):
            return True  # 'Tools: Jira, Twilio SMS, Slack': no issue opened, no text sent
        if step.kind == "source" and said_in(step, listed) and (step.type, step.integration) in read:
            return True  # 'Tools: Stripe (their API …)' beside 'fetch last month's charges from Stripe'
        if step.kind == "action" and said_in(step, notified):
            same = next((s for s in written if s.type == step.type), None)
            # ('Notify: #ops-leads' beside 'post the list in #ops': a place of its own is asked for)
            places = {
                k: v for k, v in step.values.items() if k in forms.destinations() and v and "{" not in v
            }
            elsewhere = same is not None and all(
                s.values.get(k) != v for s in written if s.type == step.type for k, v in places.items()
            )
            if same is not None and not (places and elsewhere):
                # 'Notify: #big-orders' beside 'post it in #big-orders', 'Notify: the discord channel'
                for key, value in step.values.items():
                    if not same.values.get(key) or "{{" in same.values[key] and "{{" not in value:
                        same.values[key] = value
                return True
        return False

    def kept(steps: list[Step]) -> list[Step]:
        out = []
        for step in steps:
            if dropped(step):
                continue
            step.body = kept(step.body)
            step.branches = [(k, kept(b)) for k, b in step.branches]
            if (
                step.kind in ("condition", "loop")
                and (said_in(step, listed) or said_in(step, accepted))
                and not _flat(step.body + [s for _, b in step.branches for s in b])
            ):
                continue
            out.append(step)
        return out

    out = kept(steps)
    if not any(s.kind in ("action", "process", "source") for s in _flat(out)):
        return steps  # a form whose tool list is all it says
    for step in _flat(out):
        _chosen_service(step, description)
    return out


def _chosen_service(step: Step, description: str) -> None:
    """A web search or an e-mail whose clause names no service, made with the one of its kind a form's tool list
    names ('Systems: Tavily (news search)', 'Apps used: Outlook'): the same operation of that service."""
    searches = {k: e for k, e in lexicon()["search"].items() if not k.startswith("_")}
    if step.integration in searches and (
        not lx.named_search_engine(step.text or "") or forms.generic(step.integration or "")
    ):
        pick = forms.chosen(description, "search")
        if pick and pick != step.integration:
            old, new = searches[step.integration], searches[pick]
            query = step.values.get(old["query"], "")
            step.type, step.integration, step.query = new["type"], pick, new["query"]
            step.values = {**new["values"], new["query"]: query}
        return
    mail = lexicon()["integrations"]
    names = forms.choices("mail")
    if step.integration in names and not any(
        lx.phrase_at((step.text or "").lower(), w) >= 0 for w in names[step.integration]
    ):
        pick = forms.chosen(description, "mail")
        if not pick or pick == step.integration:
            return
        old, new = mail[step.integration], mail[pick]
        use = next(
            (
                u
                for u in ("write", "draft", "read")
                if old.get(u, {}).get("operation") == step.values.get("operation")
            ),
            None,
        )
        if use is None or use not in new:
            return
        values = {k: v for k, v in step.values.items() if k not in old[use].get("values", {})}
        step.values = {**values, **new[use].get("values", {}), "operation": new[use]["operation"]}
        step.type, step.integration = new["type"], pick


def _untold(steps: list[Step], description: str, context: list[tuple[int, int]]) -> list[Step]:
    """`steps` without those read from context, inside loops and tests too ('… send each home coach an SMS. We have
    a Twilio account already because …': the told sentence's SMS is no second step of the loop); a fan left with one
    branch is that branch's steps. (A copy: the steps given stay as they were.)"""
    kept: list[Step] = []
    for step in steps:
        if (
            step.kind == "condition"
            and step.branches
            and not any(branch for _, branch in step.branches[1:])
            and _told_before_ask(step, description, context)
        ):
            # ('… a yurt that leaks when it rains sideways. … So what I'd love: every day at 15:00 …': a test told in
            # the background before the sentence that names the ask is no test; what the reading put under it is
            # judged on its own)
            kept += _untold(step.branches[0][1], description, context)
            continue
        if (
            step.kind == "source"
            and step.type in _web_search_types()
            and not lx.integrations_in(step.text or "")
            and not lx.URL_RE.search(step.text or "")
            and _told_before_ask(step, description, context)
            and any(
                s.kind == "source" and not _told_before_ask(s, description, context) for s in _flat(steps)
            )
        ):
            # ('What eats my afternoons: every day I look up who is arriving, … So what I'd love: … read today's
            # arrivals from the 'arrivals' table …': a web look-up told before the ask, with no place of its own,
            # is how it is done today; the ask reads its own place)
            continue
        if _told(step, description, context):
            if step.kind == "loop" and any(s.kind == "loop" for s in step.body):
                # ('Checking the web for each one eats my Wednesdays. So every Wednesday, for each title in 'Wanted',
                # search …': the repetition a told sentence names wraps the one asked for, which stays)
                kept += _untold(step.body, description, context)
            elif step.kind == "loop":
                # (the reads a told routine holds stay where it stood: the ask may read what the routine does, and
                # a look-up with no place of its own drops out where the ask reads one)
                kept += _untold([s for s in step.body if s.kind == "source"], description, context)
            continue
        if step.kind == "fan":
            branches = [(k, _untold(b, description, context)) for k, b in step.branches]
            branches = [(k, b) for k, b in branches if b]
            if len(branches) == 1:
                kept += branches[0][1]
                continue
            step = dataclasses.replace(step, branches=branches or step.branches)
        elif step.body or step.branches:
            # (inside, only what a sentence tells drops out: 'We have a Twilio account already …', not the request
            # that context found by its place only — before the first sentence that opens as one — repeats)
            tell = [(a, b) for a, b in context if lx.tells(description[a:b].strip().lower(), ACTION_START)]
            body = _untold(step.body, description, tell)
            branches = [(k, _untold(b, description, tell)) for k, b in step.branches]
            if (step.body and not body) or (
                any(b for _, b in step.branches) and not any(b for _, b in branches)
            ):
                continue  # ('Ours: HR adds each new starter to …': a repeat of what the context tells, nothing else)
            # (a branch only the told sentence filled keeps its steps while another branch has its own)
            branches = [(k, b or old) for (k, b), (_, old) in zip(branches, step.branches)]
            if body != step.body or branches != step.branches:
                step = dataclasses.replace(step, body=body, branches=branches)
        kept.append(step)
    return kept


def _told_before_ask(step: Step, description: str, context: list[tuple[int, int]]) -> bool:
    """Whether a step was read from a context sentence that stands before the one naming the ask ('So what I'd
    love: …', 'To sum up: …'; lexicon.json context 'sums_up')."""
    span = _span_of(step, description)
    ask = lx.summed_up_at(description)
    if step.kind == "condition":
        # (a test's clause may be read with the sentences before it, 'Last season a guest showed up at -38 … So
        # here's the ask: …, and if it's going to be colder than -30°C, …': its own words say where it was told)
        said = description.lower().rfind((step.label or "").lower())
        return bool(step.label) and said >= 0 and any(a <= said < b <= ask for a, b in context)
    return any(_within(span, [c]) and c[1] <= ask for c in context)


def _unrestated(
    steps: list[Step], description: str, story: list[tuple[int, int]], trigger: Any
) -> list[Step]:
    """`steps` without what a user story or a ticket's title (`story` spans) asks and the lines below make again:
    its processing, its writes to a block the lines also write to, its writes to the service whose event starts the
    run ('I want failed GitHub Actions runs … to create a Jira bug': GitHub is the event, not a place written to),
    and tests or loops holding nothing else. A write the lines below never make stays, and so does the story's
    processing when they make no step of their own ('… crew availability … summarised every Thursday and posted to
    our WhatsApp group. Acceptance criteria: - Runs Thursdays …': the summary is asked only there)."""
    again = {
        s.type for s in _flat(steps) if s.kind == "action" and not _within(_span_of(s, description), story)
    }
    processed = any(
        s.kind in ("process", "action", "condition", "router", "loop")
        and not _within(_span_of(s, description), story)
        for s in _flat(steps)
    )
    provider = trigger.values.get("webhookProvider") if trigger.kind == "webhook" else None

    def restated(step: Step) -> bool:
        if not _within(_span_of(step, description), story):
            return False
        if step.kind in ("condition", "loop"):
            inner = [s for _, branch in step.branches for s in branch] + step.body
            return all(restated(s) for s in inner)
        return (
            step.kind == "process"
            and processed
            or step.kind == "action"
            and (step.type in again or step.type == provider)
        )

    kept: list[Step] = []
    for step in steps:
        if restated(step):
            continue
        if step.kind == "fan":
            branches = [(k, _unrestated(b, description, story, trigger)) for k, b in step.branches]
            branches = [(k, b) for k, b in branches if b]
            if len(branches) == 1:
                kept += branches[0][1]
                continue
            step.branches = branches or step.branches
        kept.append(step)
    return kept


def _told(step: Step, description: str, context: list[tuple[int, int]]) -> bool:
    """A write or processing step, or a test or a loop that holds nothing else, read from a context sentence."""
    if step.kind == "loop":
        # 'Right now I answer every message myself', 'We use IFTTT to tweet every new video': a habit the sentence
        # tells, not a repetition to build (a sentence taken for context that has a step of its own stays)
        span = _span_of(step, description)
        around = next((c for c in context if _within(span, [c])), None)
        return (
            bool(step.body)
            and around is not None
            and (
                # ('Every Monday I go through Stripe … OK so to sum up: …': the summary restates the routine)
                around[1] <= lx.summed_up_at(description)
                or lx.tells(description[around[0] : around[1]].strip().lower(), ACTION_START)
                or lx.asks_nothing(
                    description[around[0] : around[1]].strip().lower(),
                    ACTION_START,
                    # ('Every shop logs its orders in …' before a brief's ask: a habit, however it opens)
                    opened=not around[1] <= lx.brief_ask_at(description),
                )
            )
            # (a body rewritten from the sentence, 'the shop logs its orders …' from 'Every shop logs …', is found in
            # no other place: it is the sentence's)
            and all(
                _told(s, description, context)
                or _span_of(s, description)[0] < 0
                # ('What eats my mornings: every day I look up who has a lesson, then text each pupil …. So what
                # I'd love: …': a routine told before the ask that names it is told, whatever reads it holds and
                # whatever repetition the ask's words put under it)
                or (s.kind in ("source", "loop") and around[1] <= lx.summed_up_at(description))
                for s in step.body
            )
        )
    if step.kind == "condition":
        inner = [s for _, branch in step.branches for s in branch]
        return _within(_span_of(step, description), context) and all(
            _told(s, description, context) for s in inner
        )
    return step.kind in ("action", "process") and _within(_span_of(step, description), context)


# "have AI do that for every photo", 'do the same for each row': the work told before, asked again for each item
_DONE_FOR_EACH = re.compile(
    r"\b(?:do|does|doing)\s+(?:that|this|it|the\s+same|all\s+(?:of\s+)?(?:that|this))\s+(?:for|with|on|to)\s+"
    r"(?:every|each|all)\b",
    re.I,
)


def _done_for_each_again(steps: list[Step], description: str) -> list[Step]:
    """'I open the folder, look at each photo, write a description and add it to the table. I'd like to press a
    button and have AI do that for every photo': a loop whose only work is an AI step pointing back at the routine
    told before ('do that for every photo') is that routine's loop asked again, not a second loop; the routine's
    model work on the image it looks at is a vision step's."""
    loops = [s for s in steps if s.kind == "loop"]
    again = [
        s
        for s in loops[1:]
        if _DONE_FOR_EACH.search(s.text or "") and s.body and all(b.kind == "process" for b in s.body)
    ]
    if not again:
        return steps
    steps = [s for s in steps if not any(s is a for a in again)]
    first = loops[0]
    for i, step in enumerate(first.body):
        seeing = as_vision(step, first.text or "", description)
        if seeing is not None:
            first.body[i] = seeing
            break
    return steps


def _told_poster_read(step: Step, poster: str, spans: list[tuple[int, int]], description: str) -> bool:
    """Whether `step` is a read of the API of `poster` (the service that POSTs to the run's webhook) whose own clause
    holds the words that tell of the webhook: the event told, not a read to make."""
    if step.kind != "source" or step.type != "api" or step.integration != poster or not step.text:
        return False
    at = _span_of(step, description)[0]
    return at >= 0 and any(at <= a and b <= at + len(step.text) + 1 for a, b in spans)


def _within(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return span[0] >= 0 and any(a <= span[0] and span[1] <= b for a, b in spans)


# 'hubspot -> when a deal moves to closed-won …', 'jira: whenever a ticket changes to Blocked, …'
_EVENT_AFTER_ARROW = re.compile(
    r"\s*(?:->|→|=>|:)\s*(?P<ev>(?:when(?:ever)?|once|as\s+soon\s+as|each\s+time|every\s+time)\s+"
    r"(?:an?|the|one|it|someone|somebody|anyone|new)\b[^,;.:!?\n]{0,80})",
    re.I,
)


def _event_clause(text: str) -> str:
    """The event's own words, up to where its first step starts ('when a deal moves to closed-won add a row')."""
    verb = ACTION_START.search(text, text.find(" ", 5) + 1)
    while verb and re.search(r"\b(?:an?|the|to|its|their)\s+$", text[: verb.start()], re.I):
        verb = ACTION_START.search(text, verb.end())  # 'moves to review', 'a new post': not a step
    return text[: verb.start()] if verb else text


# 'When one arrives and …', 'Whenever a message comes in that …': the event again, a test joined to it
_EVENT_AGAIN = re.compile(
    r"(?:^|(?<=[.!?\n]))\s*(?:when(?:ever)?|each\s+time|every\s+time|as\s+soon\s+as)\s+"
    r"(?:an?|the|one|it|they|someone|somebody|anyone|new)\b[^,;.:]{0,60}?\b(?:and|that|which|whose)\b(?:[^,;:.!?\n]|\.(?=\S)){0,80}",
    re.I,
)


# 'HubSpot can send a webhook when a deal changes stage. So: when a deal moves to 'Closed Won', create …': the event
# named again in a later sentence, moving to a quoted state — the state the run is for
_EVENT_MOVES = re.compile(
    r"(?:^|(?<=[.!?\n:]))\s*(?:so,?\s+|then,?\s+)?(?:when(?:ever)?|once|each\s+time|every\s+time|as\s+soon\s+as)\s+"
    r"(?:an?|the|one|it|they)\b[^,;.:!?\n]{0,50}?\b(?:moves?|changes?|goes|is\s+moved|is\s+set|enters|passes)\s+"
    r"[^,;.:!?\n]{0,20}?\bto\s+(?:the\s+)?(?:(?:status|stage|state|phase|column)\s+)?"
    r"(?:\"[^\"\n]{1,40}\"|“[^”\n]{1,40}”|(?<!\w)'[^'\n]{1,40}'(?!\w))",
    re.I,
)


_WHEN_VALUE = re.compile(
    r"(?:^|(?<=[.!?\n]))\s*(?:when(?:ever)?|only\s+when)\s+(?:the\s+|its\s+)?[\w.'-]+(?:\s+[\w'-]+){0,2}?\s+"
    r"(?:is|==|=|equals|says|is\s+set\s+to)\s+(?P<q>\"[^\"\n]{1,40}\"|“[^”\n]{1,40}”|(?<!\w)'[^'\n]{1,40}'(?!\w))",
    re.I,
)


_QUOTED_VALUE = re.compile(r"\"[^\"\n]{1,40}\"|“[^”\n]{1,40}”|(?<!\w)'[^'\n]{1,40}'(?!\w)")


@lru_cache(maxsize=1)
def _joined_test() -> re.Pattern[str]:
    """A state joined to the event's own clause: '… and it's the first order', '… that only pages when the level is
    'fatal'', '… and if its negative' ("it's" typed without its apostrophe, before a state an agent judges)."""
    states = "|".join(re.escape(w) for w in lexicon()["judged_states"])
    return re.compile(
        r"\b(?:and|when|if|where|once)\s+(?P<t>(?:it['’]s|it\s+is|its(?=\s+(?:not\s+)?(?:" + states + r")\b)|"
        r"they['’]re|they\s+are|(?:the|its|their|his|her)\s+"
        r"(?:[\w'’-]+\s+){0,3}?(?:is|are|was|has|have|equals?|exceeds?|contains?|mentions?|comes?\s+from))\s"
        r"[^,;:.!?\n]{1,80}?)\s*$",
        re.I,
    )


# what is done whatever a test said: 'either way, …', 'in any case …', 'regardless, …'
_EITHER_WAY = re.compile(
    r"\b(?:either\s+way|in\s+(?:any|either|both)\s+cases?|regardless(?:\s+of\s+(?:that|the\s+\w+))?|no\s+matter\s+what|"
    r"whatever\s+(?:happens|it\s+is|the\s+\w+))\b",
    re.I,
)


# a sentence (or an aside in brackets) that says where the event comes from and nothing else: 'Shopify sends us
# an order webhook.', 'Our scoring service posts {email, score} to a webhook.', '(it posts JSON to a webhook URL)'
_ANNOUNCES = re.compile(
    r"(?:^|(?<=[.!?\n(]))\s*(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:(?:it|they|(?:[\w'’-]+\s+){0,5}?(?!(?:and|then|to)\b)[\w'’-]+)\s+"
    # ('(it sends us a webhook)' after its doer was read away: an aside in brackets needs none)
    r"|(?<=\(),?\s*)"
    r"(?:(?:shall|will|should|must|can|is\s+to)\s+)?"
    r"(?:sends?|posts?|calls?|fires?|hits?|pushes|delivers?|comes?\s+in|arrives?)\b[^.!?\n()]{0,80}?\bwebhooks?\b"
    # ("The Trust's Jira Cloud instance shall send a webhook to the Solution whenever an issue is created": the
    # sender of the run's event, and the event itself)
    r"(?:\s+(?:url|endpoint|to\s+(?:you|us|(?:the|our)\s+(?:solution|workflow|system|automation|tool|platform|sim|bot|"
    r"flow|endpoint|url))))?(?:\s+(?:whenever|when|each\s+time|every\s+time|as\s+soon\s+as)\b[^.!?\n()]{1,120})?"
    # ('Freshdesk can send a webhook for each new rating.': what each one brings, no step)
    r"(?P<each>\s+(?:for|with|on)\s+(?:each|every|any)\s+[^.!?\n()]{1,60})?\s*(?=[.!?\n)]|$)",
    re.I,
)


# the event's item as a sentence's subject, qualified, when only a bare webhook is said to start the run: 'any Linear
# issue marked Urgent in the 'Mobile' team should DM @dana', 'I need new conversations tagged 'bug' to become GitHub
# issues', 'every new Shopify order over $250 (Shopify posts to our webhook) should be added to …'
_ITEM_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?\n:])|\b(?:i|we)\s+(?:need|want|would\s+like|['’]d\s+like)\s+)\s*"
    r"(?P<subj>(?:(?:any|every|each|all)\s+(?:new\s+)?|new\s+)(?:[\w'’-]+\s+){0,3}?[\w-]+\s+"
    r"(?:tagged|labell?ed|marked|flagged|with|over|above|under|below|more\s+than|less\s+than)\s"
    r"[^,;.!?\n()]{1,60}?)"
    r"(?=\s*(?:\([^()\n]{0,80}\)\s*)?\s(?:should|must|will|needs?\s+to|has\s+to|is\s+to|to\s+(?:become|be|get)\b|"
    r"[a-z]+s\s+(?:@|#|the\b|an?\b|it\b|them\b|us\b|me\b)))",
    re.I,
)


def _item_subject(text: str, head: str) -> re.Match[str] | None:
    """The qualified item a sentence opens on (`_ITEM_SUBJECT`) when the run's own event clause (`head`) says no test
    of its own: its test is the event's, and it is the event, no step of its own."""
    if event_test(head, text) or lx.threshold_in(head):
        return None
    for found in _ITEM_SUBJECT.finditer(text):
        if event_test(found.group("subj"), text) or lx.threshold_in(found.group("subj")):
            return found
    return None


_BECOMES_AFTER = re.compile(
    r"\s*(?:should|must|needs?\s+to|has\s+to|will|is\s+to|to)?\s*(?:become|turn\s+into|be\s+turned\s+into|"
    r"be\s+(posted|sent|added|logged|forwarded|saved|copied)(?=\s+(?:to|in|into|as)\b))\s",
    re.I,
)
# a ticket's title: a first line opening with its tags ('[Automation]', '[Ops][P2]'), with lines after it


# a user story: 'As a <role>, I want … so that …' (one sentence)
_USER_STORY = re.compile(
    r"(?:^|(?<=\n))[ \t]*As\s+(?:an?|the|our|one\s+of\s+the)\s+[^\n.]{1,80}?\bI\s+(?:want|would\s+like|need|['’]d\s+like)\b[^\n]*?"
    r"(?:[.!?](?=\s|$)|(?=\n)|$)",
    re.I,
)
# where a ticket spells out its steps: 'Steps:', 'AC:', 'Acceptance criteria:', or a list of two items or more
_STEPS_SECTION = re.compile(
    r"(?:^|\n)[ \t]*(?:steps|ac|acceptance\s+criteria)\s*:|(?:^|\n)[ \t]*(?:[-*•]|\d+[.)])\s+\S[^\n]*\n[ \t]*(?:[-*•]|\d+[.)])\s",
    re.I,
)


def _blank(text: str, start: int, end: int) -> str:
    """`text` with its characters from `start` to `end` as spaces (the text keeps the description's positions)."""
    return text[:start] + " " * (end - start) + text[end:]


_BECOMES_VERB = {
    "posted": "post",
    "sent": "send",
    "added": "add",
    "logged": "log",
    "forwarded": "forward",
    "saved": "save",
    "copied": "copy",
}


def _one_per_run(text: str, trigger: Any, description: str = "") -> str:
    """'Guests message our WhatsApp number. Log every message in the 'Requests' table': with the service's event
    starting the run, each run brings one of what it sends (lexicon 'items'), so 'every message' is that message,
    not a list to read and repeat over (same length: the text keeps the description's positions). 'Our bug report
    form posts to a webhook. For each report, open a Jira ticket': a noun of the event's own words, said in the
    singular there and nowhere in the plural, is the one thing each run brings too."""
    provider = trigger.values.get("webhookProvider") if trigger.kind == "webhook" else None
    items = list(lexicon()["webhook_providers"].get(provider or "", {}).get("items", []))
    if trigger.kind == "webhook":
        # (the sentence the event is told in, up to its end: 'Our bug report form posts to a webhook'; not what the
        # run fetches after it, 'get the attendee list from api.zoom.us and for each attendee …')
        said = " ".join(
            re.split(r"[.!?\n]", description[:a])[-1] + description[a:b] for a, b in trigger.spans
        )
        items += [
            w
            for w in dict.fromkeys(re.findall(r"[a-z]{3,}", said.lower()))
            if not re.search(rf"\b{w}(?:s|es)\b|\b{w}\s+(?:list|items|rows|lines)\b", description, re.I)
        ]
    one = (
        _CALLED_WITH_ONE.search(description)
        if trigger.kind == "manual" and called_by_api(description)
        else None
    )
    if one:
        # 'a registration page that calls this workflow's API with the donor's details. … For each registration:
        # …': each call brings one of what its sentence names, whatever the background says of them in the plural
        said = re.split(r"[.!?\n]", description[: one.start()])[-1] + one.group(0)
        items += [
            w
            for w in dict.fromkeys(re.findall(r"[a-z]{3,}", said.lower()))
            if w not in ("the", "with", "api")
        ]
    if not items:
        return text
    each = re.compile(
        r"\b(?:every|each)(\s+(?:new\s+|incoming\s+|single\s+)?(?:"
        + "|".join(map(re.escape, items))
        + r")\b)(?!s)",
        re.I,
    )
    return each.sub(lambda m: "the" + " " * (len(m.group(0)) - len(m.group(1)) - 3) + m.group(1), text)


# '… calls this workflow's API with the donor's details', 'posts to our API with one applicant': a call that brings one
_CALLED_WITH_ONE = re.compile(
    r"\bAPI\b[^.!?\n]{0,40}?\bwith\s+(?:the|a|an|one)\s+"
    # (not 'with a JSON list of the day's bookings': a call that brings many, each one repeated over)
    r"(?!(?:json\s+|csv\s+|whole\s+|full\s+)?(?:list|array|batch|set|bunch|collection|payload\s+of)\b)"
    r"[a-z][\w-]*(?:['’]s\s+(?:details|data|info|information|"
    r"fields|answers|name|form)|\b)",
    re.I,
)
# a verb that sends to a person, right before a trigger's span ('text every new Calendly invitee a link')
_SENT_TO_AFTER = re.compile(
    r"\b(?:e-?mail|text|message|send|mail|forward|give)(?:s|es)?\s+(?:(?:the|a|an|our|my)\s+)?(?:[\w'-]+\s+){0,4}?to\s+$",
    re.I,
)
_SENT_TO_BEFORE = re.compile(r"\b(?:e-?mail|text|message|sms|dm|whatsapp|send|ping|mail)(?:s|es)?\s+$", re.I)


def _back_to_event(text: str, trigger: Any) -> str:
    """'airtable new record / translate the notes field / write it back to the same record': with a service's event
    starting the run and no other service named, a write back to 'the same record' goes to the service the event
    came from (its items, lexicon 'items'), as it goes to the service a list was read from."""
    from lib.generation.steps import _placed_back

    provider = trigger.values.get("webhookProvider") if trigger.kind == "webhook" else None
    items = lexicon()["webhook_providers"].get(provider or "", {}).get("items", [])
    if "message" in items:
        # 'Translate each new Telegram message in our group into English and repost it there': a message posted
        # 'there' or 'back' goes to the chat the event came from
        home = next((k for _, k in lx.integrations_in(provider or "")), None)
        for part in clauses(text):
            if _POSTED_BACK.search(part) and not lx.integrations_in(part) and home:
                text = text.replace(
                    part, f"{part.rstrip(' ,;.')} in {lexicon()['integrations'][home]['phrases'][0]}", 1
                )
        return text
    if "record" not in items or any(k != provider for _, k in lx.integrations_in(text)):
        return text
    return _placed_back(text, provider)


_POSTED_BACK = re.compile(
    r"\b(?:re-?)?(?:post|send|share|reply|answer|forward|drop|put|write)\w*\b[^,;.\n]{0,40}?\b(?:back|there)\b",
    re.I,
)


# 'a flow that fires on the Shopify order-created webhook', 'something on the Sentry issue-alert webhook': the words
# before 'webhook' name the event (a list to fetch they are not)
_HOOK_NAMED = re.compile(
    r"\b(?:(?:fires?|fired|runs?|triggers?|triggered|starts?|kicks?\s+off|listens?|reacts?|flow|workflow|"
    r"automation|something|one|zap)\s+)(?:on|off|from|for|to|with|by)\s+(?:the|a|an|our|each|every|any)\s+"
    r"(?:[\w./'’-]+\s+){0,3}$",
    re.I,
)


def _named_hook(description: str, start: int, end: int) -> tuple[int, int]:
    """A trigger span that starts at the word 'webhook', widened back over the event it names."""
    if not description[start:end].lower().startswith("webhook"):
        return start, end
    named = _HOOK_NAMED.search(description[:start])
    return (named.start(), end) if named else (start, end)


def _whole_quote(description: str, start: int, end: int) -> tuple[int, int]:
    """A trigger span that stops inside a quoted value ('a DM that begins with 'idea:' …' cut at the colon),
    read on to the closing quote: the value is what the event is tested for."""
    if not re.search(r"(?<!\w)['\"“][^'\"”\n]{0,40}$", description[start:end]):
        return start, end
    close = re.match(r"[^'\"”\n]{0,40}?['\"”](?!\w)", description[end:])
    return (start, end + close.end()) if close else (start, end)


def _denies_test(text: str, test: Step) -> bool:
    """Whether a clause opens by denying the test before ('if not, …', 'if the label is anything else, …'); not
    'otherwise, if X, …', a test of its own."""
    return bool(re.match(r"\s*if\b", text, re.I)) and implied_else(text, test) is not None


def _cannot(message: str, **detail: Any) -> CannotPlan:
    """An honest 'cannot' about the description (422 `cannot_plan`), with why in its details."""
    return CannotPlan(message, field="body.description", details=[detail])


# words left untranslated in clauses no block came from, from which on a translated text is refused
_UNREAD_IN_UNUSED = 2


def _tests_only(steps: list[Step]) -> bool:
    """Whether `steps` are only tests guarding no step ('Loads with a rate under $800 are not posted' alone)."""
    return bool(steps) and all(
        s.kind == "condition" and not any(branch for _, branch in s.branches) for s in steps
    )


def _added_on_tests(steps: list[Step]) -> bool:
    """Whether `steps` are only tests whose side adds a step to what is asked elsewhere ('- If the `rush` field is
    true, also post a message to Slack #rush-jobs' under a story that asks for the Jira issue): a criterion that
    adds, not one that restates the story."""
    return bool(steps) and all(
        s.kind == "condition"
        and re.search(r"\b(?:also|as\s+well|in\s+addition|additionally)\b", s.text or "", re.I)
        for s in steps
    )


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each span blanked (every position stays)."""
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def _unread_note(unread: list[str]) -> str:
    """'could not read 'eingeht', 'Zahlung' …': what the phrase table left untranslated, for the message."""
    words = list(dict.fromkeys(unread))
    if not words:
        return "could not read all of it"
    more = " …" if len(words) > 8 else ""
    return "could not read " + ", ".join(f"'{w}'" for w in words[:8]) + more


# what says a run is given something: 'manual start with', 'run the workflow by hand with', 'the API with'
# ('I'd like to run a workflow by hand with …', 'I want to start it myself with …')
_DECLARED_LEAD = (
    r"\b(?:(?:manual(?:ly)?|by hand)\s+(?:start|run|trigger)|(?:start|run|trigger|kick)\s+"
    r"(?:(?:it|this|this one|that|(?:a|the|this|my|our)\s+(?:workflow|flow|automation))\s+)?(?:off\s+)?"
    r"(?:manually|by hand|myself|ourselves)|"
    # ('the website backend will call our workflow through the API with the lead's name and email')
    r"(?:takes?|receives?|accepts?|is given|gets)|inputs?|form|(?:call|hit|ping)(?:s|ed)?(?:\s+it)?(?=\s+with\b)|"
    r"(?:through|via|over)\s+(?:the|its|our)\s+api)\s+(?:with|of|:)?\s*(?:the\s+|an?\s+|their\s+|each\s+(?:new\s+)?)?"
)
# 'run a workflow by hand with the booking (name, email, address, requested time, price)': the fields in brackets
# after the record's noun (a list in brackets needs no 'and')
_DECLARED_BRACKETED = re.compile(
    _DECLARED_LEAD
    + r"(?:[a-z][\w-]*\s+){1,4}\((?P<list>[a-z][a-z _-]{1,30}(?:,\s*[a-z][a-z _-]{1,30}){1,12})\)",
    re.I,
)
_DECLARED = re.compile(
    _DECLARED_LEAD + r"(?:[a-z][\w-]*(?:\s+[a-z][\w-]*)?'s\s+)?"
    # ('the project's name and the client's email': an item may name whose it is)
    r"(?P<list>[a-z][a-z -]{1,30}?(?:,\s*(?:an?\s+|the\s+)?(?:[a-z][\w-]*'s\s+)?[a-z][a-z -]{1,30}?)*,?\s+(?:and|&|\+)\s+"
    r"(?:an?\s+|the\s+)?(?:[a-z][\w-]*'s\s+)?[a-z][a-z -]{1,30}?)"
    # (the list ends where the next clause starts: 'takes the name, email and event date, adds a row …', or the line)
    r"(?=\s*(?:[.;:),]|\d\)|$)|[^\S\n]*\n|\s+(?:and|then|to|into|in|for|from|on|so|that|which)\s)",
    re.I,
)


# a field's key as a caller sends it: 'employee_email', '`pdf_url`', 'unit'
_KEY = r"`?[a-z][a-z0-9]*(?:_[a-z0-9]+)*`?"
# 'API call with fields unit, description, tenant_email', '(fields: counterparty, contact_email, pdf_url)': the keys
# a call or form brings, listed after 'fields'; in the trigger's own clause also bare in parentheses ('API call from
# our returns form (order_id, reason, customer_email)')
_KEYS_LISTED = re.compile(
    r"\b(?:fields?|keys|params|parameters|properties)\s*(?:[:=]\s*|\s)(?P<list>"
    + _KEY
    + r"(?:\s*,\s*(?:and\s+)?"
    + _KEY
    + r"|\s+and\s+"
    + _KEY
    + r")+)(?![\w-])"
)
_KEYS_BARE = re.compile(r"\((?P<list>" + _KEY + r"(?:\s*,\s*" + _KEY + r")+)\)")
# '… calls a Sim API endpoint on every signup with {name, email, company_domain}': the keys written as the call's
# JSON object, wherever the text says it
_KEYS_BRACED = re.compile(r"\{\s*(?P<list>" + _KEY + r"(?:\s*,\s*" + _KEY + r")+)\s*\}")


def _declared_inputs(description: str, head: str = "") -> list[str]:
    """'manual start with the new hire's name, email and start date' → ['name', 'email', 'start_date']:
    the fields a run started by hand is given, when the text lists them (two or more, one an address or a
    number to reach someone — otherwise the one free-text input is enough). The trigger's own clause (`head`)
    may list the keys a call brings ('Trigger: API call with fields unit, description, tenant_email')."""
    keys = _KEYS_LISTED.search(head) or _KEYS_BARE.search(head) or _KEYS_BRACED.search(description)
    # ('an api i can call w/ a dogs name, owner phone + vaccine date'): shorthand for 'with' and 'and'
    plain = re.sub(r"\s+[+&]\s+", " and ", re.sub(r"\bw/\s*", "with ", description))
    found = keys or _DECLARED_BRACKETED.search(plain) or _DECLARED.search(plain)
    if found is None:
        return []
    parts = re.split(r",\s*(?:and\s+)?|\s+(?:and|&|\+)\s+", found.group("list").replace("`", ""))
    names = [
        re.sub(r"\W+", "_", re.sub(r"^(?:an?|the)\s+", "", p.strip().lower()).replace("'s ", " "))
        .strip("_")
        .replace("e_mail", "email")
        for p in parts
        if p.strip()
    ]
    if len(names) < 2 or any(len(n.split("_")) > 3 for n in names):
        return []
    return names if any(re.search(r"email|phone|mobile", n) for n in names) else []


def _field_of(step: Step, need: str) -> str:
    """The field a note of what to fill in is about: the one whose value it quotes ('replace 'Orders' by …',
    '… as GOOGLE_SHEET_ID'), named as the basic field a 'manual…' value fills; an HTTP request's URL otherwise."""
    from lib.sim.registry import get_block

    if step.type == "api":
        return "url"
    spec = get_block(step.type)
    for key, value in step.values.items():
        if value and (f"'{value}'" in need or (value.startswith("{{") and value.strip("{}") in need)):
            twin = key[6:7].lower() + key[7:] if key.startswith("manual") else key
            return twin if spec is not None and spec.sub_block(twin) is not None else key
    return ""


def _one_off(steps: list[Step]) -> bool:
    """Whether the steps only make an answer: processing by the model, and at most a message whose channel
    the text never named ('remind me …' → an e-mail the planner assumed) — nothing read or repeated; a test
    ('… over 25 years') with nothing upstream to test holds only such steps."""
    return all(
        s.kind == "process"
        or (s.kind == "action" and s.unnamed)
        or (s.kind == "condition" and all(_one_off(branch) for _, branch in s.branches))
        for s in steps
    )


# 'right now', 'currently', 'whether I should buy', 'I need it for an invoice today': the answer is wanted once, at
# the moment of asking (not 'today's orders', what a run reads)
_NOW = re.compile(
    r"\b(?:right now|just now|currently|current|at the moment|at this moment|as of now)\b|\b(?:if|whether) (?:i|we) should\b"
    r"|\b(?:today|tonight|tomorrow|this\s+(?:morning|afternoon|evening))\b(?!['’]s)",
    re.I,
)


def _answer_now(description: str, steps: list[Step]) -> bool:
    """A look-up told back now ('Check how many unread emails are in my Gmail right now and tell me the count'):
    what is read, processed and told to the user on a channel the text never named, with a word for 'now' and
    nothing built for reuse."""
    told = [s for s in _flat(steps) if s.kind == "action"]
    if not told and all(s.kind == "source" for s in _flat(steps)):
        # 'I need the Q3 numbers from our finance sheet right now, can you read them out?': only a read, nothing
        # sent or stored, wanted now and asked of the assistant
        return (
            _NOW.search(description) is not None
            and re.search(r"\b(?:can|could|would|will)\s+(?:you|u)\b", description, re.I) is not None
            and re.search(lexicon()["not_a_workflow"]["run_input"], description, re.I) is None
        )
    return (
        bool(told)
        and all(s.unnamed for s in told)
        and _NOW.search(description) is not None
        and not lx.has_build_cue(description)
        and re.search(lexicon()["not_a_workflow"]["run_input"], description, re.I) is None
    )


# the parts of an API's host that name no service ('api.zoom.us', 'www.example.com')
_HOST_WORDS = ("api", "www", "app", "rest", "v1", "v2", "v3", "com", "co", "io")


def _carry_links(description: str, steps: list[Step]) -> None:
    """'… we want to send them an email with a link to forms.tally.so/churn. Email the customer from the event.':
    a link the user gave for a message, in a sentence that made no step (or made the trigger), goes into the one
    message the workflow sends."""
    messages = [
        s for s in _flat(steps) if s.kind == "action" and any("{prev_text}" in v for v in s.values.values())
    ]
    # ('a chat bot that answers from our knowledge base, and … it just gives them the link x.com/book': with nothing
    # sent anywhere, the one agent's answer is the message — the link goes into its instructions)
    agents = [
        s for s in _flat(steps) if s.kind == "process" and s.type == "agent" and "systemPrompt" in s.values
    ]
    answer = not messages and not any(s.kind == "action" for s in _flat(steps)) and len(agents) == 1
    if len(messages) != 1 and not answer:
        return
    said = " ".join(v for s in _flat(steps) for v in s.values.values())
    links = [
        link
        for sentence in sentences(description)
        for link in shared_links(sentence)
        if link.split("://")[-1] not in said
    ]
    if not links:
        return
    carried = dict.fromkeys(link if "://" in link else "https://" + link for link in links)
    if answer:
        agents[0].values["systemPrompt"] += " When it helps, give them this link: " + ", ".join(carried)
        return
    message = messages[0]
    key = next(k for k, v in message.values.items() if "{prev_text}" in v)
    message.values[key] += "\n\n" + "\n".join(
        dict.fromkeys(link if "://" in link else "https://" + link for link in links)
    )


def _flat(steps: list[Step]) -> list[Step]:
    """Every step, inside loops and branches too."""
    out: list[Step] = []
    for s in steps:
        out.append(s)
        out += _flat(s.body)
        for _, branch in s.branches:
            out += _flat(branch)
    return out


def _acts(steps: list[Step], chosen: bool = False) -> bool:
    """Whether any step (inside branches and loops too) sends or stores something; with `chosen`, only
    where the text names a channel ('tell me a joke' asks for an answer, not for an e-mail)."""
    return any(
        (s.kind == "action" and not (chosen and s.unnamed))
        or _acts(s.body, chosen)
        or any(_acts(branch, chosen) for _, branch in s.branches)
        for s in steps
    )


@lru_cache(maxsize=1024)
def language_of(description: str) -> str | None:
    """'French', 'German', 'Dutch', 'Polish'… when the description is mostly that language's little words
    (`lexicon.json` `languages`); 'Japanese', 'Russian'… when most of its letters are another script's
    (`language_scripts`, first match in order: kana before the Han characters Japanese shares with Chinese)."""
    letters = re.findall(r"[^\W\d_]", description)
    other = sum(ord(c) > 0x24F for c in letters)  # beyond the Latin alphabets
    if other >= 4 and 2 * other >= len(letters):
        for lang, script in lexicon()["language_scripts"].items():
            if re.search(script, description):
                return str(lang)
    # 'e-mail', 'e-post' are one word (not Italian or Portuguese 'e')
    words = re.findall(r"[^\W\d_]+", re.sub(r"\b[eE]-(?=mail|post)", "e", description).lower())
    counts = {lang: sum(w in set(vocab) for w in words) for lang, vocab in lexicon()["languages"].items()}
    english = counts.pop("English", 0)
    lang, best = max(counts.items(), key=lambda kv: kv[1]) if counts else (None, 0)
    return lang if best >= 3 and best > english else None


def unused_clauses(text: str, used: list[str]) -> list[str]:
    """Clauses of the (trigger-blanked) text none of whose content words went into a block."""
    stop = set(lexicon()["filler_words"]) | {
        "and",
        "then",
        "to",
        "in",
        "on",
        "with",
        "from",
        "by",
        "me",
        "also",
    }
    used_words = {w for u in used for w in re.findall(r"[\w#@.'-]+", u.lower())}
    out = []
    for sentence in sentences(text):
        for clause in clauses(sentence):
            content = [w for w in re.findall(r"[\w#@.'-]+", clause.lower()) if w not in stop]
            if re.search(
                r"\b(?:don'?t|do not|never|not|no|without|instead of|rather than|skip|except|avoid)\b",
                clause,
                re.I,
            ):
                continue  # a negation was applied (it removed an action), it made no block of its own
            if content and sum(w in used_words for w in content) * 2 < len(content):
                out.append(clause.strip())
    return out


# 'email the client (email col)', 'their parent (parent_email column)', 'from the 'Contact' field': the column of
# each item the user says holds the address (a single capital, 'column C', is a position, read elsewhere)
_NAMED_COLUMN = re.compile(
    r"\(\s*(?:in\s+|from\s+|see\s+)?(?:the\s+)?[\"'“‘]?([A-Za-z][\w.-]+)[\"'”’]?\s+(?:col|column|field)\s*\)"
    r"|\b(?:in|from|under)\s+(?:the|its|their|each\s+row'?s)\s+[\"'“‘]?([A-Za-z][\w.-]+)[\"'”’]?\s+(?:col|column|field)\b"
    r"|\(\s*(?:col|column|field)\s*:?\s*[\"'“‘]?([A-Za-z][\w.-]+)"
    # 'email the customer contact (customer_email)': a field as the data spells it, alone in brackets
    r"|\(\s*`?([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`?\s*\)"
    # 'send an SMS via Twilio to owner_phone': the field the message is sent to (steps.FIELD_ADDRESSED)
    r"|" + FIELD_ADDRESSED.pattern.replace("(?P<key>", "("),
)

# 'Their number's in the 'driver_mobile' column.', 'the email addresses live in the 'contact' field btw', '(the address
# is in the column 'Email Address')': where each item's address or number is kept, said anywhere in the description
_ADDRESS_SAID = re.compile(
    r"\b(?P<what>e-?mail(?:\s+address)?(?:es|s)?|(?:mobile\s+|phone\s+|cell\s+)?numbers?|phones?|mobiles?|addresse?s?)"
    r"(?:'s|\s+(?:is|are|live|lives|sit|sits|go|goes|can\s+be\s+found|are\s+kept|is\s+kept|are\s+stored|is\s+stored))\s+"
    r"(?:in|under)\s+(?:the\s+|their\s+|its\s+|a\s+)?"
    r"(?:(?:col|column|field)\s+(?:called\s+|named\s+)?[\"'“‘](?P<after>[^\"'”’\n]{1,40})[\"'”’]"
    r"|[\"'“‘](?P<quoted>[^\"'”’\n]{1,40})[\"'”’]\s+(?:col|column|field)\b"
    r"|(?P<bare>[A-Za-z][\w.-]*)\s+(?:col|column|field)\b)",
    re.I,
)


def _address_said(description: str, kind: str) -> str | None:
    """The field or column the description says each item keeps its e-mail address (kind 'email') or phone
    number (kind 'phone') in, when it says so ('Their number's in the 'driver_mobile' column.')."""
    for found in _ADDRESS_SAID.finditer(description):
        what = found.group("what").lower()
        said = "email" if "mail" in what or what.startswith("address") else "phone"
        if said == kind:
            return (found.group("after") or found.group("quoted") or found.group("bare")).strip()
    # ('attendance is in the Airtable table 'Attendance', with a parent_email field'): a field named for the address
    for found in _ADDRESS_FIELD_NAMED.finditer(description):
        if re.search(r"mail" if kind == "email" else r"phone|mobile|cell", found.group("field"), re.I):
            return found.group("field")
    return None


# 'with a parent_email field', 'the 'guardian_phone' column': a field as the data spells it, called a field or column
_ADDRESS_FIELD_NAMED = re.compile(
    r"\b(?:with\s+)?(?:a|an|the|their|its)\s+[\"'`\u201c\u2018]?(?P<field>[a-z][a-z0-9]*(?:_[a-z0-9]+)+)[\"'`\u201d\u2019]?"
    r"\s+(?:field|column|col)\b",
    re.I,
)


# 'their email is in the issue body', 'the customer's number is written in the message': the person's address sits
# inside a text of the event, not in a field of its own
_ADDRESS_WRITTEN = re.compile(
    r"\b(?:their|his|her|its|the\s+[\w-]+['’]s)\s+(?P<what>e-?mail(?:\s+address)?|address|(?:phone\s+|mobile\s+)?number|phone)"
    r"\s+(?:is|are|will\s+be|can\s+be\s+found|sits?|appears?|shows\s+up)\s+(?:written\s+|given\s+|somewhere\s+)?"
    r"(?:in|inside|within)\s+(?:the\s+|its\s+|their\s+)?(?P<where>[\w-]+(?:\s+[\w-]+)?)",
    re.I,
)
# 'they always put their email in the message', 'people include their email address in the post': the person
# writes the address into a text of the event
_ADDRESS_PUT = re.compile(
    r"\b(?:they|he|she|it|people|everyone|(?:the\s+)?[\w-]+s)\s+(?:(?:always|usually|normally|often|will|should|must)\s+)*"
    r"(?:put|puts|include|includes|add|adds|write|writes|type|types|leave|leaves|give|gives|drop|drops)\s+"
    # ('their address email': a translation's word order)
    r"(?:their|his|her|an?)\s+(?P<what>e-?mail(?:\s+address)?|address\s+e-?mail|(?:phone\s+|mobile\s+)?number|phone)"
    r"\s+(?:in|into|inside|within)\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?(?P<where>[\w-]+(?:\s+[\w-]+)?)",
    re.I,
)
# the words that name a text of the event (and the event's own fields that hold one)
_TEXT_WORDS = ("body", "description", "text", "message", "notes", "comment", "content", "payload", "post")
_TEXT_FIELDS = ("description", "body", "text", "message", "notes", "content")


def _address_written_in(description: str, kind: str, provider: str) -> str | None:
    """The event's text the description says holds the person's e-mail address (kind 'email') or phone number
    ('their email is in the issue body' → the issue's body), when Sim passes the event on as sent: a function then
    finds the address in it (`item_addresses`)."""
    if not services.body_as_sent(provider):
        return None
    for found in [*_ADDRESS_WRITTEN.finditer(description), *_ADDRESS_PUT.finditer(description)]:
        what = found.group("what").lower()
        if ("email" if "mail" in what or what == "address" else "phone") != kind:
            continue
        where = found.group("where").lower()
        if not any(w.rstrip("s") in _TEXT_WORDS for w in where.split()):
            continue
        fields = services.event_fields(provider, where)
        named = next((fields[f] for f in _TEXT_FIELDS if f in fields and f in where), None)
        text = named or next((fields[f] for f in _TEXT_FIELDS if f in fields), None)
        return text or str(services.webhook_paths(provider)["data"])
    return None


@dataclass
class _Window:
    """A time window a read's block cannot apply ('last week'): its words, the read's name, and whether an AI step
    after the read was told to keep only that window."""

    words: str
    read: str
    told: bool = False


# 'outside 7.2–7.8', 'not between 40 and 60', 'out of the range 2-8': the values past either end of a range
_OUTSIDE_RANGE = re.compile(
    r"\b(?:outside(?:\s+of)?|out\s+of|not\s+(?:between|within|in)|isn['’]t\s+(?:between|within|in))\s+"
    r"(?:the\s+)?(?:(?:safe\s+|normal\s+|target\s+)?range\s+(?:of\s+)?)?(?:between\s+|from\s+)?$",
    re.I,
)
# 'Bittern, Hoopoe or Wryneck', 'Spain, Portugal or Italy': names the user capitalised, listed as alternatives
_NAMED_CHOICES = re.compile(
    r"(?-i:\b[A-Z][\w-]+)(?:\s*,\s*(?-i:[A-Z][\w-]+))*\s*,?\s+(?:or|and/or)\s+(?-i:[A-Z][\w-]+)\b"
)
# 'someone asks for a refund', 'the customer mentions a cancellation', 'a donor wants a receipt': a test of what a
# person wrote to the run (the chat's message, the event), with the thing asked for
_PERSON_ASKS = re.compile(
    r"\s*(?:some(?:one|body)|any(?:one|body)|they|(?:a|an|the)\s+(?:user|customer|visitor|donor|member|caller|"
    r"client|person|guest|patient|student|parent|buyer|sender|employee|candidate))\s+"
    # ('the guest asks to book', 'they want to cancel': what they want done is the word)
    r"(?:asks?|mentions?|writes?|says?|wants?|requests?|types?|needs?)\s+(?:for\s+|about\s+|to\s+)?"
    r"(?:(?:an?|the|some|their|a\s+new)\s+)?(?P<thing>[a-z][\w-]+)?",
    re.I,
)


# the words a test on what an order or a payment is worth reads as its amount
_MONEY_FIELDS = frozenset(
    {"amount", "total", "price", "value", "sum", "total_price", "order_total", "grand_total"}
)


class _Builder:
    def __init__(self, description: str, trigger: Any) -> None:
        self.description = description
        self.written = description  # the description as the user wrote it, before any rewriting
        self.trigger = trigger
        self.blocks: list[PlanBlock] = []
        self.edges: list[PlanEdge] = []
        self.counts: dict[str, int] = {}
        self.ends: list[str] = []  # the 'No action' ends of tests' sides with nothing asked
        self.judged_word = "yes"  # what the last judging agent answers when its state holds
        # why the last test was left out, when `expression` left it out for a reason of its own (None: no data to test)
        self.left_out: str | None = None
        self.subject = titles.title(titles.after_schedule(description, trigger))
        # an e-mail's subject says nothing of the event that started the run: a ticket's title may ('Sentry alert')
        self.mail_subject = titles.subject(
            titles.after_event(titles.after_schedule(description, trigger), trigger)
        )
        self.words: dict[str, str] = {}
        self.notes: list[str] = []
        self.needs: list[tuple[str, str, str]] = []
        self.dropped: list[str] = []  # words of steps left out on purpose (repeats), counted as read
        self.done: dict[tuple, str] = {}  # (parent, type, operation, target) → block, to skip repeats
        self.service_reads: dict[str, tuple[str | None, str]] = {}  # service read over HTTP → (parent, block)
        self.lists: list[str] = []  # references to fetched lists, newest last
        self.test_heads: list[tuple[str, str]] = []  # what the condition being written follows
        self.fields: dict[str, dict[str, str]] = {}  # data reference → {word: path} of values it holds
        self.item_emails: dict[
            str, tuple[str, str, str]
        ] = {}  # list reference → where items hold e-mail, phone, time
        self.pending_need = ""
        # a sheet read keyed by what the run is given (`lookup`): its local id → the key's column words and value
        self.sheet_keys: dict[str, tuple[list[str], str]] = {}
        self.sheet_key: tuple[list[str], str] | None = None
        self.refs: dict[int, str] = {}  # id(step) → the reference to its output
        self.reads: list[str] = []  # references to what the reads returned, newest last
        self.input_list = False  # a loop repeats over the run's input: the starter's input is a list
        self.once_prev: str | None = None  # what a loop with no list to walk read, its steps run once
        self.item_holders: dict[
            str, str | None
        ] = {}  # list reference → what holds an item's fields, when told
        self.item_holder: str | None = None
        # list reference → where an item holds its address, when told
        self.item_urls: dict[str, str | None] = {}
        self.item_url: str | None = None
        self.item_email = "email"  # where an item of the list being looped over holds an e-mail address
        # a chat's user id guessed in the data → where the same data holds the person's e-mail (data, field)
        self.chat_people: dict[str, tuple[str, str]] = {}
        self.item_phone = "phone"
        # the record a lookup found by the run's key ('look up the customer in Supabase by email'): (its list, the
        # e-mail and phone fields of one item), what a message to that person is addressed from
        self.found: tuple[str, str, str] | None = None
        # the tests whose sides are being built, innermost last ('' for a side where the test as said fails)
        self.tested: list[str] = []
        # a read's data → the data before it (what a membership test looks for)
        self.read_over: dict[str, str] = {}
        self.held_in: set[str] = (
            set()
        )  # the reads a test looks the event's value up in ('… already in the sheet')
        # a read's data → the time window its block cannot apply
        self.windows: dict[str, _Window] = {}
        self.item_created = "created_at"  # where an item says when it was created
        self.pending_field = "to"
        self.last_field = ""  # the event field the last test read ('… if it's 6 or lower' reads it again)
        # fields a test named, read in JavaScript (missing → the test is false)
        self.lenient: set[str] = set()
        self.created: list[tuple[str, str]] = []  # (reference to its address, block type) of what writes made
        # a reference in `created` → the identifier (key, id) of what was made, and the nouns it is called by
        self.made_ids: dict[str, tuple[str, list[str]]] = {}
        # a read that only finds whom a message goes to → the data before it (what an event run tells them)
        self.audience: dict[str, str | None] = {}
        self.addressless: set[str] = set()  # of those, references to an object that holds no address
        # 'manual start with the new hire's name, email and start date': the fields the run is given
        self.declared = (
            _declared_inputs(description, " ".join(description[a:b] for a, b in trigger.spans))
            if trigger.kind in ("manual", "api")
            else []
        )
        # 'it sends the client's name, email, the ancestor's name …', 'each row has name, phone and pickup_time': the
        # fields the event, the call or a row is said to bring (a step naming them reads them: `brought_in`)
        self.brought = brought_fields(description)

    # -- what the trigger delivers ------------------------------------------------------------
    def start_data(self) -> str | None:
        """The reference to what the trigger delivers: the manual/chat input, the webhook payload where
        the provider puts it, or nothing for a schedule (a schedule run carries no input)."""
        kind = self.trigger.kind
        if kind in ("manual", "chat"):
            return "<start.input>"
        if kind == "webhook":
            hook = services.webhook_paths(self.trigger.values.get("webhookProvider", "generic"))
            head = " ".join(self.description[a:b] for a, b in self.trigger.spans).lower()
            path = hook.get("text") or hook["data"]
            # the event's own noun comes first: 'on every push to the release branch' is a push
            named = services.event_object(
                self.trigger.values.get("webhookProvider", "generic"), head, hook.get("objects", {})
            )
            if named:
                path = hook["data"] + "." + hook["objects"][named]
            return f"<{path}>"
        return None

    def written_in(self, prev: str) -> str:
        """Where a word a test looks for is written: 'someone comments "/deploy" on a pull request' is the comment
        (services.json `written`: the object that holds what a person wrote), not the pull request it is on; the
        event's data otherwise."""
        if self.trigger.kind != "webhook" or prev != self.start_data():
            return prev
        hook = services.webhook_paths(self.trigger.values.get("webhookProvider", "generic"))
        head = " ".join(self.description[a:b] for a, b in self.trigger.spans).lower()
        written = [sub for noun, sub in hook.get("written", {}).items() if re.search(rf"\b{noun}", head)]
        return f"<{hook['data']}.{written[0]}>" if written else prev

    def held_value(self, what: str) -> str | None:
        """The event's value a membership test looks for: the sender's address for a person or an e-mail ('the
        buyer', 'their email'), else the field the noun names ('the outlet' → the payload's `outlet`). A field
        of the event is read in JavaScript from the event's object: JUL25 Sim puts a `<start.…>` value into a
        condition unquoted, so a text there (`String(Sunrise Café)`) is a syntax error that stops the run."""
        if self.trigger.kind in ("manual", "chat"):
            return "<start.input>"  # Sim quotes what names the input
        if self.trigger.kind != "webhook":
            return None
        hook = services.webhook_paths(self.trigger.values.get("webhookProvider", "generic"))
        nouns = re.findall(r"[a-z][\w-]*", what.lower())
        if not nouns:
            return None
        person = set(lexicon()["people"]) | {"email", "e-mail", "address", "they", "them", "he", "she"}
        path = (
            hook["sender"]
            if hook.get("sender") and any(n.rstrip("s") in person or n in person for n in nouns)
            else f"{hook['data']}.{nouns[-1]}"
        )
        event = hook["data"]
        if path.startswith(event + "."):
            return f"{_field_read(f'<{event}>', path[len(event) + 1 :])} ?? ''"
        return f"<{path}>"

    def event_text(self) -> str | None:
        """The reference to the plain text of the message that started the run (an e-mail's body, a chat
        message), when the trigger's provider delivers one."""
        if self.trigger.kind == "chat":
            return "<start.input>"  # what the person typed: 'we are 250 people' has no field to compare
        if self.trigger.kind != "webhook":
            return None
        text = services.webhook_paths(self.trigger.values.get("webhookProvider", "generic")).get("text")
        return f"<{text}>" if text else None

    def tests_event(self, test: str) -> bool:
        """Whether a test is about the event that started the run: its subject is the noun the trigger's own
        words name ('When a new Zendesk ticket comes in …' → 'if the ticket subject starts with …')."""
        if self.trigger.kind in ("chat", "webhook") and _PERSON_ASKS.match(test):
            return True  # 'if someone asks for a refund', 'if the customer mentions a cancellation': what they wrote
        if self.trigger.kind != "webhook" or not self.trigger.spans:
            return False
        subject = re.match(r"\s*(?:the|its|this|that)\s+([a-z][\w-]*)", test, re.I)
        if not subject or subject.group(1).lower() in (
            "answer",
            "reply",
            "summary",
            "result",
            "output",
            "response",
        ):
            return False
        head = " ".join(self.description[a:b] for a, b in self.trigger.spans).lower()
        # (the line the event is said on: 'Trigger: someone submits our Typeform (it can call a webhook)')
        lines = " ".join(
            self.description[
                self.description.rfind("\n", 0, a) + 1 : (self.description.find("\n", b) + 1 or None)
            ]
            for a, b in self.trigger.spans
        )
        if re.search(r"\b[a-z][\w-]*\s+(?:answer|response|field)\b", test, re.I) and re.search(
            r"\b(?:forms?|typeform|tally|jotform|surveys?|submits?|submitted|submissions?|fills?\s+(?:in|out))\b",
            lines,
            re.I,
        ):
            return True  # "if the company size answer is '1-10'" on a form's submission: the answer the event holds
        if len(head.split()) <= 2:
            # ('When should it run? PagerDuty webhook when an incident is triggered': the event read as 'webhook'
            # alone is told of by its line)
            head = lines.lower()
        noun = subject.group(1).lower()
        hook = services.webhook_paths(self.trigger.values.get("webhookProvider", "generic"))
        if noun in ("subject", "sender") and hook.get(noun):
            return True  # 'if the subject contains 'Invoice'' on a new e-mail: the field the event delivers
        spelled = {"pr": "pull request", "prs": "pull request", "mr": "merge request"}.get(noun, noun)
        if re.search(r"\b(?:" + re.escape(noun) + "|" + re.escape(spelled) + r")s?\b", head):
            return True
        # 'When a Stripe payment fails, …; if the failed amount is over $1,000': the event's own verb, as its adjective
        stem = _stem(noun)
        return len(stem) >= 4 and any(_stem(w) == stem for w in re.findall(r"[a-z]+", head))

    def add(
        self, type_: str, values: dict[str, str], parent: str | None, name: str = "", **extra: Any
    ) -> str:
        from lib.sim.names import normalize_name
        from lib.sim.registry import get_block

        spec = get_block(type_)
        if not name:
            base = spec.name if spec else type_.replace("_", " ").title()
            self.counts[base] = self.counts.get(base, 0) + 1
            name = f"{base} {self.counts[base]}"
        local = normalize_name(name)
        values = {k: self.placeholders(v, type_, parent, k) for k, v in values.items()}
        if spec is not None:  # a value typed into an advanced twin goes into the field JUL25 reads first
            for key in [k for k in values if k.startswith("manual")]:
                twin = key[6:7].lower() + key[7:]
                if spec.sub_block(twin) is not None and twin not in values:
                    values[twin] = values.pop(key)
        self.blocks.append(
            PlanBlock(
                id=local,
                type=type_,
                name=name,
                parent=parent,
                values=[PlanValue(id=k, value=v) for k, v in values.items()],
                **extra,
            )
        )
        return local

    def placeholders(self, value: str, type_: str, parent: str | None, key: str = "") -> str:
        """The user's own placeholders in text carried as written ('create an issue "Restock <name>"'):
        Sim reads every <…> as a block reference and stops at one that names no block. Inside a loop or
        parallel the word is a field of the current item; elsewhere it is kept as a plain word."""
        from lib.sim.names import REFERENCE_RE, normalize_name
        from lib.validation.tags import resolved_tags

        container = next((b.type for b in self.blocks if b.id == parent), None)
        if type_ == "api" and container in ("loop", "parallel") and re.match(r"https?://", value):
            value = self.item_in_url(value, container)
        # (a field whose braces are the service's own syntax, services.json 'own_braces', holds no template)
        own = services.data()["blocks"].get(type_, {}).get("own_braces", [])
        if type_ not in ("function", "condition", "router", "api") and key not in own:
            value = self.template_fields(value, container)
        if "<" not in value:
            return value
        known = {b.id for b in self.blocks} | {"start", "loop", "parallel", "blockname"}
        for tag in reversed(resolved_tags(value, type_)):
            inner = tag.text[1:-1].strip()
            if REFERENCE_RE.fullmatch(tag.text) or normalize_name(tag.ref) in known:
                continue  # a reference the planner made: left for the validators to judge
            # ('From: Research <research@lionrock.vc>': an address in brackets is no reference, whatever its dots)
            field = re.sub(r"\W+", "_", inner).strip("_")
            if container in ("loop", "parallel") and field:
                new = f"<{container}.currentItem.{field}>"
                self.notes.append(f"'{tag.text}' in the text is read as the {field} of each item ({new})")
            else:
                new = inner
                self.notes.append(f"'{tag.text}' names no block in Sim: written as '{inner}'")
            value = value[: tag.start] + new + value[tag.end :]
        return value

    def template_fields(self, value: str, container: str | None) -> str:
        """A message written as a template ('Hi {name}, your order {order_id} has shipped', '{first name}'): each
        field in braces is that field of the current item inside a loop, or of the incoming event's data when an
        event starts the run; elsewhere it stays as written (no data holds it). `{{SECRET}}` is no field."""
        provider = self.trigger.values.get("webhookProvider", "generic")
        holder = (
            f"{container}.currentItem"
            if container in ("loop", "parallel")
            else services.webhook_paths(provider)["data"]
            if self.trigger.kind == "webhook" and services.body_as_sent(provider)
            else None
        )
        if holder is None and self.trigger.kind in ("manual", "api") and self.brought:
            # ('## Input (API call) `name`, `grade` … a Google Doc titled 'Certificate – {name} – {grade}'': the fields
            # the run is said to be given, each one of its inputs)
            def given(m: re.Match[str]) -> str:
                name = re.sub(r"\W+", "_", m.group(1).strip()).lower()
                if name not in self.brought:
                    return m.group(0)
                self.notes.append(f"'{m.group(0)}' in the text is read as <start.{name}>")
                return self.brought_ref("start", name)

            return re.sub(r"(?<![{$\w])\{([A-Za-z][\w]*(?: [A-Za-z]\w*){0,3})\}(?![}\w])", given, value)
        if holder is None:
            return value

        def field(m: re.Match[str]) -> str:
            name = re.sub(r"\W+", "_", m.group(1).strip()).lower()
            new = f"<{holder}.{name}>"
            self.notes.append(f"'{m.group(0)}' in the text is read as {new}")
            return new

        return re.sub(r"(?<![{$\w])\{([A-Za-z][\w]*(?: [A-Za-z]\w*){0,3})\}(?![}\w])", field, value)

    def wired(self, source: str, handle: str) -> bool:
        """Whether an edge leaves `source` by `handle` (JUL25 Sim throws when a taken branch has none)."""
        return any(e.source == source and e.handle == handle for e in self.edges)

    def edge(self, heads: list[tuple[str, str]], target: str) -> None:
        for source, handle in heads:
            self.edges.append(PlanEdge(source=source, target=target, handle=handle))

    def starter(self, values: dict[str, str], *, needs_input: bool) -> str:
        values = dict(values)
        if needs_input:
            fields = ["input"] + [f for f in self.declared if f != "input"]
            values["inputFormat"] = json.dumps(
                [
                    {"id": f"field-{f}", "name": f, "type": "string", "collapsed": False, "value": ""}
                    for f in fields
                ]
            )
        self.blocks.append(
            PlanBlock(
                id="start",
                type="starter",
                name="Start",
                values=[PlanValue(id=k, value=v) for k, v in values.items()],
            )
        )
        return "start"

    def window_maker(self, step: Step) -> tuple[Step, Window] | None:
        """A function computing the bounds of the window a read says ('next week's events'), when its operation
        takes them (services.json 'window')."""
        if services.window_fields(step.type, step.values.get("operation")) is None:
            return None
        window = window_of(step.text or "")
        if window is None:
            return None
        return Step(
            "process", "function", {"code": bounds_code(window)}, label="Window", text=step.text
        ), window

    def window_bounds(self, step: Step, values: dict[str, str], made: str, window: Window) -> None:
        """The read's window fields reference the bounds the function before it computed."""
        fields = services.window_fields(step.type, step.values.get("operation"))
        maker = self.fed_by(values, made, {fields[0]: "from", fields[1]: "to"}) if fields else None
        if fields and maker:
            week = "; a week runs Monday to Monday" if window.kind == "week" else ""
            self.notes.append(
                f"'{window.words}' is applied as {fields[0]} and {fields[1]} (UTC{week}), computed by {maker} "
                "when the run starts"
            )

    def fed_by(self, values: dict[str, str], made: str, keys: dict[str, str]) -> str | None:
        """Each field of `keys` set to that key of the result of the function `made` refers to; its name, or None."""
        local = re.match(r"<([\w-]+)\.", made)
        if local is None:
            return None
        for field_id, key in keys.items():
            values[field_id] = f"<{local.group(1)}.result.{key}>"
        return self.name_of(local.group(1))

    def counter(self, step: Step, prev: str | None) -> Step | None:
        """A function counting the items of the list read before, when a message says how many there were ('post
        how many there were in #support', 'post the number of events created to #husbandry'): the items a loop over
        that list acts on — those passing the test inside it, when it has one — else every item of the list."""
        if not _COUNT_SAID.search(step.text or "") or not any(
            "{prev_text}" in v for v in step.values.values()
        ):
            return None
        read = re.fullmatch(r"<([\w-]+)(?:\.[\w.]+)?>", (prev or "").strip())
        source = next((b for b in self.blocks if read and b.id == read.group(1)), None)
        if source is None or source.type in ("agent", "function", "starter", "loop", "parallel"):
            return None
        items, test = str(prev), "true"
        for loop in (b for b in self.blocks if b.type == "loop" and b.collection):
            walked = re.fullmatch(r"<([\w-]+)(?:\.[\w.]+)?>", str(loop.collection).strip())
            listed = next((b for b in self.blocks if walked and b.id == walked.group(1)), None)
            if listed is None or not (
                listed.id == source.id or any(f"<{source.id}." in str(v.value) for v in listed.values)
            ):
                continue
            items = str(loop.collection).strip()
            inside = {b.id for b in self.blocks if b.parent == loop.id}
            tested = next((b for b in self.blocks if b.parent == loop.id and b.type == "condition"), None)
            entries = (
                json.loads(next((str(v.value) for v in tested.values if v.id == "conditions"), "[]"))
                if tested
                else []
            )
            first = str(entries[0].get("value") or "") if entries else ""
            said = first.replace("<loop.currentItem>", "item")
            if (
                first
                and "<loop" not in said
                and not any(f"<{x}." in said or f"<{x}>" in said for x in inside)
            ):
                test = said
            break
        self.notes.append(
            f"the message says how many: a function counts the items of {items}"
            + (" that pass the loop's test" if test != "true" else "")
        )
        code = _COUNT_CODE.replace("{items}", items).replace("{test}", test)
        return Step("process", "function", {"code": code}, label="Count", text=step.text)

    def totaller(self, step: Step, prev: str | None) -> Step | None:
        """A function adding up the items' amounts of the list read before, when a message carries their total ('post
        the total to #finance', 'email me how much we took'): in each item the field named for an amount (lexicon
        `total_fields`), in the currency's unit (a service that counts cents, services.json `amount_scale`)."""
        if not _TOTAL_SAID.search(step.text or "") or not any(
            "{prev_text}" in v for v in step.values.values()
        ):
            return None
        read = re.fullmatch(r"<([\w-]+)(?:\.[\w.]+)?>", (prev or "").strip())
        source = next((b for b in self.blocks if read and b.id == read.group(1)), None)
        if source is not None and source.type == "function" and _KEEPS_ITEMS.match(source.name or ""):
            # ('yesterday's Stripe payments': the items a read returned, kept to the day — the read is its source)
            code = next((str(v.value) for v in source.values if v.id == "code"), "")
            under = re.search(r"<([\w-]+)[.>]", code)
            source = next((b for b in self.blocks if under and b.id == under.group(1)), None)
        if source is None or source.type in ("agent", "function", "starter", "loop", "parallel", "condition"):
            return None
        url = next((str(v.value) for v in source.values if v.id == "url"), "")
        host = urlsplit(url).hostname or ""
        scale = next(
            (
                int(e.get("amount_scale", 1))
                for e in services.external().values()
                if e.get("host") and host.endswith(str(e["host"]))
            ),
            1,
        )
        if re.search(r"\bcount(?:s|ed|ing)?\b(?!\s+(?:of|on)\b)", self.description, re.I):
            # 'count this week's jobs … and send me the total': the total is how many there are
            self.notes.append(
                f"the message carries a total of what was counted: a function counts the items of {prev}"
            )
            code = _COUNT_CODE.replace("{items}", str(prev)).replace("{test}", "true")
            return Step("process", "function", {"code": code}, label="Count", text=step.text)
        # ('the total hours', 'the total weight': the field the total is of, before the usual amounts)
        of = re.search(
            r"\btotal\s+(?!(?:of|to|in|on|for|and|at|is|was|amount)\b)([a-z][\w-]*)", step.text or "", re.I
        )
        named = [of.group(1).lower().rstrip("s"), of.group(1).lower()] if of else []
        fields = "|".join(re.escape(f) for f in dict.fromkeys(named + lexicon()["total_fields"]))
        self.notes.append(
            f"the message carries a total: a function adds up the amounts of {prev}"
            + (f" (in cents: divided by {scale})" if scale != 1 else "")
        )
        code = (
            _TOTAL_CODE.replace("{items}", str(prev))
            .replace("{fields}", fields)
            .replace("{scale}", str(scale))
        )
        return Step("process", "function", {"code": code}, label="Total", text=step.text)

    def as_csv(self, step: Step, prev: str | None) -> Step | None:
        """A function turning the list read before into CSV text, when a step stores a file (services.json 'file')
        said to be a CSV ('export the orders to a CSV file in Google Drive', 'back up … as a CSV'); the read's default
        count is dropped (an export keeps every row the service returns in one call)."""
        if services.file_fields(step.type, step.values.get("operation")) is None or not _CSV.search(
            step.text or ""
        ):
            return None
        read = re.fullmatch(r"<([\w-]+)(?:\.[\w.]+)?>", (prev or "").strip())
        source = next((b for b in self.blocks if read and b.id == read.group(1)), None)
        if source is None:
            return None
        counts = set(lexicon()["count_fields"])
        said = {
            v.value
            for v in source.values
            if v.id in counts and re.search(rf"\b{re.escape(str(v.value))}\b", step.text)
        }
        dropped = [v.id for v in source.values if v.id in counts and v.value not in said]
        if dropped:
            source.values = [v for v in source.values if v.id not in dropped]
            self.notes.append(
                f"{source.name} reads every row the service returns in one call for the CSV (its '{dropped[0]}' is left empty)"
            )
        field = services.resource_after_name(source.type)
        named = next((str(v.value) for v in source.values if v.id == field and v.value), "") if field else ""
        slug = re.sub(r"[^a-z0-9]+", "-", (named or source.name).lower()).strip("-") or "export"
        return Step(
            "process", "function", {"code": _CSV_CODE.replace("{name}", slug)}, label="To CSV", text=step.text
        )

    def csv_file(self, step: Step, values: dict[str, str], made: str) -> None:
        """The file step stores the CSV text under a dated .csv name (both from the function before it)."""
        fields = services.file_fields(step.type, step.values.get("operation"))
        maker = self.fed_by(values, made, {fields[0]: "name", fields[1]: "csv"}) if fields else None
        if maker:
            self.notes.append(
                "the rows are written as CSV text (a header row of their fields, one line each) to a file named "
                f"<name>-<date>.csv by {maker}"
            )

    def event_fields_said(self, step: Step, prev: str | None) -> str | None:
        """'a Slack message saying who it's from and what the subject line is' on a new e-mail, 'post its title and
        author' on a pull request: a message about the event that names the event's own fields (lexicon
        `event_fields_said`) lists them, one a line in the order said, where the provider puts them
        (services.json `webhooks`: the named object's `fields`, else the hook's own paths) — the whole event
        says them only among everything else."""
        if self.trigger.kind != "webhook" or not prev or prev != self.start_data():
            return None
        provider = str(self.trigger.values.get("webhookProvider") or "generic")
        hook = services.webhook_paths(provider)
        head = " ".join(self.description[a:b] for a, b in self.trigger.spans).lower()
        fields = services.event_fields(provider, head)
        said: dict[str, tuple[int, str]] = {}
        spans: list[int] = []
        text = step.text or ""
        for key, words in lexicon()["event_fields_said"].items():
            own = hook.get(key)
            path = fields.get(key) or (own if isinstance(own, str) else "")
            found = re.search(words, text, re.I) if path else None
            if found and path not in {p for _, p in said.values()}:
                said[key] = (found.start(), path)
                spans.append(found.start())
        if not said:
            return None
        noun = services.event_object(provider, head, hook.get("fields") or {})
        # (a generic webhook a named service POSTs to: where that service's event holds them)
        source = services.webhook_bodies()[hook["service"]]["name"] if hook.get("service") else provider
        self.notes.append(
            f"the message reads the event's {', '.join(repr(k) for k in said)} "
            + (f"as a {source} '{noun}' event holds them" if noun else f"where a {source} event holds them")
            + " (Sim stops the run if a field is absent: an event of another kind may not have it)"
        )
        if "amount" in said and hook.get("amount_scale"):
            self.notes.append(
                f"the amount is in the smallest unit of its currency (cents: divide by {hook['amount_scale']})"
            )
        lines = "\n".join(
            f"{key[:1].upper()}{key[1:]}: <{path}>"
            for key, (_, path) in sorted(said.items(), key=lambda kv: kv[1][0])
        )
        # 'post it … and include a link', '… include the amount and the customer's name' (a payment has no name):
        # the event itself, or something no field holds, is asked for too — the message carries the event as well
        return f"{lines}\n\nDetails: {prev}" if _carries_more(text, spans) else lines

    def heading(self, step: Step) -> str:
        """What a message carrying structured data is about (`_heading`); on the side of a test with nothing said of
        it ('if the payments component isn't operational, post to #incidents'), the test that sent it."""
        words = _heading(step)
        # ('send them a thank-you email', 'a welcome message'): a message of that kind opens as one does
        opening = next(
            (line for kind, line in lexicon()["message_openings"].items() if re.search(kind, words, re.I)),
            None,
        )
        if opening:
            return opening
        test = self.test_said()
        if words != "Update" or not test:
            return words
        return test[:1].upper() + test[1:]

    def down_said(self, prev: str | None) -> str | None:
        """On the side of 'if the site is down': which address failed and how, not the error page it returned
        (None elsewhere)."""
        test = self.tested[-1] if self.tested else ""
        called = next(
            (b for b in self.blocks if b.type == "api" and prev and prev.startswith(f"<{b.id}.")), None
        )
        if called is None or not test or not re.search(lexicon()["unreachable"], test, re.I):
            return None
        url = next((str(v.value) for v in called.values if v.id == "url"), "")
        if not url or "<" in url:
            return None
        return f"{url} is not answering as it should (HTTP status <{called.id}.status>)."

    def test_said(self) -> str:
        """The innermost test whose side is being built, its numbers as the user wrote them ('$25000' → '$25,000');
        '' when none, or on the side where the test as said fails."""
        test = self.tested[-1] if self.tested else ""
        if not _TEST_SUBJECT.match(test) or not 2 <= len(test.split()) <= 10:
            return ""  # ('rises above 4,000 USD', 'there are more than 0', 'it is negative': no subject said)
        written = {
            re.sub(r"\D", "", n): n
            for n in re.findall(r"(?<![\d.,])\d{1,3}(?:[,.’' ]\d{3})+(?![\d])", self.written)
        }
        return re.sub(r"(?<![\d.,])\d{4,}(?![\d])", lambda m: written.get(m.group(0), m.group(0)), test)

    def subject_of(self, step: Step, prev: str | None, mail: bool) -> str:
        """The subject of what a step sends: the thing its clause sends ('a welcome email' → 'Welcome', 'email the
        digest to …' → 'Digest'), else what the step feeding it drafts ('write a short report and email it' →
        'Short report'), else what the run does (for an e-mail, without the event that started it)."""
        forwards = re.search(r"\bforward", step.text or "", re.I) or re.search(
            # ('Forward every email from billing@… to …', 'forward to x@ all emails that …': the mail itself)
            r"\bforward\w*\s+(?:it|them|the\s+(?:e-?mail|message|original)|(?:to\s+\S+\s+)?(?:(?:all|every|each|any)\s+"
            r"(?:of\s+)?)?(?:the\s+|my\s+|our\s+)?(?:new\s+|incoming\s+)?e-?mails?)\b",
            self.description,
            re.I,
        )  # the clause may be rewritten ('forward it to x@…' → 'email x@…')
        if mail and forwards and self.trigger.kind == "webhook":
            # 'forward it to …' on an incoming e-mail: the e-mail keeps its own subject
            own = services.webhook_paths(str(self.trigger.values.get("webhookProvider") or "")).get("subject")
            if own:
                return f"Fwd: <{own}>"
        sent = _sent_thing(step.text or "")
        if sent is None and prev:
            made = re.fullmatch(r"<([\w-]+)\.[\w.]+>", prev.strip())
            block = next(
                (b for b in self.blocks if made and b.id == made.group(1) and b.type == "agent"), None
            )
            prompt = next((v.value for v in block.values if v.id == "systemPrompt"), "") if block else ""
            drafted = re.match(r"You draft (?:an?|the)\s+(.+?) based on\b", str(prompt or ""))
            sent = drafted.group(1) if drafted else None
        if not sent and mail:
            # 'email that customer that the trip is cancelled and …': the first thing it says; else, on the side of a
            # test, the test that sent it ('if a class has more than 20 bookings, email the teacher')
            told = reported(step.text or "")
            parts = re.split(r",|;|\s+(?:and|but|so|because|as)\s+", told or "", maxsplit=1)
            # ('we'll come and get it': a first part too short to say anything keeps the rest)
            gist = (parts[0] if len(parts[0].split()) >= 3 else (told or "")).rstrip(" .")
            test = self.test_said()
            sent = gist if 3 <= len(gist.split()) <= 9 and "<" not in gist else test or None
        if not sent and not mail:
            # 'create a HubSpot task for the owner to call the customer', 'add a to-do to chase the invoice': what is to
            # be done names the task
            todo = _TASK_TO.search(step.text or "")
            sent = todo.group("do").strip() if todo else None
        if not sent:
            return self.mail_subject if mail else (self.event_title() or self.subject)
        return sent[:1].upper() + sent[1:]

    def event_title(self) -> str | None:
        """'create a Linear issue' when a GitHub issue is opened, 'open a Jira ticket' for an incoming e-mail: what
        the event is called (its title, an e-mail's subject) names what the run makes, not the description's opening
        words; None when the event has no such field known (services.json `webhooks`)."""
        if self.trigger.kind != "webhook":
            return None
        provider = str(self.trigger.values.get("webhookProvider") or "generic")
        head = " ".join(self.description[a:b] for a, b in self.trigger.spans).lower()
        own = services.webhook_paths(provider).get("subject")
        path = services.event_fields(provider, head).get("title") or (own if isinstance(own, str) else None)
        return f"<{path}>" if path else None

    def fill(self, step: Step, prev: str | None, parent: str | None) -> dict[str, str]:
        """The step's values with {prev} (the data so far), {recipient} and {subject} filled in."""
        data = prev if prev else _instruction(step)
        out: dict[str, str] = {}
        for key, value in step.values.items():
            if "{recipient}" in value:
                value = value.replace("{recipient}", self.recipient(parent, step, prev=prev))
            if "{recipient_phone}" in value:
                value = value.replace("{recipient_phone}", self.recipient(parent, step, "phone", prev))
            if "{recipient_user}" in value:
                value = value.replace("{recipient_user}", self.recipient(parent, step, "user"))
            if "{prev_text}" in value:
                text = (
                    self.down_said(prev)
                    or self.event_fields_said(step, prev)
                    or (
                        data
                        if not prev
                        or (_is_text(prev) and not self.answers_json(prev))
                        or not prev.startswith("<")
                        else _headed(self.heading(step), prev)
                    )
                )
                value = value.replace("{prev_text}", text)
            if "{event:" in value:
                value = re.sub(r"\{event:([\w.]+)\}", lambda m: self.event_field(m.group(1)), value)
            if "{start}" in value:
                value = value.replace("{start}", self.start_data() or "")
            if "{upstream}" in value:  # the data so far when there is any; else the field keeps its default
                if not prev:
                    continue
                value = value.replace("{upstream}", prev)
            if "{subject}" in value:
                value = value.replace(
                    "{subject}", self.subject_of(step, prev, key.lower().endswith("subject"))
                )
            if (
                step.type == "agent"
                and key == "userPrompt"
                and value.strip() == "{prev}"
                and prev
                and "currentItem" not in prev
                and any(b.id == parent and b.type == "loop" for b in self.blocks)
            ):
                # ('for each new message, search the 'Found Items' table and if there's a match, reply …'): the
                # reply drafted in a repeat answers that item, with what was looked up for it
                data = f"<loop.currentItem>\n\n{prev}"
            out[key] = value.replace("{prev}", data)
            facts = services.data()["blocks"].get(step.type, {})
            if key == facts.get("title") and facts.get("title_forbids"):
                # a knowledge document's name takes none of < > : " / \ | ? * (Sim's tool throws on them)
                out[key] = (
                    re.sub(r"\s+", " ", re.sub(facts["title_forbids"], " ", out[key])).strip() or out[key]
                )
            if step.type == "api" and key == "url":
                out[key] = self.input_in_url(out[key], parent)
        if step.kind == "source" and any(b.id == parent and b.type == "loop" for b in self.blocks):
            self.read_of_item(step, out, self.words.get(parent or "", ""))
        self.item_key(step, out, parent)
        self.record_copied(step, out, parent)
        self.item_recipient(step, out, parent)
        self.into_made_folder(step, out)
        provider = self.trigger.values.get("webhookProvider") if self.trigger.kind == "webhook" else None
        if step.kind == "action" and provider == step.type and parent is None:
            reply = services.webhook_paths(provider).get("reply")
            # (not a person of the user's own set as a variable: 'WhatsApp our vet' is the vet, not the sender)
            held = re.fullmatch(r"\{\{([A-Z0-9_]+)\}\}", out.get(reply["field"], "")) if reply else None
            own = held is not None and any(held.group(1) in need for need in [*step.needs, self.pending_need])
            if reply and not own and (not out.get(reply["field"]) or out[reply["field"]].startswith("{{")):
                # 'answer with an AI reply on WhatsApp' when a WhatsApp message started the run: to its sender
                out[reply["field"]] = f"<{reply['from']}>"
                self.notes.append(
                    f"the reply goes back to the chat the message came from (<{reply['from']}>)"
                )
        return out

    def into_made_folder(self, step: Step, out: dict[str, str]) -> None:
        """'1. create a Google Drive folder for them, 2. create a Google Doc … in that folder': a file made in the folder
        an earlier step created goes into it (its `folderId` is that folder's id)."""
        from lib.sim.registry import get_block

        spec = get_block(step.type)
        if (
            step.kind != "action"
            or spec is None
            or spec.sub_block("folderId") is None
            or not re.search(
                r"\b(?:in|into|inside|under)\s+(?:that|this|the\s+(?:new|same))\s+folder\b", step.text
            )
        ):
            return
        made = next(
            (
                b
                for b in reversed(self.blocks)
                if any(v.id == "operation" and v.value == "create_folder" for v in b.values)
            ),
            None,
        )
        if made is not None and not out.get("folderId"):
            out["folderId"] = f"<{made.id}.file.id>"

    def item_key(self, step: Step, out: dict[str, str], parent: str | None) -> None:
        """'for each coupon set `active = false`', 'update that row's `score` column': an update repeated per item
        changes the item's own record — the key field its operation needs names the current item's id."""
        container = next((b.type for b in self.blocks if b.id == parent), None)
        keys = lexicon()["item_keys"].get(step.type, {})
        provider = self.trigger.values.get("webhookProvider", "") if self.trigger.kind == "webhook" else ""
        record = services.webhook_paths(provider).get("record") if provider == step.type else None
        if step.kind == "action" and container is None and out.get("operation") == "update" and record:
            # 'When a new request lands in our Airtable table: … update the record's status': the event's own record
            for key in [k for k in keys if not out.get(k)]:
                out[key] = f"<{record}>"
                self.notes.append(f"the record updated is the one the event is about (<{record}>)")
            return
        looked_up = next(
            (
                x
                for x in reversed(self.lists)
                for b in self.blocks
                if x.startswith(f"<{b.id}.") and b.type == step.type and _looked_up(b)
            ),
            None,
        )
        if step.kind == "action" and container is None and out.get("operation") == "update" and looked_up:
            # 'find them in our Airtable 'Accounts' table by email and change their Stage to …': the record updated is
            # the first one the look-up in that same table found
            for key, value in keys.items():
                if not out.get(key):
                    out[key] = re.sub(
                        r"\{item((?:\.\w+)*)\}", lambda m: f"{looked_up[:-1]}.0{m.group(1)}>", value
                    )
                    self.notes.append(f"the record updated is the first one the look-up found ({out[key]})")
            return
        event_key = services.data()["blocks"].get(step.type, {}).get("event_key", {})
        if step.kind == "action" and container is None and out.get("operation") == "update" and event_key:
            if self.trigger.kind == "webhook" and services.body_as_sent(str(provider or "generic")):
                # 'when the deploy is done (webhook) comment on the Jira issue', 'add it to the ticket' after 'when a
                # ticket is created': the record changed is the one the event names (services.json `event_key`)
                for key, path in event_key.items():
                    if not out.get(key):
                        out[key] = self.event_field(path)
                        self.notes.append(f"the record updated is the one the event names ({out[key]})")
                return
        start = self.start_data()
        if (
            step.kind == "action"
            and container is None
            and out.get("operation") == "update"
            and self.trigger.kind in ("manual", "chat")
            and start
            and (
                called_by_api(self.description)
                or _GIVEN_KEY.search(self.description)
                or _GIVEN_INPUT.search(self.description)
            )
            and not any(b.type == step.type for b in self.blocks)  # (no look-up of its own before it)
        ):
            # 'our TMS calls the workflow API with each shipment ref … set that shipment's status to "Delivered"':
            # the record a run started by a call or by hand updates is the one it was given
            for key in [k for k in keys if not out.get(k)]:
                out[key] = start
                self.notes.append(f"the record updated is the one the run is given ({start}); map its id")
            return
        # ('for every open PR, leave a comment …': the pull request each comment is on is the current item —
        # lexicon.json 'item_operation_keys')
        on_item = lexicon()["item_operation_keys"].get(step.type, {}).get(out.get("operation") or "", {})
        if step.kind == "action" and container in ("loop", "parallel") and on_item:
            for key, value in on_item.items():
                if not out.get(key):
                    out[key] = re.sub(
                        r"\{item((?:\.\w+)*)\}", lambda m: f"<{container}.currentItem{m.group(1)}>", value
                    )
                    self.notes.append(
                        f"the item each {step.type} step works on is the current one ({out[key]})"
                    )
            return
        if (
            step.kind != "action"
            or container not in ("loop", "parallel")
            or not _updates(step.type, out.get("operation"))
        ):
            return
        listed = next((b.collection for b in self.blocks if b.id == parent), None) or ""
        read = re.match(r"<([\w-]+)\.", listed)
        if out.get("operation") != "update" and not any(
            b.id == (read.group(1) if read else None) and b.type == step.type for b in self.blocks
        ):
            return  # an append repeated over items read elsewhere ('for each email, add a note to the page') adds there
        for key, value in keys.items():
            if not out.get(key):
                out[key] = re.sub(
                    r"\{item((?:\.\w+)*)\}", lambda m: f"<{container}.currentItem{m.group(1)}>", value
                )
                self.notes.append(f"the record updated is the current item's own ({out[key]})")

    def record_copied(self, step: Step, out: dict[str, str], parent: str | None) -> None:
        """'get the closed deals from the Airtable table 'Deals' and move them to the table 'Archive'': a record of
        a list read from a service, added to a table of that same service one at a time, is written with its own
        fields, not as one text (lexicon.json records_changed `copied`: the field the write takes and its shape)."""
        copied = lexicon()["records_changed"]["copied"].get(step.type)
        loop = next((b for b in self.blocks if b.id == parent and b.type in ("loop", "parallel")), None)
        if step.kind == "action" and step.type == "api" and loop is not None:
            # ('set their priority to urgent' by a request to the service's API: the item's own id, in the loop)
            for key, value in out.items():
                if "{item" in value:
                    out[key] = re.sub(
                        r"\{item((?:\.\w+)*)\}", lambda m: f"<{loop.type}.currentItem{m.group(1)}>", value
                    )
        if (
            step.kind != "action"
            or copied is None
            or loop is None
            or out.get("operation") != copied["operation"]
        ):
            return
        read = re.match(r"<([\w-]+)\.", loop.collection or "")
        if not read or not any(b.id == read.group(1) and b.type == step.type for b in self.blocks):
            return
        item = f"<{loop.type}.currentItem>"
        if item not in str(out.get(copied["field"], "")):
            return
        out[copied["field"]] = copied["shape"].replace("{item}", f"<{loop.type}.currentItem")
        self.notes.append(f"each record is added with its own fields ({out[copied['field']]})")

    def item_recipient(self, step: Step, out: dict[str, str], parent: str | None) -> None:
        """'for each patient send a WhatsApp reminder', 'for every volunteer send an SMS': a text sent once per
        item of a list of people goes to each one's number (the clause itself names nobody)."""
        target = (lexicon()["integrations"].get(step.integration or "") or {}).get("target")
        field_id = {"phone": "phoneNumber", "phones": "phoneNumbers", "chat": "chatId"}.get(target or "")
        loop = next((b for b in self.blocks if b.id == parent and b.type in ("loop", "parallel")), None)
        # (a chat's id the text never gave is a variable to set: one chat for every item, unless the item holds it)
        given = out.get(field_id or "", "")
        if (
            step.kind != "action"
            or field_id is None
            or (given and not given.startswith("{{"))
            or loop is None
            # ('send each customer an SMS, and if an order is over 30 also tell me on Telegram'): the user's own chat
            # or number, whatever the items are
            or re.search(r"\b(?:me|myself)\b", step.text or "", re.I)
        ):
            return
        people = "|".join(lexicon()["people"])
        said = self.words.get(loop.id, "")
        # 'for each operator …, send a WhatsApp message to the operator': the item the loop names, sent to, is a person
        # whatever the noun ('operator', 'courier', 'stallholder')
        noun = re.search(r"([a-z][\w-]*?)(?:s)?\W*$", said.lower())
        addressed = bool(
            noun
            and noun.group(1) not in ("one", "item", "row", "record", "entry", "them")
            and re.search(rf"\bthe\s+{re.escape(noun.group(1))}s?\b", step.text or "", re.I)
        )
        if field_id == "chatId":
            # 'send them their route on Telegram (their chat id is in the table)': each person's own chat
            if (
                addressed
                or re.search(rf"\b(?:{people})s?\b", said, re.I)
                or re.search(
                    r"\bchat[\s_-]*ids?\b[^.;!?]{0,40}\b(?:in|from)\s+(?:the|this|that|our|each)\b",
                    self.description,
                    re.I,
                )
            ):
                out[field_id] = self.recipient(parent, step, "user")
            return
        if re.fullmatch(r"\W*(?:for\s+)?(?:each|every)\s+(?:one|of\s+them)\W*", said, re.I):
            # ('pull the new subscribers …, for each one, … a welcome SMS'): the items the list read names
            held = re.match(r"<([\w-]+)", loop.collection or "")
            said += " " + " ".join(
                self.words.get(b.id, "")
                for b in self.blocks
                if held and re.sub(r"[\s_-]", "", b.name.lower()) == held.group(1).lower()
            )
        if given:
            return
        if re.search(rf"\b(?:{people})s?\b", said, re.I) or addressed or self.number_named(step):
            out[field_id] = self.recipient(parent, step, "phone")

    def number_named(self, step: Step) -> bool:
        """'send each job's assigned engineer a WhatsApp (engineer_phone column)', '(their number is in the column
        'portable')', 'the sheet has their mobile number': the text says which field of each item holds the number
        the message goes to, so it goes to each item's (not to a number the description never gives)."""
        text = step.text or ""
        if re.search(r"\b(?:me|myself|us)\b", text, re.I):
            return False
        named = any(
            n and re.search(r"phone|mobile|cell|number|portable|movil|handy|whatsapp", n, re.I)
            for found in _NAMED_COLUMN.findall(text)
            for n in found
        )
        people = "|".join(lexicon()["people"])
        # ('… via Twilio to the parent phone written in the event description': a person of each item, named)
        sent_to = re.search(
            rf"\bto\s+(?:the|their|each|every|his|her)\s+(?:[\w-]+\s+)?(?:{people})s?\b(?!\s+(?:list|group|channel|team)s?\b)",
            text,
            re.I,
        )
        return named or bool(sent_to) or bool(_address_said(self.description, "phone"))

    def read_of_item(self, step: Step, out: dict[str, str], each: str = "") -> None:
        """A read repeated per item is about the item: a search names it ('search the web for each company's
        latest news'), a page reader with no address reads the item's ('scrape each supplier's website'), a
        request whose address names no item sends it as a query parameter (else every repeat asks the same)."""
        from lib.sim.registry import get_block

        # 'check each supplier's website with an HTTP request', a page-speed API for each client of a list
        # '(name, url, contact email)': the item's own address, the field the clause or the list's columns name
        address = re.search(lexicon()["item_address"], step.text or "", re.I) or re.search(
            r"\((?=[^()]*,)[^()]*?\b(" + lexicon()["item_address_fields"] + r")\b[^()]*\)",
            self.description,
            re.I,
        )
        if (
            step.type == "api"
            and address
            and not any("currentItem" in out.get(k, "") for k in ("url", "params"))
        ):
            ref = f"<loop.currentItem.{address.group(1).lower()}>"
            if out.get("url"):  # a service's own request about the page: the page as its 'url' parameter
                rows = json.loads(out["params"]) if out.get("params", "").startswith("[") else []
                out["params"] = json.dumps(rows + [{"id": "p-url", "cells": {"Key": "url", "Value": ref}}])
            else:
                out["url"] = ref
            self.notes.append(
                f"'{step.text.strip()}' is asked once per item, at the address it holds ({ref})"
            )
        if step.type == "api" and not any("currentItem" in out.get(k, "") for k in ("url", "params", "body")):
            words = re.findall(r"[a-z]\w*", each.lower())
            name = re.sub(r"(?<=[^s])s$", "", words[-1]) if words and words[-1] != "each" else "item"
            rows = json.loads(out["params"]) if out.get("params", "").startswith("[") else []
            rows.append({"id": f"p-{name}", "cells": {"Key": name, "Value": "<loop.currentItem>"}})
            out["params"] = json.dumps(rows)
            self.notes.append(
                f"'{step.text.strip()}' is asked once per {name}: it sends the {name} as '{name}'"
            )

        engine = lexicon()["search"].get(step.integration or "")
        spec = get_block(step.type)
        # ('find its trailer on YouTube' for each film): a block that searches by a query of its own (the registry's
        # 'query' field) asks about the item too
        query = (
            engine.get("query")
            if engine
            else "query"
            if step.kind == "source" and spec is not None and spec.sub_block("query") is not None
            else None
        )
        if query in out and "<loop.currentItem" not in out[query]:
            out[query] = f"{out[query]}: <loop.currentItem>"
        # a page's address ('Website URL'), or a file's ('PDF Document URL' of a parser reading each file listed)
        field = (
            "url"
            if spec is not None and spec.sub_block("url") is not None
            else next(
                (
                    sub.id
                    for sub in (spec.sub_blocks if spec is not None else [])
                    if sub.type == "short-input"
                    and re.search(r"\b(?:url|link)\b", str(sub.title), re.I)
                    and services._shown(sub, out.get("operation"))
                ),
                None,
            )
        )
        if step.type != "api" and field is not None and not out.get(field):
            # an item that is a record (a Drive file, a search result) holds its address in a field: Sim would
            # hand the whole record, as JSON, to a field that takes one URL
            # ('scrape each lead's website': the column that holds it)
            named = address.group(1).lower() if address else None
            item = (
                f"<loop.currentItem.{self.item_url or named}>"
                if self.item_url or named
                else "<loop.currentItem>"
            )
            out[field] = item
            self.notes.append(f"'{step.text.strip()}' reads the address each item holds ({item})")

    def input_in_url(self, url: str, parent: str | None) -> str:
        """'…/players/{name}', '…?domain=...', '…?city=': the value the user left open in a request's address is
        what the run is given — the current item inside a loop (its field of that name), else the run's input
        (the manual or chat input, the text of the event that started it)."""
        slots = list(re.finditer(r"(?<!\{)\{(\w+)\}(?!\})|(?<==)(?:\.\.\.|…)|(?<==)$|(?<==)(?=&)", url))
        if not slots:
            return url
        container = next((b.type for b in self.blocks if b.id == parent), None)
        given = self.start_data()
        for slot in reversed(slots):
            name = slot.group(1) or ""
            if container in ("loop", "parallel"):
                ref = f"<{container}.currentItem" + (f".{name}>" if name else ">")
            elif given is not None:
                ref = given
            else:
                continue
            url = url[: slot.start()] + ref + url[slot.end() :]
            self.notes.append(f"the request's open value{' ' + repr(name) if name else ''} is {ref}")
        return url

    def event_field(self, path: str) -> str:
        """A field of the incoming event ('pull_request.number') where the provider puts it; empty (and
        listed to fill in) when the run is not started by such an event."""
        provider = self.trigger.values.get("webhookProvider", "generic")
        if self.trigger.kind == "webhook" and services.body_as_sent(provider):
            return f"<{services.webhook_paths(provider)['data']}.{path}>"
        self.pending_need = f"the {path.replace('_', ' ').replace('.', ' ')} (no event carries it)"
        self.pending_field = path.split(".")[-1]
        return ""

    def given_address(self, kind: str, who: str, what: str) -> str:
        """`<start.email>` (or `<start.phone>`): a field the run started by hand or by a call is given, added to
        its input format when the text listed none."""
        name = "email" if kind == "email" else "phone"
        if name not in self.declared:
            self.declare_input(name)
        self.notes.append(
            f"the {who}'s {what} is the run's '{name}' input (<start.{name}>): the caller sends it with the rest"
        )
        return f"<start.{name}>"

    def recipient(self, parent: str | None, step: Step, kind: str = "email", prev: str | None = None) -> str:
        """'email the candidate': the address comes from the data, never the user's own by default."""
        who = step.recipient or "recipient"
        # a chat's own id of a person: its name and the field an item holds it in (lexicon user_id_field)
        what, user_field, *fallback = lexicon()["user_id_field"].get(step.type, ["user id", "user_id"])
        if kind == "user":
            # 'their Slack ID is in the sheet's slack_id column': the field the text names for the person's id
            user_field = next(
                (
                    named.group(0)
                    for named in re.finditer(
                        r"\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*_id\b", self.description
                    )
                    if re.search(rf"{step.type}|user|member|chat", named.group(0), re.I)
                ),
                user_field,
            )
        what = {"email": "e-mail address", "phone": "phone number"}.get(kind, what)
        loop = next((b for b in self.blocks if b.id == parent), None)
        if (
            loop is not None
            and kind != "user"
            and re.search(r"\b(?:e-?mail|address|phone|number)", self.words.get(loop.id, ""))
            # (not a loop over a mailbox read: 'every unread email in my Outlook inbox' walks messages, each from
            # its sender)
            and not any(
                b.type in ("gmail", "outlook") and (loop.collection or "").startswith(f"<{b.id}.")
                for b in self.blocks
            )
        ):
            self.notes.append(f"each item of the list is the {what} (<loop.currentItem>)")
            return "<loop.currentItem>"  # 'for every email address in my list': the item is the address
        if parent is not None and kind == "user":
            # 'message each task owner on Slack': a direct message goes to a user id the item holds, beside its
            # e-mail address (Slack takes a user id, U…, as the channel of a direct message; Telegram a chat id)
            holder = self.holder()
            path = f"{holder}.{user_field}" if holder else user_field
            self.notes.append(
                f"the {who}'s {what} is read from each item's '{path}' field (<loop.currentItem.{path}>); "
                "change it if your data names it differently"
            )
            # (where the item holds the person's e-mail address, for a chat that finds its user by it: `chat_users`)
            self.chat_people[f"<loop.currentItem.{path}>"] = ("loop.currentItem", self.item_email)
            return f"<loop.currentItem.{path}>"
        if parent is not None:
            # (a sheet's row has its cells under the column names by now: `sheet_rows`)
            path = self.item_email if kind == "email" else self.item_phone
            named = next(
                (
                    n
                    for found in _NAMED_COLUMN.findall(step.text)
                    for i, n in enumerate(found)
                    # (a bare field in brackets names the address only when it says what it holds)
                    if n and (i < 3 or re.search(r"mail" if kind == "email" else r"phone|mobile|number", n))
                ),
                None,
            ) or _address_said(self.description, "email" if kind == "email" else "phone")
            if named:  # 'email the client (billing_email column)': that field of each item, under its holder
                holder = self.holder()
                path = f"{holder}.{named}" if holder else named
            self.notes.append(
                f"the {who}'s {what} is read from each item's '{path}' field (<loop.currentItem.{path}>); "
                "change it if your data names it differently"
            )
            return f"<loop.currentItem.{path}>"
        own = self.own_person(step, who) if kind in ("email", "phone") else None
        if own:
            # 'SMS the shift supervisor' when a refund comes in: a role of the user's own business, not the payer —
            # no event or row holds their address (lexicon.json 'own_people')
            return self.variable_for(own, kind, step)
        if (
            kind != "user"
            and prev
            and _FIRST_LISTED.search(step.text or "")
            and re.fullmatch(r"<[\w-]+\.data>", prev.strip())
        ):
            # 'email the first person on the Google Sheet 'Waitlist'', 'whoever is at the top of the rota': the
            # first address of the list just read, not each person on it (a function finds it: `item_addresses`)
            self.notes.append(f"the {who}'s {what} is the first one in {prev.strip()} (its first row)")
            return prev.strip()
        picked = self.picked_by_ai(prev) if kind != "user" else None
        if picked:
            # 'let AI pick the carer with the fewest hours and SMS them': the person the AI kept, whose address its
            # answer holds (a function finds it there: `item_addresses`)
            self.notes.append(f"the {who}'s {what} is the one in the AI's pick ({picked})")
            return picked
        if self.found is not None and kind != "user":
            # 'look up the customer in Supabase by email and send them a WhatsApp reminder': the record found
            listed, email, phone = self.found
            path = f"{listed}.0.{email if kind == 'email' else phone}"
            self.notes.append(
                f"the {who}'s {what} is read from the first record the lookup found (<{path}>); "
                "change the field if your data names it differently"
            )
            return f"<{path}>"
        given_at = self.brought_holder(parent) if kind != "user" else None
        field = next(
            (
                f
                for f in re.findall(r"`([\w.-]+)`", step.text or "")
                if f in self.brought
                and re.search({"email": r"e-?mail", "phone": r"phone|mobile|number"}[kind], f, re.I)
            ),
            None,
        )
        if given_at and field:
            # ('## Input (API call) `name`, `grade`, `email` … Email the doc link to `email`': the field the record
            # brings, named as it is written)
            self.notes.append(
                f"the {who}'s {what} is the '{field}' field the run is given (<{given_at}.{field}>)"
            )
            return self.brought_ref(given_at, field)
        # ('email the manager (manager_email)': the field the step names, before any other address field)
        given = next(
            (
                f
                for f in sorted(self.declared, key=lambda f: not re.search(rf"\b{f}\b", step.text or ""))
                if re.search({"email": r"e-?mail", "phone": r"phone|mobile", "user": r"user|slack"}[kind], f)
            ),
            None,
        )
        if given:  # 'manual start with the new hire's name, email …': the field the run is given
            self.notes.append(f"the {who}'s {what} is the run's '{given}' input (<start.{given}>)")
            return f"<start.{given}>"
        if (
            kind != "user"
            and step.recipient
            and self.trigger.kind == "manual"
            and (
                called_by_api(self.description)
                or _GIVEN_KEY.search(self.description)
                or _GIVEN_INPUT.search(self.description)
            )
        ):
            # 'our signup page calls the workflow's API with each new member … send them a welcome email': the person
            # a run started by a call or by hand is about is what it is given, their address one field of it
            return self.given_address(kind, who, what)
        written = (
            _address_written_in(self.written, kind, self.trigger.values.get("webhookProvider", "generic"))
            if self.trigger.kind == "webhook" and kind in ("email", "phone")
            else None
        )
        if written:  # 'their email is in the issue body': a function finds it there (`item_addresses`)
            self.notes.append(f"the {who}'s {what} is found in the incoming event's text (<{written}>)")
            return f"<{written}>"
        if self.trigger.kind == "webhook":
            provider = self.trigger.values.get("webhookProvider", "generic")
            hook = services.webhook_paths(provider)
            found = hook.get({"email": "sender", "phone": "phone", "user": "user"}[kind])
            if found is None and kind == "user" and services.body_as_sent(provider):
                # 'send their hiring manager a Slack DM': the person's chat id is a field of the event as sent
                found = f"{hook['data']}.{user_field}"
                # (and their e-mail address, named after them first, for a chat that finds its user by it)
                person = re.sub(r"\W+", "_", who.lower()).strip("_")
                self.chat_people[f"<{found}>"] = (
                    hook["data"],
                    f"{person}_email" if person in lexicon()["people"] else "email",
                )
            if found and kind in ("email", "phone"):
                # an invoice's customer is its `customer_email`, a checkout's its `customer_details.email`: where the
                # event the trigger names holds the address (services.json `fields`), over the provider's usual place
                # (a subscription's customer is a record fetched by its id first: `event_records`)
                head = " ".join(self.description[a:b] for a, b in self.trigger.spans).lower()
                found = services.event_fields(provider, head).get(kind, found)
            if found is None and kind == "phone" and hook.get("text"):
                # 'when an order e-mail arrives … WhatsApp the customer': an event with no number field of its own
                # (an e-mail, a chat message) holds the number in its text (a function finds it: `item_addresses`)
                found = hook["text"]
            if found:
                self.notes.append(f"the {who}'s {what} is taken from the incoming event (<{found}>)")
                open_field = re.search(r"\b[A-Z]+_FIELD_ID\b", found)
                if (
                    open_field
                ):  # Airtable keys a changed record's cells by field id: the user names that field
                    self.pending_need = (
                        f"replace {open_field.group(0)} in <{found}> by the id of the field holding the {who}'s "
                        f"{what} (fld…, shown in the base's API documentation)"
                    )
                    self.pending_field = (
                        "to"
                        if kind == "email"
                        else ("chatId" if step.type == "telegram" else "channel")
                        if kind == "user"
                        else ("phoneNumber" if step.type == "whatsapp" else "phoneNumbers")
                    )
                return f"<{found}>"
        if (
            kind == "user" and fallback
        ):  # 'send the owner a Telegram message': the chat the bot is set up with
            return str(fallback[0])
        if kind in ("email", "phone"):
            # ('email the list to the head chef' with nothing holding their address): a variable named after them, set
            # once — an empty recipient stops the run in Sim
            own = self.own_person(step, who, any_role=True)
            if own:
                return self.variable_for(own, kind, step)
        self.pending_need = f"the {who}'s {what} (the description does not say where it comes from)"
        self.pending_field = (
            "to"
            if kind == "email"
            else ("chatId" if step.type == "telegram" else "channel")
            if kind == "user"
            else ("phoneNumber" if step.type == "whatsapp" else "phoneNumbers")
        )
        return ""

    def own_person(self, step: Step, who: str, any_role: bool = False) -> str | None:
        """'the shift supervisor', 'our head chef': the role as the step says it, when it is one of the user's own
        business (lexicon.json 'own_people'; with `any_role`, whatever role it names), None when the text ties it to
        an item or to the data ('its supervisor', 'the assigned dispatcher', 'their address comes in the envelope')."""
        text = (step.text or "").lower()
        if re.search(
            r"\b(?:their|his|her)\s+(?:e-?mail|address|(?:phone\s+|mobile\s+)?number|phone|mobile)\b[^.;]{0,40}?"
            r"\b(?:is|are|comes?|arrives?|sits?|kept|stored|listed)\s+(?:in|on|with|from)\b",
            self.description,
            re.I,
        ):
            return None
        if who == "recipient":
            if not any_role:
                return None
            # ('email the list to the head chef': the person after 'to', not a thing or a place)
            told = re.search(
                r"\bto\s+(?:the|my|our)\s+([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s*(?=$|[.,;:!?)]|\s(?:on|via|by|in|at|with|"
                r"every|each|when|if|and|or|as|about|before|after)\b)",
                text,
            )
            if told is None:
                return None
            last = told.group(1).split()[-1]
            return (
                None
                if last in lexicon()["not_people"] or lx.integrations_in(told.group(1))
                else told.group(1)
            )
        if (
            not any_role
            and who not in lexicon()["own_people"]
            and not re.search(lexicon()["own_people_suffixes"] + "$", who)
        ):
            return None
        said = re.search(
            rf"\b(?:the|my|our)\s+((?:(?!(?:the|a|an|right|same|new|current|relevant|next)\b)[a-z][\w-]*\s+){{0,2}}?"
            rf"{re.escape(who)})s?\b",
            text,
        )
        if said is None:
            return who if any_role else None
        # ('its supervisor', 'each site's foreman', 'the assigned dispatcher', 'the responsible dispatcher'): the
        # person an item names, read from the data
        if re.search(r"\b(?:assigned|responsible|allocated|on-?call|on-?duty)\b", said.group(1)) or re.search(
            rf"\b(?:its|their|his|her|each|every|[\w-]+['’]s)\s+(?:[\w-]+\s+)?{re.escape(who)}", text
        ):
            return None
        return said.group(1)

    def variable_for(self, person: str, kind: str, step: Step) -> str:
        """`{{HEAD_CHEF_EMAIL}}`: the address of a person no data holds, a variable the user sets once in Sim, listed as
        what to fill in."""
        variable = re.sub(r"\W+", "_", person).strip("_").upper() + (
            "_EMAIL" if kind == "email" else "_PHONE"
        )
        what = "e-mail address" if kind == "email" else "phone number"
        self.pending_need = f"the {what} of the {person}, as {variable} (no event or row holds it)"
        self.pending_field = (
            "to" if kind == "email" else ("phoneNumber" if step.type == "whatsapp" else "phoneNumbers")
        )
        self.notes.append(f"the {person}'s {what} is the variable {variable}, to set once in Sim")
        return "{{" + variable + "}}"

    def picked_by_ai(self, prev: str | None) -> str | None:
        """`<agent1.content>` when the data so far is an agent's pick of the people it read ('let AI pick the carer
        with the fewest hours'): its prompt keeps only some of its input (lexicon.json 'ai_pick_prompt')."""
        made = re.fullmatch(r"<([\w-]+)\.content>", (prev or "").strip())
        block = next((b for b in self.blocks if made and b.id == made.group(1) and b.type == "agent"), None)
        prompt = (
            next((str(v.value or "") for v in block.values if v.id == "systemPrompt"), "") if block else ""
        )
        return prev.strip() if prev and re.match(lexicon()["ai_pick_prompt"], prompt) else None

    def chain(
        self,
        steps: list[Step],
        heads: list[tuple[str, str]],
        prev: str | None,
        parent: str | None,
        scope: str = "",
    ) -> tuple[list[tuple[str, str]], str | None]:
        """Append `steps` after `heads`; returns the new heads and the latest data reference. A repeated
        action in the same scope (same block, operation and target) is built once, carrying both data.
        A processing step after several reads in a row reads them all ('pull the issues, get the latest
        commit, have the AI write a report')."""
        gathered: list[str] = []
        taken: list[Step] = []  # steps a loop built before them took in
        for at, step in enumerate(steps):
            if any(step is t for t in taken):
                continue
            if step.kind == "condition":
                heads, prev = self.condition(step, heads, prev, parent)
            elif step.kind == "router":
                # an event run routes its event ('route the lead' after a lookup), not what a lookup found
                routed = any(branch for _, branch in step.branches) and self.trigger.kind != "webhook"
                listed = self.listed(prev, block=True) if parent is None and routed else None
                if listed is not None:
                    # 'read the inbox and sort the emails: invoices to Airtable, complaints to #support': each
                    # item of a fetched list takes its own route (a whole list has no single topic)
                    per_item = Step("loop", "loop", label=step.label, text=step.text, loop_type="forEach")
                    # ('… legal → Notion, medical → Jira; reply to the client with an acknowledgement'): a message to
                    # the item's own person said after the routes is sent for each item too, after its route
                    replies = list(itertools.takewhile(_to_its_person_step, steps[at + 1 :]))
                    taken += replies
                    per_item.body = [step, *replies]
                    heads = self.loop(per_item, heads, listed, parent)
                    self.notes.append(f"each item of the fetched list ({listed}) is routed on its own")
                else:
                    heads = self.router(step, heads, prev, parent)
            elif step.kind == "loop":
                self.once_prev = None
                heads = self.loop(step, heads, prev, parent)
                if self.once_prev is not None:
                    # 'GET … for each vehicle …' with no list to walk: its steps ran once, what they read goes on
                    prev, self.once_prev = self.once_prev, None
                ended = heads[0][0] if len(heads) == 1 and heads[0][1] == "loop-end-source" else None
                if ended and any(b.parent == ended and b.type == "agent" for b in self.blocks):
                    # '…, then email me all the summaries': what each repeat made, gathered by the loop
                    prev = f"<{ended}.results>"
            elif step.kind == "fan":  # parallel branches: each starts from the same heads, all are exits
                exits: list[tuple[str, str]] = []
                last = prev
                for i, (_, branch) in enumerate(step.branches):
                    out, made = self.chain(branch, heads, prev, parent, scope=f"{scope}:fan{i}")
                    exits, last = exits + out, made or last
                heads, prev = exits, last
            else:
                each = _PER_ITEM.search(step.text or "") if step.kind == "action" else None
                listed = self.listed(prev)
                if each and parent is None and listed is not None:
                    # 'copy the new signups … into HubSpot as contacts': one write per item of the fetched list
                    per_item = Step("loop", "loop", label=each.group(1), text=step.text, loop_type="forEach")
                    per_item.body = [step]
                    heads = self.loop(per_item, heads, listed, parent)
                    continue
                key = (parent, scope, step.type, step.values.get("operation"), _target_of(step))
                if step.kind == "action" and key not in self.done:
                    # 'Is there a way to get Sim to post our new uploads to Discord? … post anything new in the Discord
                    # channel #new-videos': a post to a channel no one named and one to a named channel of the same
                    # service are the same post, said twice (the post keeps the named one's key: a third post, to
                    # another channel, is a post of its own)
                    again = next(
                        (k for k in self.done if _said_again(k, key) and self.unaddressed(self.done[k], k)),
                        None,
                    )
                    if again is not None:
                        self.done[key] = self.done.pop(again)
                if step.kind == "action" and key in self.done:
                    moved = self.merge(self.done[key], step, heads, prev, parent)
                    if moved is not None:
                        heads = moved
                        continue
                if step.kind == "process" and self.repeats(step, heads):
                    continue
                if step.kind == "source" and self.read_again(step, parent):
                    continue
                # 'share its link in #eng': the address of what an earlier write made (not when the
                # message carries a URL of its own)
                link = (
                    self.link_asked(step, heads)
                    if step.kind == "action" and not lx.URL_RE.search(step.text or "")
                    else None
                )
                # 'remind everyone in #payroll to submit their timesheets': the reminder is the message
                said = _reminder(step.text or "") if prev is None and step.kind == "action" else None
                if (
                    prev is None
                    and link is None
                    and said is None
                    and step.kind == "action"
                    and _writes_data(step)
                    and not _quoted(step.text)
                ):
                    # 'every day at 9 send a motivational quote to #general': nothing fetched — an agent writes it
                    heads, prev = self.chain([_writer(step)], heads, prev, parent)
                picked = _selection(step.text or "") if step.kind == "action" and prev in gathered else None
                if picked and any("{prev_text}" in v for v in step.values.values()):
                    # 'email me the top 5 AI stories', 'post the 3 most interesting papers': judged, then sent
                    heads, prev = self.chain([_picker(picked, step)], heads, prev, parent)
                    gathered = []
                windowed = self.window_maker(step) if step.kind == "source" else None
                made = None
                if windowed is not None:  # "next week's events": the bounds, computed when the run starts
                    kept = prev
                    heads, made = self.chain([windowed[0]], heads, prev, parent)
                    prev = kept
                counted = (
                    (self.counter(step, prev) or self.totaller(step, prev)) if step.kind == "action" else None
                )
                if counted is not None:
                    # 'post how many there were in #support': the number of items, not the list itself
                    heads, prev = self.chain([counted], heads, prev, parent)
                csv = self.as_csv(step, prev) if step.kind == "action" else None
                if (
                    csv is not None
                ):  # 'export the orders to a CSV file in Google Drive': rows → CSV text → a file
                    heads, prev = self.chain([csv], heads, prev, parent)
                self.pending_need = ""
                # several reads in a row, then an agent or a message: it carries them all ('read the issues and the
                # errors and email both lists'), not only the latest
                message = step.kind == "action" and any("{prev_text}" in v for v in step.values.values())
                data = (
                    "\n\n".join(gathered)
                    if (step.kind == "process" or message) and len(gathered) > 1
                    else prev
                )
                if (
                    link is not None
                ):  # 'post the doc's link and a summary': the address, then what came before
                    data = link if not prev or prev == self.start_data() else f"{link}\n\n{prev}"
                if (
                    message
                    and data in self.audience
                    and not said
                    and any("{recipient" in v for v in step.values.values())
                ):
                    # ('post it in #billing and email everyone in the 'Finance Team' sheet': the post tells of the
                    # dispute, not of the people read to e-mail; but a post to a place of its own, '… look up the
                    # customer in Airtable and post the request with their plan to #support', tells of the event and of
                    # what was found)
                    data = self.audience[data] or data
                elif message and self.audience.get(data or "") and not said:
                    data = f"{self.audience[data or '']}\n\n{data}"
                data = said or data
                data = self.with_message(step, data)
                data = self.earlier_data(step, data)
                data = self.told_to_each(step, data, parent)
                if step.type == "response":  # what the run made, under its name: the caller's answer
                    parts = gathered if len(gathered) > 1 else [data] if data and data.startswith("<") else []
                    told_reply = step.values.get("told")
                    reply_values = {k: v for k, v in step.values.items() if k != "told"}
                    step = Step(
                        **{
                            **step.__dict__,
                            "values": {
                                **reply_values,
                                "data": told_reply or _reply_data(step.values["data"], parts),
                            },
                        }
                    )
                values = self.fill(step, data, parent)
                if csv is not None and prev:
                    self.csv_file(step, values, prev)
                if windowed is not None and made:
                    self.window_bounds(step, values, made, windowed[1])
                told = self.told_window(step, data, values)
                if step.kind in ("source", "action"):  # a read, or an update of the one record the run names
                    step = self.lookup(step, values)
                if step.kind in ("source", "action"):
                    self.addressed(step, values)
                if step.kind == "source":
                    self.keyed_search(step, values)
                    self.keyed_request(step, values, data)
                    self.event_request(step, values)
                    self.page_address(step, values, parent)
                    self.given_input(step, values, data, parent)
                if step.kind in ("source", "action"):
                    self.brought_in(step, values, data, parent)
                # ('look up the number in Supabase table 'oncall' and text the on-call tech': said as a look-up in a
                # place that holds records, the record it finds is whom a send after it goes to, found by a key or not)
                filtered = step.kind == "source" and (
                    self.filtered(step, values)
                    or services.lookup_filter(step.type, step.values.get("operation")) is not None
                    and re.match(r"\s*look(?:s|ing)?\s+up\b", step.text or "", re.I) is not None
                )
                unnamed = self.unnamed_places(step, values)
                local = self.add(step.type, values, parent)
                if self.sheet_key is not None:
                    self.sheet_keys[local] = self.sheet_key
                    self.sheet_key = None
                self.needs += [(local, shown, need) for shown, need in unnamed]
                for words, name in told:
                    self.notes.append(
                        f"Sim's {name} read takes no date: '{words}' is left to {self.name_of(local)}, told to keep "
                        "only those items"
                    )
                gathered = gathered if step.kind in ("source", "action") else []  # a message changes no data
                if step.kind == "source" and step.type == "api" and step.integration:
                    self.service_reads.setdefault(step.integration, (parent, local))
                if step.kind == "action":
                    self.done[key] = local
                    from lib.generation.services import link_path, made_id, made_object

                    operation = step.values.get("operation")
                    ident = made_id(step.type, operation)
                    where = link_path(step.type, operation)
                    what = made_object(step.type, operation) if where is None else None
                    if (
                        where is None
                        and step.type == "api"
                        and values.get("method") in ("POST", "PUT", "PATCH")
                    ):
                        # 'create an invoice via api.stripe.com and email the invoice link': what the request
                        # made is its response (with the address in it where the service gives one)
                        where = "data"
                    if where is not None or what:
                        made = f"<{local}.{where if where is not None else what}>"
                        objects = list(
                            services.operations()
                            .get(step.type, {})
                            .get(operation or "", {})
                            .get("objects", [])
                        )
                        if step.type == "api":
                            # 'add a lead in Close (using the Close API) … with the lead's id': a request names what
                            # it makes by the noun after its verb
                            objects += re.findall(
                                r"\b(?:an?|new|one)\s+(?:new\s+)?([a-z]{3,})\b", (step.text or "").lower()
                            )
                        self.made_ids[made] = (f"<{local}.{ident}>" if ident is not None else made, objects)
                    if where is not None:
                        self.created.append((f"<{local}.{where}>", step.type))
                    elif what:
                        # Linear's create returns the issue but no address: a message about it carries the issue
                        self.created.append((f"<{local}.{what}>", step.type))
                        self.addressless.add(f"<{local}.{what}>")
                self.words[local] = step.text or step.label
                if step.note:
                    self.notes.append(step.note)
                self.needs += [(local, _field_of(step, n), n) for n in step.needs]
                if self.pending_need:
                    self.needs.append((local, self.pending_field, self.pending_need))
                self.edge(heads, local)
                if step.type == "response":
                    # ('if the member is under 18, email the youth officer … the developer would like a response
                    # back'): the caller is answered whichever side of a test before it ran
                    open_ends = [
                        b.id
                        for b in self.blocks
                        if b.id in self.ends and b.parent == parent and not self.wired(b.id, "source")
                    ]
                    self.edge([(e, "source") for e in open_ends], local)
                heads = [(local, "source")]
                if step.kind in ("source", "process") or step.type in _PROCESS_TYPES:
                    before_read = prev or self.start_data()
                    prev = (
                        _ref(local, step.type, step.values.get("operation"))
                        if step.result is None
                        else f"<{local}.{step.result}>"
                    )
                    self.refs[id(step)] = prev
                    if step.kind == "source" and prev and before_read:
                        self.read_over[prev] = before_read
                    if (
                        step.kind == "source"
                        and self.trigger.kind == "webhook"
                        and lx.audience_lookup(step.text)
                    ):
                        self.audience[prev] = before_read
                    if step.kind == "source" and step.window:
                        from lib.sim.registry import get_block

                        spec = get_block(step.type)
                        self.windows[prev] = _Window(step.window, spec.name if spec else step.type)
                    if step.kind == "source":
                        gathered.append(prev)
                        self.reads.append(prev)
                    from lib.generation.services import external

                    api_facts = lexicon()["apis"].get(step.integration or "", {}) or external().get(
                        step.integration or "", {}
                    )
                    if api_facts.get("fields"):
                        self.fields[prev] = api_facts["fields"]
                    from lib.generation.services import operations

                    op_fields = operations().get(step.type, {}).get(step.values.get("operation") or "", {})
                    if op_fields.get("fields"):  # paths from the block's output: whole references
                        self.fields[prev] = {w: f"<{local}.{p}>" for w, p in op_fields["fields"].items()}
                    if step.kind == "source":
                        from lib.generation.services import item_contact, list_path

                        path = list_path(step.type, step.values.get("operation"), step.integration)
                        if step.result is not None:
                            path = step.result
                        if path is not None:  # only a list can be repeated over
                            items = f"<{local}.{path}>" if path else f"<{local}>"
                            self.lists.append(items)
                            self.item_emails[items] = item_contact(step.type, step.integration)
                            self.item_holders[items] = services.item_holder(step.type, step.integration)
                            self.item_urls[items] = services.item_url(step.type, step.integration)
                            if filtered and parent is None:
                                email, phone, _ = self.item_emails[items]
                                self.found = (items[1:-1], email, phone)
                            if step.sender:  # the mail kept to its sender is the list the run goes on with
                                heads, prev = self.kept_from(step.sender, local, items, parent)
                                self.refs[id(step)] = prev
                                self.lists.append(prev)
                                self.item_emails[prev] = self.item_emails[items]
                                self.item_holders[prev] = self.item_holders[items]
                                self.item_urls[prev] = self.item_urls[items]
                            if step.keep and local not in self.sheet_reads():
                                # 'Outlook emails with 'skip collection' in the subject': the items that hold the words
                                kept_list = prev if step.sender else items
                                heads, prev = self.kept_matching(step.keep, local, kept_list, heads, parent)
                                self.refs[id(step)] = prev
                                self.lists.append(prev)
                                self.item_emails[prev] = self.item_emails[items]
                                self.item_holders[prev] = self.item_holders[items]
                                self.item_urls[prev] = self.item_urls[items]
                            if step.day_window:
                                # 'each guest booked tomorrow': the rows dated in the window said
                                kept_list = prev if (step.sender or (step.keep and prev != items)) else items
                                heads, prev = self.kept_dated(
                                    step.day_window, local, kept_list, heads, parent
                                )
                                self.refs[id(step)] = prev
                                self.lists.append(prev)
                                self.item_emails[prev] = self.item_emails[items]
                                self.item_holders[prev] = (
                                    None if local in self.sheet_reads() else self.item_holders[items]
                                )
                                self.item_urls[prev] = self.item_urls[items]
        return heads, prev

    def sheet_reads(self) -> set[str]:
        """The local ids of the Google Sheets and Excel reads built so far (their `data.values` are rows of cells)."""
        return {
            b.id
            for b in self.blocks
            if b.type in ("google_sheets", "microsoft_excel")
            and any(v.id == "operation" and v.value == "read" for v in b.values)
        }

    def holder(self) -> str:
        """What holds the fields of an item of the list being looped over: the service's word for it
        (services.json 'item_holder'), else where the item holds its e-mail address (`_item_holder`)."""
        return self.item_holder if self.item_holder is not None else _item_holder(self.item_email)

    def listed(self, prev: str | None, block: bool = False) -> str | None:
        """The fetched list that `prev` (the data so far) is, or holds — or, with `block`, that the block `prev`
        reads from fetched (the Gmail read's text and its list of messages); None when there is none."""
        owner = re.match(r"<[\w-]+\.", prev or "")
        return next(
            (
                x
                for x in reversed(self.lists)
                if prev
                and (
                    x == prev
                    or x.startswith(prev[:-1] + ".")
                    or (block and owner and x.startswith(owner.group(0)))
                )
            ),
            None,
        )

    def unnamed_places(self, step: Step, values: dict[str, str]) -> list[tuple[str, str]]:
        """'post the summary to Teams', 'add a page in Notion': a place the operation cannot run without (a team and
        channel, a parent page, a document, a project) that the text names nowhere gets a variable the user sets
        once ('{{MICROSOFT_TEAMS_TEAM_ID}}'), listed as a need, as a Google Sheet or a Discord channel does; left
        empty, Sim's tool throws before it is called. Only an id (a selector, or a field titled '… ID'), never an
        address or a value. (field shown, need) per place filled."""
        from lib.secrets.detect import env_name
        from lib.sim.registry import get_block

        spec = get_block(step.type)
        operation = step.values.get("operation")
        required = services.operations().get(step.type, {}).get(operation or "", {}).get("required", [])
        if spec is None or not required:
            return []
        out = []
        for field_id, nouns, shown in services.resource_fields(step.type, operation):
            if shown not in required and field_id not in required:
                continue
            if any(isinstance(values.get(f), str) and values.get(f, "").strip() for f in (field_id, shown)):
                continue
            subs = [spec.sub_block(f) for f in (field_id, shown)]
            if not any(
                sub is not None and (sub.type.endswith("-selector") or re.search(r"\bID$", sub.title or ""))
                for sub in subs
            ):
                continue
            var = env_name(step.type, shown)
            values[field_id] = "{{" + var + "}}"
            out.append((shown, f"the id of the {nouns[0]} to use (from its URL or settings), as {var}"))
        return out

    def lookup(self, step: Step, values: dict[str, str]) -> Step:
        """'takes an email address and looks it up in the customers table', 'texts our bot a tracking number,
        look the parcel up in the parcels table', 'mark that job as closed': the read (or update) filters on
        what started the run, in the column the key's noun names (services.json 'lookup'); nothing when no
        key is named. A read of one record by its id ('find their record in Airtable by email': Get Record)
        is found by the key with the operation the lookup names (its `operation`: List Records, filtered)."""
        from lib.generation.services import lookup_filter

        how = lookup_filter(step.type, step.values.get("operation"))
        if how is None and step.kind == "source" and step.type in rows_kept():
            # ('look that property reference up in the Google Sheet 'Council Tax Bands'': a sheet's read takes no
            # filter; the rows holding the key are kept after it — sheet_rows.keep_keyed_rows)
            self.sheet_key = self.lookup_key(step)
            return step
        if how is None or how["field"] in values:
            return step
        key = self.lookup_key(step)
        if key is None:
            told = (
                re.search(lexicon()["told_filter"], step.text or "", re.I)
                if step.kind == "source" and not how.get("operation")
                else None
            )
            if told is not None:
                # ('… for rows with status 'failed'', '… where status is 'overdue''): the filter the read names
                words = told.group("column").lower().replace("-", " ").replace("_", " ").split()
                values[how["field"]] = _filled(how["value"], words, told.group("value"))
            return step
        if how.get("operation"):
            values["operation"] = how["operation"]
            step = Step(**{**step.__dict__, "values": {**step.values, "operation": how["operation"]}})
        words, given = key
        column = "_".join(words)
        value = _filled(how["value"], words, given)
        values[how["field"]] = value
        self.notes.append(
            f"the lookup filters on the run's input in the column '{column}' ({value}); rename it to match"
        )
        return step

    def addressed(self, step: Step, values: dict[str, str]) -> None:
        """'read the latest export file from S3' with 'Tools involved: S3 (s3://kessler-exports/daily/latest.csv)'
        told elsewhere, or '… calls a webhook with the S3 path': a read that takes its object's address
        (services.json 'address') takes the one the step writes, else the one the description gives, else the
        one the run is given (its input, or the event's field named by the words that say so)."""
        how = services.data()["blocks"].get(step.type, {}).get("address")
        named = values.get(how["field"]) if how is not None else None
        if how is not None and named and how.get("named") and not re.search(how["uri"], named, re.I):
            # 'the S3 bucket "acme-reports" … (daily/summary.csv)': the place's name and the path told, as an address
            path = re.search(how["path"], self.description, re.I) if how.get("path") else None
            key = path.group(0) if path else ""
            keyed = how.get("keyed") and re.search(how["keyed"], step.text or "", re.I)
            if not key and keyed and self.trigger.kind in ("manual", "chat"):
                # ('Runs via API call with a project_id. Reads the flight log file for that project from the S3
                # bucket …': the object of the item the run is given, keyed by what it is given — services.json
                # 'keyed')
                key = self.start_data() or ""
                self.notes.append(f"the {step.type} read takes the object named by the run's input ({key})")
            if not key and how.get("key_variable"):
                # 'read the newest file in acme-exports': Sim reads one object, named by its key; without one its
                # tool throws on the bare bucket ('s3://acme-exports/'): the key is a variable the user sets once
                key = "{{" + how["key_variable"] + "}}"
                self.pending_need = (
                    f"the key of the object to read in {named} (path/to/file.csv), as {how['key_variable']}"
                )
                self.pending_field = how["field"]
            variable = "_".join(re.findall(r"[A-Z0-9]+", named.upper()))
            values[how["field"]] = (
                how["named"].replace("{name}", named).replace("{path}", key).replace("{NAME}", variable)
            )
            if how.get("needs"):
                # 'upsert it into the Pinecone index shelf-search': Sim calls the index's own host, which holds ids
                # only Pinecone's console shows — variables the user sets once (services.json 'address' 'needs')
                self.pending_need = how["needs"].replace("{name}", named).replace("{NAME}", variable)
                self.pending_field = how["field"]
            return
        if how is None or values.get(how["field"]):
            return
        written = re.search(how["uri"], step.text or "", re.I)
        told = list(dict.fromkeys(m.group(0) for m in re.finditer(how["uri"], self.description, re.I)))
        if written or len(told) == 1:
            values[how["field"]] = written.group(0) if written else told[0]
            return
        given = re.search(how["given"], self.description, re.I)
        if self.trigger.kind in ("manual", "chat") and how.get("input", True):
            values[how["field"]] = "<start.input>"
        elif given and self.trigger.kind == "webhook":
            values[how["field"]] = self.event_field(
                "_".join(re.findall(r"[a-z0-9]+", given.group(0).lower()))
            )
            self.pending_need = ""
        if how["field"] in values:
            self.notes.append(
                f"the {step.type} read takes the address the run is given ({values[how['field']]})"
            )

    def told_window(self, step: Step, data: str | None, values: dict[str, str]) -> list[tuple[str, str]]:
        """An AI step reading a list whose time window the read could not apply ("last week's closed Jira
        issues") is told to keep only that window: (window, read's name) per window it was told."""
        if step.kind != "process" or step.type != "agent" or "systemPrompt" not in values or not data:
            return []
        told = []
        for ref, window in self.windows.items():
            if window.told or ref not in data:
                continue
            words, name = window.words, window.read
            when = f"the {words}" if re.match(r"(?:last|past|previous)\s+\d", words, re.I) else words
            values["systemPrompt"] = (
                f"{values['systemPrompt'].rstrip()} Only the items from {when} count: the {name} read returns "
                "older ones too, leave those out."
            )
            window.told = True
            told.append((words, name))
        return told

    def untold_windows(self) -> None:
        """A read's window no AI step was told: the report says it is not applied."""
        for window in self.windows.values():
            if not window.told:
                self.notes.append(
                    f"'{window.words}' is not applied: Sim's {window.read} read takes no date, so older items pass too"
                )

    def name_of(self, local: str) -> str:
        return next((b.name for b in self.blocks if b.id == local), local)

    def filtered(self, step: Step, values: dict[str, str]) -> bool:
        """Whether the read finds its record by the run's key (`lookup` set its filter to a reference)."""
        from lib.generation.services import lookup_filter

        how = lookup_filter(step.type, step.values.get("operation"))
        return how is not None and "<" in values.get(how["field"], "")

    def with_message(self, step: Step, data: str | None) -> str | None:
        """'when a guest messages us with a question, search the house rules and reply': the agent drafting
        the reply reads the message it answers as well as what was looked up, not only the latter."""
        start = self.start_data()
        if (
            step.kind != "process"
            or step.label != "Draft"
            or not start
            or not data
            or start in data
            or not data.startswith("<")
            or self.trigger.kind not in ("webhook", "chat")
        ):
            return data
        return f"Message: {start}\n\nFound: {data}"

    def told_to_each(self, step: Step, data: str | None, parent: str | None) -> str | None:
        """'check the API for which bins are due this week and WhatsApp each resident on the sheet which bin to put
        out', 'fetch the forecast and text each player in the 'Squad' table whether the match is on': a message sent
        to each person of a list read after another read carries what that other read returned (no step used it)
        as well as the person's own item."""
        item = "<loop.currentItem>"
        loop = next((b for b in self.blocks if b.id == parent and b.type == "loop"), None)
        if (
            step.kind != "action"
            or step.type not in lexicon()["message_channels"]
            or data != item
            or loop is None
            or loop.parent is not None
        ):
            return data
        people = "|".join(lexicon()["people"] + ["resident", "player", "member", "neighbour", "neighbor"])
        if not re.search(rf"\b(?:{people})s?\b", self.words.get(loop.id, ""), re.I):
            return data

        def block_of(ref: str) -> PlanBlock | None:
            named = re.match(r"<(\w+)", ref)
            return next(
                (
                    b
                    for b in self.blocks
                    if named and re.sub(r"[\s_-]", "", b.name.lower()) == named.group(1).lower()
                ),
                None,
            )

        top = [r for r in self.reads if (b := block_of(r)) is not None and b.parent is None]
        if len(top) < 2:
            return data
        earlier, listed = block_of(top[-2]), block_of(top[-1])
        if (
            earlier is None
            or listed is None
            or earlier.type == listed.type
            # (a read of a channel's messages before a list of people is no news for each of them: 'the Slack
            # users', a chat read to find someone)
            or earlier.type in lexicon()["message_channels"]
            or any(top[-2][1:-1].split(".")[0] + "." in str(v.value) for b in self.blocks for v in b.values)
        ):
            return data
        return f"{top[-2]}\n\n{item}"

    def earlier_data(self, step: Step, data: str | None) -> str | None:
        """A write that names data made before the step just before it (lexicon.json 'earlier_data'): 'add the raw
        issue list to the sheet' after an AI ranked them, 'save the full search results from step 1' — what the read
        returned, not the model's answer; 'add the lead to Airtable together with that score', 'email them their
        points balance together with the order total', 'create a contact for the invitee in HubSpot' after an AI
        wrote a prep brief (`event_record`: the record of the person the event brings) — the event's data as well
        as the latest."""
        if step.kind != "action" or not data or not data.startswith("<"):
            return data
        said = lexicon()["earlier_data"]
        text = step.text or ""
        if self.reads and data not in self.reads and re.search(said["raw"], text, re.I):
            return self.reads[-1]
        start = self.start_data()
        if (
            start
            and start not in data
            and self.trigger.kind == "webhook"
            and (re.search(said["both"], text, re.I) or re.search(said["event_record"], text, re.I))
        ):
            return f"{start} | {data}"  # (no line break: it may stand inside a JSON string)
        return data

    def keyed_search(self, step: Step, values: dict[str, str]) -> None:
        """'given a product name, search the web for recent reviews': a search in a run that is given a key
        (by hand or in a chat) searches for that key with the words the user added, unless it already reads
        something."""
        entry = lexicon()["search"].get(step.integration or "")
        if entry is None:
            return
        query = values.get(entry["query"], "")
        if self.trigger.kind == "webhook" and query and "<" not in query and self.start_data():
            # 'when a new contact is created in HubSpot, research the contact's company with Exa': what is searched
            # for belongs to the record the event brings
            head = " ".join(self.description[a:b] for a, b in self.trigger.spans).lower()
            whose = re.search(r"\b([a-z]+)(?:['’]s\b|s['’](?!\w))", query.lower())
            if whose and re.search(rf"\b{re.escape(whose.group(1))}s?\b", head):
                values[entry["query"]] = f"{self.start_data()} {query}"
                self.notes.append(f"the search is for the {whose.group(1)} the event brings and '{query}'")
            return
        if self.trigger.kind not in ("manual", "chat"):
            return
        said = _GIVEN_KEY.search(self.description)
        if not query or "<" in query or said is None or not self.start_data():
            return
        if (step.text or "") in self.description[: said.start()] or query in (
            _quoted(step.text or "") or "",
        ):
            return  # searched before the key is given, or for words the user quoted
        values[entry["query"]] = f"{self.start_data()} {query}"
        self.notes.append(f"the search is for what the run is given ({said.group(1)}) and '{query}'")

    def brought_holder(self, parent: str | None) -> str | None:
        """Where the fields the text says a record brings are read: the current item's inside a loop, the event's
        data when an event started the run (a provider that passes its body as sent), the run's own inputs when it
        is started by hand or by a call; None elsewhere."""
        container = next((b.type for b in self.blocks if b.id == parent), None)
        if container in ("loop", "parallel"):
            holder = self.holder()
            return f"{container}.currentItem" + (f".{holder}" if holder else "")
        if parent is not None:
            return None
        provider = str(self.trigger.values.get("webhookProvider") or "generic")
        if self.trigger.kind == "webhook" and provider == "generic":
            return services.webhook_paths(provider)["data"]
        if self.trigger.kind in ("manual", "api") and any(
            b.type == "starter" and any(v.id == "inputFormat" for v in b.values) for b in self.blocks
        ):
            return "start"
        return None

    def brought_in(self, step: Step, values: dict[str, str], data: str | None, parent: str | None) -> None:
        """'the form posts to a webhook — it sends the client's name, … the ancestor's name, a rough birth year and a
        county … run an Exa search for the ancestor (name, county, birth year)', 'each row has name, phone and
        pickup_time … text each customer their pickup time': a search, or a message about the record itself, whose
        words name fields the record is said to bring reads those fields (`brought`) in their place."""
        if not self.brought:
            return
        holder = self.brought_holder(parent)
        if holder is None:
            return
        start = (
            self.start_data()
            if parent is None
            else f"<{next(b.type for b in self.blocks if b.id == parent)}.currentItem>"
        )
        if step.kind == "source" and step.query:
            field = step.query
            query = values.get(field, "")
            if not query or "{{" in query:
                return
            if "<" in query and not (start and start in query):
                return  # (it searches what an earlier step found)
            words = re.sub(r"\s+", " ", query.replace(start or "\0", " ")).strip()
            said = said_fields(words, self.brought)
            new = (
                with_fields(words, said, {s.key: self.brought_ref(holder, s.key) for s in said})
                if said
                else words
            )
            # (fields the step's words name that the query lost: 'search Linkup for news about the product line in
            # that region')
            more = [
                s for s in said_fields(step.text or "", self.brought) if s.key not in {t.key for t in said}
            ]
            new = " ".join([self.brought_ref(holder, s.key) for s in more] + ([new] if new else []))
            said = said + more
            if not said:
                return
            if new:
                values[field] = new
                self.notes.append(
                    f"the search is for the {', '.join(repr(s.key) for s in said)} the record brings ({new})"
                )
            return
        if step.kind != "action" or not data or data != start:
            return
        keys = [k for k, v in step.values.items() if "{prev_text}" in v]
        said = said_fields(step.text or "", self.brought)
        if not keys or not said:
            return
        refs = [(s.key, self.brought_ref(holder, s.key)) for s in said]
        lines = (
            refs[0][1]
            if len(refs) == 1
            else "\n" + "\n".join(f"{k.replace('_', ' ').capitalize()}: {r}" for k, r in refs)
        )
        for key in keys:
            if data in values.get(key, ""):
                values[key] = values[key].replace(data, lines)
        self.notes.append(f"the message says the {', '.join(repr(k) for k, _ in refs)} the record brings")

    def brought_ref(self, holder: str, key: str) -> str:
        """The reference to a field the record brings; a run's own input is added to its input format."""
        if holder == "start" and key not in self.declared:
            self.declare_input(key)
        return f"<{holder}.{key}>"

    def declare_input(self, name: str) -> None:
        """Add `name` to the fields the run is given (the starter's input format)."""
        self.declared.append(name)
        starter = next((b for b in self.blocks if b.type == "starter"), None)
        for value in starter.values if starter is not None else []:
            if value.id == "inputFormat":
                value.value = json.dumps(
                    [
                        {"id": f"field-{f}", "name": f, "type": "string", "collapsed": False, "value": ""}
                        for f in ["input"] + [f for f in self.declared if f != "input"]
                    ]
                )

    def page_address(self, step: Step, values: dict[str, str], parent: str | None) -> None:
        """'I paste in a competitor's URL, it scrapes the page', 'when our CMS publishes a post (webhook), scrape it
        with Firecrawl': a page reader with no address of its own reads the one the run brings, whatever step
        comes just before it -- the address it is given by hand or in a chat (when what it is given is an
        address no earlier step took), else the event's link (services.json `webhooks` fields), else the
        payload field its words name (lexicon `page_address_fields`). A scrape of what a search found, or of
        a page the event does not point at, is left alone."""
        from lib.sim.registry import get_block

        spec = get_block(step.type)
        page = spec.sub_block("url") if spec is not None and step.type != "api" else None
        if (
            parent is not None
            or page is None
            or values.get("url")
            or step.type in str(page.title).lower()  # (a service's own server, 'Qdrant URL')
            or not services._shown(page, values.get("operation"))
        ):
            return
        start = self.start_data()
        kind = self.trigger.kind
        head = " ".join(self.description[a:b] for a, b in self.trigger.spans).lower()
        said = f"{step.text or ''} {head}"
        fields = lexicon()["page_address_fields"]
        if kind in ("manual", "chat") and start:
            given = _GIVEN_INPUT.search(self.description)
            taken = any(start in str(v.value) for b in self.blocks for v in b.values)
            if given is None or taken or not any(re.search(w, given.group(0), re.I) for w in fields):
                return
            values["url"] = start
        elif kind == "webhook":
            provider = str(self.trigger.values.get("webhookProvider") or "generic")
            name = next((f for w, f in fields.items() if re.search(w, said, re.I)), None)
            if not services.body_as_sent(provider) or name is None:
                return
            link = services.event_fields(provider, head).get("link")
            values["url"] = f"<{link}>" if link else self.event_field(name)
        else:
            return
        self.notes.append(f"'{(step.text or '').strip()}' reads the address the run brings ({values['url']})")

    def given_input(self, step: Step, values: dict[str, str], prev: str | None, parent: str | None) -> None:
        """'take the article link I give you, scrape it', 'takes a question, searches our Pinecone index':
        the first read of a run started by hand, by a call or in a chat that is given something reads
        what it was given — the page it fetches (a block taking an address, none written), the query it
        searches for (none written, or only the name of the index searched)."""
        start = self.start_data()
        if (
            self.trigger.kind not in ("manual", "chat")
            or not start
            or prev != start
            or parent is not None
            # (a chat is always given what the person wrote: 'search the runbooks for the problem they describe')
            or not (self.trigger.kind == "chat" or _GIVEN_INPUT.search(self.description))
        ):
            return
        from lib.sim.registry import get_block

        spec = get_block(step.type)
        page = spec.sub_block("url") if spec is not None and step.type != "api" else None
        # a page reader's address ('Website URL'), not the address of the service's own server ('Qdrant URL')
        if (
            page is not None
            and step.type not in str(page.title).lower()
            and not values.get("url")
            and services._shown(page, values.get("operation"))  # (Exa's search takes no address)
        ):
            values["url"] = start
            self.notes.append(f"'{(step.text or '').strip()}' reads the address the run is given ({start})")
        field = step.query
        if not field:
            return
        query = values.get(field, "")
        if "<" in query or "{{" in query:
            return
        named = {v for k, v in values.items() if k != field}
        words = "" if not query or query in named or lx.is_filler(query) else query
        values[field] = f"{start} {words}" if words else start
        self.notes.append(
            f"the search is for what the run is given ({start}){' and ' + repr(words) if words else ''}"
        )

    def keyed_request(self, step: Step, values: dict[str, str], prev: str | None = None) -> None:
        """'look them up in Clearbit (…/people/find by email)': a GET that finds one record by a key the
        run is given carries that key as a query parameter, when its address leaves none open; so does the
        first request of a run started by hand that is given a key ('take a property address, pull comparable
        listings from the RentCast API')."""
        url = values.get("url", "")
        slot = services.external().get(step.integration or "", {}).get("slot") if step.type == "api" else None
        if slot and slot["placeholder"] in url:
            self.slot_key(step, values, slot)
            return
        if step.type != "api" or values.get("method", "GET") != "GET" or not url or re.search(r"[<{]", url):
            return
        first = (
            "?" not in url
            and self.trigger.kind in ("manual", "chat")
            and prev is not None
            and prev == self.start_data()
            and _GIVEN_KEY.search(self.description) is not None
        )
        if not first and not any(r.search(step.text or "") for r in (_KEY_BY, _POINTED, _CHECKED)):
            return  # 'look it up by email', 'looks the order up', 'check their VAT number': one record, by its key
        key = self.lookup_key(step)
        if key is None:
            return
        words, given = key
        values["url"] = f"{url}{'&' if '?' in url else '?'}{'_'.join(words)}={given}"
        self.notes.append(
            f"the request asks for the record whose {' '.join(words)} is {given}; rename the parameter to the API's"
        )

    def slot_key(self, step: Step, values: dict[str, str], slot: dict[str, str]) -> None:
        """'someone writes a tracking number to the chat, ask DHL where the parcel is': the address's slot for the
        key of the one item asked about (services.json external 'slot') takes the key the run is given — the
        chat's or the caller's input, the key the step or the event names, the message's text — else stays for
        the user to fill."""
        given = None
        if self.trigger.kind in ("manual", "chat"):
            given = self.start_data()
        elif self.trigger.kind == "webhook":
            key = self.lookup_key(step)
            hook = services.webhook_paths(self.trigger.values.get("webhookProvider", "generic"))
            provider = self.trigger.values.get("webhookProvider", "generic")
            if key is not None:
                given = key[1]
            elif hook.get("text"):
                given = f"<{hook['text']}>"
            elif services.body_as_sent(provider):
                given = f"<{hook['data']}.{'_'.join(_key_words(slot['key']))}>"
        if not given:
            return
        values["url"] = values["url"].replace(slot["placeholder"], given)
        step.needs[:] = [n for n in step.needs if slot["placeholder"] not in n]
        self.notes.append(f"the request asks about the {slot['key']} the run is given ({given})")

    def event_request(self, step: Step, values: dict[str, str]) -> None:
        """'When Zoom sends the meeting-ended webhook, fetch the participant list from the Zoom API
        (api.zoom.us)': a GET to the API of the service whose event started the run asks about that event's
        record, so it carries the record's id from the event (when its address leaves none open)."""
        url = values.get("url", "")
        if (
            self.trigger.kind != "webhook"
            or step.type != "api"
            or values.get("method", "GET") != "GET"
            or re.search(r"[<{?]", url)
        ):
            return
        host = re.match(r"https?://([^/?#]+)", url)
        names = [n for n in (host.group(1).lower().split(".")[:-1] if host else []) if n not in _HOST_WORDS]
        head = " ".join(self.description[a:b] for a, b in self.trigger.spans).lower()
        if not any(re.search(r"\b" + re.escape(n) + r"\b", head) for n in names):
            return
        provider = self.trigger.values.get("webhookProvider", "generic")
        if not services.body_as_sent(provider):
            return  # the event is reshaped by Sim: no field of it can be named
        data = services.webhook_paths(provider)["data"]
        # "get the customer's details" after a charge event: the customer the event names, not the charge itself
        whose = re.search(r"\b(?:the|its|their)\s+([a-z]+)['’]s\b", step.text or "", re.I)
        other = whose.group(1).lower() if whose and whose.group(1).lower() not in head else None
        values["url"] = f"{url}?{other}_id=<{data}.{other}>" if other else f"{url}?id=<{data}.id>"
        self.notes.append(
            f"'{(step.text or '').strip()}' asks about the record the event is about (its id from the event); "
            "put it where the API takes it"
        )

    def lookup_key(self, step: Step) -> tuple[list[str], str] | None:
        """The words of the key a lookup is given ('email', 'tracking number') and the reference to its value:
        the run's input for a run started by hand or in a chat; for an event, the sender's address when the
        key is an e-mail, the message's text when the event is a message, else the payload's field."""
        text = step.text or ""
        pointed = _POINTED.search(text)
        kind = self.trigger.kind
        if kind in ("manual", "chat"):
            said = _GIVEN_KEY.search(self.description)
            if said is None and pointed:
                # "ask things like 'where's order 1234?' and it looks the order up": the key, shown by an example
                example = _EXAMPLE_KEY.search(self.description)
                if example is not None and example.group(1).lower() in text.lower():
                    return [example.group(1).lower(), "id"], self.start_data() or ""
            # 'they type a booking reference and get the booking from the table': an identifier given, then read
            # ('bookings live in Supabase (`bookings` table). … call with a booking id; look that booking up': the
            # read told of before, pointed at after the key is given)
            later = (
                _POINTED.search(self.description, said.end()) if said is not None and not pointed else None
            )
            pointed_words = re.findall(r"[a-z]{3,}", later.group(0).lower()) if later else []
            held = " ".join([text, *step.values.values()]).lower()
            later_here = (
                bool(pointed_words)
                and pointed_words[-1] not in ("look", "find", "finds", "that", "this", "them")
                and (pointed_words[-1][:5] in held)
            )
            if said is None or not (pointed or later_here or text not in self.description[: said.start()]):
                return None
            return _key_words(said.group(1)), self.start_data() or ""
        if kind != "webhook":
            return None
        # an event: the key is named in the step ('by their email', 'match on their Slack email') or in
        # what the event brings ('texts our bot a tracking number'); the step points at it ('look the
        # parcel up', 'that order')
        by = _KEY_BY.search(text) or _CHECKED.search(text)
        that = re.search(r"\b(?:that|this|the same|their|his|her)\s+[\w-]+", text, re.I)
        if by is None and not (pointed or that or _looked_up_noun(text)):
            return None
        head = " ".join(self.description[a:b] for a, b in self.trigger.spans)
        brought = _KEY_NOUN.search(head) or _KEY_NOUN.search(self.description[: self.description.find(text)])
        # 'look up their order number in the orders table': the key is the sender's, named in the step itself
        theirs = re.search(r"\b(?:their|his|her)\s+" + _KEY, text, re.I)
        found = by or brought or theirs
        hook = services.webhook_paths(self.trigger.values.get("webhookProvider", "generic"))
        if found is None and hook.get("sender") and _PERSON.search(text):
            # 'look them up in Clearbit', 'find the customer in our billing API': a person, found by the
            # address the event brings
            self.notes.append(f"'{text.strip()}' finds the person by the e-mail address the event brings")
            return ["email"], f"<{hook['sender']}>"
        if found is None and hook.get("user") and _PERSON.search(text):
            # 'when a message lands in #help in Slack, look up the customer in our users table': the person who
            # wrote, found by the user id the event brings (services.json webhooks 'user'), in a column of theirs
            provider = self.trigger.values.get("webhookProvider", "generic")
            self.notes.append(
                f"'{text.strip()}' finds the person by the {provider} user id of who wrote the message"
            )
            return [provider, "user", "id"], f"<{hook['user']}>"
        if found is None:
            # 'find the record for that class' after 'someone books a pottery class': the record of the thing
            # the event names, found by that thing's own field of the event
            named = _THAT_NOUN.search(text)
            if named is None or not re.search(rf"\b{re.escape(named.group(1))}\b", head, re.I):
                # 'when Zendesk sends us a ticket …, look the order up in Shopify via their API': the record the
                # event points at, found by its id in the event ('order_id')
                noun = _looked_up_noun(text)
                if noun is None:
                    return None
                if hook.get("text"):
                    # 'when someone posts in #orders-help, look up the order': a message names the record in
                    # its text
                    self.notes.append(f"'{text.strip()}' finds the {noun} named in the message's text")
                    return [noun, "id"], f"<{hook['text']}>"
                if not services.body_as_sent(self.trigger.values.get("webhookProvider", "generic")):
                    return None
                # (a payment event keeps the sender's own ids where the service lets them put them: Stripe's
                # 'metadata' — services.json webhooks 'own_ids')
                own = hook.get("own_ids")
                return [noun, "id"], f"<{hook['data']}.{own + '.' if own else ''}{noun}_id>"
            found = named
        words = _key_words(found.group(1))
        if words[-1] == "email" and hook.get("sender") and "@" not in hook["sender"]:
            return words, f"<{hook['sender']}>"
        if hook.get("text"):
            return words, f"<{hook['text']}>"
        if not services.body_as_sent(self.trigger.values.get("webhookProvider", "generic")):
            return (
                None  # an Airtable change, a Gmail message: reshaped by Sim, a field named here is not there
            )
        return words, f"<{hook['data']}.{'_'.join(words)}>"

    def read_again(self, step: Step, parent: str | None) -> bool:
        """'summarise everything in #incidents …; just read Slack': a read of what a block in the same place
        already reads (same service, operation and settings) is that block — read once."""
        own = {k: v for k, v in step.values.items() if "{" not in v}
        earlier = self.service_reads.get(step.integration or "")
        if (
            step.type == "api"
            and earlier is not None
            and earlier[0] == parent
            and step.values.get("method") == "GET"
            and not self.names_object(step)
        ):
            # ('… fetches the order from Shopify … AC: uses the Shopify Admin API': the service named again, no
            # object of its own — the read already built)
            block = next(b for b in self.blocks if b.id == earlier[1])
            self.words[block.id] = self.words.get(block.id, "") + " + " + (step.text or "")
            self.notes.append(f"'{step.text}' reads what {block.name} already reads: read once")
            return True
        for block in self.blocks:
            values = {v.id: v.value for v in block.values}
            if (
                block.type == step.type
                and block.parent == parent
                and own.get("operation") == values.get("operation")
                and all(values.get(k) == v for k, v in own.items())
            ):
                self.words[block.id] = self.words.get(block.id, "") + " + " + (step.text or "")
                self.notes.append(f"'{step.text}' reads what {block.name} already reads: read once")
                return True
        return False

    @staticmethod
    def names_object(step: Step) -> bool:
        """Whether the clause of a read of a service with no block names one of the service's objects ('orders')."""
        entry = services.external().get(step.integration or "") or {}
        return any(re.search(r"\b" + re.escape(o), step.text or "", re.I) for o in entry.get("objects", {}))

    def repeats(self, step: Step, heads: list[tuple[str, str]]) -> bool:
        """'answer it with the AI … and reply in the chat': a processing step that asks the block just built
        for the same work again (same block, same instructions) is that block — built once."""
        if len(heads) != 1 or heads[0][1] != "source" or not self.blocks:
            return False
        last = self.blocks[-1]
        if last.id != heads[0][0] or last.type != step.type or step.type not in (*_PROCESS_TYPES, "agent"):
            return False
        own = {v.id: v.value for v in last.values}
        keys = [
            k for k, v in step.values.items() if "{" not in v and k not in ("model", "apiKey", "temperature")
        ]
        # ('let AI write an answer, and reply to the person in Telegram': the reply drafted is the answer just drafted)
        replies = all(
            _DRAFTED_REPLY.match(str(prompt or ""))
            for prompt in (own.get("systemPrompt"), step.values.get("systemPrompt"))
        )
        if not replies and (not keys or any(own.get(k) != step.values[k] for k in keys)):
            return False
        self.words[last.id] = self.words.get(last.id, "") + " + " + (step.text or "")
        self.notes.append(f"'{step.text}' asks {last.name} for the same work: built once")
        return True

    def link_asked(self, step: Step, heads: list[tuple[str, str]]) -> str | None:
        """'post its link in #eng', 'share the Jira URL': the address of what an earlier write created — the
        one whose service the clause names, else the latest; None when the clause asks for no link. Only
        writes upstream of `heads` count: Sim lets a block read only blocks with a path of edges into it
        (a write inside a loop is not upstream of what follows the loop). 'reply with the ticket key', '… the
        new issue's ID': its identifier, where the write returns one, else what it returns."""
        if not self.created:
            return None
        if not re.search(r"\b(?:links?|urls?)\b", step.text or "", re.I):
            # 'with the ticket key', "with the new issue's ID": the identifier of what was made, named by its noun
            # ('with the envelope id' names what the event is about, not what a step made; 'email the reporter the
            # issue key': the identifier as what the message sends)
            # ('with the number of order': the noun after it, as a translation leaves it)
            ident = re.search(
                r"\b(?:with\s+)?(?:the|its|their)\s+((?:[\w'’-]+\s+){0,2})(?:key|id|number|reference)\b"
                r"(?:\s+of\s+(?:the\s+|their\s+|its\s+)?([a-z][\w-]*))?",
                step.text or "",
                re.I,
            )
            found = self.link_asked_for(step, heads) if ident else None
            if ident is None or found is None or found not in self.made_ids:
                return None
            ref, objects = self.made_ids[found]
            named = {
                re.sub(r"['’]s$", "", w) for w in f"{ident.group(1)} {ident.group(2) or ''}".lower().split()
            }
            # ('comment on the GitHub issue with the Jira key': the service that made it names it too)
            from lib.generation.services import aliases

            made_by = {
                n.lower()
                for r, t in self.created
                if r == found
                for n in (t.replace("_", " "), *aliases(t))
                if n
            }
            # ('save each booking that comes through our Telegram bot in Airtable and reply with their booking number':
            # what the write stored is the item the event brought, named by the event's noun)
            # (a reply only: 'email finance with the contract id' names the event's contract, not the page made)
            brought = (
                set((self.trigger.values.get("webhookPath") or "").split("-")) - {""}
                if re.search(r"\b(?:repl(?:y|ies)|respond|answer)", step.text or "", re.I)
                else set()
            )
            return ref if named & {*objects, "new", *made_by, *brought} else None
        return self.link_asked_for(step, heads)

    def link_asked_for(self, step: Step, heads: list[tuple[str, str]]) -> str | None:
        """The reference to what an earlier write upstream of `heads` created, for a message about it."""
        from lib.generation.services import aliases

        upstream = self.upstream_of([h for h, _ in heads])
        created = [(ref, type_) for ref, type_ in self.created if ref[1:].split(".")[0] in upstream]
        if not created:
            return None
        low = (step.text or "").lower()
        found = next(
            (
                ref
                for ref, type_ in reversed(created)
                if type_ != step.type
                and any(
                    re.search(r"\b" + re.escape(n) + r"\b", low)
                    for n in [type_.replace("_", " "), *aliases(type_)]
                    if n
                )
            ),
            created[-1][0] if created[-1][1] != step.type else None,
        )
        if found in self.addressless:
            self.notes.append(
                f"'{step.text}': what {found} returns in Sim JUL25 holds no link, so the message carries it (its id and title)"
            )
        return found

    def looked_up(self, prev: str) -> str | None:
        """The list a look-up made for what `prev` holds (the item of a loop, what started the run): one fetched
        inside the loop, or after the start, by a block that reads (no agent's answer); None when there is none."""
        inside = {b.parent for b in self.blocks if any(b.id == h for h, _ in self.test_heads)} | {
            h for h, handle in self.test_heads if handle.startswith("loop")
        }
        for ref in reversed(self.lists_upstream(self.test_heads)):
            block = next((b for b in self.blocks if ref.startswith(f"<{b.id}.")), None)
            if block is None or block.type in ("agent", "function", "loop", "parallel", "condition"):
                continue
            if not prev.startswith("<loop") or (block.parent is not None and block.parent in inside):
                return ref
        return None

    def tested_data(self, heads: list[tuple[str, str]]) -> str | None:
        """The data the condition whose branch `heads` leave reads (its first reference), if a condition."""
        for head, _ in heads:
            block = next((b for b in self.blocks if b.id == head and b.type == "condition"), None)
            said = next((v.value for v in (block.values if block else []) if v.id == "conditions"), None)
            found = re.search(r"<[\w.]+>", str(said or ""))
            if found:
                return next((r for r in self.lists if found.group(0).startswith(r[:-1])), found.group(0))
        return None

    def any_item_passes(self, test: str, listed: str, field: str, op: str, num: str) -> str:
        """'if any of them is 2 stars or lower', 'if the score is 3 or lower' of a fetched list: the test holds when one
        item's `field` passes it."""
        self.notes.append(
            f"the test '{test.strip()}' holds when any item of {listed} passes it, reading each item's '{field}' field"
        )
        item = _cmp(f"Number(x?.[{json.dumps(field)}])", op, num)
        return f"[].concat({listed} || []).some((x) => {item})"

    def lists_upstream(self, heads: list[tuple[str, str]]) -> list[str]:
        """The fetched lists a block after `heads` may read (newest last): not one fetched inside a
        loop or parallel that has ended."""
        upstream = self.upstream_of([h for h, _ in heads]) | {"start", "loop", "parallel"}
        return [r for r in self.lists if r[1:].split(".")[0].rstrip(">") in upstream]

    def upstream_of(self, ids: list[str]) -> set[str]:
        """The blocks with a path of edges into any of `ids` (those ids included); a block inside a loop
        or parallel reaches what its container reaches."""
        parents = {b.id: b.parent for b in self.blocks}
        into: dict[str, list[str]] = {}
        for e in self.edges:
            into.setdefault(e.target, []).append(e.source)
        seen: set[str] = set()
        todo = list(ids)
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            todo += into.get(current, [])
            if parents.get(current):
                todo.append(str(parents[current]))
        return seen

    def unaddressed(self, local: str, key: tuple[Any, ...]) -> bool:
        """Whether the send `local` (built for `key`) went to no one: an e-mail whose recipient is empty (a post to a
        channel no one named keeps its placeholder: `_said_again` tells those)."""
        if key[2] not in _MAILERS:
            return True
        block = next((b for b in self.blocks if b.id == local), None)
        return block is not None and not any(v.id == "to" and str(v.value).strip() for v in block.values)

    def merge(
        self, earlier: str, step: Step, heads: list[tuple[str, str]], prev: str | None, parent: str | None
    ) -> list[tuple[str, str]] | None:
        """A repeated action ('post … to #ops' five times): the earlier block moves here and sends what
        both would have sent, so the data of each is upstream. None when it cannot move (branches)."""
        block = next(b for b in self.blocks if b.id == earlier)
        ins = [e for e in self.edges if e.target == earlier]
        outs = [e for e in self.edges if e.source == earlier]
        if (
            any(e.handle != "source" for e in outs)
            or len(outs) > 1
            or any(h[0] == earlier for h in heads[1:])
        ):
            return None
        text_field = next((k for k, v in step.values.items() if "{prev" in v), None)
        if text_field is None or prev is None:
            self.dropped.append(step.text)
            self.notes.append(f"'{step.text}' repeats {block.name}: built once")
            return heads
        self.edges = [e for e in self.edges if e.source != earlier and e.target != earlier]
        for e in outs:  # the blocks after it now follow its predecessors
            for i in ins:
                self.edges.append(PlanEdge(source=i.source, target=e.target, handle=i.handle))
        if heads == [(earlier, "source")]:
            heads = [(i.source, i.handle) for i in ins]
        value = next(v for v in block.values if v.id == text_field)
        filled = self.fill(step, prev, parent)
        addition = filled[text_field]
        if addition not in value.value:
            value.value = value.value + "\n\n" + addition
        # '… copies them into a sheet' then '… appends them to the Google Sheet "AP Invoices"': the place one of
        # them names is where the one block writes (a placeholder gives way to a name)
        held = {v.id: v for v in block.values}
        for key, said in filled.items():
            if key == text_field or not isinstance(said, str) or not said or "<" in said:
                continue
            if key not in held and key.startswith("manual") and len(key) > 6:
                # the basic field a 'manual…' value fills ('manualSpreadsheetId')
                key = key[6].lower() + key[7:]
            if key not in held and key == "to" and block.type in _MAILERS:
                # ('copy the orders into an email, and send it to bookings@x': the e-mail built to no one goes there)
                held[key] = PlanValue(id=key, value="")
                block.values.append(held[key])
            if key not in held:
                continue
            if not _PLACEHOLDER.search(said):
                if _PLACEHOLDER.fullmatch(held[key].value.strip()) or not held[key].value.strip():
                    held[key].value = said
            elif _PLACEHOLDER.fullmatch(said.strip()) and _unnamed_place(
                held[key].value.strip(), said.strip()
            ):
                # ('{{DISCORD_CHANNEL_ID}}' gives way to '{{DISCORD_CHANNEL_ID_NEW_VIDEOS}}': the place named, to fill)
                held[key].value = said
        self.blocks.remove(block)
        self.blocks.append(block)
        self.edge(heads, earlier)
        self.words[earlier] = self.words.get(earlier, "") + " + " + (step.text or "")
        self.notes.append(f"'{step.text}' repeats {block.name}: one message carries both")
        return [(earlier, "source")]

    def end(self, parent: str | None, why: str) -> str:
        """A clean end for a branch with nothing to do (JUL25 Sim throws when a taken branch has no edge)."""
        self.counts["No action"] = self.counts.get("No action", 0) + 1
        n = self.counts["No action"]
        code = "return { skipped: true, reason: " + json.dumps(why[:120]) + " };"
        local = self.add("function", {"code": code}, parent, name="No action" + (f" {n}" if n > 1 else ""))
        self.words[local] = "otherwise (nothing asked): end the run"
        self.ends.append(local)
        return local

    def condition(
        self, step: Step, heads: list[tuple[str, str]], prev: str | None, parent: str | None
    ) -> tuple[list[tuple[str, str]], str | None]:
        own = self.refs.get(id(step.data_from)) if step.data_from is not None else None
        prev = own or prev
        fixed = None  # the test, when it is not read from the step's words
        if step.collect and prev is not None:
            kept = self.kept_items(step, heads, prev, parent)
            if kept is not None:
                heads, prev = kept
                if step.collect == "filter":  # no test asked of the kept list: what follows gets it
                    return self.chain(step.branches[0][1], heads, prev, parent)
                fixed = f"[].concat({prev} || []).length > 0"  # 'if nothing is below 20, don't send': some were kept
        if (
            own is None
            and prev is not None
            and not prev.startswith(("<start", "<loop"))
            and self.tests_event(step.label)
        ):
            # 'If the ticket subject starts with …, also …': the event, not the step before
            prev = self.start_data()
        elif (
            prev is not None
            and self.trigger.kind == "webhook"
            and re.search(r"\b(?:label(?:l?ed|s)?|tag(?:ged|s)?)\b", step.label, re.I)
            and any(b.type == "agent" and prev.startswith(f"<{b.id}.") for b in self.blocks)
        ):
            # "only if it has the 'customer-reported' label", "… but only if the ticket has the 'vip' tag" after 'have
            # the AI write a thank-you': what the event is labelled with, not the model's draft (it holds no labels)
            prev = self.start_data()
        if prev is not None:
            # 'write a listing blurb with AI, …, and if the price is above …': not a field of the draft
            prev = self.drafted_from(prev, step.label) or prev
        chain = [step]
        while len(chain[-1].branches) > 1:
            tail = chain[-1].branches[1][1]
            if len(tail) != 1 or tail[0].kind != "condition" or not tail[0].chained:
                break
            chain.append(tail[0])
        if (
            len(chain) >= 2
            and not any(branch for _, branch in chain[-1].branches)
            and len(chain[-2].branches) > 1
        ):
            # '…; Scores 7-8: nothing.': a last exclusive test that does nothing either way is the else branch's
            # nothing — left out, so the tests that act keep their own blocks
            chain[-2].branches[1] = ("else", [])
            chain.pop()
        if len(chain) >= 3 or (len(chain) == 2 and len(chain[-1].branches) > 1 and chain[-1].branches[1][1]):
            # three or more exclusive tests, or two and what none of them takes ('priority 1 -> …; priority 2 ->
            # …; anything else -> …'): one condition block, 'if' / 'else if' … / 'else'
            decided = self.decision(chain, heads, prev, parent)
            if decided is not None:
                return decided, prev
        if fixed is None and len(chain) == 1 and not any(branch for _, branch in step.branches):
            # 'If it helps, the sheet is filled in by the night shift', 'if you need anything else just shout': a test
            # that guards no step would end the run either way — an aside, not a condition block
            self.notes.append(f"the test '{step.label.strip()}' guards no step, so it was left out")
            return heads, prev
        judged = (
            None
            if fixed is not None
            or lx.signs_as_numbers(step.label, step.text) != step.label  # 'the balance is negative': below 0
            else self.judged(step.label, heads, prev, parent)
        )
        if judged is not None:  # 'if any of them are negative': an agent judges, the test reads its answer
            heads = [(judged[1:].split(".")[0], "source")]
        self.test_heads = heads
        expression, data_step = (
            (f"String({judged}).trim().toLowerCase().startsWith({json.dumps(self.judged_word)})", None)
            if judged is not None
            else (fixed, None)
            if fixed is not None
            else self.expression(step.label, prev, step.text)
        )
        sides = step.branches or [("if", []), ("else", [])]
        if expression is not None and step.negate:  # 'unless it rains': the steps run when the test is false
            if step.excepted and not any(b for h, b in sides if h != "if"):
                # 'send a welcome mail, except when the address is ours': the exception is the test as said, its
                # steps on the else side (nothing when it holds)
                sides = [("if", []), ("else", next((b for h, b in sides if h == "if"), []))]
            else:
                expression = f"!({expression})"
        if (
            data_step is not None and expression is not None
        ):  # a value the test needs but no earlier block fetches (e.g. BTC's price)
            heads, fetched = self.chain([data_step], heads, prev, parent)
            expression = expression.replace("{data}", self.blocks[-1].id)
            prev = prev or fetched
        if expression is None:
            self.notes.append(
                f"the test '{step.label.strip()}' was left out: "
                + (self.left_out or "no block before it produces data to test (a schedule delivers no input)")
                + ", so its steps run unconditionally"
            )
            # ('Skip …' / 'We don't want texts': steps kept on the else side when the test holds — they run)
            branch = next((b for h, b in step.branches if h == "if"), []) or next(
                (b for h, b in step.branches if h == "else"), []
            )
            return self.chain(branch, heads, prev, parent)
        verdict = self.verdict_asked(expression)
        conditions = [
            {"id": "if", "title": "if", "value": expression},
            {"id": "else", "title": "else", "value": ""},
        ]
        local = self.add("condition", {"conditions": json.dumps(conditions)}, parent)
        self.words[local] = ("if " + step.label.strip()) if step.label else step.text
        self.edge(heads, local)
        # 'classify it as refund or other; if refund, post the email's text': the test reads the label an agent
        # answered, the branches carry what it classified
        yes_no = re.search(r"\.(?:includes|startsWith)\(\\?\"(?:yes|no)\\?\"\)", expression) is not None
        carried = self.classified_input(prev, yes_no or verdict) if prev and prev in expression else None
        if prev and prev in expression and self.decision_answer(prev, expression, local):
            # (the agent now answers a word only: the branches carry what it was given)
            carried = carried or self.classified_input(prev, True)
        if (
            carried is None
            and prev in self.read_over
            and prev in self.held_in
            and f"{_said_text(prev)}.includes(" in expression
        ):
            # 'check whether their email is already in the 'Waitlist' sheet; if not, add a row with their name': the
            # read only answers the test, the branches carry what came before it (the event)
            carried = self.read_over[prev]
        # 'look them up in 'Clients'; if they're not there, add them and email them': on the side where the look-up
        # found nothing, what it looked for is the data before it (the event), not the empty list it returned
        none_side = (
            self.found_nothing_side(expression, prev) if carried is None and expression and prev else None
        )
        exits: list[tuple[str, str]] = []
        for handle, branch in sides:
            if branch:
                found = self.found
                if handle == none_side and found is not None and prev == f"<{found[0]}>":
                    self.found = None  # (no record found: whom a message goes to is in the event)
                # (the side that runs when the test as said holds: a message there with nothing said tells it)
                self.tested.append(step.label.strip() if handle == "if" and not step.negate else "")
                out, _ = self.chain(
                    branch,
                    [(local, handle)],
                    carried or (self.read_over[prev] if handle == none_side and prev else prev),
                    parent,
                    scope=f"{local}:{handle}",
                )
                self.tested.pop()
                self.found = found
                exits += out
            if not self.wired(local, handle):  # nothing asked, or its steps built no block
                # ('unless …', 'X are not posted': the 'if' side runs when the test is false)
                why = f"the test '{step.label.strip()}' was " + (
                    "true" if (handle == "if") != step.negate else "false"
                )
                self.edge([(local, handle)], self.end(parent, why))
        if not any(h == "else" for h, _ in sides):
            why = f"the test '{step.label.strip()}' was " + ("true" if step.negate else "false")
            self.edge([(local, "else")], self.end(parent, why))
        return exits, prev

    def found_nothing_side(self, expression: str, prev: str) -> str | None:
        """The branch ('if' / 'else') on which a look-up's list tested for items came back empty; None when the test
        is not of that (a read with no data before it, or another test)."""
        if prev not in self.read_over:
            return None
        listed = re.fullmatch(
            r"\[\]\.concat\((?P<l><[^<>]+>) \|\| \[\]\)\.length (?P<op>===|>) 0", expression
        )
        if listed is None or listed.group("l") != prev:
            return None
        return "if" if listed.group("op") == "===" else "else"

    def verdict_asked(self, expression: str) -> bool:
        """'ask the AI whether each one is spam. If it's not spam, …': the test looks for the word in what an agent
        answered, so the agent that was asked about that word answers with it, or 'no' (a free answer 'Not spam'
        holds the word and would pass the test the wrong way); whether it was, so the branches carry what it judged."""
        asked = _VERDICT_READ.fullmatch(expression)
        block = next(
            (b for b in self.blocks if asked and b.id == asked.group("id") and b.type == "agent"), None
        )
        if asked is None or block is None:
            return False
        word = asked.group("word")
        prompt = next((v for v in block.values if v.id == "systemPrompt"), None)
        if prompt is None or not re.search(
            rf"\b{re.escape(word)}\b|\b(?:check|whether)\b", prompt.value, re.I
        ):
            return False
        prompt.value = re.sub(r"\s*Answer with the result only, ready to send\.$", "", prompt.value) + (
            f' Answer with one word: "{word}" if it is {word}, "no" if it is not.'
        )
        return True

    def kept_from(
        self, sender: str, read: str, listed: str, parent: str | None
    ) -> tuple[list[tuple[str, str]], str]:
        """The mail a read returned kept to what `sender` sent (an address, or a domain after '@'), for a mail block
        whose read cannot search for a sender ('check my Outlook inbox for emails from invoices@vendor.com')."""
        said = json.dumps(sender)
        code = (
            f"return [].concat({listed} || []).filter((m) => "
            f"String(m?.from?.address ?? m?.from ?? '').toLowerCase().includes({said}));"
        )
        local = self.add("function", {"code": code}, parent, name="Keep mail from sender")
        self.words[local] = self.words.get(read, "")
        self.notes.append(
            f"the mail read is kept to what {sender} sent (the read itself cannot search by sender)"
        )
        self.edge([(read, "source")], local)
        return [(local, "source")], f"<{local}.result>"

    def kept_matching(
        self,
        said: tuple[str, str],
        read: str,
        listed: str,
        heads: list[tuple[str, str]],
        parent: str | None,
    ) -> tuple[list[tuple[str, str]], str]:
        """The items a read returned kept to those holding the words said of them (`said`: where, the words), for a read
        whose operation cannot search for them (steps.Step.keep): in the subject (else the title, else the whole item)
        or anywhere in the item, each word of the words, whatever its case."""
        where, words = said
        # (each alternative a list of words the item holds all of: "'damaged' or 'shortage'")
        spoken = [[w for w in one.lower().split() if w] for one in words.split(" | ")]
        name = next(b.name for b in self.blocks if b.id == read)
        text = (
            "(x) => { const s = x?.subject ?? x?.title ?? x?.name; "
            "return (s != null ? String(s) : JSON.stringify(x ?? '')).toLowerCase(); }"
            if where == "subject"
            # (what the item says, not its field names: 'title' or 'url' is in every item's JSON)
            else f"(x) => (typeof x === 'string' ? x : JSON.stringify(x ?? ''){_NO_FIELD_NAMES}).toLowerCase()"
        )
        # 'the top 5 posts mentioning 'starter'': the read's count is of the matching items — the read fetches a full
        # page and the first ones that match are kept (five posts read, then matched, leave one or none)
        block = next(b for b in self.blocks if b.id == read)
        count = next(
            (
                v
                for v in block.values
                if v.id in _READ_LIMITS
                and str(v.value).isdigit()
                and 0 < int(str(v.value)) < _READ_LIMITS[v.id]
            ),
            None,
        )
        top = ""
        if count is not None:
            top = f".slice(0, {int(str(count.value))})"
            count.value = str(_READ_LIMITS[count.id])
        code = "\n".join(
            [
                f"// the items of {name} whose {'subject' if where == 'subject' else 'text'} holds {json.dumps(words)}:"
                " the read itself cannot search for it",
                f"const said = {json.dumps(spoken, ensure_ascii=False)};",
                f"const text = {text};",
                f"return [].concat({listed} || []).filter((x) => said.some((words) => words.every((w) => text(x).includes(w)))){top};",
            ]
        )
        local = self.add("function", {"code": code}, parent, name=f"Matching items of {name}")
        self.words[local] = self.words.get(read, "")
        self.notes.append(
            f"the items {name} reads are kept to those whose {where if where == 'subject' else 'text'} holds "
            f"'{words}' (the read itself cannot search for it)"
        )
        self.edge(heads, local)
        return [(local, "source")], f"<{local}.result>"

    def kept_dated(
        self,
        said: tuple[str, tuple[str, int | None, int | None]],
        read: str,
        listed: str,
        heads: list[tuple[str, str]],
        parent: str | None,
    ) -> tuple[list[tuple[str, str]], str]:
        """The rows a read returned kept to the day window said of them (steps.Step.day_window: 'each guest booked
        tomorrow', 'invoices due this week'), reckoned from the run's clock in the workflow's time zone."""
        from lib.generation import day_windows

        words, window = said
        name = next(b.name for b in self.blocks if b.id == read)
        zone = str(self.trigger.values.get("timezone") or "UTC")
        code = day_windows.code(listed, name, words, window, zone)
        local = self.add("function", {"code": code}, parent, name=f"{day_windows.NAME} {name}")
        self.words[local] = self.words.get(read, "")
        self.notes.append(
            f"the rows {name} reads are kept to those dated '{words}' (in {zone}): the read itself keeps every row"
        )
        self.edge(heads, local)
        return [(local, "source")], f"<{local}.result>"

    def kept_items(
        self, step: Step, heads: list[tuple[str, str]], prev: str, parent: str | None
    ) -> tuple[list[tuple[str, str]], str] | None:
        """'for each item, if quantity is below 20, add it to a list': a function keeping the items of the list
        read before that pass the test (the test written for one item, `x`); None when the test needs data no
        item holds."""
        listed = next(reversed(self.lists_upstream(heads)), None) or prev
        self.item_email, self.item_phone, self.item_created = self.item_emails.get(
            listed, ("email", "phone", "created_at")
        )
        self.item_holder = self.item_holders.get(listed)
        self.test_heads = heads
        one, extra = self.expression(step.label, "<loop.currentItem>", step.text)
        if one is None or extra is not None:
            return None

        def field(m: re.Match[str]) -> str:
            return "x" + "".join(f"?.[{json.dumps(p)}]" for p in m.group(1).split(".")[1:])

        item = re.sub(r"<loop\.currentItem((?:\.[\w-]+)*)>", field, one)
        code = f"return [].concat({listed} || []).filter((x) => {item});"
        local = self.add("function", {"code": code}, parent, name="Keep items")
        self.words[local] = step.text
        self.notes.append(f"the items of {listed} for which '{step.label.strip()}' holds are kept in a list")
        self.edge(heads, local)
        return [(local, "source")], f"<{local}.result>"

    @staticmethod
    def one_reader(tested: list[tuple[str | None, Step | None]]) -> bool:
        """Whether every test that needs a data step needs the same agent reading one number from the same text
        (their expressions then read its answer, `{data}`)."""
        extras = [extra for _, extra in tested if extra is not None]
        return len(extras) == len(tested) and all(
            e.type == "agent" and e.label == extras[0].label and e.values == extras[0].values for e in extras
        )

    def exclusive(
        self, tests: list[str], words: str, heads: list[tuple[str, str]], parent: str | None
    ) -> tuple[str, list[str]]:
        """One condition block of exclusive tests ('if', an 'else if' each, 'else'), after `heads`: its id and the
        handles of the tests, in order (the 'else' handle is 'else')."""
        handles = ["if"] + [f"elif{i}" for i in range(1, len(tests))]
        entries = [
            {"id": h, "title": "if" if h == "if" else "else if", "value": test}
            for h, test in zip(handles, tests, strict=True)
        ]
        entries.append({"id": "else", "title": "else", "value": ""})
        local = self.add("condition", {"conditions": json.dumps(entries)}, parent)
        self.words[local] = words
        self.edge(heads, local)
        return local, handles

    def decision(
        self, chain: list[Step], heads: list[tuple[str, str]], prev: str | None, parent: str | None
    ) -> list[tuple[str, str]] | None:
        """Exclusive tests of one value as one condition block with an 'else if' entry each; None when a
        test cannot be written on the data at hand (then they nest, one condition per test)."""
        self.test_heads = heads
        first = _FIELD_VALUE.search(chain[0].label)
        labels = [t.label for t in chain]
        if first is not None:  # "… if it's Pro": the field the first test named, holding another value
            field = first.group("qf") or first.group("bf")
            labels = [
                f"the '{field}' field is '{same.group('v')}'" if (same := _SAME_VALUE.match(label)) else label
                for label in labels
            ]
        tested = [self.expression(label, prev, t.text) for label, t in zip(labels, chain, strict=True)]
        extras = [extra for _, extra in tested if extra is not None]
        if any(expr is None for expr, _ in tested) or (extras and not self.one_reader(tested)):
            return None
        if extras:
            # 'Orders above ¥1.000.000 → …; from ¥100.000 up to ¥1.000.000 → …': bands of the one amount an agent
            # reads out of the text — read once, before the one decision
            heads, fetched = self.chain([extras[0]], heads, prev, parent)
            tested = [(str(expr).replace("{data}", self.blocks[-1].id), None) for expr, _ in tested]
            prev = prev or fetched
        local, handles = self.exclusive(
            [str(expr) for expr, _ in tested],
            " / ".join("if " + t.label.strip() for t in chain),
            heads,
            parent,
        )
        exits: list[tuple[str, str]] = []
        branches = [
            (h, t.label, t.branches[0][1] if t.branches else []) for h, t in zip(handles, chain, strict=True)
        ]
        last = chain[-1].branches[1][1] if len(chain[-1].branches) > 1 else []
        branches.append(("else", "none of the tests", last))
        for handle, label, branch in branches:
            if branch:
                out, _ = self.chain(branch, [(local, handle)], prev, parent, scope=f"{local}:{handle}")
                exits += out
            if not self.wired(local, handle):  # nothing asked, or its steps built no block
                why = f"the test '{label.strip()}' was true" if handle != "else" else "no test was true"
                self.edge([(local, handle)], self.end(parent, why))
        return exits

    def expression(self, test: str, prev: str | None, context: str = "") -> tuple[str | None, Step | None]:
        """A JavaScript condition for the test text, and an extra data step when one is needed."""
        self.left_out = None
        test = lx.signs_as_numbers(test, context)  # 'the balance is negative': below 0
        branch = re.fullmatch(r"\s*the ref is (refs/heads/[\w./-]+)\s*", test)
        if branch and self.trigger.kind == "webhook":  # 'a push to main': the branch the push went to
            event = services.webhook_paths(self.trigger.values.get("webhookProvider", "generic"))["data"]
            return f"String({_field_read(f'<{event}>', 'ref')} ?? '') === {json.dumps(branch.group(1))}", None
        compound = _COMPOUND.split(test)
        if len(compound) == 1 and not lx.range_in(test):
            # 'with more than 5 items or total more than 800 CHF': two comparisons, each with its own number
            paired, at = [], 0
            for m in _THRESHOLD_PAIR.finditer(test):
                paired += [test[at : m.start()], m.group(1)]
                at = m.end()
            paired.append(test[at:])
            if len(paired) > 1 and all(lx.threshold_in(paired[i]) for i in range(0, len(paired), 2)):
                compound = paired
        if len(compound) > 1 and not lx.symbols_in(test):  # 'the label is bug and the priority is high'
            out, extra = None, None
            for i in range(0, len(compound), 2):
                part, data = self.expression(compound[i], prev, context)
                if part is None:
                    return None, None
                extra = extra or data
                join = " && " if i == 0 or compound[i - 1].lower() == "and" else " || "
                out = f"({part})" if out is None else f"{out}{join}({part})"
            return out, extra
        called = next(
            (b for b in self.blocks if b.type == "api" and prev and prev.startswith(f"<{b.id}.")), None
        )
        if called is not None and re.search(lexicon()["unreachable"], test, re.I):
            # 'if the site doesn't respond', 'the ones that are down': the request's own status, not a word in
            # the page it returned
            self.notes.append(
                f"the test '{test.strip()}' holds when the request to {called.name} gets no 2xx/3xx answer"
            )
            status = f"Number(<{called.id}.status> || 0)"
            return f"!({status} >= 200 && {status} < 400)", None
        unset = _EMPTY_TEST.match(test)
        whole = unset is not None and unset.group("f").strip().lower() in lexicon()["whole_list_nouns"]
        none = _NONE_FETCHED.match(test) if not whole else None
        some = _SOME_FETCHED.match(test) if not whole and not none else None
        if (
            some
            and prev
            and not prev.startswith(("<loop", "<start"))
            # ('have an agent list any broken links, and if it found any …': what the agent answered, not the read)
            and not any(b.type == "agent" and prev.startswith(f"<{b.id}.") for b in self.blocks)
            and not lx.threshold_in(test)
            and not _NONE_STATED.search(some.group("rest"))
            and not _QUALIFIED_ITEMS.search(some.group("rest"))
        ):
            # 'if there are any, post them', 'if there are any new rows', 'if it finds any': the list the run fetched
            # holds items — not a word to find in it
            listed = next(reversed(self.lists_upstream(self.test_heads)), prev)
            self.notes.append(f"the test '{test.strip()}' holds when {listed} holds items")
            return f"[].concat({listed} || []).length > 0", None
        if (
            (whole or (none and not (none.group("no") and _NONE_STATED.search(none.group("rest")))))
            and prev
            and not prev.startswith(("<loop", "<start"))
            and not lx.threshold_in(test)
        ):
            # 'if there are no new orders', "if there's nothing booked", 'if the list is empty': the list the run
            # fetched came back empty (or, said the other way, did not) — not a word to find in it
            listed = next(reversed(self.lists_upstream(self.test_heads)), prev)
            state = unset.group("st").lower().split() if unset else ["empty"]
            empty = ((state[-1] in ("empty", "blank", "missing")) != (state[0] == "not")) != bool(
                unset and unset.group("no")
            )
            self.notes.append(
                f"the test '{test.strip()}' holds when {listed} " + ("is empty" if empty else "holds items")
            )
            return f"[].concat({listed} || []).length {'===' if empty else '>'} 0", None
        present = PRESENT_TEST.match(test)
        missing = _NOT_FOUND.match(test)
        looked: str | None = None
        if (present or missing) and prev and prev.startswith(("<loop", "<start")):
            # 'for each deadline, add an event if it isn't there', "if it can't find the order": whether a look-up
            # found the thing — the list a look-up made for this item, never a word to find in the item
            looked = self.looked_up(prev)
            if looked is None:
                self.left_out = "no look-up before it searches for the thing it is said of"
                return None, None
            empty = bool(missing) or bool(present and present.group("not"))
            self.notes.append(
                f"the test '{test.strip()}' holds when {looked} " + ("is empty" if empty else "holds items")
            )
            return f"[].concat({looked} || []).length {'===' if empty else '>'} 0", None
        if missing and prev:
            # "look the order up in Shopify …; if it can't find the order, forward the email": the look-up's list
            # came back empty — not the words "can't" or 'find' in what it read (nor in what an agent answered)
            looked = next(
                (
                    r
                    for r in reversed(self.lists_upstream(self.test_heads))
                    if not any(
                        b.type in ("agent", "function") and r.startswith(f"<{b.id}.") for b in self.blocks
                    )
                ),
                None,
            )
            if looked is None and not any(
                b.type == "agent" and prev.startswith(f"<{b.id}.content") for b in self.blocks
            ):
                self.left_out = "no look-up before it searches for the thing it is said of"
                return None, None
        if missing and looked is not None:
            self.notes.append(f"the test '{test.strip()}' holds when {looked} is empty")
            return f"[].concat({looked} || []).length === 0", None
        if (
            present
            and prev
            and not prev.startswith(("<loop", "<start"))
            and not any(b.type in ("agent", "function") and prev.startswith(f"<{b.id}.") for b in self.blocks)
        ):
            # 'look them up by email in 'Clients'; if they're not there, add them': the look-up's list came back
            # empty (or, said the other way, found them) — not the words 'there' or 'found' in what it read
            listed = next(reversed(self.lists_upstream(self.test_heads)), prev)
            empty = bool(present.group("not"))
            self.notes.append(
                f"the test '{test.strip()}' holds when {listed} " + ("is empty" if empty else "holds items")
            )
            return f"[].concat({listed} || []).length {'===' if empty else '>'} 0", None
        said_window = re.search(lexicon()["time_windows"], test, re.I)
        if (
            said_window
            and not said_window.group("back")
            and not said_window.group(0).lower().startswith("within")
        ):
            said_window = None  # ('it ships in 2 days': a time to come, no window)
        if said_window and prev and not lx.threshold_in(test):
            # 'if they paid within the last 14 days', 'in the past 48 hours': a date of the item against the window
            # from now back — never the word 'days' looked for in what was read
            span = said_window.group("n") or "1"
            said = lexicon()["number_words"].get(span.lower())  # ('the last few days': no number said)
            count = span if span[0].isdigit() else str(said) if said is not None else None
            unit_span = {
                "minute": 60000,
                "hour": 3600000,
                "day": 86400000,
                "week": 604800000,
                "month": 2592000000,
                "year": 31536000000,
            }[said_window.group("unit").lower()]
            any_item = _ANY_ITEM_DATED.match(test)
            if count is not None and any_item and not prev.startswith(("<loop", "<start")):
                # 'if any batch has a best-before within 3 days': whether one item of the list read has that date
                # within the window (either side of now, as 'within 48 hours' is for one item)
                key = re.sub(r"[\s-]+", "_", any_item.group("field").strip().lower())
                self.notes.append(
                    f"the test '{test.strip()}' holds when an item of {prev} has its '{key}' within "
                    f"'{said_window.group(0).strip()}'"
                )
                since = f"Date.now() - new Date({_field_read('item', key)}).getTime()"
                within = (
                    f"{since if said_window.group('back') else f'Math.abs({since})'} <= {count} * {unit_span}"
                )
                found = f"[].concat({prev} || []).some((item) => {within})"
                return (f"!({found})" if _NOT_TEST.search(test[: said_window.start()]) else found), None
            if count is None or not prev.startswith(("<loop.currentItem", "<start.")):
                self.left_out = (
                    f"no date field of {prev} is known to compare with '{said_window.group(0).strip()}' "
                    "(name the field, e.g. 'whose paid_at is within the last 14 days')"
                )
                return None, None
            dated = re.search(r"\b(?:whose|its|their)\s+([a-z][a-z0-9]*_\w+)\b", test, re.I) or re.match(
                # ('if the deadline is within 48 hours': the date the test is said of)
                r"\s*(?:the|its|their|his|her)\s+([a-z][\w-]*)\s+(?:is|are|was|falls?)\s",
                test,
                re.I,
            )
            created = (
                dated.group(1) if dated else self.item_created if prev.startswith("<loop") else "created_at"
            )
            self.notes.append(
                f"the test '{test.strip()}' reads each item's '{created}' ({prev[:-1]}.{created}>) against "
                f"'{said_window.group(0).strip()}'"
            )
            since = f"Date.now() - new Date({_field_read(prev, created)}).getTime()"
            # ('within the last 14 days': back from now; 'within 48 hours': either side of it, a deadline or a date past)
            within = (
                f"{since if said_window.group('back') else f'Math.abs({since})'} <= {count} * {unit_span}"
            )
            return (f"!({within})" if _NOT_TEST.search(test[: said_window.start()]) else within), None
        lacks = _LACKS_FIELD.match(test)
        if lacks and prev and prev.startswith("<loop") and not lx.threshold_in(test):
            # 'if a slot has no presenter', 'if the order has no tracking number': the item's field holds nothing
            key = re.sub(r"[\s-]+", "_", lacks.group("f").strip().lower())
            holder = self.holder()
            read = _field_read(prev, f"{holder}.{key}" if holder else key)
            self.notes.append(f"the test '{test.strip()}' holds when the '{key}' field of {prev} is empty")
            return f"String({read} ?? '').trim() === ''", None
        if unset and prev:
            # 'if no account manager is set', 'if the phone field is empty': the field holds nothing (or, said the
            # other way, something)
            state = unset.group("st").lower()
            empty = bool(unset.group("no")) != (
                state.startswith("not") or state in ("empty", "blank", "missing")
            )
            holder = self.holder() if prev.startswith("<loop") else ""
            key = re.sub(r"[\s-]+", "_", unset.group("f").strip().lower())
            read = _field_read(prev, f"{holder}.{key}" if holder else key)
            self.notes.append(f"the test '{test.strip()}' reads the '{key}' field of {prev}")
            return f"String({read} ?? '').trim() {'===' if empty else '!=='} ''", None
        undone = _UNDONE.fullmatch(test)
        if undone and prev:
            # 'each plot holder who hasn't paid' (after 'check the 'rent_paid' column'): the field that says it was
            # done — the one the text names after the verb, else the verb itself — holds no mark of it
            verb = undone.group(1).lower()
            key = _field_named_for(verb, self.description) or verb
            holder = self.holder() if prev.startswith("<loop") else ""
            read = _field_read(prev, f"{holder}.{key}" if holder else key)
            self.notes.append(
                f"the test '{test.strip()}' holds when the '{key}' field of {prev} holds no yes"
            )
            marks = json.dumps([*lexicon()["done_marks"], verb], ensure_ascii=False)
            return f"!{marks}.includes(String({read} ?? '').trim().toLowerCase())", None
        field_said = _FIELD_VALUE.search(test)
        if field_said and prev:
            # 'if the "status" field isn't "ok"', "when the state field is 'degraded'": that field of the data holds
            # that value (or does not)
            key = field_said.group("qf") or field_said.group("bf")
            read = _field_read(prev, key)
            value = field_said.group("v") or field_said.group("w")
            held = _field_equals(read, value.strip())
            self.notes.append(f"the test '{test.strip()}' reads the '{key}' field of {prev}")
            return (f"!({held})" if _NOT_TEST.search(field_said.group("is")) else held), None
        equal = _VALUE_IS.search(test) if not lx.threshold_in(test) and not _quoted(test) else None
        if (
            equal and prev
        ):  # 'if the rating is 5': the field equals the number (not the digit anywhere in the data)
            return self.expression(
                f"{test[: equal.start('n')]}equal to {equal.group('n')}{test[equal.end('n') :]}",
                prev,
                context,
            )
        values = _VALUE_PAIR.search(test) if not lx.threshold_in(test) else None
        if values and prev:
            # 'the score is 9 or 10', 'they rated us 4 or 5': two values the field may hold — next to each other a
            # range, else either one
            least, most = sorted((float(values.group("a")), float(values.group("b"))))
            head, tail = test[: values.start("a")], test[values.end("b") :]
            if most - least == 1:
                return self.expression(
                    f"{head}between {lx.number_text(least)} and {lx.number_text(most)}{tail}", prev, context
                )
            sides = [
                self.expression(f"{head}equal to {lx.number_text(n)}{tail}", prev, context)
                for n in (least, most)
            ]
            if sides[0][0] is not None and sides[1][0] is not None:
                return f"({sides[0][0]}) || ({sides[1][0]})", sides[0][1]
        either = _ANY_WORD.search(test)
        if either and prev and not lx.threshold_in(test) and not _quoted(test):
            # 'if they mention complaint or refund', 'if it says cancel, stop or unsubscribe': any of the words
            keys = [k for k in re.split(r"\s*,\s*(?:or\s+)?|\s+or\s+", either.group("ws")) if k]
            each = [self.expression(f"it mentions {k}", prev, context)[0] for k in keys]
            if len(keys) > 1 and all(each):
                found = " || ".join(f"({p})" for p in each)
                return (f"!({found})" if _NOT_TEST.search(test[: either.start("ws")]) else found), None
        kinds = _KIND_WORDS.match(test)
        if kinds and prev and not lx.threshold_in(test) and not _quoted(test):
            # "if it's a church or a commercial building", 'if it's a wedding or a corporate event': any of the kinds,
            # each known by its own word (the modifier where the kind shares its noun: 'commercial', 'corporate')
            said = re.split(r"\s*,\s*(?:or\s+)?|\s+or\s+", kinds.group("ws"))
            keys = [re.sub(r"^(?:an?)\s+", "", k, flags=re.I).split()[0] for k in said if k]
            each = [self.expression(f"it mentions {k}", prev, context)[0] for k in keys]
            if len(keys) > 1 and all(each):
                found = " || ".join(f"({p})" for p in each)
                return (f"!({found})" if kinds.group("not") else found), None
        flag = _FLAG_TEST.search(test)
        if flag and prev:  # 'patients w/ sms_opt_in true', 'where is_vip is false': the field the user named
            held = f"[true, 1, {json.dumps('true')}, {json.dumps('yes')}, {json.dumps('1')}].includes({_field_read(prev, flag.group('f'))})"
            off = flag.group("v").lower() in ("false", "no") or bool(
                _NOT_TEST.search(test[flag.end("f") : flag.start("v")])
            )
            return (f"!({held})" if off else held), None
        # "if the size answer is '1-10'": a range inside quotes is a value the data holds, no range
        span = lx.range_in(test) if lx.range_in(_QUOTED_VALUE.sub(" ", test)) else None
        range_at = lx.RANGE_RE.search(test)
        if (
            span and range_at
        ):  # 'between 50 and 80': at least the one and at most the other, on the same value
            unit = span[2] if span[2] == "%" else ""
            cur = span[2] if span[2] in ("$", "€", "£") else ""
            # 'if the pH is outside 7.2–7.8', 'not between 40 and 60': below the one or above the other
            past_ends = _OUTSIDE_RANGE.search(test[: range_at.start()])
            ends = (
                [
                    f"below {cur}{lx.number_text(span[0])}{unit}",
                    f"above {cur}{lx.number_text(span[1])}{unit}",
                ]
                if past_ends
                else [
                    f"at least {cur}{lx.number_text(span[0])}{unit}",
                    f"at most {cur}{lx.number_text(span[1])}{unit}",
                ]
            )
            head = test[: past_ends.start()] if past_ends else test[: range_at.start()]
            sides = [self.expression(head + e + test[range_at.end() :], prev, context) for e in ends]
            if sides[0][0] is not None and sides[1][0] is not None:
                return f"({sides[0][0]}) {'||' if past_ends else '&&'} ({sides[1][0]})", sides[0][1]
        own_level = (
            _OWN_LEVEL.search(test)
            if prev and prev.startswith("<loop") and not lx.threshold_in(test)
            else None
        )
        if (
            own_level and prev
        ):  # 'every item below its reorder level': the item's amount against a level it holds
            return _own_level_test(prev, own_level), None
        pair = lx.field_comparison(test) if prev and not lx.threshold_in(test) else None
        if pair and prev:  # 'IF qty < reorder_point': two fields of the tested data, each read leniently
            holder = self.holder() if prev.startswith("<loop") else ""
            left, right = (f"{holder}.{f}" if holder else f for f in (pair[0], pair[2]))
            self.notes.append(
                f"the test '{test.strip()}' compares the '{left}' and '{right}' fields of {prev}"
            )
            return _cmp(
                f"Number({_field_read(prev, left)})", pair[1], f"Number({_field_read(prev, right)})"
            ), None
        window = lx.date_window(test)
        if window and prev and prev.startswith(("<loop.currentItem", "<start.")):
            return self.date_test(test, prev, window), None
        # "the budget answer is 'Over 50k'": a number inside quotes is a value the data holds, no threshold
        threshold = lx.threshold_in(test) if lx.threshold_in(_QUOTED_VALUE.sub(" ", test)) else None
        low = test.lower()
        if threshold:
            op, number, unit = threshold
            num = lx.number_text(number)
            symbols = lx.symbols_in(test) or (lx.symbols_in(context) if prev is None else [])
            if symbols:  # a coin's price or change: fetch CoinGecko's simple price for every coin tested
                api = lexicon()["apis"]["coingecko"]
                coins = [lexicon()["symbols"][sym] for sym in symbols]
                # 'fetch the bitcoin price and if it moved …': the words that named the coin built the fetch
                lead = re.sub(
                    r"[\s,;]*\b(?:and|then)?\s*(?:only\s+)?(?:if|when|unless)?\s*$",
                    "",
                    context.split(test)[0],
                )
                named = test if lx.symbols_in(test) or not lead else lead
                data = Step(
                    "source",
                    "api",
                    {"url": api["price_url"].replace("{ids}", ",".join(coins)), "method": "GET"},
                    label=f"{'/'.join(symbols)} price",
                    text=named,
                )
                parts = re.split(r"\s+(or|and)\s+(?=[^,;]*?\d)", test)
                tests, joins = parts[::2], parts[1::2]
                exprs = []
                for part in tests:
                    own = lx.symbols_in(part)
                    exprs.append(_coin_test(part, own[0] if own else symbols[0], api) or "false")
                out = exprs[0]
                for join, expr in zip(joins, exprs[1:], strict=False):
                    out += (" || " if join == "or" else " && ") + expr
                return out, data
            priced = next(
                (
                    b
                    for b in reversed(self.blocks)
                    if b.type == "api"
                    and "simple/price?ids=" in (next((v.value for v in b.values if v.id == "url"), ""))
                ),
                None,
            )
            if priced is not None:
                url = next(v.value for v in priced.values if v.id == "url")
                coin = url.split("ids=")[1].split("&")[0].split(",")[0]
                symbol = next((s for s, c in lexicon()["symbols"].items() if c == coin), None)
                if symbol is not None:  # 'fell more than 4%', 'moved 5%': the signed 24h change
                    test_js = _coin_test(test, symbol, lexicon()["apis"]["coingecko"])
                    if test_js:
                        return test_js.replace("{data}", priced.id), None
                path = "usd_24h_change" if unit == "%" else "usd"
                return _cmp(f"<{priced.id}.data.{coin}.{path}>", op, num), None
            if prev is None:
                return None, None
            # ('fewer than 38 hours logged', '10 days worked': an amount of time the item holds, not its age)
            age = re.search(r"\d\s*(minute|hour|day|week|month)s?\b(?!\s+" + lx.TIME_HELD + ")", test, re.I)
            if age and re.search(lx.TIME_HELD_BEFORE, test, re.I):
                age = None  # 'who logged fewer than 40 hours': the hours the item holds, not its age
            if age and prev.startswith(("<loop.currentItem", "<start.")):
                # 'open for more than 7 days': the item's age, from when it was created
                unit_ms = {
                    "minute": 60000,
                    "hour": 3600000,
                    "day": 86400000,
                    "week": 604800000,
                    "month": 2592000000,
                }
                created = self.item_created if prev.startswith("<loop") else "created_at"
                dated = re.search(r"\b(?:whose|its|their)\s+([a-z][a-z0-9]*_\w+)\b", test, re.I)
                if dated:  # 'whose last_fed date is more than 7 days ago': the date field the test names
                    created = dated.group(1)
                elif re.search(
                    r"\b(?:overdue|past\s+due|late)\b", low
                ):  # '30 days overdue': since it was due
                    created = "due_date"
                elif re.search(r"\b(?:updated|touched|modified|changed|edited)\b", low):
                    # 'hasn't been updated in more than 48 hours': since it last changed
                    created = re.sub("created", "updated", created, flags=re.I)
                self.notes.append(
                    f"the test '{test.strip()}' reads "
                    + (
                        f"each item's '{created}'"
                        if dated
                        else "when each item was due"
                        if created == "due_date"
                        else "when each item last changed"
                        if "pdated" in created
                        else "when each item was created"
                    )
                    + f" ({prev[:-1]}.{created}>)"
                )
                left = f"Date.now() - new Date({_field_read(prev, created)}).getTime()"
                return _cmp(left, op, f"{num} * {unit_ms[age.group(1).lower()]}"), None
            request = re.fullmatch(r"<([\w-]+)\.data>", prev)
            if (
                request
                and any(b.id == request.group(1) and b.type == "api" for b in self.blocks)
                and float(num).is_integer()
                and 100 <= float(num) <= 599
                and re.search(r"\b(?:status|code|http|down|up|returns?|responds?|response)\b", low)
            ):  # 'if it's down (anything other than a 200)': the request's HTTP status
                return _cmp(f"Number(<{request.group(1)}.status>)", op, num), None
            some = _ANY_ITEM.match(test)
            if some and not prev.startswith("<loop"):
                # 'if any of them is 2 stars or lower': one item of the fetched list passing is enough
                listed = next(reversed(self.lists_upstream(self.test_heads)), prev)
                field = (
                    lx.named_field(test[some.end() :])
                    # ('if any row has delay_minutes > 45': the field the row has)
                    or (
                        lx.named_field(test)
                        if re.search(r"\s(?:has|have|with)\s*$", some.group(0), re.I)
                        else None
                    )
                    or lx.counted_field(test[some.end() :])
                    or some.group("noun")
                    or "value"
                )
                return self.any_item_passes(test, listed, field, op, num), None
            # 'more than 50 open tickets': how many items were fetched ('each one with more than 100 events'
            # inside a loop counts what the item holds, not the list)
            if lx.counts_items(test) and not prev.startswith("<loop.currentItem"):
                # the newest list the condition can read: not one fetched inside a loop that has ended
                listed = next(reversed(self.lists_upstream(self.test_heads)), prev)
                return _cmp(f"[].concat({payload_read(listed)} || []).length", op, num), None
            fields = self.fields.get(prev, {})
            field_path = next(
                (path for word, path in fields.items() if re.search(r"\b(?:" + word + ")", low)), None
            )
            if field_path:  # 'if the temperature is below 5': the field of the fetched data that holds it
                # a key a reference cannot spell ('05. price') is read in JavaScript from the resolved object
                value = (
                    field_path
                    if field_path.startswith("<")
                    # each key optional: an answer without it (a rate limit's note) fails the test, not the run
                    else f"({prev}){field_path.replace('[', '?.[')}"
                    if field_path.startswith("[")
                    else f"{prev[:-1]}.{field_path}>"
                )
                return _signed(f"parseFloat({value})", op, num, unit, low), None
            response_field = lx.named_field(test)
            request = re.fullmatch(r"<([\w-]+)\.data>", prev)
            if (
                response_field
                and request
                and any(b.id == request.group(1) and b.type == "api" for b in self.blocks)
            ):  # 'fetch https://…/stock and if stock level is below 10': that field of the response
                read = _field_read(prev, response_field)
                self.notes.append(
                    f"the test '{test.strip()}' reads the response's '{response_field}' field ({read})"
                )
                return _cmp(f"Number({read})", op, num), None
            if self.event_text() == prev:
                # 'an invoice e-mail lands … and the amount is over €5.000': the message is plain text with no
                # fields beneath it (Sim stops on `<start.email.bodyText.amount>`): a number the test says is money
                # or a count of something is read from the text in the test itself, any other by an agent
                return self.message_number(test, op, num, unit, prev)
            if prev.startswith(("<start.webhook", "<start.email", "<loop.currentItem")):
                # 'where quantity is below 15', 'with scrap rate over 4.5%': the field the test names
                field_word = lx.amount_field(test, None) or self.item_field(test, prev, counted=True)
                # an Airtable record's amount is among its `fields`, as its other fields are
                holder = self.holder() if prev.startswith("<loop") else ""
                if field_word and holder and "." not in field_word:
                    field_word = f"{holder}.{field_word}"
                field_name = field_word or (f"{holder}.amount" if holder else "amount")
                told_field = (
                    _amount_named(self.description) if field_name.split(".")[-1] == "amount" else None
                )
                if told_field is not None:
                    # 'Amount is in the 'amount_total' field', '(field 'amount_total')': the field the text names
                    field_name = f"{holder}.{told_field}" if holder else told_field
                    field_word = field_name
                if (
                    re.match(r"\s*(?:it|it's|it is|they|they're|they are)\b", test, re.I)
                    or field_word is None
                ) and self.last_field:
                    # 'if the score is 9 …; if it's 6 or lower', 'Score above 80: …; Under 50: …': the same field
                    field_name = self.last_field
                self.last_field = field_name
                where = "each item" if prev.startswith("<loop") else "the event"
                posted = services.webhook_paths(self.trigger.values.get("webhookProvider", "generic"))
                if (
                    where == "the event"
                    and posted.get("service")
                    and field_name in _MONEY_FIELDS
                    and prev == f"<{posted['data']}>"
                    and "amount" in posted["fields"]["_event"]
                ):
                    # 'orders over $250' from a Shopify webhook: the total is the body's `total_price`, where the
                    # service puts it (services.json 'webhook_bodies'), not a guessed 'amount'
                    field_name = posted["fields"]["_event"]["amount"]
                scale = 1
                if where == "the event" and (field_name.startswith("amount") or posted.get("service")):
                    scale = services.webhook_paths(self.trigger.values.get("webhookProvider", "generic")).get(
                        "amount_scale", 1
                    )
                self.notes.append(
                    f"the test '{test.strip()}' reads {where}'s '{field_name}' field ({prev[:-1]}.{field_name}>)"
                    + (
                        f", which the provider gives in cents: divided by {scale} before the comparison"
                        if scale != 1
                        else ""
                    )
                )
                spelled_out = (
                    field_name == self.item_field(test, prev, counted=True)
                    and lx.amount_field(test, None) is None
                ) or (field_word is None and field_name in self.lenient)  # '…; 10-99 ->': read as before
                if spelled_out:
                    self.lenient.add(field_name)
                # any field of a loop's item or of a generic webhook's payload is read leniently too (a known
                # provider's payload keeps its plain reference): Sim stops on a reference to a field the item does
                # not hold (a record omits an empty field: Airtable leaves empty cells out; a guessed field, 'score'),
                # and pastes a payload's text value into the condition as bare words ('Number(4 nights)' does not
                # compile) — the read in JavaScript gets the value as JSON instead
                guessed = prev.startswith("<loop.currentItem") or (
                    prev.startswith("<start.webhook.data.payload")
                    and self.trigger.values.get("webhookProvider", "generic") == "generic"
                )
                # (a generic hook's payload, whose shape no one told: the field found at any depth, under the
                # name the test used or a word of its kind — 'rating' for a score — a form may nest its answers)
                found_anywhere = (
                    guessed and told_field is None and "." not in field_name and not posted.get("service")
                )
                read = (
                    _field_found(prev, [field_name, *lx.amount_words(field_name)])
                    if found_anywhere and not prev.startswith("<loop")
                    else _field_read(prev, field_name)
                )
                left = (
                    (
                        f"Number({read})"
                        if spelled_out or guessed  # a field the text named: read leniently (missing → false)
                        else f"Number({prev[:-1]}.{field_name}>)"
                    )
                    + (f" / {scale}" if scale != 1 else "")
                )
                return _cmp(left, op, num), None
            given = self.given_field(test) if prev == "<start.input>" else None
            if given:  # 'API call with fields …, amount, …; if the amount is above 2,000': the field the run is given
                self.notes.append(
                    f"the test '{test.strip()}' reads the run's '{given}' input (<start.{given}>)"
                )
                return _cmp(f"Number(<start.{given}>)", op, num), None
            sheet = re.fullmatch(r"<([\w-]+)\.data>", prev)
            column = lx.named_field(test) if sheet and sheet.group(1) in self.sheet_reads() else None
            if sheet and column:
                # 'check the latest row, and if the pH is below 7.2': a sheet's column, read by its name in the row
                # the text points at — the last one when it says so, else any row (the whole read is no number)
                rows = f"[].concat(<{sheet.group(1)}.data.values> || [])"
                key = json.dumps(column.lower())
                cell = (
                    "Number(((r) => r?.[Object.keys(r ?? {}).find((k) => "
                    f'k.trim().toLowerCase().replace(/[^a-z0-9]+/g, "_") === {key})])(x))'
                )
                if _LATEST_ROW.search(self.description):
                    self.notes.append(
                        f"the test '{test.strip()}' reads the '{column}' column of the last row"
                    )
                    return _cmp(cell.replace("(x))", f"({rows}.at(-1)))"), op, num), None
                self.notes.append(
                    f"the test '{test.strip()}' holds when any row's '{column}' column passes it"
                )
                return f"{rows}.some((x) => {_cmp(cell, op, num)})", None
            source = self.numeric_answer(prev, test)
            if source is not None:
                # '… post a short summary in #finance; if the total is over €2,000, …': the summary already went out
                # as words, so another agent reads the number from what the summary was made of (the message's text
                # itself when the summary was made of it)
                # (not when the agent was asked to pull the message's values out: the test reads what it pulled out)
                if source == self.event_text() and not self.extracts(prev):
                    return self.message_number(test, op, num, unit, source)
                return _cmp("Number(<{data}.content>)", op, num), _number_reader(test, source)
            read_by = re.match(r"<([\w-]+)\.", prev)
            searches = {e["type"] for k, e in lexicon()["search"].items() if not k.startswith("_")}
            if read_by and any(b.id == read_by.group(1) and b.type in searches for b in self.blocks):
                # 'get the wind forecast from the web, and if the wind is above 15 km/h': search results are words,
                # no number — an agent reads the number the test compares out of them
                return _cmp("Number(<{data}.content>)", op, num), _number_reader(test, prev)
            item_field = lx.amount_field(test, None) or lx.named_field(test)
            if prev in self.lists and item_field and not (sheet and sheet.group(1) in self.sheet_reads()):
                # 'if the score is 3 or lower' of a list of responses: any item whose field passes (as 'if any of
                # them …' is read), one test the other sides of which stay its own
                return self.any_item_passes(test, prev, item_field, op, num), None
            if prev in self.lists or (sheet and sheet.group(1) in self.sheet_reads()):
                # 'if more than 20 of the mentions are negative', 'if the 90+ day balance is over $25,000': a fetched
                # list is no number (`Number(list)` is NaN, the test never holds): an agent reads, out of the items,
                # the number the test compares
                self.notes.append(f"the test '{test.strip()}' compares a number an agent reads out of {prev}")
                return _cmp("Number(<{data}.content>)", op, num), _number_reader(test, prev, items=True)
            return _cmp(f"Number({prev})", op, num), None
        if prev is None:
            return None, None
        holds = HELD_IN.match(test)
        sought = (
            self.held_value(holds.group("what"))
            if holds and lx.integrations_in(holds.group("place"))
            else None
        )
        if holds and sought and not prev.startswith("<start"):
            # 'if the buyer is in the 'VIP' Google Sheet': the event's value among what the place holds
            self.notes.append(f"the test '{test.strip()}' looks for {sought} in what {prev} holds")
            found = f"{_said_text(prev)}.includes(String({sought}).toLowerCase())"
            self.held_in.add(prev)
            return (f"!({found})" if _NOT_TEST.search(holds.group(0)[holds.end("what") :]) else found), None
        words = [w for w in re.findall(r"[a-z0-9'-]+", low) if w not in lexicon()["test_filler"]]
        # ('if so', "if there's one", 'if we need to': no word of the test names what the data could hold)
        # ('within 48 hours': a number of a time unit is no value the data holds either)
        content = [
            w
            for w, after in zip(words, [*words[1:], ""], strict=False)
            if w not in lexicon()["no_category"]
            and not (w.isdigit() and re.fullmatch(r"(?:second|minute|hour|day|week|month|year)s?", after))
        ]
        # 'if it starts with /expense': a chat command is spelled with its slash
        spelled = _quoted(test) or next(
            # ('it comes from billing@stripe.com': the whole address, not its domain alone)
            iter(re.findall(r"(?:[\w.%+-]+@|@)?[\w-]+(?:\.[\w-]+)+|(?<![\w/.])/[a-z][\w-]*", low)),
            None,
        )
        # 'if they picked the Berlin studio': a name the user capitalised is what the data holds
        # ('if the booking is with Dr. Lindqvist': a title's abbreviation before a name is not what the data holds)
        capital = [
            w
            for w in re.findall(r"(?<=\s)[A-Z][\w-]+\b(?!\.\s+[A-Z])", test)
            # ('only for US orders': a country's letters the user capitalised are no pronoun)
            if (w.lower() in content or (w.isupper() and w.lower() in words)) and not lx.integrations_in(w)
        ]
        # 'Only for UK customers', 'VIP orders': an abbreviation that opens the test names the kind of item
        leading = re.match(r"\s*((?-i:[A-Z][A-Z0-9]{1,5}))\s+[a-z]", test)
        if (
            not capital
            and leading
            and leading.group(1).lower() in words
            and not lx.integrations_in(leading.group(1))
        ):
            capital = [leading.group(1)]
        # 'unless it's a telehealth appointment', 'if it is a refund request': every item is an appointment or a
        # request; the word before the noun tells this kind apart
        # ('if it's also from an enterprise customer': the kind of whom it comes from, past an adverb and 'from')
        kind = re.search(
            r"\b(?:it|this|that|they)(?:['’]s|['’]re|\s+is|\s+are)\s+(?:(?:also|only|just|really|actually)\s+)?"
            r"(?:from\s+)?(?:an?\s+|the\s+)?([a-z][\w-]+)\s+[a-z][\w-]+\W*$",
            low,
        ) or re.search(
            # ('if the job was a wasp nest treatment': the first word of the kind tells it apart, past a tense)
            r"\b(?:is|are|was|were|'s|’s)\s+(?:a|an)\s+([a-z][\w-]*)(?:\s+[a-z][\w-]*){1,2}\s*$",
            low,
        )
        # 'if it contains a gift card', 'if the order includes a gift note': the thing held, both its words
        held_thing = re.search(
            r"\b(?:contains?|containing|includes?|including)\s+(?:an?\s+|any\s+)([a-z][\w-]+\s+[a-z][\w-]+)\s*$",
            low,
        ) or re.search(
            # ('if the order has gift wrap in it', 'whether it contains any dry ice in it'): the thing held in it
            r"\b(?:contains?|containing|includes?|including|has|have|having)\s+(?:an?\s+|any\s+|some\s+)?"
            r"([a-z][\w-]+\s+[a-z][\w-]+)\s+(?:in|on|inside)(?:\s+(?:it|them|there))?\s*$",
            low,
        )
        # 'if someone asks for a refund of a donation': the thing asked for, not the last word
        asked = _PERSON_ASKS.match(test)
        asked_for = asked.group("thing").lower() if asked and asked.group("thing") else None
        keyword = (
            spelled.lower()
            if spelled
            else capital[0].lower()
            if capital
            else asked_for
            if asked_for and asked_for in content
            else kind.group(1)
            if kind and kind.group(1) in content
            else held_thing.group(1)
            if held_thing and all(w in words for w in held_thing.group(1).split())
            else content[-1]
            if content
            else None
            if words
            else "yes"
        )
        if keyword is None:
            # 'if so', 'if it does', 'if we need to': a 'yes' to the question an agent was just asked; "if there's
            # one" of a list read: the list holds items; else no word of the test is anything the data could hold
            answerer = next(
                (b for b in self.blocks if b.type == "agent" and prev.startswith(f"<{b.id}.content")), None
            )
            said = self.words.get(answerer.id, "").lower() if answerer is not None else ""
            if answerer is not None and _NOT_FOUND.match(test):
                # ('it checks our Notion page and tells them; if it can't find it, email me': an agent that answers
                # from what it read says when it can't — its answer is searched for the words said)
                keyword = words[-1]
            elif answerer is not None and (
                re.search(lexicon()["judge_verbs"], said) or not re.search(lexicon()["draft_verbs"], said)
            ):
                keyword = "yes"
            elif answerer is not None:
                # ('translate the feedback into English if it isn't already': an agent that writes answers no
                # question — the test is nothing its answer says)
                self.left_out = "it names nothing the data could hold"
                return None, None
            elif not prev.startswith(("<loop", "<start")) and self.lists_upstream(self.test_heads):
                listed = next(reversed(self.lists_upstream(self.test_heads)))
                some_held = f"[].concat({listed} || []).length"
                self.notes.append(f"the test '{test.strip()}' holds when {listed} holds items")
                return (f"{some_held} === 0" if _NOT_TEST.search(test) else f"{some_held} > 0"), None
            else:
                self.left_out = "it names nothing the data could hold"
                return None, None
        if keyword in lexicon()["calendar_days"] and self.trigger.kind == "schedule" and not spelled:
            # 'never text anyone on a Sunday: run it Monday to Saturday': the schedule says on which days it runs;
            # an item's text holds its dates as dates, not the day's name
            self.left_out = "the schedule already says on which days it runs"
            return None, None
        text_field = re.match(
            r"(<start\.[\w.]+)\.(?:bodyText|text|content|subject|body|message|from)>$", prev
        )
        if text_field:  # Sim puts a trigger's text into a condition unquoted: test the object that holds it
            prev = text_field.group(1) + ">"
        prev = self.written_in(prev)
        # ('with 'refund' in the subject', 'the title contains 'crash'': the words said of one field are looked for there)
        field_said = _FIELD_SAID.search(test)
        said_text = _field_text(prev, field_said.group("field")) if field_said else _said_text(prev)
        if field_said:
            self.notes.append(
                f"the test '{test.strip()}' looks in the '{field_said.group('field').lower()}' field of {prev} "
                "(the whole item when it has none)"
            )
        found = f"{said_text}.includes({json.dumps(keyword)})"
        # ('if it is a gas or water leak': the kind of leak is what is tested, either word will do — every item
        # of the list may be a leak)
        kinds_or = (
            re.search(r"\b([a-z][\w-]*)\s+or\s+([a-z][\w-]*)\s+([a-z][\w-]*)\s*$", low)
            if not spelled
            else None
        )
        if (
            kinds_or
            and keyword == kinds_or.group(3)
            and not {kinds_or.group(1), kinds_or.group(2)} & set(lexicon()["test_filler"])
            and kinds_or.group(1) not in ("a", "an", "the", "is", "are", "it", "its", "be")
        ):
            found = (
                "("
                + " || ".join(f"{said_text}.includes({json.dumps(w)})" for w in kinds_or.groups()[:2])
                + ")"
            )
        either = re.search(r"\b([a-z][\w-]*)\s*/\s*([a-z][\w-]*)\s*$", low) if not spelled else None
        if either and keyword == either.group(2) and either.group(1) not in lexicon()["test_filler"]:
            # 'if it is negative/angry': either word will do
            found = " || ".join(f"{said_text}.includes({json.dumps(w)})" for w in either.groups())
        alternatives = (
            _NAMED_CHOICES.search(test) if not spelled and capital and keyword == capital[0].lower() else None
        )
        capitals = {w.lower() for w in capital}
        choices = (
            [w.lower() for w in re.findall(r"[\w-]+", alternatives.group(0)) if w.lower() in capitals]
            if alternatives
            else []
        )
        if len(choices) > 1:
            # 'if the species is Bittern, Hoopoe or Wryneck': any of the names the user listed will do
            found = " || ".join(f"{said_text}.includes({json.dumps(w)})" for w in choices)
        said_field = (
            _NAMED_VALUE.search(test) if len(choices) <= 1 and found.count("includes(") == 1 else None
        )
        field_key = _field_key(said_field.group("f")) if said_field else None
        value = said_field.group("v").strip().lower() if said_field else ""
        if (
            said_field
            and field_key
            and not _NO_VALUE.fullmatch(value)
            and (keyword == value or keyword in re.findall(r"[^\s\"'“”‘’`]+", value))
        ):
            # 'whose status is paid', 'if the fault_code is TILT-LOCK', "where vehicle_type = 'new'": that field
            # of the item holds that value — not the word anywhere in it (an 'unpaid' order, a note saying 'paid');
            # an item with no field of that name is searched whole, as before
            # (with no such field, a state of a few words is searched whole: 'closed won', not 'closed' — a lost deal
            # is closed too)
            found = _named_field_equals(prev, field_key, value, value if len(value.split()) <= 4 else keyword)
            self.notes.append(
                f"the test '{test.strip()}' compares the '{field_key}' field of {prev} to '{value}'"
            )
        # "if the status isn't "ok"": the steps run when the value is absent (the negation outside the value)
        outside = test.replace(spelled, " ") if spelled else test
        return (f"!({found})" if _NOT_TEST.search(outside) else found), None

    def item_in_url(self, url: str, container: str) -> str:
        """A request repeated per item names the item where the user left a slot in its address
        ('…/balances/{lease_id}', '?trackingNumber=...'): that field of the current item."""

        def slot(m: re.Match[str]) -> str:
            new = f"<{container}.currentItem.{m.group(1)}>"
            self.notes.append(
                f"'{m.group(0)}' in the address is read as the {m.group(1)} of each item ({new})"
            )
            return new

        url = re.sub(r"(?<!\{)\{(\w+)\}(?!\})", slot, url)
        return re.sub(
            r"(?<=[?&])(\w+)=(?:\.\.\.|…|<\w*>|x+|X+)(?=&|$)", lambda m: f"{m.group(1)}={slot(m)}", url
        )

    def item_field(self, test: str, prev: str, counted: bool = False) -> str | None:
        """The field a test names ('where quantity is below 15' → quantity; with `counted`, also the noun a
        number counts: 'with 3 or more absences' → absences), under the object that holds an item's fields
        (an Airtable record's `fields`)."""
        named = lx.named_field(test) or (lx.counted_field(test) if counted else None)
        if named is None:
            return None
        holder = self.holder() if prev.startswith("<loop") else ""
        return f"{holder}.{named}" if holder else named

    def date_test(self, test: str, prev: str, window: tuple[int, str, bool]) -> str:
        """'whose end date is within the next 14 days': the item's date falls between now and N days on;
        'exactly 14 days away', 'expires in 60 days': it falls on the day N days on (a daily run sees it once)."""
        count, unit, exact = window
        unit_ms = {"day": 86400000, "week": 604800000, "month": 2592000000}[unit]
        field = self.item_field(test, prev)
        if field is None:  # the date the test's word names, under what holds an item's fields (Airtable's)
            field = lx.date_field(test) or ("due_date" if prev.startswith("<loop") else "date")
            holder = self.holder() if prev.startswith("<loop") else ""
            field = f"{holder}.{field}" if holder else field
        where = "each item" if prev.startswith("<loop") else "the event"
        self.notes.append(f"the test '{test.strip()}' reads {where}'s '{field}' date ({prev[:-1]}.{field}>)")
        left = f"new Date({_field_read(prev, field)}).getTime() - Date.now()"
        if exact:  # the days left, rounded up, are N (today's date N on, whatever the hour of the run)
            return f"Math.ceil(({left}) / 86400000) === {count} * {unit_ms // 86400000}"
        return f"({left} >= 0) && ({_cmp(left, '<=', f'{count} * {unit_ms}')})"

    def router(
        self, step: Step, heads: list[tuple[str, str]], prev: str | None, parent: str | None
    ) -> list[tuple[str, str]]:
        labels = [label for label, _ in step.branches]
        field = _ROUTED_BY.fullmatch(step.label or "")
        if field and prev and len(labels) >= 2:
            return self.field_routes(step, field.group("f") or field.group("b"), heads, prev, parent)
        model = lx.model_in(self.description) or lexicon()["default_model"]
        answer = self.classified(step, labels, heads, prev, parent, model)
        if answer is not None:
            heads = [(answer[1:].split(".")[0], "source")]
        elif prev and (given := self.classified_input(prev)) is not None:
            # 'classify it with AI as sales, support or spam. Sales → …': the agent before answers a label only, so
            # the router reads that answer and the routes carry what it classified
            answer, prev = prev, given
        prompt = (
            f"Route the input by {step.label}"
            + (f" ({'; '.join(labels)})" if labels else "")
            + (f". Category: {answer}" if answer else "")
            + (f". Input: {prev}" if prev else "")
        )
        local = self.add(
            "router", {"prompt": prompt, "model": model, "apiKey": lx.api_key_for(model)}, parent
        )
        self.words[local] = step.text
        self.edge(heads, local)
        exits: list[tuple[str, str]] = []
        for label, branch in step.branches:
            if not branch:  # 'spam -> ignore': the route ends the run cleanly
                self.edge([(local, "source")], self.end(parent, f"the route '{label}' asks for nothing"))
                continue
            out, _ = self.chain(branch, [(local, "source")], prev, parent, scope=f"{local}:{label}")
            exits += out
        exits = exits or [(local, "source")]
        if step.body:  # steps stated after the routing that are not routes run once the route is taken
            exits, _ = self.chain(step.body, exits, prev, parent)
        return exits

    def field_routes(
        self, step: Step, field: str, heads: list[tuple[str, str]], prev: str, parent: str | None
    ) -> list[tuple[str, str]]:
        """'depending on the 'department' field: sales → …, support → …': the data says each route's value, so one
        condition block tests that field, an 'else if' a value (compared without case) — no model guesses what the
        data already says; what no value takes goes to the route for the rest ('anything else'), else ends the run
        cleanly."""
        read = _field_read(prev, field)
        named = [(label, branch) for label, branch in step.branches if not _REST_ROUTE.fullmatch(label)]
        rest = next((branch for label, branch in step.branches if _REST_ROUTE.fullmatch(label)), [])
        values = [label.strip(" '\"‘’“”") for label, _ in named]
        words = [v.split() for v in values]
        if len(words) > 1 and all(len(w) > 1 and w[-1].lower() == words[0][-1].lower() for w in words):
            values = [
                " ".join(w[:-1]) for w in words
            ]  # 'EU orders …, US orders …': the noun is what is routed
        local, handles = self.exclusive([_field_equals(read, v) for v in values], step.text, heads, parent)
        self.notes.append(
            f"the routes test the '{field}' field of {prev} for {', '.join(repr(v) for v in values)} (any case)"
            + ("; anything else takes the last route" if rest else "; anything else ends the run")
        )
        exits: list[tuple[str, str]] = []
        sides = [(h, v, branch) for h, v, (_, branch) in zip(handles, values, named, strict=True)]
        titles = (self.subject, self.mail_subject)
        # what a route's message or ticket is titled: its value and the event ('Support: form submitted to …'), not
        # the routing sentence's first words
        event = re.sub(
            r"^(?:when(?:ever)?|once|if)\s+(?:an?\s+|the\s+|new\s+)*", "", self.subject, flags=re.I
        )
        for handle, value, branch in [*sides, ("else", "none of the values", rest)]:
            if branch:
                if handle != "else":
                    self.subject = self.mail_subject = f"{value[:1].upper()}{value[1:]}: {event}"
                out, _ = self.chain(branch, [(local, handle)], prev, parent, scope=f"{local}:{handle}")
                self.subject, self.mail_subject = titles
                exits += out
            if not self.wired(local, handle):
                why = (
                    f"the '{field}' field is {value!r}"
                    if handle != "else"
                    else f"the '{field}' field is none of the routes'"
                )
                self.edge([(local, handle)], self.end(parent, why))
        exits = exits or [(local, "else")]
        if step.body:
            exits, _ = self.chain(step.body, exits, prev, parent)
        return exits

    def answers_json(self, ref: str) -> bool:
        """Whether `ref` is the answer of an agent asked to answer in JSON ('… answer with them as a JSON list'): Sim's
        resolver parses a value that is only such an answer, so a message gets a list, not text."""
        found = re.fullmatch(r"<([\w-]+)\.content>", ref)
        block = next((b for b in self.blocks if found and b.id == found.group(1) and b.type == "agent"), None)
        said = next((v.value for v in block.values if v.id == "systemPrompt"), "") if block else ""
        return isinstance(said, str) and "JSON" in said

    def classified_input(self, prev: str, decided: bool = False) -> str | None:
        """What an agent that answers a label only ('You classify the input …') was given, when `prev` is its
        answer and it was given one reference; None otherwise. `decided`: its answer is tested for yes or no ('an
        agent decides if it's a feature request; if yes …'), so whatever it was asked, it answered a decision."""
        found = re.fullmatch(r"<([\w-]+)\.content>", prev)
        block = next((b for b in self.blocks if found and b.id == found.group(1) and b.type == "agent"), None)
        if block is None:
            return None
        said = next((v.value for v in block.values if v.id == "systemPrompt"), "")
        if not isinstance(said, str) or not (decided or "classify" in said.lower()):
            return None
        prompt = next((v.value for v in block.values if v.id == "userPrompt"), "")
        given = re.findall(r"<[^<>\s]+>", prompt if isinstance(prompt, str) else "")
        return given[0] if len(set(given)) == 1 else None

    def judged(
        self, label: str, heads: list[tuple[str, str]], prev: str | None, parent: str | None
    ) -> str | None:
        """'if it's negative', 'if any of them are angry or upset', 'if they sound frustrated': a state only a
        reader can judge (lexicon 'judged_states') is judged by an agent answering the state's word or 'no'; its
        answer reference, or None when the test names something else or an agent just before already judged."""
        if re.search(r"[\"“”‘]|'\w+'", label):
            return None  # 'if it mentions "critical"': the word itself is looked for
        words = re.findall(r"[a-z']+", label.lower())
        states = [w for w in words if w in lexicon()["judged_states"]]
        if (
            not prev
            or not states
            or any(w not in lexicon()["judged_states"] and w not in lexicon()["judged_filler"] for w in words)
        ):
            return None
        found = re.fullmatch(r"<([\w-]+)\.content>", prev)
        if found and any(b.id == found.group(1) and b.type == "agent" for b in self.blocks):
            return None  # 'have AI rate the tone; if it's negative': the agent's answer is tested
        scope = "any item of the input" if re.search(r"\b(?:any|some|one)\b", label, re.I) else "the input"
        model = lx.model_in(self.description) or lexicon()["default_model"]
        prompt = (
            lexicon()["judge_prompt"]
            .replace("{scope}", scope)
            .replace("{states}", " or ".join(states))
            .replace("{answer}", states[0])
        )
        self.judged_word = states[
            0
        ]  # the word the agent answers when the state holds (the test looks for it)
        local = self.add("agent", _agent(prompt, prev, model=model), parent)
        self.words[local] = "judge whether " + label.strip()
        self.edge(heads, local)
        return f"<{local}.content>"

    def classified(
        self,
        step: Step,
        labels: list[str],
        heads: list[tuple[str, str]],
        prev: str | None,
        parent: str | None,
        model: str,
    ) -> str | None:
        """'figure out whether it's billing, a bug or a question: billing -> …': what came in is classified by an
        agent answering one of the routes' categories, and the router reads that answer (the routes still carry
        what came in). None when there is nothing to classify or an agent just before already classified it."""
        if not prev or len(labels) < 2:
            return None
        found = re.fullmatch(r"<([\w-]+)\.content>", prev)
        before = next(
            (b for b in self.blocks if found and b.id == found.group(1) and b.type == "agent"), None
        )
        said = next((v.value for v in before.values if v.id == "systemPrompt"), "") if before else ""
        if "classify" in said.lower():
            return None
        criterion, _, said_as = step.label.partition(":")
        named = [w.strip() for w in said_as.split(" / ") if w.strip()]
        labels = (
            named if len(named) == len(labels) else labels
        )  # the categories as the classification said them
        criterion = criterion.strip() or "category"
        prompt = (
            lexicon()["route_classifier"]
            .replace("{criterion}", criterion)
            .replace("{labels}", "; ".join(labels))
        )
        local = self.add("agent", _agent(prompt, prev, model=model), parent)
        self.words[local] = step.text
        self.edge(heads, local)
        return f"<{local}.content>"

    def drafted_from(self, prev: str, test: str) -> str | None:
        """The data an agent that only writes something (a blurb, a reply, a translation) was given, when a
        test names a field ('the price is above …') rather than the agent's answer; None otherwise."""
        found = re.fullmatch(r"<([\w-]+)\.content>", prev)
        block = next((b for b in self.blocks if found and b.id == found.group(1) and b.type == "agent"), None)
        subject = re.match(r"\s*(?:the|its|their)\s+([a-z][\w-]*)", test, re.I)
        if block is None or subject is None:
            return None
        said = self.words.get(block.id, "").lower()
        if subject.group(1).lower() in said or subject.group(1).lower() in lexicon()["draft_nouns"]:
            return None  # 'have AI score it; if the score …', 'if the reply mentions …': the agent's answer
        if not re.search(lexicon()["draft_verbs"], said) or re.search(lexicon()["judge_verbs"], said):
            return None
        prompt = next((v.value for v in block.values if v.id == "userPrompt"), "")
        given = re.findall(r"<[^<>\s]+>", prompt if isinstance(prompt, str) else "")
        return given[0] if len(set(given)) == 1 else None

    def given_field(self, test: str) -> str | None:
        """The field of those the run is declared to be given that a test names ('the amount' → 'amount', 'the
        order total' → 'order_total'), or None."""
        low = test.lower()
        return next(
            (f for f in self.declared if re.search(r"\b" + re.escape(f.replace("_", " ")) + r"\b", low)), None
        )

    def decision_answer(self, prev: str, expression: str, test: str) -> bool:
        """'have the AI decide if it's a complaint, and if it is …': the agent whose answer a test searches for a word
        ('complaint', or 'yes') is told to answer that word or 'no', not to report findings the word may be missing
        from. Not when another block than the test (`test`) shows the agent's answer (a report posted before the test
        stays one). Whether the agent was told so."""
        found = re.fullmatch(r"<([\w-]+)\.content>", prev)
        block = next((b for b in self.blocks if found and b.id == found.group(1) and b.type == "agent"), None)
        words = re.findall(
            r"JSON\.stringify\(" + re.escape(prev) + r"\)\)\.toLowerCase\(\)\.includes\(\"([^\"]+)\"\)",
            expression,
        )
        if (
            block is None
            or not words
            or any(
                b is not block and b.id != test and any(prev in str(v.value) for v in b.values)
                for b in self.blocks
            )
        ):
            return False
        for value in block.values:
            if (
                value.id == "systemPrompt"
                and isinstance(value.value, str)
                and value.value.endswith(" and report the key findings briefly.")
            ):
                asked = self.words.get(block.id, "").strip()
                answer = (
                    "yes or no only"
                    if words == ["yes"]
                    else " or ".join(f"'{w}'" for w in dict.fromkeys(words))
                    + " if that holds, otherwise 'no'"
                )
                value.value = value.value.replace(" and report the key findings briefly.", ".") + (
                    f" Answer {answer}{f' (asked: {asked})' if asked else ''}."
                )
                return True
        return False

    def message_number(self, test: str, op: str, num: str, unit: str, text: str) -> tuple[str, Step | None]:
        """A test on the number in the plain text of the message that started the run (at `text`): read from the
        text in the test itself when the test says it is money or a count of something, else by an agent."""
        read = text_number(test, unit, text)
        if read is None:
            return _cmp("Number(<{data}.content>)", op, num), _number_reader(test, text)
        self.notes.append(f"the test '{test.strip()}' reads its number from the message's text")
        return _cmp(read, op, num), None

    def extracts(self, answer: str) -> bool:
        """Whether the agent whose answer is `answer` (`<agent1.content>`) pulls values out of what it reads ('have AI
        pull out the supplier, amount and due date'), not a reply or summary written from it."""
        found = re.fullmatch(r"<([\w-]+)\.content>", answer)
        block = next((b for b in self.blocks if found and b.id == found.group(1)), None)
        prompt = next((str(v.value) for v in block.values if v.id == "systemPrompt"), "") if block else ""
        return bool(re.search(r"\bextract|\bJSON\b", prompt))

    def numeric_answer(self, prev: str, test: str) -> str | None:
        """'have AI grade it …; if the score is below 50': the agent a number is compared with answers a number. When
        a block already carries the agent's answer (a summary posted before the test), the answer stays as it is:
        returned is what the agent read, for another agent to read the number from."""
        found = re.fullmatch(r"<([\w-]+)\.content>", prev)
        block = next((b for b in self.blocks if found and b.id == found.group(1) and b.type == "agent"), None)
        if block is None:
            return None
        if any(b is not block and any(prev in str(v.value) for v in b.values) for b in self.blocks):
            given = next((str(v.value) for v in block.values if v.id == "userPrompt"), "")
            return given if given.strip() else None
        for value in block.values:
            if (
                value.id == "systemPrompt"
                and isinstance(value.value, str)
                and "number only" not in value.value
            ):
                scale = _SCALE.search(self.words.get(block.id, ""))
                value.value = value.value.replace(" and report the key findings briefly.", ".").rstrip() + (
                    (f" Score it {scale.group(0)}." if scale else "")
                    + f" Answer with the number only (the value the test '{test.strip()}' compares), no words."
                    # ('sales dropped by 20% or more': the test compares a signed change)
                    + (
                        " Give a change with its sign: negative for a drop, positive for a rise."
                        if lx.change_move(test) and re.search(r"-\d", test)
                        else ""
                    )
                )
        return None

    def listing_agent(self, prev: str | None, label: str) -> str | None:
        """'have the AI pull out action items, and for each action item …': the agent just before the loop
        names the items, so it answers with a JSON array of them and the loop repeats over that answer."""
        found = re.fullmatch(r"<([\w-]+)\.content>", prev or "")
        block = next((b for b in self.blocks if found and b.id == found.group(1) and b.type == "agent"), None)
        stem = re.sub(r"(?:ies|es|s)$", "", label.strip().lower().split()[-1]) if label.strip() else ""
        if block is None or len(stem) < 3 or stem not in self.words.get(block.id, "").lower():
            return None
        for value in block.values:
            if (
                value.id == "systemPrompt"
                and isinstance(value.value, str)
                and "JSON array" not in value.value
            ):
                value.value = value.value.replace(" and answer with JSON only.", ".") + (
                    f" Answer with a JSON array only, one entry per {label.strip()}."
                )
        return prev

    def loop(
        self, step: Step, heads: list[tuple[str, str]], prev: str | None, parent: str | None
    ) -> list[tuple[str, str]]:
        if not step.body:  # nothing to repeat: no empty container
            self.notes.append(f"'{step.text}': nothing to repeat for each {step.label}, so no loop was built")
            return heads
        extra: dict[str, Any] = {"loop_type": step.loop_type}
        if step.loop_type == "for":
            extra["count"] = step.count or 5
        else:
            lists = self.lists_upstream(heads)
            if (
                self.trigger.kind == "chat"
                and prev == "<start.input>"
                and not lists
                and step.label.strip()
                and re.sub(r"(?<!s)s$", "", step.label.strip().lower().split()[-1])
                in lx.lexicon()["chat_run_items"]
            ):
                # 'Searches the knowledge base for each question' in a chat: each question is a message, and each
                # message is a run of its own — the steps run once per run, over no list
                self.notes.append(f"'each {step.label}' is each chat message: its steps run once per message")
                out, self.once_prev = self.chain(step.body, heads, prev, parent)
                return out
            items = prev if prev in lists or (prev == "<start.input>" and not step.implicit) else None
            tested = self.tested_data(heads) if step.past_test else None
            if tested and items == tested:
                # ('… get the wind forecast; if the wind is above 20 km/h, text each booked customer': the people are
                # the list read before, not the forecast the test read)
                items = next((r for r in reversed(lists) if r != tested), items)
            items = items or self.listing_agent(prev, step.label) or (lists[-1] if lists else None)
            if (
                items is None
                and self.trigger.kind == "webhook"
                and (prev or "").startswith("<start.")
                and (
                    re.match(r"(?:new|incoming|newly)\b", step.label.strip(), re.I)
                    or re.fullmatch(
                        r"(?:ones?|them|those|these)(?:\s+of\s+(?:them|those|these))?",
                        step.label.strip(),
                        re.I,
                    )
                    # ('our machines report faults to a webhook … For each fault, …': what the webhook is sent, one a
                    # call)
                    or (
                        step.label.strip()
                        and re.sub(r"(?<!s)s$", "", step.label.strip().lower().split()[-1])
                        in lx.event_items(self.description)
                        and not lx.event_list(self.description)
                    )
                )
            ):
                # 'For every new submission: …', 'for each new order', 'for every one of them' (the payments that come
                # in): the items the event brings one at a time (the trigger fires once per new one), not a list
                # inside it
                self.notes.append(f"'each {step.label}' is the event itself: its steps run once per event")
                out, self.once_prev = self.chain(step.body, heads, prev, parent)
                return out
            # 'when our webhook receives a list of new signups, add each signup …': a list the event brings
            brought = lx.event_list(self.description) if self.trigger.kind == "webhook" else None
            if (
                items is None
                and (not step.implicit or brought)
                and self.trigger.kind == "webhook"
                and (prev or "").startswith("<start.")
            ):
                # 'for each line item' of an incoming order: a list inside the event, named after the items
                provider = self.trigger.values.get("webhookProvider", "generic")
                hook = services.webhook_paths(provider)
                if services.body_as_sent(provider):
                    name = re.sub(r"\W+", "_", step.label.strip().lower())
                    name = (
                        (name if name.endswith("s") else name + "s")
                        if not step.implicit
                        else (brought or name)
                    )
                    items = f"<{hook['data']}.{name}>"
                    self.notes.append(
                        f"the event is assumed to list the {step.label} under '{name}' ({items})"
                    )
                # a provider whose event Sim reshapes (WhatsApp, Telegram, Teams, Gmail, Airtable) holds no
                # such list: an invented path there stops the run, so the steps run once per event instead
            fetched = any(
                b.type not in ("starter", "agent", "condition", "router", "function") for b in self.blocks
            )
            if items is None and (step.implicit or fetched):
                # 'summarise each one' of something that is not a list, 'save each form submission': once a run
                self.notes.append(
                    f"'each {step.label}': no list was fetched to repeat over, so its steps run once per run"
                )
                out, self.once_prev = self.chain(step.body, heads, prev, parent)
                return out
            if items is None and self.trigger.kind in ("manual", "chat"):
                items = (
                    "<start.input>"  # 'for every change in the notes I give you': the run's input is the list
                )
            if items == "<start.input>":
                self.input_list = True
            if items is None:
                self.notes.append(
                    f"'for each {step.label}': nothing before it fetches a list to repeat over, so its steps run once"
                )
                out, self.once_prev = self.chain(step.body, heads, prev, parent)
                return out
            outer = next((b for b in self.blocks if b.id == parent and b.type == "loop"), None)
            if outer is not None:
                # 'goes through each appointment, and for every pet that is due …': the list the enclosing loop
                # already walks; a loop over it again would repeat each step once per pair of items, and July
                # 2025 Sim runs a loop inside a loop once in all (a condition first in it stops the run), so the
                # steps join the enclosing loop
                self.notes.append(
                    f"'each {step.label}' walks the list the enclosing loop already repeats over: its steps run in that loop"
                    if items == outer.collection
                    else f"'each {step.label}' sits inside another loop, which July 2025 Sim does not repeat per item:"
                    " its steps run in the enclosing loop"
                )
                out, _ = self.chain(step.body, heads, "<loop.currentItem>", parent)
                return out
            extra["collection"] = items
            self.item_email, self.item_phone, self.item_created = self.item_emails.get(
                items, ("email", "phone", "created_at")
            )
            self.item_holder = self.item_holders.get(items)
            self.item_url = self.item_urls.get(items)
        kind = "parallel" if step.loop_type == "parallel" else "loop"
        if kind == "parallel" and (len(step.body) != 1 or step.body[0].kind not in ("action", "process")):
            # JUL25's executor runs only the first block of a chain inside a parallel (simcheck): a loop runs all
            self.notes.append(
                f"'each {step.label}' in parallel has several steps: built as a loop, one item at a time"
            )
            kind, extra["loop_type"] = "loop", "forEach"
        if kind == "parallel":  # Sim's parallel container runs its blocks once per item, all at once
            extra = {"collection": extra["collection"]}
        local = self.add(kind, {}, parent, **extra)
        self.words[local] = f"each {step.label}" if step.loop_type != "for" else step.text
        self.edge(heads, local)
        first = len(self.blocks)
        self.chain(step.body, [(local, f"{kind}-start-source")], "<loop.currentItem>", local)
        if kind == "parallel":  # inside a parallel the item is <parallel.currentItem>
            for block in self.blocks[first:]:
                for value in block.values:
                    if isinstance(value.value, str):
                        value.value = value.value.replace("<loop.currentItem", "<parallel.currentItem")
        return [(local, f"{kind}-end-source")]


def _stem(word: str) -> str:
    """'failed', 'fails', 'failure', 'failing' → 'fail': a word's stem, to know the same verb in another form."""
    return re.sub(r"(?:ure|ing|ed|es|s)$", "", word.lower())


def _reminder(text: str) -> str | None:
    """'remind everyone in #payroll to submit their timesheets' → 'Reminder: please submit your timesheets'."""
    found = re.search(r"\bremind\s+(?:[\w#@'-]+\s+){0,6}?to\s+(?P<what>[a-z][^,.;:!?]{2,120})", text, re.I)
    if not found:
        return None
    what = re.sub(
        r"\s+(?:on|in|via|through|by)\s+(?:slack|teams|discord|telegram|whatsapp|e-?mail|sms)\b.*$",
        "",
        found.group("what"),
        flags=re.I,
    )
    swaps = {
        "their": "your",
        "them": "you",
        "they": "you",
        "themselves": "yourselves",
        "his": "your",
        "her": "your",
    }
    what = " ".join(swaps.get(w.lower(), w) for w in what.split())
    return f"Reminder: please {what.strip()}"


# a write that makes one object per item: '… into HubSpot as contacts', '… on my calendar as events'
_KEY = (
    # (a key written as a field name too: 'by order_id', 'with a customer_email')
    r"((?:[a-z]+[\s_-]){0,2}?(?:id|email|e-mail|name|surname|number|code|address|domain|sku|username|key|reference|"
    r"ref|postcode|zip|isbn|iban|ticker|plate|registration|phone|vin))\b"
)
# 'takes an email address', 'give it a company name': the key a run started by hand is given
_GIVEN_KEY = re.compile(
    r"\b(?:(?:takes?|receives?|gets?|accepts?|with|enters?|enter|give it|given|paste|types?|sends?|submits?|"
    # ('staff type a patron's name': whose key it is, said before it, names no column)
    r"provides?|gives?|"
    # ('I want to ask in a chat for a pet's name and see its record': what the chat is asked with)
    r"asks?\s+(?:in\s+(?:a|the)\s+chat\s+|the\s+chat\s+)?(?:for|about))"
    r"\s+(?:in\s+|us\s+|me\s+|it\s+)?(?:an?|the|their|his|her)\s+(?:[\w-]+['’]s\s+)?"
    # ('input = licence plate', 'Input: an order number': a spec's input line)
    r"|inputs?\s*[:=]\s*(?:an?\s+|the\s+)?"
    # ('API call with {product}', 'call it with { sku }': the one field a call brings, written as its name in braces,
    # is the key whatever its name)
    r"|with\s+\{\s*(?=[a-z][a-z0-9_]*\s*\}))(" + _KEY + r"|[a-z][a-z0-9_]*(?=\s*\}))",
    re.I,
)
# 'takes a question', 'I paste a job posting URL', 'the article link I give you', 'type what a tenant wants':
# what a run started by hand, by a call or in a chat is given to work on
_GIVEN_INPUT = re.compile(
    r"\b(?:takes?|receives?|gets?|accepts?|pastes?|types?|enters?|submits?|sends?|posts?|drops?|describes?|"
    # ('I start it manually with a competitor's name', 'kick it off by hand with a domain')
    # ('a workflow I run by hand with a supplier's URL')
    r"gives?\s+(?:it|you|us)|(?:run|start|trigger|kick)s?\s+(?:it\s+)?(?:off\s+)?(?:(?:manually|by\s+hand|myself)\s+)?with)"
    r"\s+(?:in\s+|us\s+|me\s+|it\s+)?"
    # ('I'd like to paste each return request in and run it by hand': each one a run of its own)
    r"(?:an?|the|their|his|her|some|one|each|every)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:url|link|question|text|idea|description|domain|name|address|query|topic|prompt|article|page|email|"
    r"ticket|message|keyword|term|number|code|id|website|site|image|picture|banner|photo|scene|request|claim|"
    r"complaint|enquiry|inquiry|booking|application)s?\b"
    # 'POSTs {email, company} to the workflow': the fields a call gives the run
    r"|\b(?:posts?|sends?|calls?\s+(?:it|the\s+workflow)\s+with)\s+\{[^{}]+\}"
    r"|\b(?:url|link|text|question|address|topic|name|website|site|domain)\s+(?:that\s+)?(?:i|we|you|they)\s+"
    r"(?:give|paste|send|enter|type|provide|submit)"
    r"|\b(?:types?|enters?|asks?\s+for)\s+what\b"
    # ('Trigger: API call with candidate name + LinkedIn URL'): what the call that starts the run carries
    r"|\b(?:api\s+)?(?:call|request)\s+with\s+(?:an?\s+|the\s+|their\s+)?(?:[\w'’+-]+\s+){0,6}?"
    r"(?:url|link|domain|website|site|address|email)s?\b"
    # ('AC: - Input: {url}': a spec's input line naming the field)
    r"|\binputs?\s*[:=]\s*\{\s*(?:url|link|website|site|domain|page|address|question|query|text|email|name)\w*\s*\}",
    re.I,
)
# 'by their email', 'match on their Slack email', 'using the order number': the key a lookup names
# 'looks the order up', 'finds that invoice', 'look up their booking': a read of the one record a key names
_POINTED = re.compile(
    r"\blook(?:s|ing)?\s+(?:it|them|that|this|(?:the|that|this|their|his|her)\s+[\w-]+)\s+up\b"
    r"|\bfinds?\s+(?:it|that|them|(?:that|this|the|their)\s+[\w-]+)\b"
    r"|\blook(?:s|ing)?\s+up\s+(?:it|that|this|them|the|their|his|her)\b",
    re.I,
)
# "'where's order 1234?'", '"status of invoice INV-77"': an example the user gives of what is asked, naming a
# record by its noun and its number
_EXAMPLE_KEY = re.compile(
    r"(?:(?<!\w)'|[\"“])(?:[^'\"“”\n]|'(?=\w))*?\b([a-z]{3,})\s+(?:#|no\.?\s*)?(?=[\w-]*\d)[A-Z0-9][\w-]*"
    r"(?:[^'\"“”\n]|'(?=\w))*?(?:'(?!\w)|[\"”])",
    re.I,
)
# 'look them up', 'find the customer': the one looked up is a person (their address is the key)
_PERSON = re.compile(
    r"\b(?:them|him|her|(?:the|that|this)\s+(?:person|people|customer|client|contact|lead|sender|candidate|"
    r"applicant|buyer|guest|member|attendee|user|signup|subscriber|donor|patient|student|booker))\b",
    re.I,
)
# 'check the vendor's VAT number with the EU VIES service', 'validate their IBAN': the key is the step's own object
_CHECKED = re.compile(
    r"\b(?:check|checks|verify|verifies|validate|validates|look\s+up|looks\s+up)\s+(?:the|their|its|his|her)\s+"
    r"(?:[\w-]+['’]s\s+)?" + _KEY,
    re.I,
)
# 'look the order up', 'looks their booking up', 'look up the listing', 'find the house they picked', 'pull that
# invoice', 'search the lodging asked for': the one record looked up, by its noun (not a person, not a word for any record, not a list)
_NOT_A_THING = (
    r"(?!(?:person|people|customer|client|user|contact|lead|sender|one|record|row|entry|item|data|details|info|"
    r"information|answer|result|status|rest|same|matching|right|relevant|latest|newest|current|first|last|next|new|"
    r"whole|full|time|way|best|top|most|list|table|sheet|spreadsheet|base|database|channel|thread|message|email)s?\b)"
)
_LOOKED_UP_NOUN = re.compile(
    r"\blook(?:s|ing)?\s+(?:the|that|this|their|his|her)\s+" + _NOT_A_THING + r"([a-z][a-z]+)\s+up\b"
    r"|\b(?:look(?:s|ing)?\s+up|finds?|fetch(?:es)?|pulls?|retrieves?|search(?:es)?(?:\s+for)?)\s+"
    r"(?:the|that|this|their|his|her)\s+" + _NOT_A_THING + r"([a-z][a-z]+)(?![\w'’-])(?<!(?<!s)s)",
    re.I,
)


def _looked_up_noun(text: str) -> str | None:
    """The noun of the one record a step looks up ('look up the order' → 'order'), else None."""
    found = _LOOKED_UP_NOUN.search(text)
    return (found.group(1) or found.group(2)).lower() if found else None


_KEY_BY = re.compile(r"\b(?:by|on|using|via|with)\s+(?:their|its|his|her|the)?\s*" + _KEY, re.I)
# 'the record for that class', 'the row of this order': a record named by a thing the event brings (not a key word)
_THAT_NOUN = re.compile(r"\b(?:for|of|matching)\s+(?:that|this|the\s+same)\s+([a-z][a-z-]+)\b", re.I)
# 'texts our bot a tracking number', 'with a course code': the key an event brings
_KEY_NOUN = re.compile(r"\b(?:an?|their|its)\s+" + _KEY, re.I)


def _key_words(noun: str) -> list[str]:
    """'an email address' → ['email'], 'Order Number', 'order_number' → ['order', 'number']: a key's column words."""
    words = [w for w in re.split(r"[\s_-]+", noun.lower().replace("e-mail", "email")) if w]
    if len(words) > 1 and words[-1] == "address":  # 'an email address' is the 'email' column
        words = words[:-1]
    return words


def _to_its_person_step(step: Step) -> bool:
    """Whether `step` messages the person of the item being worked on ('reply to the client with an acknowledgement'),
    or drafts that message for the step after it."""
    return step.kind in ("action", "process") and to_its_person().match(step.text or "") is not None


_PER_ITEM = re.compile(
    r"\bas\s+(?:new\s+|separate\s+|individual\s+)?(?:[\w-]+\s+)?(contacts|events|tasks|issues|tickets|records|"
    r"pages|cards|leads|deals|entries|subscribers|members)\b",
    re.I,
)


# 'more than 5 items or total more than 800 CHF', 'over 10 kg and under 30 kg': 'and'/'or' before a comparison
_THRESHOLD_PAIR = re.compile(
    r"\s+(and|or)\s+(?=(?:(?!and\b|or\b)[\w-]+\s+){0,3}?" + lx.THRESHOLD_RE.pattern + ")", re.I
)
# 'the rating is 5', 'if the priority is 1': a field said to hold one number
_VALUE_IS = re.compile(
    r"\b(?:is|are|was|were|=)\s+(?P<n>-?\d{1,9}(?:\.\d+)?)\s*(?:stars?|points?)?\s*$", re.I
)
# 'the score is 9 or 10', 'they rated us 4 or 5', 'a rating of 1 or 2': a field said to hold one of two numbers
_VALUE_PAIR = re.compile(
    r"\b(?:is|are|was|were|equals?|of|scored?|rated?|gave|gives|picked|chose)\s+(?:(?:us|it|them|a|an)\s+)?"
    r"(?P<a>\d{1,6}(?:\.\d+)?)\s+or\s+(?P<b>\d{1,6}(?:\.\d+)?)\b(?!\s*(?:%|[.,]\d))",
    re.I,
)
# 'A and B' / 'A or B' where each side is a test of its own ('the priority is high', 'it is above 5')
_COMPOUND = re.compile(
    r"\s+(and|or)\s+(?=(?:the|its|it|their|his|her|this|that)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:is|are|was|has|have|contains?|equals?|exceeds?|includes?|mentions?|comes?\s+from)\b)",
    re.I,
)


def _coin_test(test: str, symbol: str, api: dict[str, Any]) -> str | None:
    """'BTC drops below 58,500' → the price test; 'BTC moved more than 5%' → the 24h change test."""
    threshold = lx.threshold_in(test)
    if not threshold:
        return None
    op, number, unit = threshold
    num = lx.number_text(number)
    low = test.lower()
    coin = lexicon()["symbols"][symbol]
    change = unit == "%" or re.search(r"\b(?:mov|chang|swing)\w*", low)
    ref = "<{data}.data." + api["change_path" if change else "price_path"].replace("{id}", coin) + ">"
    return _signed(ref, op, num, "%" if change else unit, low)


def _signed(ref: str, op: str, num: str, unit: str, low: str) -> str:
    """A change ('fell more than 3%') is signed: falls are below -3, rises above 3, 'moved' either way."""
    if unit != "%":
        return _cmp(ref, op, num)
    if re.search(r"\b(?:drop|fall|fell|down|los|decreas|declin|plung|sank|sink)", low):
        return _cmp(ref, "<", f"-{num}")
    if re.search(r"\b(?:ris|rose|gain|up|jump|increas|climb|soar)", low):
        return _cmp(ref, ">", num)
    return _cmp(f"Math.abs({ref})", op, num)


# 'whose status is paid', 'if the fault_code is TILT-LOCK', "where vehicle_type = 'new'", 'if its plan equals annual',
# 'dont le statut est payé', 'cuyo estado es enviado': a field the test names by its plain name, and the value it holds
_NAMED_VALUE = re.compile(
    r"(?:^|\b(?:whose|where|if|when|with|and|unless|only\s+if|dont|si|où|cuyo|cuya|donde|cuando)\s+)"
    r"(?:(?:the|its|their|his|her|our|le|la|les|son|sa|ses|el|los|las|su|sus)\s+|l['’]|[a-z]+['’]s\s+)?"
    r"(?P<f>[\"“'‘`]?[^\W\d][\w-]*(?:\s+[^\W\d][\w-]*){0,2}?[\"”'’`]?)(?:\s+(?:field|column|value))?\s*"
    r"(?:=|==|\s(?:is|equals|says|reads|shows|is\s+set\s+to|is\s+marked(?:\s+as)?|est|es|vaut))\s+"
    r"(?:(?:not|no\s+es|n['’]est\s+pas)\s+)?"
    r"(?P<v>[\"“'‘][^\"”'’\n]{1,40}[\"”'’]|(?!(?:an?|the|in|on|at|from|with|by|for|of|over|under|above|below|within|"
    r"between|more|less|greater|higher|lower|before|after|not|un|une|le|la|el|de|en)\b)[^\W_][\w.-]*"
    r"(?:\s+[^\W_][\w.-]*){0,2}?)\s*[.!?]?\s*$",
    re.I,
)
# the names a test's field cannot have: the item itself, a pronoun, a word that opens a clause
_NO_FIELD = re.compile(
    r"(?:it|this|that|they|he|she|there|one|someone|anyone|anything|something|we|you|i|its|what|which|who|"
    r"each|every|any|all|so|ça|il|elle|ello|es|el|la|le|word|text|message|email|e-mail|subject|body)",
    re.I,
)
_OPENS_CLAUSE = re.compile(r"whose|where|if|when|with|and|unless|dont|si|où|cuyo|cuya|donde|cuando", re.I)
_ARTICLE = re.compile(r"the|its|their|his|her|our|le|la|les|son|sa|ses|el|los|las|su|sus", re.I)
# the words a test's value cannot be: a state of being filled, not a value held
_NO_VALUE = re.compile(r"(?:empty|blank|missing|set|present|given|filled|null|none|done|over)", re.I)


def _field_key(said: str) -> str | None:
    """The name a test gives a field, as compared at run time: no case, spaces, underscores or dashes
    ('vehicle_type', 'Delivery Type' → 'vehicletype', 'deliverytype'); None for no field's name."""
    words = said.strip("\"“”'‘’` ").split()
    # ('order whose status': the words after the one that opens the clause, past an article or an owner)
    opens = [i for i, w in enumerate(words) if _OPENS_CLAUSE.fullmatch(w)]
    words = words[opens[-1] + 1 :] if opens else words
    while words and (_ARTICLE.fullmatch(words[0]) or re.fullmatch(r"[a-z]+['’]s", words[0], re.I)):
        words = words[1:]
    if not words or any(_NO_FIELD.fullmatch(w) for w in words[:1]) or len(words) > 3:
        return None
    return re.sub(r"[\s_-]+", "", " ".join(words).lower())


# JSON text with its field names cut out ('"chanceofrain":' → ' '): what a word test or a match searches is what the data
# says, not what its fields are called
_NO_FIELD_NAMES = '.replace(/"[^"]*":/g, " ")'


def _said_text(ref: str) -> str:
    """The JavaScript text a word test searches in `ref`, lower-cased: what the data says, not its field names (a dry
    forecast holds 'rain' in its `chanceofrain` field, an open issue 'closed' in `closed_at`). An agent's answer is a
    text with no fields, searched as it is."""
    if re.fullmatch(r"<[\w-]+\.content>", ref):
        return f"String(JSON.stringify({ref})).toLowerCase()"
    return f"String(JSON.stringify({ref})){_NO_FIELD_NAMES}.toLowerCase()"


# a task and what it is for: 'a task for the owner to call the customer', 'a to-do to chase the invoice'
_TASK_TO = re.compile(
    r"\b(?:task|to-?do|reminder|follow-?up)\s+(?:for\s+(?:the\s+|our\s+|my\s+|their\s+)?[\w-]+(?:\s+[\w-]+)?\s+)?"
    r"to\s+(?P<do>(?!(?:me|us|them|him|her|the|our|my|a|an)\b)[a-z][^,;.\n]{3,60})",
    re.I,
)

# 'the subject mentions 'refund'', "with 'crash' in the title": a test said of one text field of the item
_FIELD_SAID = re.compile(
    r"^\s*(?:if\s+)?(?:the|its|their)\s+(?P<field>subject|title|summary|body|description|name|message|text|comment)"
    r"(?:\s+line)?\s+(?:mentions?|contains?|includes?|has|says?|reads)\b",
    re.I,
)


def _field_text(ref: str, field: str) -> str:
    """The JavaScript text of the field called `field` (or one of its other names, lexicon.json 'text_fields') in the
    item or event `ref`, lower-cased: the first such field met going down the item level by level (a Jira issue's
    `fields.summary`, a GitHub issue's `title`, an e-mail's `bodyText` for 'body'); the item's whole text without
    field names when it has none. (No '<' in it: Sim reads one up to the next '>' as a reference.)"""
    names = [field.lower(), *lexicon()["text_fields"].get(field.lower(), [])]
    return (
        "((s, ks) => { "
        "let o = s; try { o = JSON.parse(s); } catch (e) { o = s; } "
        'const n = (x) => String(x).toLowerCase().replace(/[\\s_-]+/g, ""); '
        "for (const k of ks) { const q = [o]; while (q.length) { const x = q.shift(); "
        'if (!x || typeof x !== "object") continue; '
        'const f = Object.keys(x).find((y) => (n(y) === k || n(y).startsWith(k)) && typeof x[y] === "string"); '
        "if (f !== undefined) return x[f].toLowerCase(); q.push(...Object.values(x)); } } "
        f"return s{_NO_FIELD_NAMES}.toLowerCase(); "
        f"}})(String(JSON.stringify({ref})), {json.dumps(names)})"
    )


def _named_field_equals(ref: str, key: str, value: str, needle: str) -> str:
    """The JavaScript test that the item or event `ref` holds `value` in the field whose name is `key` (found without
    case, spaces, underscores or dashes, at its top or one level down: an Airtable record's `fields`), compared without
    case or surrounding spaces, a number as a number, a long text holding it as words; an item with no such field is
    searched whole for `needle`, as a test of its text. (No '<' in it: Sim reads one up to the next '>' as a
    reference.)"""
    value = value.strip("\"“”'‘’` ")
    return (
        "((s, k, v, t) => { "
        "let o = s; try { o = JSON.parse(s); } catch (e) { o = s; } "
        'const n = (x) => String(x).toLowerCase().replace(/[\\s_-]+/g, ""); '
        'const at = (x) => (x && typeof x === "object" ? Object.keys(x).find((f) => n(f) === k) : undefined); '
        'let h = o; if (at(h) === undefined) h = Object.values(o && typeof o === "object" ? o : {}).find((y) => at(y) !== undefined); '
        f"const u = s{_NO_FIELD_NAMES}.toLowerCase(); "
        "if (at(h) === undefined) return u.includes(t) || n(u).includes(n(t)); "
        'const x = String(h[at(h)] ?? "").trim().toLowerCase(); '
        'const w = (y) => " " + y.split(/[^a-z0-9\\u00c0-\\u024f]+/).join(" ") + " "; '
        'return x === v || n(x) === n(v) || (x !== "" && v !== "" && !isNaN(Number(x)) && !isNaN(Number(v)) && Number(x) === Number(v)) '
        "|| (x.split(/\\s+/).length > v.split(/\\s+/).length + 2 && w(x).includes(w(v))); "
        f"}})(String(JSON.stringify({ref})), {json.dumps(key, ensure_ascii=False)}, {json.dumps(value, ensure_ascii=False)}, {json.dumps(needle, ensure_ascii=False)})"
    )


def _field_equals(read: str, value: str) -> str:
    """The JavaScript test that a field read by `_field_read` holds `value`, as text and without case."""
    return f"String({read} ?? '').trim().toLowerCase() === {json.dumps(value.lower())}"


# a router's criterion that names a field of the data (steps.ROUTED_FIELD): "'department' field", 'region column'
_ROUTED_BY = re.compile(
    r"['\"‘“](?P<f>[\w .-]{1,30})['\"’”](?:\s+(?:field|answer|column|value|property|key))?|(?P<b>[\w-]+)\s+(?:field|column|property)",
    re.I,
)
# the route for what no named value takes: 'anything else', 'others', 'the rest'
_REST_ROUTE = re.compile(
    r"\s*(?:and\s+)?(?:others?|(?:anything|everything)\s+else|(?:all\s+)?the\s+(?:rest|others))\s*", re.I
)


def _filled(form: str, words: list[str], value: str) -> str:
    """A lookup's filter (services.json 'lookup' `value`) on the column named by `words`, for `value`."""
    return (
        form.replace("{column}", "_".join(words))
        .replace(
            "{Column}", " ".join(w if w == "id" else w.capitalize() for w in words).replace(" id", " ID")
        )
        .replace("{value}", value)
    )


def _item_holder(path: str) -> str:
    """What holds an item's own fields, told by where the item holds its e-mail address: an Airtable record's
    `fields` (fields.Email), a HubSpot contact's `properties`; nothing when the address sits in a list the item
    holds (a calendar event's `attendees.0.email`, a candidate's `email_addresses.0.value`): the event's other
    fields are its own, not its first attendee's."""
    parent = path.rpartition(".")[0]
    return "" if re.search(r"\[|(?:^|\.)\d+(?:\.|$)", parent) else parent


# a read's count field and a page it fetches for items kept after the read (50: the most every service allows)
_READ_LIMITS = {"limit": 50, "maxResults": 50, "maxRecords": 50}


def _field_found(ref: str, names: list[str]) -> str:
    """The first plain value, at any depth of the resolved data (this level's keys before the levels beneath), whose
    key is one of `names` (compared without case, spaces, underscores or dashes): a field of a payload whose shape
    nobody told. (No '<' in it: Sim reads one up to the next '>' as a reference.)"""
    keys = list(dict.fromkeys(names))
    return (
        "((o, ks) => { "
        'const n = (x) => String(x).toLowerCase().replace(/[\\s_-]+/g, ""); '
        "const want = ks.map(n); "
        "const walk = (x, d) => { "
        'if (!x || typeof x !== "object" || d > 6) return undefined; '
        "for (const [k, v] of Object.entries(x)) { "
        'if (want.includes(n(k)) && (v === null || typeof v !== "object")) return v; } '
        "for (const v of Object.values(x)) { const r = walk(v, d + 1); if (r !== undefined) return r; } "
        "return undefined; }; "
        f"return walk(o, 0); }})(({ref}), {json.dumps(keys)})"
    )


# 'item below its reorder level', 'plants under their minimum stock': an item compared with a level it holds itself
_OWN_LEVEL = re.compile(
    r"\b(?P<op>" + COMPARED_WITH + r")\s+(?:its|their)\s+(?P<field>[a-z][\w -]{0,40}?)\s*[.!]?\s*$", re.I
)


def _own_level_test(ref: str, own: re.Match[str]) -> str:
    """JavaScript: the item's amount (its first field named as an amount, lexicon.json 'item_amounts') against the
    field the test names ('its reorder level' → a field spelled 'reorder_level', 'Reorder Level', 'reorderLevel' …),
    both read leniently; an item lacking either fails the test."""
    below = re.match(r"below|under|beneath|less|lower|fewer", own.group("op"), re.I) is not None
    level = re.sub(r"[^a-z0-9]", "", own.group("field").lower())
    amounts = [re.sub(r"[^a-z0-9]", "", a.lower()) for a in lexicon()["item_amounts"]]
    return (
        f"((item) => {{ const key = (k) => String(k).toLowerCase().replace(/[^a-z0-9]/g, ''); "
        f"const all = {{ ...(item ?? {{}}), ...(item?.fields ?? {{}}) }}; "
        f"const level = Object.keys(all).find((k) => key(k) === {json.dumps(level)}); "
        f"const amount = {json.dumps(amounts)}.map((n) => Object.keys(all).find((k) => key(k) === n)).find(Boolean); "
        f"return level !== undefined && amount !== undefined && all[amount] !== '' && all[level] !== '' && "
        # (no '<' in the code: Sim would read '< … >' as a reference)
        + (
            "Number(all[level]) > Number(all[amount]); "
            if below
            else "Number(all[amount]) > Number(all[level]); "
        )
        + f"}})({ref})"
    )


def _field_read(ref: str, path: str) -> str:
    """`(<loop.currentItem>)?.["fields"]?.["end_date"]`: a field the user named, read in JavaScript from the
    resolved item, so that an item without it fails the test instead of stopping the run (Sim throws on a
    reference to a path the data does not hold) and a name Sim's references cannot spell still reads."""
    return f"({ref})" + "".join(f"?.[{json.dumps(part)}]" for part in path.split("."))


# 'the "status" field isn't "ok"', "the state field is 'degraded'", 'the "plan" value equals "free"': a field the test
# names, and the value it holds (quoted)
_FIELD_VALUE = re.compile(
    # ('the `rush` field is true', 'the `damaged` flag is true': a field named as code, a flag for a true/false one)
    r"(?:the\s+)?(?:[\"“'`](?P<qf>[\w.-]{1,40})[\"”'`]|(?<=the\s)(?P<bf>[\w.-]{1,40}))\s+(?:field|value|key|property|column|attribute|answer|flag)"
    r"\s+(?P<is>is\s*n[o']?t|is\s+not|isn't|does\s*n[o']?t\s+(?:equal|say|read)|is|equals?|says|reads)\s+"
    r"(?:equal\s+to\s+)?(?:[\"“'](?P<v>[^\"”'\n]{1,40})[\"”']"
    # "the 'plan' answer is Enterprise": a quoted field's value may be one plain word, the test's last
    r"|(?P<w>[a-z][\w-]{0,29})\s*[.!]?\s*$)",
    re.I,
)
# 'any batch has a best-before within 3 days', 'some order has a ship_by date within 2 days': a date field an item of a
# list has, tested against a window
_ANY_ITEM_DATED = re.compile(
    r"\s*(?:if\s+)?(?:any|some)\s+(?:of\s+the\s+)?(?:[a-z][\w-]*\s+){1,2}?(?:has|have|with)\s+"
    r"(?:an?\s+|the\s+|its\s+|their\s+)?(?P<field>[a-z][\w-]*)(?:\s+date)?\s+(?:that\s+is\s+|is\s+)?within\b",
    re.I,
)
# 'it has not paid' (steps._state_of, from 'who hasn't paid'): a thing the item has not done
_UNDONE = re.compile(r"\s*it\s+has\s+not\s+([a-z]+)\s*", re.I)
# "check the 'rent_paid' column", 'the "Replied" box': a field the text names by its quoted name
_NAMED_FIELD = re.compile(
    r"[\"“'‘`]([\w .-]{1,40})[\"”'’`]\s+(?:column|field|box|checkbox|tick\s*box|flag)\b"
    r"|\b(?:column|field)\s+[\"“'‘`]([\w .-]{1,40})[\"”'’`]",
    re.I,
)


def _field_named_for(verb: str, description: str) -> str | None:
    """The field the description names whose name holds `verb` ('paid' → 'rent_paid'), the first one said."""
    stem = verb[:4].lower()
    return next(
        (
            name
            for m in _NAMED_FIELD.finditer(description)
            for name in [m.group(1) or m.group(2)]
            if stem in name.lower()
        ),
        None,
    )


# "If the 'plan' answer is Enterprise …; if it's Pro …": a later test of the same value, said with 'it'
_SAME_VALUE = re.compile(
    r"^\s*(?:it['’]?s|it\s+is|it\s+says|they['’]re|they\s+are)\s+(?:an?\s+)?(?P<v>[\w-]{1,30})\s*$", re.I
)
# 'no account manager is set', 'the phone field is empty', 'the due date is missing': a field that holds nothing
_EMPTY_TEST = re.compile(
    r"^\s*(?:there\s+is\s+)?(?:(?P<no>no)\s+)?(?:the\s+|an?\s+|its\s+|their\s+)?(?P<f>[a-z][\w -]{1,30}?)"
    r"(?:\s+(?:field|column|value))?\s+(?:is|are)\s+(?P<st>(?:not\s+)?(?:set|given|filled(?:\s+in)?|listed|provided|"
    r"present|empty|blank|missing))\s*$",
    re.I,
)
# 'a slot has no presenter', 'the order has no tracking number yet': an item whose field holds nothing
_LACKS_FIELD = re.compile(
    r"^\s*(?:(?:the|a|an|its|their|this|that|any)\s+)?(?:[\w-]+\s+){0,2}?(?:has|have|had)\s+no\s+"
    r"(?P<f>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)(?:\s+(?:assigned|set|listed|given|filled\s+in|yet))*\s*$",
    re.I,
)
# a test for one word in what an agent answered ('if it's spam', 'if it's not spam')
_VERDICT_READ = re.compile(
    r"(?P<not>!\()?String\(JSON\.stringify\(<(?P<id>[\w-]+)\.content>\)\)\.toLowerCase\(\)\.includes\(\"(?P<word>[a-z][\w -]{1,30})\"\)(?(not)\))"
)
# 'there are', 'we got', 'it returned': what a test of a fetched list says before how many came back
_FETCHED = (
    r"(?:there\s+(?:is|are|was|were)\s+|there['’]s\s+|we\s+(?:have|got|get)\s+|"
    r"(?:it|they)\s+(?:has|have|finds?|found|returns?|returned|gets?|got)\s+)"
)
# 'there are no new orders', "there's nothing booked on Monday", 'nothing came back': the fetched list is empty
_NONE_FETCHED = re.compile(
    rf"^\s*{_FETCHED}?(?:(?P<no>no|zero)\s+(?=[a-z])|nothing\b|none\b)(?P<rest>[^<>]*)$",
    re.I,
)
# "it can't find the order", 'we cannot locate them', "it couldn't", 'the order is not found', 'no match is found': a
# look-up found nothing (its list came back empty), said of the look-up
_NOT_FOUND = re.compile(
    r"^\s*(?:(?:it|they|we|you|he|she|(?:the|this|that)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s*)?"
    r"(?:(?:can['’]t|cannot|can\s+not|couldn['’]t|could\s+not)(?:\s+(?:find|locate|match)\b[^<>]*)?"
    r"|(?:does|do|did)(?:n['’]t|\s+not)\s+(?:find|locate|match)\b[^<>]*"
    r"|(?:fails?|failed)\s+to\s+(?:find|locate|match)\b[^<>]*"
    r"|(?:is|are|was|were)(?:n['’]t|\s+not)\s+(?:found|matched|located)\b[^<>]*)\s*$",
    re.I,
)
# 'there are any', 'there are any new rows', 'it finds some': the list fetched came back with items
# ("there's a match", 'it finds a matching record', 'there are results': the search came back with items)
_SOME_FETCHED = re.compile(
    rf"^\s*{_FETCHED}(?:any|some|anything|(?:an?\s+|one\s+or\s+more\s+)?(?:match(?:es|ing\s+[\w-]+)?|hits?|results?)"
    r"(?=\s*$))\b(?P<rest>[^<>]*)$",
    re.I,
)
# 'any marked 'blocker'', 'any over $500', 'any older than a week': items of a kind, a test of each, not of the count
_QUALIFIED_ITEMS = re.compile(
    r"['\"“‘\d$€£]|\b(?:marked|tagged|labell?ed|flagged|with|without|over|under|above|below|older|newer|more|less|"
    r"than|from|that|which|who|whose|where|in|on|at|about|for|by|to|mention\w*|contain\w*|say\w*)\b",
    re.I,
)
# 'no account manager is assigned', 'no one has replied': a state of one thing said, not a list that came back empty
_NONE_STATED = re.compile(r"\b(?:is|are|was|were|has|have|had|longer|one|body)\b", re.I)
# 'mention complaint or refund', 'says cancel, stop or unsubscribe': words of which any will do
_ANY_WORD = re.compile(
    r"\b(?:mentions?|mentioning|says?|saying|contains?|containing|includes?|including)\s+(?:the\s+words?\s+|either\s+)?"
    r"(?P<ws>[\w-]+(?:\s*,\s*[\w-]+)*\s*,?\s+or\s+[\w-]+)\s*$",
    re.I,
)


# "it's a church or a commercial building", 'it is a wedding, a party or a corporate event': kinds, any of them
_KIND_WORDS = re.compile(
    r"\s*(?:it|this|that|they|they['’]re)(?:['’]s|\s+is|\s+are)?\s+(?P<not>not\s+)?(?P<ws>an?\s+[\w-]+(?:\s+[\w-]+)?"
    r"(?:\s*,\s*(?:an?\s+)?[\w-]+(?:\s+[\w-]+)?)*\s*,?\s+or\s+(?:an?\s+)?[\w-]+(?:\s+[\w-]+)?)\s*$",
    re.I,
)


# 'w/ sms_opt_in true', 'where isVip is not true', 'has_paid = false': a yes/no field, named as the data spells it
_FLAG_TEST = re.compile(
    r"(?<![\w.])(?P<f>[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[a-z]+(?:[A-Z][a-z0-9]*)+)\s*"
    r"(?:(?:is|are|was|=+|:|equals?|set\s+to)\s*)?(?:not\s+)?(?P<v>true|false|yes|no)\b",
)


# 'any of them is 2 stars or lower', 'if any are rated below 3', 'any single expense above …': a test one item passes
# 'check the latest row', 'the newest entry', 'the most recent reading': the last row of a sheet read
_LATEST_ROW = re.compile(
    r"\b(?:latest|last|newest|most\s+recent|bottom)\s+(?:row|entry|line|reading|record|measurement)s?\b", re.I
)
_ANY_ITEM = re.compile(
    r"\s*(?:if\s+)?(?:any|one|some)\s+(?:of\s+(?:them|these|those|the\s+[\w-]+)\s+|(?:single\s+)?(?P<noun>[a-z][\w-]*)\s+)?"
    r"(?:is|are|was|were|has|have|gets?|got|scores?|rates?|rated|"
    # 'if any vehicle used more than 1,200 litres', 'any site consumed over 4,500 kWh': a verb, then the comparison
    r"[a-z]{3,}(?=\s+(?:more|less|fewer|over|under|above|below|at\s+(?:least|most)|greater|higher|lower)\b))\b\s*",
    re.I,
)


def _cmp(left: str, op: str, right: str) -> str:
    """`left op right`, written without a '<' operator: Sim reads '<' … '>' as a reference tag, so
    'a < 5 || <b.c>' would break; '5 > a' says the same."""
    if op in ("<", "<="):
        return f"{right} {'>' if op == '<' else '>='} {left}"
    return f"{left} {op} {right}"


def _writes_data(step: Step) -> bool:
    return any("{prev" in v for v in step.values.values())


def _quoted(text: str) -> str | None:
    """A quoted value: "…" / “…” first, then '…' not opened by an apostrophe ('the batch's stage is 'cracked'',
    'isn't "ok"': the apostrophe of a possessive or a contraction opens nothing)."""
    found = re.search(r"[\"“]([^\"”]{2,200})[\"”]", text or "") or re.search(
        r"(?<!\w)'([^'\n]{2,200}?)'(?!\w)", text or ""
    )
    return found.group(1) if found else None


# 'is not', 'isn't', 'doesn't say', 'never mentions': a text test that holds when the value is absent
_NOT_TEST = re.compile(
    r"\b(?:isn['’]?t|is\s+not|aren['’]?t|are\s+not|wasn['’]?t|was\s+not|doesn['’]?t|does\s+not|don['’]?t|do\s+not|"
    # ('see who hasn't renewed', 'the ones that didn't reply')
    r"hasn['’]?t|has\s+not|haven['’]?t|have\s+not|hadn['’]?t|didn['’]?t|did\s+not|weren['’]?t|were\s+not|"
    r"not|never|no\s+longer)\b",
    re.I,
)


def _agent(system: str, user: str, temperature: str = "0", model: str | None = None) -> dict[str, str]:
    """An agent block's values: its instructions, what it reads, and the model with that model's key."""
    model = model or lexicon()["default_model"]
    return {
        "systemPrompt": system,
        "userPrompt": user,
        "model": model,
        "temperature": temperature,
        "apiKey": lx.api_key_for(model),
    }


def _writer(step: Step) -> Step:
    """An agent that writes what an action sends when nothing before it produces anything."""
    values = _agent(
        "You write the content this step asks for, ready to send as is. Answer with the content only.",
        _instruction(step),
        "0.7",
    )
    return Step("process", "agent", values, label="Write", text=step.text)


# what a message sends, picked from what was fetched: 'the top 5 AI stories', 'the 3 most interesting papers', 'the
# best 3 links' (a plain 'the top 5 stories' is the source's own order, which its count already keeps)
_SELECTION = re.compile(
    r"\bthe\s+(?P<sel>(?P<rank>top|best|(?:\d{1,2}|three|five|ten|few)\s+(?:most\s+[a-z]+|best|top|biggest))"
    r"(?:\s+(?:\d{1,2}|three|five|ten|few))?)\s+(?P<what>(?:[\w-]+\s+){0,3}?)"
    r"(?P<noun>stories|articles|posts|items|links|headlines|results|news|videos|threads|papers|repos|tweets|mentions)\b",
    re.I,
)


def _selection(text: str) -> str | None:
    """The selection a message sends ('the top 5 AI stories'), when it is counted and takes judgement: a quality
    ('best', 'most interesting') or a topic between the number and the noun; None for the source's own top N, and
    for an uncounted 'the best links' (left to the message, as before)."""
    found = _SELECTION.search(text)
    if found is None:
        return None
    plain = found.group("rank").lower() == "top" and not found.group("what").strip()
    counted = re.search(r"\d|\b(?:three|five|ten|few)\b", found.group("sel"), re.I)
    return None if plain or not counted else found.group(0)


def _picker(selection: str, step: Step) -> Step:
    """An agent that picks what a message sends from the fetched data ('the top 5 AI stories')."""
    values = _agent(
        f"From the input, pick {selection}. List each with its title, one line on why, and its link. "
        "Answer with the list only.",
        "{prev}",
        "0.2",
    )
    return Step("process", "agent", values, label="Pick", text=step.text)


# the scale a score is given on: 'from 1 to 10', 'between 0 and 100', 'out of 5', 'on a 0-100 scale', '1–5'
_SCALE = re.compile(
    r"\b(?:from|between)\s+\d{1,3}\s+(?:to|and)\s+\d{1,3}\b|\bout\s+of\s+\d{1,3}\b"
    r"|\bon\s+a\s+(?:scale\s+of\s+)?\d{1,3}\s*[-–]\s*\d{1,3}(?:\s+scale)?\b",
    re.I,
)


def _carries_more(text: str, found: list[int]) -> bool:
    """Whether a message naming fields of the event (found at these offsets of `text`) asks for more than them:
    the event itself ('post it …', 'forward them …'), or an item of what it lists ('include the amount and the
    customer's name') in which no field was found."""
    if re.match(r"^\W*(?:also\s+|then\s+)?[a-z]+\s+(?:it|them|this|that)\b(?!['’])", text, re.I):
        return True
    listed = re.search(
        r"\b(?:include|includes|including|with|containing|showing|saying|plus)\s+(.+?)\s*[.!]?\s*$",
        text,
        re.I,
    )
    listed = listed or re.match(
        # 'post the amount and the customer's email to #sales', 'email release@x.dev the PR title and its link'
        r"^\W*(?:also\s+|then\s+)?[a-z]+\s+(?:(?:me|us|[\w.+-]+@[\w.-]+\w)\s+)?(.+?)"
        r"(?:\s+(?:to|in|on|into|via|over|through)\s+(?:#|the\b|our\b|my\b|an?\b|[A-Z]|[\w.+-]+@)|\s*[.!]?\s*$)",
        text,
        re.I,
    )
    if listed is None:
        return False
    start = listed.start(1)
    for part in re.split(r"(\s*(?:,|;|&|\+|\band\b)\s*)", listed.group(1)):
        end = start + len(part)
        if (
            part.strip()
            and not re.fullmatch(r"\s*(?:,|;|&|\+|and)\s*", part)
            and not any(start <= at < end for at in found)
        ):
            return True
        start = end
    return False


def _headed(heading: str, data: str) -> str:
    """The data a message carries under its heading ('The price: …'), or after its opening line ('Thank you!')."""
    return f"{heading}\n\n{data}" if heading.endswith(("!", ".")) else f"{heading}: {data}"


def _heading(step: Step) -> str:
    """'post the price to #crypto' → 'The price': what a message carrying structured data is about."""
    found = re.match(
        r"^\W*(?:also\s+|then\s+)?[a-z]+\s+(?:me\s+|us\s+)?((?:the|a|an|our|today's|new)\s+[\w\s'-]{2,40}?)"
        r"\s+(?:to|in|on|into|via|by|from|for|as|with)\b",
        step.text or "",
        re.I,
    )
    if found:
        # 'email the customer a link to update their card': the first object is whom it goes to, the second what it
        # carries; 'page the on-call engineer in #oncall', 'notify the packing team on Telegram': a verb whose object
        # is always someone told says nothing of what the message holds
        second = re.match(
            r"(?:the|a|an|our|new)\s+(?:(?!(?:of|for|in|on|at|from|with|to|and|or|about)\b)[\w'-]+\s+){1,3}?"
            r"((?:a|an|our|their|its|his|her)\s+\S.*)$",
            found.group(1),
            re.I,
        )
        verb = re.match(r"^\W*(?:also\s+|then\s+)?([a-z]+)", step.text or "", re.I)
        if second:
            found = second
        elif verb and verb.group(1).lower() in lexicon()["people_told"]:
            found = None
    # 'reply with the check-in time', 'answer with its delivery status': what the reply carries
    fact = (
        None
        if found
        # ('with the subject 'Weekly KPIs'': the subject line is no heading of the text)
        else re.search(
            r"\bwith\s+(?:the|its|their)\s+(?!subject\b|title\b)([\w\s'-]{2,40}?)\s*[.!]?$",
            step.text or "",
            re.I,
        )
    )
    # 'email the respondent a G2 review link', 'text them our booking page': what is sent to the person named first
    given = (
        None
        if found or fact
        else re.match(
            r"^\W*(?:also\s+|then\s+)?[a-z]+\s+(?:the\s+[\w-]+|them|him|her|each\s+[\w-]+|every\s+[\w-]+)\s+"
            # ('a reminder about the €35 annual fee', 'a reminder that the $1,250 rent is due': an amount with it)
            r"((?:a|an|our|their|its)\s+[\w\s'-]{2,40}?(?:[$£€¥]\s?\d[\d,.]*\d[\w\s'-]{0,40}?)?)\s*[.!]?$",
            re.sub(
                r"\s*\([^()]{0,80}\)", "", step.text or ""
            ),  # '(address from the survey)': where, not what
            re.I,
        )
    )
    # 'WhatsApp them asking them to pay the £38 before the lesson', 'text each guest asking them to confirm': the
    # request the message makes
    asking = (
        None
        if found or fact or given
        else re.search(
            r"(?:\b(?:asking|telling|reminding)\s+|^\W*(?:also\s+|then\s+)?(?:e-?mail|text|sms|message|whatsapp|remind|"
            # ('email them to me': whom it goes to, no request)
            r"ping|dm)\s+)(?:them|him|her|the\s+[\w-]+)\s+to\s+(?!(?:the|a|an|my|our|their|his|her|me|us|you)\b)"
            r"([^,;.\n]{2,60}?)\s*[.!]?$",
            step.text or "",
            re.I,
        )
    )
    # 'email them the £45 rent': an amount sent, with what it is for
    amount = (
        None
        if found or fact or given or asking
        else re.match(
            r"^\W*(?:also\s+|then\s+)?[a-z]+\s+(?:them|him|her|the\s+[\w-]+)\s+(the\s+[$£€]\s?\d[\d,.]*\s+[\w-]+)\s*[.!]?$",
            step.text or "",
            re.I,
        )
    )
    words = (
        found.group(1).strip()
        if found
        else "The " + fact.group(1).strip()
        if fact
        else given.group(1).strip()
        if given
        else "Please " + asking.group(1).strip()
        if asking
        else amount.group(1).strip()
        if amount
        else "Update"
    )
    # ('a email of confirmation', as written or translated: the article its next sound takes)
    words = re.sub(r"^(a)(?=\s+[aeio])", r"\1n", words, flags=re.I)
    return words[:1].upper() + words[1:]


# a test that names its own subject ('the amount is above 2,000 GBP', 'a review is 2 stars or less', 'anyone mentions
# "injury"'), not one read off what came before ('rises above 4,000 USD', 'it is negative', 'there are more than 0')
_TEST_SUBJECT = re.compile(
    r"(?:the|a|an|its|their|our|my|his|her|your|we|i|you|someone|anyone|anything|something|somebody|anybody|"
    r"each|every|any\s+(?!(?:of|is|are)\b)[a-z]+)\s+(?!(?:is|are)\s*$)\S",
    re.I,
)


def _is_text(ref: str) -> bool:
    """A reference whose value is text (an agent's answer, a chat input, an e-mail body), not an object
    that a message field would receive raw."""
    return bool(re.search(r"\.(?:content|input|bodyText|text|markdown|answer|combinedContent|output)>$", ref))


def _instruction(step: Step) -> str:
    """What a block with no data before it works on: the quoted text, else the words it came from."""
    quoted = re.search(r"[\"“']([^\"”']{2,200})[\"”']", step.text or "")
    return quoted.group(1) if quoted else (step.text or step.label or "").strip()


def _looked_up(block: PlanBlock) -> bool:
    """Whether a read block finds one record by a filter (services.json 'lookup' field set)."""
    how = services.lookup_filter(
        block.type, next((v.value for v in block.values if v.id == "operation"), None)
    )
    return how is not None and any(v.id == how["field"] and v.value for v in block.values)


def _updates(block_type: str, operation: str | None) -> bool:
    """Whether `operation` changes a record that exists: 'update', or the operation an update is made with where the
    block has none (lexicon 'operation_labels': Notion's 'Append Content' adds to a page)."""
    from lib.sim.registry import get_block

    if operation == "update":
        return True
    spec = get_block(block_type)
    op = (spec.operations or {}).get(operation or "") if spec is not None else None
    label = ((op.label if op is not None else "") or "").lower()
    return bool(label) and any(
        label.startswith(w) for w in lexicon().get("operation_labels", {}).get("update", [])
    )


# an agent's instructions to draft an answer to someone: 'You draft an answer …', 'You draft a short friendly reply …'
_DRAFTED_REPLY = re.compile(
    r"You draft (?:an?|the) (?:[\w-]+ ){0,3}?(?:answer|reply|response) based on the input\b"
)


# the services a post goes to a channel of: one to a channel no one named is the post to the channel named
_CHANNEL_POSTS = ("slack", "microsoft_teams", "discord")
_MAILERS = ("gmail", "gmail_v2", "outlook")


def _said_again(done: tuple[Any, ...], key: tuple[Any, ...]) -> bool:
    """Whether the post `key` (parent, scope, type, operation, target) and the post `done` are one post said twice:
    the same channel service, place in the flow and operation, one of them to no channel the text named (its
    target empty or the block's own placeholder, '{{DISCORD_CHANNEL_ID}}'), the other to one it named."""
    if done[:4] != key[:4] or key[2] not in (*_CHANNEL_POSTS, *_MAILERS):
        return False
    pairs = [(a, b) for a, b in zip(done[4].split("|"), key[4].split("|")) if a != b]
    if key[2] in _MAILERS:
        # 'copy the orders into an email, and send it to our courier at bookings@x': an e-mail to no one said and one
        # to an address are one e-mail (a placeholder recipient, '{{USER_EMAIL}}', is someone: 'me'; one still to
        # find, '{recipient}', is no one when its block was built with none: `_Builder.unaddressed`)
        return bool(pairs) and all(b and a in ("", "{recipient}") for a, b in pairs)
    return bool(pairs) and all(_unnamed_place(a, b) or _unnamed_place(b, a) for a, b in pairs)


def _unnamed_place(value: str, named: str) -> bool:
    """A target field's `value` that names no place where `named` does: empty, or a placeholder that the other
    placeholder extends with the place's name ('{{DISCORD_CHANNEL_ID}}' beside '{{DISCORD_CHANNEL_ID_RELEASES}}')."""
    if not value:
        return bool(named)
    bare = _PLACEHOLDER.fullmatch(value)
    return bool(bare) and (
        not _PLACEHOLDER.search(named) or named.startswith(value[:-2] + "_") and named.endswith("}}")
    )


def _target_of(step: Step) -> str:
    keys = (
        "channel",
        "manualChannel",
        "to",
        "chatId",
        "channelId",
        "manualChannelId",
        "url",
        "tableId",
        "table",
    )
    return "|".join(str(step.values.get(k, "")) for k in keys)


def _told_where_said(steps: list[Step]) -> list[Step]:
    """'Tell us the moment any expense over 2k is submitted. … Alert to the MS Teams channel 'Finance Approvals'.':
    a message to us whose channel the text never named (an e-mail to the user) and one message posted, outside any
    test or loop, to the one chat the text names are the same alert: the post takes the e-mail's place."""
    told = [s for s in _flat(steps) if _told_me(s)]
    posts = [
        s
        for s in steps
        if s.kind == "action"
        and not s.unnamed
        and s.type in _CHAT_TYPES
        and not _told_me(s)
        and _WHERE_ALERTS_GO.match(s.text or "")
    ]
    if (
        len(told) != 1
        or len(posts) != 1
        or any(s.kind == "action" and s not in posts and s not in told for s in _flat(steps))
    ):
        return steps

    return replaced(steps, lambda s: None if s is posts[0] else posts[0] if s is told[0] else s)


_CHAT_TYPES = ("slack", "microsoft_teams", "discord", "telegram", "whatsapp", "twilio_sms")
# what sends a message to someone: a mail or a chat service
_MESSAGE_TYPES = {"gmail", "outlook", *_CHAT_TYPES}
# a line that only says where the alerts go, with nothing of its own to send ('Alert to the MS Teams channel …',
# 'Notifications go to #ops', 'send alerts via Slack'), not a post with its own content ('post the weather to …')
_WHERE_ALERTS_GO = re.compile(
    r"\W*(?:(?:the\s+|all\s+|any\s+)?(?:alerts?|notifications?|pings?|warnings?)\s+(?:should\s+|will\s+|must\s+)?"
    r"(?:go(?:es)?\s+)?(?:to|in|on|via|into)\b|(?:alert|notify|ping|warn)\s+(?:us\s+|me\s+)?(?:to|in|on|via|into)\b|"
    r"(?:send|post)\s+(?:the\s+)?(?:alerts?|notifications?|warnings?)\s+(?:to|in|on|via|into)\b|"
    # '… send me whats on my calendar today, to my telegram pls': a clause that is only where it goes
    r"(?:to|on|via|into|over)\s+(?:my|our)\s+[\w-]+(?:\s+(?:please|pls|plz|thanks|thx))?\s*[.!]?\s*$)",
    re.I,
)


_ASKER = re.compile(
    r"\W*(?:and\s+|then\s+|also\s+)*(?:tell|let|inform|answer|reply\s+to|respond\s+to|get\s+back\s+to)\s+"
    r"(?:them|him|her|the\s+(?:user|person|guest|customer|member|visitor|asker|caller|player|student|patient))\b"
    r"(?!\s+(?:by|via|over|on|in)\s+(?:e-?mail|mail|sms|text|slack|teams|whatsapp|telegram|discord)\b)",
    re.I,
)


def _told_asker(step: Step) -> bool:
    """A message to the one who wrote in ('tell them', 'let the member know'), on no channel the text named."""
    return step.kind == "action" and step.unnamed and bool(_ASKER.match(step.text or ""))


def _kept_where(steps: list[Step], keep: Any) -> list[Step]:
    """The steps `keep` holds true of, those inside a test's branches and a loop's body too (each branch's list
    is filtered in place)."""
    for step in steps:
        for _, branch in step.branches:
            branch[:] = _kept_where(branch, keep)
        if step.body:
            step.body[:] = _kept_where(step.body, keep)
    return [s for s in steps if keep(s)]


_CHAT_SERVICES = ("slack", "telegram", "discord", "microsoft_teams", "whatsapp")


def _answer_posted(step: Step, steps: list[Step]) -> bool:
    """A post on a chat service made of an answer ('answer it from the handbook'): the reply that goes back to where
    a message came from, on a service its own clause never names (a chat run's reply is the chat's answer)."""
    text = step.text or ""
    return (
        step.kind == "action"
        and step.type in _CHAT_SERVICES
        and any(s.kind == "process" and s.text == step.text for s in steps)
        and bool(re.search(r"\b(?:repl(?:y|ies)|respond|answers?)\b", text, re.I))
        and not any(k in _CHAT_SERVICES for _, k in lx.integrations_in(text))
        and not lx.CHANNEL_RE.search(text)
    )


def _told_me(step: Step) -> bool:
    """An e-mail to the user made of a message whose channel the text never named ('tell me …')."""
    return step.kind == "action" and step.unnamed and step.values.get("to") == "{{USER_EMAIL}}"


_AMOUNT_NAMED = (
    # 'Amount is in the 'amount_total' field', 'the total lives in the "grand_total" column'
    r"\b(?:amount|total|price|value|sum|cost)s?\b[^.\n]{0,20}?\b(?:is|are|lives?|sits?)\s+(?:in|under)\s+(?:the\s+)?"
    r"['\"‘“`](?P<a>[\w.]{2,40})['\"’”`]",
    # '(field 'amount_total')'
    r"\((?:field|column|property|key)\s*:?\s*['\"‘“`](?P<b>[\w.]{2,40})['\"’”`]\)",
    # "the 'amount_total' field"
    r"['\"‘“`](?P<c>\w*(?:amount|total|price|value|cost|sum)\w*)['\"’”`]\s+(?:field|column|property|key)\b",
)


def _amount_named(description: str) -> str | None:
    """The field the text says an amount is in ('Amount is in the 'amount_total' field', '(field 'amount_total')'),
    or None: a threshold on the amount reads that field, not the guessed 'amount'."""
    for pattern in _AMOUNT_NAMED:
        found = re.search(pattern, description, re.I)
        if found is not None:
            return next(g for g in found.groups() if g)
    return None


def _number_reader(test: str, text: str, items: bool = False) -> Step:
    """An agent that answers the number a test compares, read out of a message's plain text (or, with `items`, out
    of a fetched list of items: a count or a total of them)."""
    what = lx.amount_field(test, None) or lx.named_field(test) or "number"
    prompt = (
        f"Read the items and answer with the number the test '{test.strip()}' compares, as a number only (digits and "
        "a decimal point, no currency or words): for a count, how many items it applies to; for a total, their sum. "
        "Answer 0 when there is none."
        if items
        else f"Read the message and answer with its {what} as a number only (digits and a decimal point, no currency "
        "or words); answer 0 when it gives none."
    )
    return Step("process", "agent", _agent(prompt, text), label=f"Read the {what}", text=test)


def _with_threshold(head: str, qualifier: str) -> str:
    """'… and the quantity is more than 50 and the country is Canada', '… and the rating is 2 or lower or it mentions
    'rude'': a threshold beside the event's other test is tested too, joined as it was said (not dropped)."""
    parts = _COMPOUND.split(head)
    for i in range(0, len(parts), 2):
        if lx.threshold_in(parts[i]) and event_test(parts[i]) is None:
            join = parts[i + 1].lower() if i + 1 < len(parts) else parts[i - 1].lower() if i else "and"
            return f"{parts[i].strip()} {join} {qualifier}"
    return qualifier


def _guards_nothing(step: Step) -> bool:
    return step.kind == "condition" and not any(branch for _, branch in step.branches)


def _answer_step(description: str) -> Step:
    """'a chat assistant that answers from the handbook in the knowledge base': a run that only looks things up
    answers the question with what it found (an agent reads both)."""
    values = _agent(
        " ".join(
            ["You answer the question using only what was found; say which sources you used."]
            + lx.answer_rules(description)  # 'NOT allowed to give diagnoses': the answer's rules
        ),
        "Question: {start}\n\nFound: {prev}",
        "0.3",
        lx.model_in(description),
    )
    return Step("process", "agent", values, label="Answer", text="answer with what was found")


# the blocks that keep what a chat said (a memory of the conversation, no answer of their own)
_MEMORIES = ("mem0", "memory", "zep")


def _chat_reply(thing: str, said: str, description: str, found: bool = False) -> Step:
    """'… and get back a lunch order for Thursday': a chat run whose answer is `thing`, written by an agent from
    what was typed; with a look-up before it (`found`: '… searches that index and answers with the closest
    clauses'), from what was typed and what was found."""
    task = f"You write {thing.strip()} from what the user typed" + (" and what was found" if found else "")
    return _ai_writer(
        task + ", ready to read in the chat as is.", "Question", "Found", said, description, found, "Answer"
    )


def _ai_writer(task: str, given: str, got: str, said: str, description: str, found: bool, label: str) -> Step:
    """An agent that writes what `task` says from what the run was given (`given`) and, after a look-up (`found`),
    what that found (`got`), in the description's own rules and model."""
    values = _agent(
        task + " Answer with it only." + "".join(" " + rule for rule in lx.answer_rules(description)),
        f"{given}: {{start}}\n\n{got}: {{prev}}" if found else "{start}",
        "0.5",
        lx.model_in(description),
    )
    return Step("process", "agent", values, label=label, text=said)


_REPLY_NOUN = re.compile(
    r"^(?:(?:the|its|their|our|this|that|a|an)\s+)?([a-z][\w-]*)(?:\s+(?:back|as|in|to|into))?\s*$", re.I
)


# 'an AI-written care guide', 'AI-generated tags', 'a summary written by AI': a thing an AI step makes, named by its maker
_AI_MADE = re.compile(
    r"\b(?:an?\s+|the\s+|some\s+)?(?:ai|gpt|llm|claude)[- ](?:written|generated|made|drafted|produced|created|powered)\s+"
    r"(?P<thing>(?:[\w-]+\s+){0,2}?[\w-]+?)(?=\s+(?:for|of|about|on|from|with|in|to|as|that|which)\b|\s*[,.;!?\n]|\s*$)"
    r"|\b(?:an?\s+|the\s+)?(?P<thing2>(?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:written|generated|drafted|made)\s+by\s+"
    r"(?:an?\s+|the\s+)?(?:ai|gpt|llm|claude|chatgpt)\b"
    # ('returns an AI price estimate', 'an AI valuation': the maker said as the thing's first word)
    r"|\b(?:an?|the|its|their)\s+(?:ai|gpt|llm|claude|chatgpt)\s+(?!(?:agents?|assistants?|chat\s*bots?|bots?|models?|"
    r"tools?|steps?|blocks?|keys?|credits?|features?|integrations?|workflows?|automations?|service|platform)\b)"
    r"(?P<thing3>(?:[\w-]+\s+){0,2}?[\w-]+?)(?=\s+(?:for|of|about|on|from|with|in|to|as|that|which)\b|\s*[,.;!?\n]|\s*$)",
    re.I,
)


def _ai_made(thing: str, said: str, description: str, found: bool) -> Step:
    """The agent that writes `thing` ('care guide') for a run's caller, from what the run fetched (`found`) or what it
    was given."""
    task = f"You write {_with_article(thing.strip())} from the input" + (
        " and what was fetched" if found else ""
    )
    return _ai_writer(task + ".", "Input", "Fetched", said, description, found, "Write")


def _with_article(thing: str) -> str:
    """'care guide' → 'a care guide', 'tags' and 'the summary' as they are."""
    if re.match(r"(?:an?|the|some|their|its)\s", thing, re.I) or thing.endswith("s"):
        return thing
    # ('a one-paragraph pitch', 'a user guide': a vowel said as a consonant)
    vowel = thing[:1].lower() in "aeiou" and not re.match(r"(?:one|once|uni|use|usu|eu)", thing, re.I)
    return ("an " if vowel else "a ") + thing


def _caller_reply(said: re.Match[str], made: str | None = None) -> Step:
    """'… and return the translation in the response', 'send the summary back to the caller': a run another program
    calls ends in a response block; its JSON carries what the run made, under the name the text gives it ('the
    translation' → "translation"; 'an AI-written care guide' → "guide": `made`), else "result"."""
    what = next((g for g in said.groups() if g), "") or ""
    if made:
        what = made.split()[-1]
    noun = _REPLY_NOUN.match(what.strip())
    key = (
        noun.group(1).lower()
        if noun and noun.group(1).lower() not in ("it", "them", "that", "this")
        else "result"
    )
    values = {"dataMode": "json", "data": key}
    # ('return {ok: true}', 'The response returns {sent: true}': a JSON the text writes out with values of its own is
    # the answer as said)
    told = re.search(r"\{[^{}\n]{1,120}\}", said.group(0))
    pairs = (
        re.findall(
            r"[\x22']?(\w+)[\x22']?\s*:\s*(true|false|null|-?\d+(?:\.\d+)?|\x22[^\x22]*\x22|'[^']*')",
            told.group(0),
        )
        if told
        else []
    )
    if told and pairs and len(pairs) == told.group(0).count(":"):
        said_values = {k: json.loads(v) if not v.startswith("'") else v[1:-1] for k, v in pairs}
        values["told"] = json.dumps(said_values)
    return Step("action", "response", values, label="Response", text=said.group(0))


def _reply_data(key: str, parts: list[str]) -> str:
    """The response block's JSON: one value under `key`, or each of several reads under its block's kind (Sim quotes
    a text value and writes an object as JSON when it pastes a reference into a response)."""
    if len(parts) <= 1:
        return "{" + json.dumps(key) + ": " + (parts[0] if parts else '""') + "}"
    names: list[str] = []
    for ref in parts:
        base = re.sub(r"\d+$", "", ref[1:].split(".", 1)[0]) or "result"
        names.append(base if base not in names else f"{base}_{len(names) + 1}")
    return "{" + ", ".join(f"{json.dumps(n)}: {r}" for n, r in zip(names, parts)) + "}"


def _ref(local: str, type_: str, operation: str | None = None) -> str:
    """The reference to a block's main result: the operation's declared result path (services.json),
    else the first main-looking output the registry declares."""
    from lib.generation.services import result_path
    from lib.sim.registry import get_block

    path = result_path(type_, operation)
    if path is not None:
        return f"<{local}.{path}>" if path else f"<{local}>"

    spec = get_block(type_)
    outputs = list((spec.outputs if spec else {}) or {})
    key = next((k for k in MAIN_OUTPUTS if k in outputs), outputs[0] if outputs else "content")
    return f"<{local}.{key}>"


# a file said to be a CSV: 'to a CSV file', 'as a CSV', 'into a CSV', 'a CSV export/backup of …'
_CSV = re.compile(
    r"\b(?:to|into|as|in)\s+(?:a\s+|an\s+|one\s+)?csv\b|\bcsv\s+(?:file|export|backup|dump)\b", re.I
)
# rows (objects, a service's records with their 'fields', or arrays) → CSV text and a dated file name
# 'post how many there were', 'the number of events created', 'a count of the texts sent': a message about how many
_COUNT_SAID = re.compile(
    r"\bhow\s+many\b|\b(?:the|a)\s+(?:total\s+)?(?:number|count|tally)\s+of\b|\bcount\s+of\b", re.I
)
# 'post the total to #finance', 'the day's total', 'how much we took', 'total revenue': a sum the message carries (a
# count, 'the total number of', is `_COUNT_SAID`'s)
_TOTAL_SAID = re.compile(
    r"\b(?:the|a|our|their|its|today's|the\s+day's|the\s+week's)\s+(?:(?:grand|overall|combined|daily|weekly|monthly)\s+)?"
    r"(?:total|sum)\b(?!\s+(?:number|count)\b)|\bhow\s+much\b|\btotal\s+(?:revenue|sales|amount|spend|takings|income)\b",
    re.I,
)
# the functions that keep some of a read's items, the read's list still (`kept_dated`, `kept_matching`, `kept_from`)
_KEEPS_ITEMS = re.compile(r"(?:Dated items of|Matching items of|Keep mail from sender)\b")
_TOTAL_CODE = """// the total of the items' amounts: in each item the field named for one ({fields}), a sheet's rows under their header
const data = {items};
const listed = Array.isArray(data) ? data : data && typeof data === 'object' ? Object.values(data).find(Array.isArray) || [] : [];
const rows = listed.length && listed.every(Array.isArray)
  ? listed.slice(1).map((r) => Object.fromEntries(listed[0].map((h, i) => [String(h ?? ''), r[i]])))
  : listed;
const own = (o) => (o && typeof o.fields === 'object' ? o.fields : o && typeof o.properties === 'object' ? o.properties : o) || {};
const named = new RegExp('^(?:{fields})$', 'i');
const number = (v) => {
  const s = String(v ?? '').replace(/[^0-9.,-]/g, '');
  const n = Number(/,\\d{1,2}$/.test(s) ? s.replace(/\\./g, '').replace(',', '.') : s.replace(/,/g, ''));
  return isNaN(n) ? 0 : n;
};
const keyOf = (item) => Object.keys(own(item)).find((k) => named.test(k.trim().replace(/\\s+/g, '_')));
// (items with no amount at all — sign-ups, jobs — are totalled by how many there are)
if (!rows.some((item) => keyOf(item) !== undefined)) return rows.length;
const total = rows.reduce((sum, item) => {
  const key = keyOf(item);
  return sum + (key ? number(own(item)[key]) : 0);
}, 0);
return Math.round((total / {scale}) * 100) / 100;"""
_COUNT_CODE = """// how many items there were (those the loop acts on, when it tests each one)
const data = {items};
const rows = Array.isArray(data) ? data : data && typeof data === 'object' ? Object.values(data).find(Array.isArray) || [] : [];
return rows.filter((item) => {test}).length;"""
_CSV_CODE = """const data = {prev};
const list = Array.isArray(data) ? data : data && typeof data === 'object' ? Object.values(data).find(Array.isArray) || [data] : [data];
const rows = list.map((r) => (r && typeof r === 'object' && !Array.isArray(r) && r.fields && typeof r.fields === 'object' ? { id: r.id, ...r.fields } : r));
const cell = (v) => {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\\n\\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
};
let lines;
if (rows.every(Array.isArray)) {
  lines = rows.map((r) => r.map(cell).join(','));
} else {
  const cols = [...new Set(rows.flatMap((r) => (r && typeof r === 'object' ? Object.keys(r) : ['value'])))];
  lines = [cols.map(cell).join(','), ...rows.map((r) => cols.map((c) => cell(r && typeof r === 'object' ? r[c] : r)).join(','))];
}
return { csv: lines.join('\\n'), name: '{name}-' + new Date().toISOString().slice(0, 10) + '.csv', rows: rows.length };"""


# what a message is, named before its kind ('a welcome email', 'an alert e-mail', 'a short thank-you note')
_SENT_KIND = re.compile(
    r"\b(?:a|an|the|our|your)\s+((?:(?!(?:a|an|the|to|of|and|or|with|from|for|it|them|by|at|via|in|on)\b)[a-z][\w-]*\s+){1,2}?)"
    r"(e-?mail|message|note)\b",
    re.I,
)
# what a sending verb sends ('email the summary to …', 'send me the digest via …', 'mail them today's report')
_SENT_OBJECT = re.compile(
    r"\b(?:(?P<send>send|forward)|email|e-mail|mail)\s+(?:(?:me|us|him|her|them|\S+@\S+)\s+"
    # ('email the applicant the residential checklist': the person, then what they are sent)
    # ('email the customer a link to update their card': a thing with any article after the person)
    r"|(?:the|each|every|our|their|this|that)\s+(?:"
    + "|".join(lexicon()["people"])
    + r")s?\s+(?=(?:the|a|an|our|your)\s)"
    # ('email the baker (baker@crumb.example) the list of cakes': a person with their address in brackets)
    r"|(?:the|each|every|our|their|this|that)\s+[a-z][\w-]*\s*\([^()\n]{1,60}\)\s+(?=the\s))?"
    r"(?:the|a|an|our|their|his|her|your|my|this|today's|yesterday's|this week's|the weekly|the daily)\s+"
    r"(?P<thing>(?:(?!(?:a|an|the|to|of|and|or|with|from|for|via|using|on|in|at|by|it|them)\b)[a-z][\w-]*\s*){1,3}?"
    r"(?:\s*\bof\s+(?:(?!(?:a|an|the|to|and|or|with|from|for|via|using|on|in|at|by|it|them)\b)[a-z][\w-]*\s*){1,2}?)?)"
    # ('email the front desk at …', 'email the requester asking …': after 'email' a person, unless a 'to' follows)
    r"(?=\s*(?:$|[,.;]|\b(?:to|via|using|together|along)\b|(?(send)\b(?:with|from|on|in|at|by|and)\b|(?!))))",
    re.I,
)
_NOT_SENT = frozenset(
    ["email", "e-mail", "mail", "message", "person", "customer", "user", "team", "candidate"]
)


def _sent_thing(clause: str) -> str | None:
    """What a message's clause says it carries, in the user's words, or None ('email it to …': not said)."""
    kind = _SENT_KIND.search(clause)
    if kind:
        words = kind.group(1).split()
        if kind.group(2).lower() == "note":
            words.append("note")
        if words and words[-1].lower() not in _NOT_SENT and not _quoted(words[-1]):
            return " ".join(words)
    found = _SENT_OBJECT.search(clause)
    if found:
        # ('send an email of confirmation': what the e-mail is of)
        words = re.sub(
            r"^(?:e-?mail|mail|message|note)\s+of\s+", "", found.group("thing").strip(), flags=re.I
        ).split()
        person = words and re.sub(r"(?:'s|s)$", "", words[-1].lower()) in lexicon()["people"]
        if words and words[-1].lower() not in _NOT_SENT and not person and "@" not in found.group("thing"):
            return " ".join(words)
    return None


# -- helpers for the service and the prompt -----------------------------------------------------
def infer_category(description: str) -> str:
    """The template category whose words the description says most (lexicon `categories`: a domain
    word counts twice, a service's name once; ties: catalogue order). Whole words only, after
    addresses, links and @handles are taken out (a #channel's words stay): "ops-leads@example.com"
    is no lead and a webhook no web search."""
    text = _NOT_WORDS.sub(" ", description.lower())
    scores = {
        cat: sum(weight * len(found.findall(text)) for found, weight in pairs)
        for cat, pairs in _category_words()
    }
    if not any(scores.values()):
        return "data-pipeline"
    return max(scores, key=lambda c: scores[c])


_NOT_WORDS = re.compile(r"https?://\S+|\S+@\S+|@[\w.-]+|[#_]")


@lru_cache(maxsize=1)
def _category_words() -> tuple[tuple[str, tuple[tuple[re.Pattern[str], int], ...]], ...]:
    def word(phrase: str) -> re.Pattern[str]:
        spelled = r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", phrase))
        return re.compile(rf"(?<![\w-]){spelled}(?:e?s)?(?![\w-])")

    return tuple(
        (cat, tuple((word(w), 2) for w in entry["words"]) + tuple((word(w), 1) for w in entry["services"]))
        for cat, entry in lexicon()["categories"].items()
    )


def catalogue() -> list[dict[str, Any]]:
    """The registry facts the model needs: the blocks the planner knows (+ core), in a stable order."""
    from lib.sim.registry import get_block

    lex = lexicon()
    types = set(_CORE_TYPES) | {e["type"] for e in lex["integrations"].values()}
    types |= {e["type"] for k, e in lex["search"].items() if not k.startswith("_")}
    out = []
    for type_ in sorted(types):
        spec = get_block(type_)
        if spec is None:
            continue
        subs = spec.sub_blocks if type_ == "starter" else spec.emit_sub_blocks
        entry: dict[str, Any] = {
            "type": type_,
            "name": spec.name,
            "description": spec.description,
            "subBlocks": [
                {
                    "id": s.id,
                    "type": s.type,
                    **({"options": s.options} if s.options else {}),
                    **({"secret": True} if s.secret else {}),  # nosec B105  # a subBlock's secret flag, not a password
                }
                for s in subs
            ],
            "outputs": sorted(spec.outputs or {}),
        }
        if spec.operations:
            entry["operations"] = {k: op.required for k, op in spec.operations.items()}
        out.append(entry)
    return out


def describe_state(state: dict[str, Any]) -> str | None:
    """A description rebuilt from a stored state's blocks (for workflows imported without one)."""
    blocks = state.get("blocks") if isinstance(state, dict) else None
    if not isinstance(blocks, dict):
        return None
    ordered = sorted(
        (b for b in blocks.values() if isinstance(b, dict)),
        key=lambda b: ((b.get("position") or {}).get("x", 0), (b.get("position") or {}).get("y", 0)),
    )
    parts: list[str] = []
    for block in ordered:
        subs = {
            k: (v or {}).get("value")
            for k, v in (block.get("subBlocks") or {}).items()
            if isinstance(v, dict)
        }
        kind = block.get("type")
        if kind == "starter":
            mode = subs.get("startWorkflow")
            if mode == "schedule":
                parts.append(
                    f"every day at {subs.get('dailyTime') or '09:00'} {subs.get('timezone') or 'UTC'}"
                )
            elif mode == "webhook":
                parts.append(f"when a {subs.get('webhookProvider') or 'webhook'} event arrives")
            continue
        if kind == "agent":
            parts.append(
                f"process it with {subs.get('model') or 'an agent'}: {str(subs.get('systemPrompt') or '')[:120]}"
            )
        elif kind == "api" and subs.get("url"):
            parts.append(f"fetch {subs['url']}")
        elif kind == "slack":
            parts.append(
                f"post to {subs.get('channel') or subs.get('manualChannel') or 'a channel'} on Slack"
            )
        elif kind == "gmail":
            parts.append(f"email {subs.get('to') or 'me'}")
        elif isinstance(kind, str) and kind not in ("loop", "parallel", "note"):
            parts.append(f"use {kind.replace('_', ' ')}")
    return (
        ", then ".join(parts)
        if len(parts) > 1 or (parts and not parts[0].startswith(("every", "when")))
        else None
    )


def _reads(steps: list[Step]) -> bool:
    """Whether any step (inside branches and loops too) reads data from a service or an address."""
    return any(s.kind == "source" for s in _flat(steps))


def _story_places(steps: list[Step], whole: list[Step], story: tuple[int, int], text: str) -> None:
    """'As a ground-crew lead, I want … the answer from our ops API (GET https://ops.example/flights/{flight}). AC:
    - Calls the API with the flight number', 'As a support agent, I want answers from our Notion page 'Returns
    Policy'. AC: - Answers only from the Notion page': a criterion's read or write of 'the API', 'the Notion page'
    is the one the story names — it keeps the address or name the story gives (the story makes no step of its own).
    `whole` is the text read with the story."""
    for step in _flat(steps):
        if step.kind not in ("source", "action"):
            continue
        told = [
            w
            for w in _flat(whole)
            if w.kind == step.kind
            and w.type == step.type
            and w.values.get("operation") == step.values.get("operation")
            and _within(_span_of(w, text), [story])
        ]
        if len(told) != 1:
            continue
        for key, value in told[0].values.items():
            have = step.values.get(key)
            if isinstance(value, str) and "{{" not in value and (not have or "{{" in str(have)):
                step.values[key] = value


def _story_told(told: list[tuple[int, int]], story: re.Match[str], text: str) -> list[tuple[int, int]]:
    """`told` without the user story's span when the lines after it say one thing per item ('- One Linear issue per
    item'): the repetition the story names is then asked, not a habit it tells of (a story whose criteria say no
    such thing keeps its repetition told: 'every new post turned into 3 tweet drafts … AC: nothing is posted to X')."""
    if not PER_EACH.search(text, story.end()):
        return told
    return [t for t in told if not (t[0] < story.end() and story.start() < t[1])]


def _story_kept(steps: list[Step], story: tuple[int, int], description: str) -> list[Step]:
    """The steps of a user story read with its criteria, without a criterion's message that the story sends itself
    ("I want a Telegram message whenever …" above "- Message goes to the Telegram chat 'Ops On-Call'": where the
    story's message goes, not a second one)."""
    sent = {s.type for s in _flat(steps) if s.kind == "action" and _within(_span_of(s, description), [story])}
    return [
        s
        for s in steps
        if not (s.kind == "action" and s.type in sent and not _within(_span_of(s, description), [story]))
    ] or steps
