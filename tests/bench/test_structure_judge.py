"""The generation judge can fail: hand-built states that do what the label asks pass, and each
kind of miss the issue names (wrong output referenced, threshold misread, chain for a router,
action outside its loop, negated action present, unrequested write, wrong schedule) fails."""

from __future__ import annotations

import json

import pytest

from bench.structure_judge import Judge, every_minutes, from_legacy, schedule_of


def block(bid: str, kind: str, name: str, parent: str | None = None, **values) -> dict:
    data = {"parentId": parent, "extent": "parent"} if parent else {}
    if kind in ("loop", "parallel"):
        data = {"loopType": "forEach", "collection": values.pop("collection", "")}
    return {
        "id": bid,
        "type": kind,
        "name": name,
        "position": {"x": 0, "y": 0},
        "subBlocks": {k: {"id": k, "type": "short-input", "value": v} for k, v in values.items()},
        "outputs": {},
        "enabled": True,
        "data": data,
    }


def state(blocks: list[dict], edges: list[tuple]) -> dict:
    return {
        "blocks": {b["id"]: b for b in blocks},
        "edges": [
            {
                "id": f"e{i}",
                "source": s,
                "target": t,
                "sourceHandle": h[0] if h else "source",
                "targetHandle": "target",
            }
            for i, (s, t, *h) in enumerate(edges)
        ],
    }


SCHEDULED = {
    "startWorkflow": "schedule",
    "scheduleType": "custom",
    "cronExpression": "30 9 * * 1-5",
    "timezone": "Europe/Berlin",
}
DIGEST = {
    "id": "t1",
    "description": "Weekdays at 9:30 Berlin time pull the Jira issues of WEB, digest them, post to #standup",
    "expect": "workflow",
    "trigger": {"kind": "schedule", "time": "09:30", "days": "weekdays", "tz": "Europe/Berlin"},
    "steps": {
        "jira": {"block": "jira", "op": "read", "has": ["WEB"]},
        "digest": {"block": "agent"},
        "post": {"block": "slack", "op": "write", "has": ["#standup"]},
    },
    "order": [["jira", "digest", "post"]],
    "refs": [["digest", "jira"], ["post", "digest"]],
    "forbid": [{"block": "@email", "op": "write"}],
}


def digest_state(prompt: str = "<jira1>", extra: list[dict] = (), cron: str = "30 9 * * 1-5") -> dict:
    return state(
        [
            block("s", "starter", "Start", **{**SCHEDULED, "cronExpression": cron}),
            block("j", "jira", "Jira 1", operation="read-bulk", projectId="WEB"),
            block("a", "agent", "Agent 1", userPrompt=prompt),
            block("p", "slack", "Slack 1", operation="send", channel="#standup", text="<agent1.content>"),
            *extra,
        ],
        [("s", "j"), ("j", "a"), ("a", "p")] + [("p", b["id"]) for b in extra],
    )


def test_a_state_that_does_what_was_asked_passes():
    verdict = Judge(DIGEST, digest_state()).verdict()
    assert verdict.misses == []
    assert verdict.tally["steps"] == [3, 3, 3]


@pytest.mark.parametrize(
    ("mutation", "miss"),
    [
        ({"prompt": "<jira1.ts>"}, "refs: digest → jira"),  # a timestamp, not the issues
        ({"cron": "30 9 * * *"}, "trigger: days"),
        ({"extra": [block("m", "gmail", "Gmail 1", operation="send_gmail", to="x@y.z")]}, "forbid"),
        (
            {"extra": [block("m", "telegram", "Telegram 2", text="<agent1.content>")]},
            "unrequested writes",
        ),
    ],
)
def test_each_kind_of_miss_fails(mutation, miss):
    verdict = Judge(DIGEST, digest_state(**mutation)).verdict()
    assert any(m.startswith(miss) or miss in m for m in verdict.misses), verdict.misses
    assert not verdict.labels_right


def condition_state(expression: str, else_target: bool) -> dict:
    entries = [
        {"id": "c-if", "title": "if", "value": expression},
        {"id": "c-else", "title": "else", "value": ""},
    ]
    edges = [("s", "api"), ("api", "c"), ("c", "tg", "condition-c-if")]
    if else_target:
        edges.append(("c", "tg", "condition-c-else"))
    return state(
        [
            block("s", "starter", "Start", startWorkflow="schedule", scheduleType="daily", dailyTime="18:00"),
            block(
                "api", "api", "Price", url="https://api.kraken.com/0/public/Ticker?pair=ETHUSD", method="GET"
            ),
            block("c", "condition", "Check", conditions=json.dumps(entries)),
            block("tg", "telegram", "Telegram 1", chatId="{{TELEGRAM_CHAT_ID}}", text="<price.data>"),
        ],
        edges,
    )


BELOW = {
    "id": "t2",
    "description": "At 18:00 check ETH on Kraken and if it is under 2,500 USD text me on Telegram",
    "expect": "workflow",
    "trigger": {"kind": "schedule", "time": "18:00", "days": "daily"},
    "steps": {
        "price": {"block": "api", "op": "read", "has": ["api.kraken.com"]},
        "tg": {"block": "telegram"},
    },
    "conditions": [{"on": "price", "has": [{"num": 2500}], "if": ["tg"], "else": []}],
}


def test_condition_threshold_and_branch():
    assert Judge(BELOW, condition_state("<price.data.result.c> < 2500", False)).verdict().misses == []
    comma = Judge(BELOW, condition_state("<price.data.result.c> < 2", False)).verdict()
    assert any(m.startswith("branches") for m in comma.misses)
    both = Judge(BELOW, condition_state("<price.data.result.c> < 2500", True)).verdict()
    assert any(m.startswith("branches") for m in both.misses)  # the alert also fires on else


ROUTED = {
    "id": "t3",
    "description": "Send press requests to Slack, sales leads to Close CRM and bug reports to Linear",
    "expect": "workflow",
    "steps": {
        "billing": {"block": "slack", "op": "write"},
        "ticket": {"block": "api", "op": "write", "has": ["api.close.com"]},
        "issue": {"block": "linear", "op": "write"},
    },
    "routers": [{"routes": [["billing"], ["ticket"], ["issue"]]}],
}


def routed_state(chain: bool) -> dict:
    blocks = [
        block("s", "starter", "Start", startWorkflow="webhook", webhookProvider="generic"),
        block("r", "router", "Router 1", prompt="<start.input>"),
        block("b", "slack", "Slack 1", operation="send", text="<start.input>"),
        block("z", "api", "Close", url="https://api.close.com/api/v1/lead/", method="POST"),
        block("l", "linear", "Linear 1", operation="write"),
    ]
    edges = (
        [("s", "r"), ("r", "b"), ("b", "z"), ("z", "l")]
        if chain
        else [("s", "r"), ("r", "b"), ("r", "z"), ("r", "l")]
    )
    return state(blocks, edges)


def test_router_routes_must_be_separate():
    assert Judge(ROUTED, routed_state(chain=False)).verdict().misses == []
    assert any(m.startswith("branches") for m in Judge(ROUTED, routed_state(chain=True)).verdict().misses)


LOOPED = {
    "id": "t4",
    "description": "For each open order from our shop API, message the customer on WhatsApp",
    "expect": "workflow",
    "steps": {
        "orders": {"block": "api", "op": "read"},
        "notify": {"block": "whatsapp", "op": "write"},
    },
    "loops": [{"over": "orders", "inside": ["notify"]}],
    "refs": [["notify", "loop.currentItem"]],
}


def looped_state(inside: bool) -> dict:
    blocks = [
        block("s", "starter", "Start", startWorkflow="manual"),
        block("g", "api", "Orders", url="https://shop.example.org/api/orders?status=open", method="GET"),
        block("L", "loop", "Loop 1", collection="<orders.data>"),
        block(
            "d",
            "whatsapp",
            "WhatsApp 1",
            parent="L" if inside else None,
            message="<loop.currentItem.phone>" if inside else "<orders.data>",
        ),
    ]
    edges = [("s", "g"), ("g", "L"), ("L", "d", "loop-start-source")] if inside else [("s", "g"), ("g", "d")]
    return state(blocks, edges)


def test_loop_needs_the_action_inside_and_the_current_item():
    assert Judge(LOOPED, looped_state(inside=True)).verdict().misses == []
    outside = Judge(LOOPED, looped_state(inside=False)).verdict().misses
    assert any(m.startswith("loops") for m in outside) and any(m.startswith("refs") for m in outside)


def test_refusals_are_judged_by_what_the_user_needs():
    assert Judge({"id": "r", "description": "hi", "expect": "refuse"}, None).verdict().labels_right
    assert not Judge(DIGEST, None).verdict().labels_right
    built = Judge({"id": "r", "description": "hi", "expect": "refuse"}, digest_state()).verdict()
    assert any(m.startswith("refusal") for m in built.misses)
    either = {**DIGEST, "expect": "workflow_or_refuse"}
    assert Judge(either, None).verdict().labels_right and Judge(either, digest_state()).verdict().labels_right


def test_schedule_shapes_mean_the_same_times():
    weekly = schedule_of({"scheduleType": "weekly", "weeklyDay": "FRI", "weeklyDayTime": "4:00 pm"})
    assert weekly["times"] == {"16:00"} and weekly["days"] == {"FRI"}
    assert schedule_of({"scheduleType": "custom", "cronExpression": "0 9,15 * * *"})["times"] == {
        "09:00",
        "15:00",
    }
    assert schedule_of({"scheduleType": "custom", "cronExpression": "*/15 * * * *"})["every"] == 15
    assert schedule_of({"scheduleType": "custom", "cronExpression": "0 10 1 * *"})["day_of_month"] == 1


def test_older_labels_are_read():
    item = from_legacy(
        {
            "description": "x",
            "trigger": "manual",
            "schedule": {},
            "integrations": ["slack"],
            "branching": [],
            "loop": False,
            "params": ["#standup"],
        }  # fmt: skip
    )
    good = state([block("s", "starter", "Start", startWorkflow="manual"), block("p", "slack", "Slack 1", channel="#standup")],
                 [("s", "p")])  # fmt: skip
    assert Judge(item, good).verdict().labels_right
    good["blocks"]["x"] = block("x", "gmail", "Gmail 1")
    assert not Judge(item, good).verdict().labels_right


def test_a_failed_generation_is_not_a_refusal():
    verdict = Judge({"id": "r", "description": "hi", "expect": "refuse"}, None, refused=False).verdict()
    assert not verdict.labels_right and verdict.tally["refusal"] == [0, 0, 1]


@pytest.mark.parametrize(
    ("every", "minutes"), [("15m", 15), ("1h", 60), ("2 h", 120), ("1d", 1440), (30, 30)]
)
def test_schedule_intervals_in_any_unit(every, minutes):
    item = {
        "id": "i",
        "description": "x",
        "expect": "workflow",
        "trigger": {"kind": "schedule", "every": every},
    }
    hourly = block(
        "s", "starter", "Start", startWorkflow="schedule", scheduleType="minutes", minutesInterval=minutes
    )
    other = block(
        "s", "starter", "Start", startWorkflow="schedule", scheduleType="minutes", minutesInterval=7
    )
    assert Judge(item, state([hourly], [])).verdict().tally["trigger"][0] == 2
    assert any(m.startswith("trigger: every") for m in Judge(item, state([other], [])).verdict().misses)


def test_a_daily_or_weekly_run_is_every_day_or_week():
    # the label format's 'every: "1d"' is what a daily schedule does, in any of its shapes
    daily = schedule_of({"scheduleType": "daily", "dailyTime": "07:30"})
    assert daily["every"] == 1440 and daily["times"] == {"07:30"}
    assert schedule_of({"scheduleType": "custom", "cronExpression": "30 7 * * *"})["every"] == 1440
    assert (
        schedule_of({"scheduleType": "weekly", "weeklyDay": "MON", "weeklyDayTime": "09:00"})["every"]
        == 10080
    )
    # twice a day, or on weekdays only, is no 'every day'
    assert "every" not in schedule_of({"scheduleType": "custom", "cronExpression": "0 9,15 * * *"})
    assert "every" not in schedule_of({"scheduleType": "custom", "cronExpression": "0 9 * * 1-5"})
    item = {
        "id": "i",
        "description": "x",
        "expect": "workflow",
        "trigger": {"kind": "schedule", "every": "1d"},
    }
    start = block("s", "starter", "Start", startWorkflow="schedule", scheduleType="daily", dailyTime="07:30")
    assert not Judge(item, state([start], [])).verdict().misses


def test_a_bad_interval_label_is_named():
    with pytest.raises(ValueError, match="trigger.every"):
        every_minutes("soon")


def test_lacks_as_a_list_of_texts():
    label = {
        **DIGEST,
        "steps": {
            **DIGEST["steps"],
            "jira": {"block": "jira", "op": "read", "lacks": ["MOBILE", {"num": 24}]},
        },
    }
    assert Judge(label, digest_state()).verdict().misses == []
    wrong = digest_state()
    wrong["blocks"]["j"]["subBlocks"]["projectId"]["value"] = "MOBILE"
    assert any("jira lacks MOBILE" in m for m in Judge(label, wrong).verdict().misses)
    one = {**DIGEST, "steps": {**DIGEST["steps"], "jira": {"block": "jira", "lacks": "WEB"}}}
    assert any("jira lacks WEB" in m for m in Judge(one, digest_state()).verdict().misses)


GUARDED_LOOP = {
    "id": "t5",
    "description": "Every morning pull the open orders from our shop API; if there are any, message each customer on WhatsApp",
    "expect": "workflow",
    "steps": {
        "orders": {"block": "api", "op": "read"},
        "notify": {"block": "whatsapp", "op": "write"},
    },
    "loops": [{"over": "orders", "inside": ["notify"]}],
    "conditions": [{"on": "orders", "if": ["notify"]}],
}


def guarded_loop_state(branch: str) -> dict:
    entries = [
        {"id": "c-if", "title": "if", "value": "<orders.data>.length > 0"},
        {"id": "c-else", "title": "else", "value": ""},
    ]
    return state(
        [
            block("s", "starter", "Start", startWorkflow="manual"),
            block("g", "api", "Orders", url="https://shop.example.org/api/orders?status=open", method="GET"),
            block("c", "condition", "Check", conditions=json.dumps(entries)),
            block("L", "loop", "Loop 1", collection="<orders.data>"),
            block("d", "whatsapp", "WhatsApp 1", parent="L", message="<loop.currentItem.phone>"),
            block("n", "function", "No action", code="return null"),
        ],
        [
            ("s", "g"),
            ("g", "c"),
            ("c", "L", f"condition-c-{branch}"),
            ("c", "n", f"condition-c-{'else' if branch == 'if' else 'if'}"),
            ("L", "d", "loop-start-source"),
        ],
    )


def test_a_branch_that_enters_a_loop_reaches_its_body():
    assert Judge(GUARDED_LOOP, guarded_loop_state("if")).verdict().misses == []
    wrong = Judge(GUARDED_LOOP, guarded_loop_state("else")).verdict().misses
    assert any(m.startswith("branches") for m in wrong), wrong


def _shaped(code: str) -> dict:
    """The digest posted through a function block that builds the post's text (as lib/generation/shaping does)."""
    return state(
        [
            block("s", "starter", "Start", **SCHEDULED),
            block("j", "jira", "Jira 1", operation="read-bulk", projectId="WEB"),
            block("a", "agent", "Agent 1", userPrompt="<jira1>"),
            block("f", "function", "Format Slack 1", code=code),
            block("p", "slack", "Slack 1", operation="send", text="<formatslack1.result>"),
        ],
        [("s", "j"), ("j", "a"), ("a", "f"), ("f", "p")],
    )


def test_a_function_that_builds_a_value_is_read_through():
    # the post reads what the function reads, and the function's text counts as the post's ('#standup')
    ok = Judge(DIGEST, _shaped('return {"channel": "#standup", "text": text(<agent1.content>)};')).verdict()
    assert ok.misses == []
    wrong = Judge(DIGEST, _shaped('return {"channel": "#standup", "text": text(<jira1.ts>)};')).verdict()
    assert "refs: post → digest" in "; ".join(wrong.misses)


ISSUE = {
    "id": "t-api-service",
    "description": "When a Discord bug report comes in, open a GitHub issue in acme/app; never post anything to Slack",
    "expect": "workflow",
    "steps": {"issue": {"block": "github", "op": "write", "has": ["acme/app"]}},
    "forbid": [{"block": "slack", "op": "write"}],
}


def _issue_state(url: str, method: str = "POST") -> dict:
    return state(
        [
            block("s", "starter", "Start", startWorkflow="webhook", webhookProvider="discord"),
            block("a", "api", "API 1", url=url, method=method, body="<start.webhook.data.payload>"),
        ],
        [("s", "a")],
    )


def test_an_http_request_to_the_services_own_api_is_its_step():
    """JUL25's github block cannot open an issue: a POST to api.github.com does it, and is judged so."""
    assert Judge(ISSUE, _issue_state("https://api.github.com/repos/acme/app/issues")).verdict().misses == []


@pytest.mark.parametrize(
    "url, method",
    [
        ("https://api.example.com/repos/acme/app/issues", "POST"),  # another host
        ("https://github.com.example.net/repos/acme/app/issues", "POST"),  # a look-alike host
        ("https://api.github.com/repos/acme/app/issues", "GET"),  # a read, not the write asked for
    ],
)
def test_a_request_elsewhere_or_a_read_is_not_the_service_step(url, method):
    misses = Judge(ISSUE, _issue_state(url, method)).verdict().misses
    assert "steps: issue (github write) not found" in misses


def test_a_forbidden_write_made_over_http_is_still_forbidden():
    forbidden = _issue_state("https://api.github.com/repos/acme/app/issues")
    forbidden["blocks"]["p"] = block(
        "p", "api", "API 2", url="https://slack.com/api/chat.postMessage", method="POST"
    )
    forbidden["edges"].append(
        {"id": "e9", "source": "a", "target": "p", "sourceHandle": "source", "targetHandle": "target"}
    )
    assert any(m.startswith("forbid") for m in Judge(ISSUE, forbidden).verdict().misses)


PASSED_ON = {
    "id": "t-passed-on",
    "description": "Every morning read the 'Bookings' sheet and text me a summary; post each booking to #desk",
    "expect": "workflow",
    "steps": {
        "sheet": {"block": "google_sheets", "op": "read"},
        "sms": {"block": "twilio_sms"},
        "post": {"block": "slack", "op": "write"},
    },
    "refs": [["sms", "sheet"], ["post", "sheet"]],
}


def _passed_on_state(sms_reads: str, post_reads: str, labelled_digest: bool = False) -> dict:
    blocks = [
        block("s", "starter", "Start", startWorkflow="schedule", scheduleType="daily", dailyTime="08:00"),
        block("g", "google_sheets", "Bookings", operation="read", spreadsheetId="Bookings"),
        block("n", "api", "Weather", url="https://api.weather.example/today", method="GET"),
        block("a", "agent", "Digest", userPrompt=sms_reads),
        block("t", "twilio_sms", "SMS 1", body="<digest.content>"),
        block("L", "loop", "Loop 1", collection="<bookings.data>"),
        block("p", "slack", "Slack 1", parent="L", operation="send", channel="#desk", text=post_reads),
    ]
    edges = [("s", "g"), ("g", "n"), ("n", "a"), ("a", "t"), ("t", "L"), ("L", "p", "loop-start-source")]
    return state(blocks, edges)


def test_the_current_item_of_a_loop_over_the_data_is_read_and_an_ai_step_is_not_read_through():
    # the post reads the current booking of a loop over the sheet: it reads the sheet
    ok = Judge(PASSED_ON, _passed_on_state("<bookings.data>", "<loop.currentItem>")).verdict()
    assert "refs: post → sheet" not in ok.misses
    # the text message carries a summary nobody labelled: the labels were written against the direct
    # reading, so it does not read the sheet (README, "Evaluation of generation")
    assert "refs: sms → sheet" in ok.misses
    # a post of an unrelated block's data is not the sheet
    wrong = Judge(PASSED_ON, _passed_on_state("<weather.data>", "<weather.data>")).verdict()
    assert "refs: post → sheet" in wrong.misses


# -- what the planner adds for Sim's sake is no step the user asked for ------------------------------------------
# (round 47: a function giving a message its data as text was matched to a labelled 'total' step, and the test
# passing over an item without an address to a labelled condition)

TOTAL = {
    "id": "t-total",
    "description": "Each night get yesterday's orders from Supabase and post the total revenue in #finance",
    "expect": "workflow",
    "steps": {
        "rows": {"block": "supabase", "op": "read"},
        "total": {"block": ["agent", "function"]},
        "post": {"block": "slack", "op": "write"},
    },
    "order": [["rows", "total", "post"]],
    "refs": [["total", "rows"], ["post", "total"]],
}


def _total_state(function_name: str) -> dict:
    return state(
        [
            block("s", "starter", "Start", **SCHEDULED),
            block("r", "supabase", "Supabase 1", operation="query", table="orders"),
            block("f", "function", function_name, code="const data = <supabase1.data>;\nreturn data;"),
            block(
                "p",
                "slack",
                "Slack 1",
                operation="send",
                channel="#finance",
                text=f"<{function_name.lower().replace(' ', '')}.result>",
            ),
        ],
        [("s", "r"), ("r", "f"), ("f", "p")],
    )


def test_a_function_the_user_asked_for_is_a_step_but_plumbing_is_not():
    assert Judge(TOTAL, _total_state("Function 1"), False).verdict().misses == []
    misses = Judge(TOTAL, _total_state("Text for Slack 1"), False).verdict().misses
    assert any(m.startswith("steps: total") for m in misses)


def test_the_test_before_a_loop_is_no_condition_the_user_asked_for():
    item = {
        "id": "t-cond",
        "description": "Every morning read the sheet and email each owner",
        "expect": "workflow",
        "steps": {
            "read": {"block": "google_sheets", "op": "read"},
            "mail": {"block": "gmail", "op": "write"},
        },
        "conditions": [{"on": "read", "if": ["mail"]}],
    }

    def built(test_name: str) -> dict:
        return state(
            [
                block("s", "starter", "Start", **SCHEDULED),
                block("r", "google_sheets", "Google Sheets 1", operation="read", spreadsheetId="x"),
                block(
                    "c",
                    "condition",
                    test_name,
                    conditions=json.dumps(
                        [
                            {
                                "id": "c-if",
                                "title": "if",
                                "value": "[].concat(<googlesheets1.data> || []).length > 0",
                            },
                            {"id": "c-else", "title": "else", "value": ""},
                        ]
                    ),
                ),
                block(
                    "m", "gmail", "Gmail 1", operation="send_gmail", to="a@b.co", body="<googlesheets1.data>"
                ),
                block("n", "function", "Nothing to repeat", code="return { skipped: true };"),
            ],
            [("s", "r"), ("r", "c"), ("c", "m", "condition-c-if"), ("c", "n", "condition-c-else")],
        )

    assert Judge(item, built("Condition 1"), False).verdict().misses == []
    misses = Judge(item, built("Any items"), False).verdict().misses
    assert any(m.startswith("branches: condition") for m in misses)


def test_a_report_query_sent_by_post_is_a_read():
    """Google Analytics' reports are asked for by a POST to properties/…:runReport: a read, not a write nobody asked
    for; a POST elsewhere stays a write."""
    asked = {
        "id": "t-report",
        "description": "Every Monday post last week's Google Analytics visitors to #growth",
        "expect": "workflow",
        "steps": {
            "ga": {"block": "api", "op": "read", "has": ["analyticsdata"]},
            "post": {"block": "slack", "op": "write"},
        },
    }
    url = "https://analyticsdata.googleapis.com/v1beta/properties/123:runReport"

    def built(method: str, address: str) -> dict:
        return state(
            [
                block("s", "starter", "Start", **SCHEDULED),
                block("g", "api", "API 1", url=address, method=method, body="{}"),
                block("p", "slack", "Slack 1", operation="send", channel="#growth", text="<api1.data>"),
            ],
            [("s", "g"), ("g", "p")],
        )

    assert Judge(asked, built("POST", url)).verdict().misses == []
    assert Judge(asked, built("GET", url)).verdict().misses == []
    misses = (
        Judge(asked, built("POST", "https://analyticsdata.googleapis.com/v1beta/properties/123/events"))
        .verdict()
        .misses
    )
    assert "steps: ga (api read) not found" in misses
