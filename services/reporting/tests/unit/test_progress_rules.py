from datetime import UTC, datetime, timedelta

from reporting.domain.progress import TopicProgress, as_of

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def test_each_event_counts_once_and_moves_the_time_forward():
    progress = TopicProgress("sales.lead-created", 0, None).after(T0)
    progress = progress.after(T0 + timedelta(minutes=5))
    assert progress == TopicProgress("sales.lead-created", 2, T0 + timedelta(minutes=5))


def test_an_older_event_arriving_late_does_not_move_the_time_back():
    progress = TopicProgress("t", 1, T0).after(T0 - timedelta(hours=1))
    assert progress.events_applied == 2
    assert progress.last_occurred_at == T0


def test_as_of_is_the_newest_time_over_all_topics():
    assert as_of([]) is None
    assert as_of([TopicProgress("a", 0, None)]) is None
    newest = T0 + timedelta(days=1)
    assert as_of([TopicProgress("a", 3, T0), TopicProgress("b", 1, newest)]) == newest
