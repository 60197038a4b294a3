"""Round 42d: the helpers whose meaning changed — a place named in lower-case words after 'called'/'named' keeps
every word of its name up to where the clause goes on."""

from __future__ import annotations

from lib.generation import lexicon as lx


def test_a_lower_case_name_after_called_runs_to_the_end_of_its_clause():
    assert lx.written_out("adds them to the google sheet called kiosk sales") == (
        "adds them to the google sheet 'kiosk sales'"
    )
    assert lx.written_out("put them in the sheet called weekly takings every friday") == (
        "put them in the sheet 'weekly takings' every friday"
    )
    assert lx.written_out("add them to the airtable table named volunteer signups.") == (
        "add them to the airtable table 'volunteer signups'."
    )
    # a word that links on names nothing; capitalised names read as before
    assert lx.written_out("create a folder named after the client") == "create a folder named after the client"
    assert lx.written_out("a Google Sheet called Leads") == "a Google Sheet 'Leads'"
