"""Object URLs as JUL25's S3 tool splits them: bucket from the host's first label, key from the path."""

from __future__ import annotations

import pytest

from lib.sim.object_urls import example, missing_object


@pytest.mark.parametrize(
    "url",
    [
        "https://reports.s3.eu-west-2.amazonaws.com/2026/11.csv",
        "s3://reports/latest.csv",
        " s3://reports/a/b.json ",
    ],
)
def test_a_url_with_bucket_and_key_is_whole(url):
    assert missing_object(url) is None


@pytest.mark.parametrize(
    ("url", "lacks"),
    [
        ("s3://reports/", "names bucket 'reports' but no object"),
        ("https://reports.s3.amazonaws.com", "names bucket 'reports' but no object"),
        ("reports", "is not an object URL"),
        ("", "is not an object URL"),
    ],
)
def test_what_a_url_lacks(url, lacks):
    assert missing_object(url) == lacks


def test_the_example_keeps_the_bucket_named():
    assert example("s3://reports/") == "https://reports.s3.<region>.amazonaws.com/path/to/file"
    assert example("reports") == "https://bucket.s3.<region>.amazonaws.com/path/to/file"
