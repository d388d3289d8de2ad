"""Deal and lead edits and deletions folded in any order and twice: the newest figures win, a
deletion is a tombstone no late event undoes, and deleted deals and leads leave every report."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from itertools import permutations

from reporting.domain.campaigns import CampaignFact
from reporting.domain.deals import DealGone, DealObserved, apply_deal, apply_deal_deleted
from reporting.domain.leads import LeadGone, LeadObserved, apply_lead, apply_lead_deleted
from reporting.domain.legacy_stages import LEGACY_STAGES
from reporting.domain.reports.campaign_roi import campaign_report
from reporting.domain.reports.funnel import funnel
from reporting.domain.reports.lead_conversion import lead_report
from reporting.domain.reports.sales_performance import sales_report
from reporting.domain.window import EVERYTHING

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def fold(events):
    fact = None
    for event in events:
        if isinstance(event, DealGone):
            fact = apply_deal_deleted(fact, event)
        elif isinstance(event, DealObserved):
            fact = apply_deal(fact, event)
        elif isinstance(event, LeadGone):
            fact = apply_lead_deleted(fact, event)
        else:
            fact = apply_lead(fact, event)
    return fact


def moved(stage, hours, amount="100.00", deal_id="d1", created=None, **figures):
    """deal-stage-changed (or deal-closed): the deal reached `stage` at `hours`."""
    cur, owner, campaign = (figures.get(k, d) for k, d in FIGURES.items())
    return DealObserved(
        deal_id,
        LEGACY_STAGES[stage],
        Decimal(amount),
        cur,
        owner,
        campaign,
        at(hours),
        created_at=created,
    )


def changed(hours, amount="100.00", stage="qualification", deal_id="d1", **figures):
    """deal-changed: the deal as it was at `hours`."""
    cur, owner, campaign = (figures.get(k, d) for k, d in FIGURES.items())
    return DealObserved(
        deal_id, LEGACY_STAGES[stage], Decimal(amount), cur, owner, campaign, at(hours),
        created_at=T0, restated=True,
    )  # fmt: skip


FIGURES = {"cur": "EUR", "owner": "u1", "campaign": "k1"}


def test_a_deal_change_shows_its_new_amount_currency_owner_and_campaign_in_any_order():
    usd = {"cur": "USD", "owner": "u2", "campaign": "k2"}
    events = [
        moved("qualification", 0, created=T0),
        changed(1, "250.00", **usd),
        moved("proposal", 2, "250.00", **usd),
        # an update that also moved: deal-changed with the deal after the move, same time
        changed(2, "250.00", "proposal", **usd),
        changed(3, "300.00", "proposal", **{**usd, "campaign": "k3"}),
    ]
    results = {fold(order) for order in permutations(events)}
    assert len(results) == 1
    deal = results.pop()
    assert (deal.stage, deal.amount, deal.currency, deal.owner_id, deal.campaign_id) == (
        "proposal",
        Decimal("300.00"),
        "USD",
        "u2",
        "k3",
    )
    assert deal.created_at == T0 and deal.furthest_order == 5 and not deal.deleted


def test_a_late_older_change_does_not_undo_a_newer_one():
    deal = fold([changed(5, "90.00", owner="u9"), changed(1, "10.00")])
    assert (deal.amount, deal.owner_id, deal.stage_at) == (Decimal("90.00"), "u9", at(5))


def test_an_edit_after_the_close_does_not_move_the_close_time():
    won = DealObserved(
        "d1", LEGACY_STAGES["closed_won"], Decimal("100.00"), "EUR", "u1", "k1", at(2)
    )
    edit = changed(30, "100.00", "closed_won", owner="u2")
    for order in permutations([moved("qualification", 0, created=T0), won, edit]):
        deal = fold(order)
        assert (deal.closed_at, deal.owner_id) == (at(2), "u2")


def test_a_deletion_before_a_late_change_stays_a_deletion():
    history = [moved("qualification", 0, created=T0), changed(1, "250.00")]
    gone = DealGone("d1", at(2))
    results = {fold(order) for order in permutations([*history, gone])}
    assert len(results) == 1
    deal = results.pop()
    assert deal.deleted and deal.deleted_at == at(2)
    assert deal.amount == Decimal("250.00") and deal.created_at == T0  # history still folded
    assert fold([gone, history[1]]).deleted  # the late change alone cannot resurrect it


def test_deal_duplicates_change_nothing():
    events = [moved("qualification", 0, created=T0), changed(1, "250.00"), DealGone("d1", at(2))]
    assert fold([*events, *events]) == fold(events)
    assert fold([events[2], events[2]]) == fold([events[2]])
    # A second deletion time (a redelivery stamped later) keeps the earliest.
    assert fold([*events, DealGone("d1", at(9))]).deleted_at == at(2)


def test_deleted_deals_leave_the_funnel_the_sales_report_and_the_campaign_report():
    live = fold([moved("qualification", 0, created=T0), moved("closed_won", 1)])
    gone = fold(
        [
            moved("qualification", 0, "500.00", "d2", T0),
            moved("closed_won", 1, "500.00", "d2"),
            DealGone("d2", at(2)),
        ]
    )
    assert gone.deleted and gone.won
    rows = {r.stage: (r.count, r.amount) for r in funnel([live, gone], LEGACY_STAGES.values())}
    assert rows["closed_won"] == (1, Decimal("100.00"))
    assert rows["qualification"] == (0, Decimal("0.00"))
    (sales,) = sales_report([live, gone], EVERYTHING, "all", "none")
    assert (sales.won, sales.won_amount) == (1, Decimal("100.00"))
    campaign = CampaignFact("k1", "Fair", "EUR", Decimal("50.00"), False, T0)
    (row,) = campaign_report([campaign], [], [live, gone])
    assert (row.deals_won, row.revenue) == (1, Decimal("100.00"))
    assert funnel([gone], LEGACY_STAGES.values()) == []


def lead_created(lead_id="l1", source="web", campaigns=("k1",), hours=0):
    return LeadObserved(lead_id, source, "u1", campaigns, created_at=at(hours))


def lead_changed(hours, source="partner", owner="u2", campaigns=("k2",), lead_id="l1"):
    return LeadObserved(lead_id, source, owner, campaigns, changed_at=at(hours))


def test_the_newest_lead_change_wins_in_any_order_and_twice():
    events = [lead_created(), lead_changed(1), lead_changed(2, campaigns=("k2", "k3"))]
    results = {fold(order) for order in permutations([*events, events[1]])}
    assert len(results) == 1
    lead = results.pop()
    assert (lead.source, lead.owner_id, lead.campaign_ids) == ("partner", "u2", ("k2", "k3"))
    assert (lead.created_at, lead.changed_at, lead.deleted) == (T0, at(2), False)


def test_a_conversion_after_edits_is_the_truth_and_edits_before_it_do_not_undo_it():
    conversion = LeadObserved("l1", "partner", "u3", ("k2",), converted_at=at(5))
    for order in permutations([lead_created(), lead_changed(1, "chat"), conversion]):
        lead = fold(order)
        assert (lead.source, lead.owner_id, lead.converted) == ("partner", "u3", True)


def test_a_lead_deletion_before_a_late_change_stays_a_deletion():
    events = [lead_created(), lead_changed(1), LeadGone("l1", at(2))]
    results = {fold(order) for order in permutations(events)}
    assert len(results) == 1
    lead = results.pop()
    assert lead.deleted and lead.created_at == T0 and lead.source == "partner"
    assert fold([events[2], events[1]]).deleted
    assert fold([*events, *events]) == fold(events)


def test_deleted_leads_leave_the_lead_and_campaign_counts():
    kept = fold([lead_created("a", campaigns=("k1",))])
    relinked = fold(
        [lead_created("b", campaigns=("k1",)), lead_changed(1, "web", "u1", ("k2",), "b")]
    )
    deleted = fold([lead_created("c", campaigns=("k1",)), LeadGone("c", at(1))])
    report = lead_report([kept, relinked, deleted], EVERYTHING, {})
    assert report.total.created == 2
    assert {r.key: r.created for r in report.by_campaign} == {"k1": 1, "k2": 1}
    campaigns = [CampaignFact(k, k, "EUR", Decimal("1.00"), False, T0) for k in ("k1", "k2")]
    rows = campaign_report(campaigns, [kept, relinked, deleted], [])
    assert {r.campaign_id: r.leads for r in rows} == {"k1": 1, "k2": 1}
