from crm_platform.grpc_metadata import identity_from_metadata, outgoing_metadata
from crm_platform.request_context import ANONYMOUS, Identity


def test_identity_survives_the_trip():
    identity = Identity("u-42", frozenset({"sales", "service"}))
    assert identity_from_metadata(outgoing_metadata(identity, "c-1")) == (identity, "c-1")


def test_no_user_means_anonymous():
    assert identity_from_metadata(outgoing_metadata(ANONYMOUS, "c-2")) == (ANONYMOUS, "c-2")
    assert identity_from_metadata([]) == (ANONYMOUS, "")


def test_binary_metadata_is_ignored():
    identity, _ = identity_from_metadata([("x-crm-user-id", b"u-1")])
    assert identity.is_anonymous
