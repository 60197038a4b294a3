"""Connections: JSON columns read back exactly as the standard library reads them."""

import json

from lib.store import db, workflows

DOCS = [
    '{"a": 1, "b": [1.5, -2, "x\\u00e9"], "c": {"d": null, "e": true}}',
    "123456789012345678901234567890",  # orjson would give a float: past 64 bits
    '{"big": -9223372036854775809, "small": 1e-300}',
    '{"id": "1234567890123456789012345", "n": 1234567890123456}',  # digits in a string, and 16 digits
    '"caf\\u00e9 \\ud83d\\ude00"',
]


def test_json_loads_is_the_standard_librarys_reading():
    for text in DOCS:
        want = json.loads(text)
        for form in (text, text.encode(), memoryview(text.encode())):
            got = db.json_loads(form)
            assert got == want and type(got) is type(want), text


def test_a_stored_integer_past_64_bits_reads_back_exact(tenant):
    huge = 2**70 + 1
    record = workflows.create(
        tenant,
        state={"blocks": {}, "edges": [], "loops": {}, "parallels": {}},
        name="big numbers",
        metadata={"huge": huge, "plain": 7},
    )
    with db.reading() as c:
        row = c.execute("select metadata from workflow where id = %s", (record.id,)).fetchone()
    assert row["metadata"]["huge"] == huge and isinstance(row["metadata"]["huge"], int)
    assert row["metadata"]["plain"] == 7
