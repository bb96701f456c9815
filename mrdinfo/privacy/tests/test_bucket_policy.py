"""The README's bucket policy (what an operator copies) lets anyone read images and nothing else,
and it is the policy the multi-server test puts on moto's bucket, where a private document is
then refused straight from the bucket (core/operations/tests/test_multiserver.py)."""

import json
import re

from django.conf import settings

from mrdinfo.testing.multiserver_s3 import public_read_policy


def test_the_readmes_bucket_policy_keeps_documents_private():
    readme = (settings.BASE_DIR / "README.md").read_text()
    policy_text = re.search(r"`(\{\"Version\": .*?\}\]\})`", readme, re.S).group(1)
    policy = json.loads(" ".join(policy_text.split()).replace("BUCKET", "mrdinfo-media"))
    [statement] = policy["Statement"]
    assert statement["Effect"] == "Allow" and statement["Principal"] == "*"
    assert statement["Action"] == "s3:GetObject"  # read only: no listing, no writing
    assert sorted(statement["Resource"]) == [
        "arn:aws:s3:::mrdinfo-media/images/*",
        "arn:aws:s3:::mrdinfo-media/original_images/*",
    ]  # never documents/ or the whole bucket
    [tested] = public_read_policy("mrdinfo-media")["Statement"]
    assert sorted(tested["Resource"]) == sorted(statement["Resource"]) and tested["Action"] == statement["Action"]
