"""A generated workflow's name, and the subject or title its messages and pages get when the description gives
none: what runs, not the schedule it runs on ("Every Monday at 9am Berlin time, pull last" had been the name of a
Jira digest and the subject of every e-mail it sent), never cut on a word that says nothing ("… is added to the")."""

from __future__ import annotations

from lib.generation import planner


def _values(plan, field):
    return [v.value for b in plan.blocks for v in b.values if v.id == field]


def test_a_schedule_is_not_the_name_nor_the_subject():
    plan = planner.draft(
        "Every Monday at 9am Berlin time, pull last week's closed Jira issues in project OPS, have an agent write a "
        "short summary, and email it to ops-leads@example.com."
    ).plan
    assert plan.name == "Pull last week's closed Jira issues in project"
    assert _values(plan, "subject") == [
        "Short summary"
    ]  # what the e-mail carries (test_planner_mail_subjects)


def test_a_schedule_is_not_the_subject_of_a_mail_that_names_nothing():
    plan = planner.draft(
        "Every Monday at 9am Berlin time, pull last week's closed Jira issues and email them to me."
    ).plan
    (subject,) = _values(plan, "subject")
    assert subject.startswith("Pull last week's closed Jira issues")


def test_a_cut_name_ends_on_a_word_that_says_something():
    plan = planner.draft(
        "When a new file is added to the Google Drive folder Contracts, summarise it with AI and save the summary "
        "in Notion."
    ).plan
    assert plan.name == "When a new file is added"


def test_a_schedule_alone_keeps_the_description():
    """Too little after the schedule to name anything: the description's own words stay."""
    assert planner.draft("Every day at 9, slack #standup").plan.name == "Every day at 9, slack #standup"
