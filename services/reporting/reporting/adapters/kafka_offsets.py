"""Offsets on the broker: the end of each event topic, and where the reporting consumer group
stands. Lag and the rebuild's stopping point and hand-over are measured with these."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kafka import KafkaConsumer, OffsetAndMetadata, TopicPartition

from crm_platform.kafka_clients import make_admin, security_options

Offsets = dict[TopicPartition, int]


class KafkaOffsets:
    def __init__(self, bootstrap_servers: str, client_id: str = "reporting-offsets") -> None:
        servers = bootstrap_servers.split(",")
        self._admin = make_admin(bootstrap_servers, client_id)
        # No group: this consumer only reads partition metadata and end offsets.
        self._reader = KafkaConsumer(
            bootstrap_servers=servers,
            client_id=client_id,
            group_id=None,
            enable_auto_commit=False,
            isolation_level="read_committed",
            **security_options(),
        )

    def partitions(self, topics: Iterable[str]) -> list[TopicPartition]:
        return [
            TopicPartition(topic, partition)
            for topic in topics
            for partition in sorted(self._reader.partitions_for_topic(topic) or ())
        ]

    def end_offsets(self, topics: Iterable[str]) -> Offsets:
        # read_committed: the end is the last stable offset, what a consumer can reach.
        return dict(self._reader.end_offsets(self.partitions(topics)))

    def committed(self, group_id: str) -> Offsets:
        found = self._admin.list_group_offsets({group_id: None}).get(group_id, {})
        return {tp: meta.offset for tp, meta in found.items() if meta.offset >= 0}

    def group_is_empty(self, group_id: str) -> bool:
        description = self._admin.describe_groups([group_id]).get(group_id, {})
        return not description.get("members")

    def commit(self, group_id: str, offsets: Mapping[TopicPartition, int]) -> None:
        """Set the group's committed offsets; it must have no active member (the broker
        refuses otherwise, which is what keeps a running consumer from being skipped over)."""
        results = self._admin.alter_group_offsets(
            group_id, {tp: OffsetAndMetadata(offset, "", -1) for tp, offset in offsets.items()}
        )
        failed = {tp: error for tp, error in results.items() if error.__name__ != "NoError"}
        if failed:
            raise RuntimeError(f"could not set offsets of {group_id}: {failed}")

    def close(self) -> None:
        self._reader.close()
        self._admin.close()
