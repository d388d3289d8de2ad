"""The nine stages are declared once, in the domain: the dictionary and the events use it."""

from sales.domain.deal_stages import DEAL_STAGES


def test_the_nine_stages_in_order_with_their_probabilities():
    assert [(s.code, s.probability) for s in DEAL_STAGES] == [
        ("qualification", 10), ("needs_analysis", 25), ("value_proposition", 40),
        ("decision_makers", 60), ("proposal", 80), ("negotiation", 90), ("closed_won", 100),
        ("closed_lost", 0), ("lost_to_competitor", 0),
    ]  # fmt: skip
    assert [s.order for s in DEAL_STAGES] == list(range(1, 10))


def test_the_open_stages_come_first_and_one_closed_stage_wins():
    closed = [s.closed for s in DEAL_STAGES]
    assert closed == sorted(closed)
    assert [s.code for s in DEAL_STAGES if s.won] == ["closed_won"]
    assert all(s.closed for s in DEAL_STAGES if s.won)


def test_the_unit_tests_dictionary_is_the_declaration(dictionary):
    assert dictionary.deal_stages == DEAL_STAGES
