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


def test_each_event_topic_names_its_message_and_its_producer_once():
    names = [t.name for t in EVENT_TOPICS]
    assert len(names) == len(set(names))
    for topic in EVENT_TOPICS:
        assert topic.message is not None
        assert topic.message.DESCRIPTOR.full_name.startswith("crm.events.v1.")
        # The topic's prefix is its producer, the name in every envelope it carries.
        assert topic.name.startswith(f"{topic.producer}.")
