"""Planner round 36m on our own descriptions (`planner_round36m.jsonl`, in no bench set, each written before its
fix): plain one-line requests of ordinary shapes — a noun phrase for the whole ask ('a daily 8am email with the
top 3 stories from TechCrunch'), a request told as a question ('How can I get an email every morning …'), the
destination as the sentence's subject ('I want Slack to tell me …'), a mirror or share from one service to
another ('Mirror every message posted in the Telegram group to …', 'Share every new video … to LinkedIn'), a
backup to a bucket, an Airtable row that becomes a HubSpot contact, a French line with its recipient after 'à'.
10 of 18 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r36m-01": "a noun phrase with no verb ('a daily 8am email with the top 3 stories from TechCrunch') is refused",
    "r36m-02": "a request told as a question ('How can I get an email …') builds no e-mail",
    "r36m-04": "'Share every new video on our YouTube channel to LinkedIn' is refused",
    "r36m-07": "'des factures impayées de la feuille Google' is read as a write to the sheet",
    "r36m-10": "'Turn each new row of the Airtable table into a HubSpot contact' builds no HubSpot call",
    "r36m-11": "'Mirror every message posted in the Telegram group to Discord' is refused",
    "r36m-14": "'I want Slack to tell me …' builds no Slack post",
    "r36m-16": "'back up the sheet to our S3 bucket' builds no S3 write",
}


@pytest.mark.parametrize("item", cases("planner_round36m.jsonl", _KNOWN))
def test_round36m_description_comes_out_right(item):
    assert_right(item, seed="r36m")
