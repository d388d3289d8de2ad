import pytest

from sales.domain.dictionary import DealStage, Dictionary, Entry


def test_a_won_stage_must_be_closed():
    with pytest.raises(ValueError, match="closed"):
        DealStage("odd", "Odd", 100, 1, closed=False, won=True)


@pytest.mark.parametrize("probability", [-1, 101])
def test_probability_is_a_percentage(probability):
    with pytest.raises(ValueError, match="probability"):
        DealStage("odd", "Odd", probability, 1, closed=False, won=False)


def test_unknown_lists_are_refused():
    with pytest.raises(ValueError, match="unknown"):
        Dictionary((), {"colours": (Entry("red", "Red", 1),)})


def test_lookups():
    stage = DealStage("proposal", "Proposal", 80, 5, closed=False, won=False)
    dictionary = Dictionary((stage,), {"lead_sources": (Entry("chat", "Chat", 1),)})
    assert dictionary.stage("proposal") is stage
    assert dictionary.stage("nope") is None
    assert dictionary.has("lead_sources", "chat")
    assert not dictionary.has("lead_sources", "fax")
    assert not dictionary.has("deal_types", "chat")
