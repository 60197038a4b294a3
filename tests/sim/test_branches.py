"""Branch lists: condition/route entries stored as a JSON string or a list."""

from lib.sim import branches


def test_parse_accepts_json_strings_and_lists_and_refuses_the_rest():
    assert branches.parse('[{"id": "c-if", "title": "if", "value": "x > 1"}]') == [
        {"id": "c-if", "title": "if", "value": "x > 1"}
    ]
    assert branches.parse([{"id": "a"}]) == [{"id": "a"}]
    for bad in ("not json", '{"id": 1}', None, 3, ""):
        assert branches.parse(bad) is None


def test_dump_keeps_the_form_the_value_had():
    entries = [{"id": "c-if"}]
    assert branches.dump(entries, "[]") == '[{"id":"c-if"}]'
    assert branches.dump(entries, []) is entries


def test_of_block_reads_the_subblock_value_defensively():
    block = {
        "subBlocks": {"conditions": {"id": "conditions", "type": "condition-input", "value": '[{"id": "x"}]'}}
    }
    assert branches.of_block(block) == [{"id": "x"}]
    assert branches.of_block({"subBlocks": []}) is None and branches.of_block("junk") is None
