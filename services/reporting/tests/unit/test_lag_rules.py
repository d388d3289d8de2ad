from kafka import TopicPartition

from reporting.domain.lag import is_ready, lag_per_topic


def test_lag_sums_partitions_per_topic_and_counts_uncommitted_partitions_whole():
    end = {TopicPartition("a", 0): 10, TopicPartition("a", 1): 5, TopicPartition("b", 0): 3}
    committed = {TopicPartition("a", 0): 7, TopicPartition("b", 0): 3}
    assert lag_per_topic(end, committed) == {"a": 3 + 5, "b": 0}


def test_ready_within_the_threshold_on_every_topic():
    assert is_ready({"a": 3, "b": 0}, max_lag=3)
    assert not is_ready({"a": 4, "b": 0}, max_lag=3)
    assert is_ready({}, max_lag=0)
