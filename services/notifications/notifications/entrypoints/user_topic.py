"""The gateway's `gateway.user-changed` topic, by name.

It belongs in crm_platform.topics beside the others (so that `topics create` makes it and
envelopes on it are checked for the gateway as producer); until it is declared there, both
ends name it here and in the gateway's outbox adapter."""

USER_CHANGED = "gateway.user-changed"
