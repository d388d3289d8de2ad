from crm_platform.topics import EVENT_TOPICS, all_topics, dead_letter_topic


def test_every_event_topic_has_a_dead_letter_topic():
    names = {t.name for t in all_topics()}
    for topic in EVENT_TOPICS:
        assert dead_letter_topic(topic.name) in names


def test_the_architecture_topics_exist():
    names = {t.name for t in EVENT_TOPICS}
    assert {
        "sales.lead-created",
        "sales.lead-converted",
        "sales.deal-stage-changed",
        "sales.deal-closed",
        "marketing.campaign-changed",
    } <= names
