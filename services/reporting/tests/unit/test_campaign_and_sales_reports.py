"""Campaign ROI per currency, and sales performance per period and owner."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from reporting.domain.campaigns import CampaignFact, apply_campaign
from reporting.domain.deals import DealFact
from reporting.domain.leads import LeadFact
from reporting.domain.reports.campaign_roi import campaign_report
from reporting.domain.reports.sales_performance import period_of, sales_report
from reporting.domain.window import EVERYTHING, Window

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def deal(deal_id, stage, amount, currency="EUR", owner="u1", campaign="k1", days=10):
    closed = stage.startswith(("closed", "lost"))
    return DealFact(
        deal_id, stage, Decimal(amount), currency, owner, campaign, T0, T0 - timedelta(days=days),
        7 if stage == "closed_won" else 3, T0 if closed else None, closed=closed,
        won=stage == "closed_won",
    )  # fmt: skip


def campaign(cost="400.00", at=T0, name="Fair"):
    return CampaignFact("k1", name, "EUR", Decimal(cost), False, at)


def test_the_newest_campaign_change_wins_whatever_the_arrival_order():
    newer = campaign("500.00", T0 + timedelta(hours=1), "Fair 2")
    assert apply_campaign(apply_campaign(None, newer), campaign()) == newer
    assert apply_campaign(apply_campaign(None, campaign()), newer) == newer


def test_roi_within_one_currency_and_never_across():
    leads = [
        LeadFact("l1", "trade_show", "u1", ("k1",), T0, T0),
        LeadFact("l2", "trade_show", "u1", ("k1",), T0, None),
    ]
    deals = [
        deal("d1", "closed_won", "1000.00"),
        deal("d2", "closed_won", "300.00", currency="USD"),
        deal("d3", "closed_lost", "999.00"),
        deal("d4", "proposal", "999.00"),
    ]
    rows = {r.currency: r for r in campaign_report([campaign()], leads, deals)}
    eur, usd = rows["EUR"], rows["USD"]
    assert (eur.leads, eur.converted, eur.deals_won) == (2, 1, 1)
    assert eur.revenue == Decimal("1000.00") and eur.cost == Decimal("400.00")
    assert eur.roi == 1.5
    assert usd.deals_won == 1 and usd.revenue == Decimal("300.00")
    assert usd.cost is None and usd.roi is None
    assert campaign_report([campaign("0.00")], [], [])[0].roi is None


def test_sales_per_month_and_owner_per_currency():
    deals = [
        deal("a", "closed_won", "100.00", days=10),
        deal("b", "closed_won", "50.00", days=20),
        deal("c", "closed_lost", "70.00"),
        deal("d", "closed_won", "5.00", owner="u2"),
        deal("e", "closed_won", "9.00", currency="USD"),
        deal("f", "proposal", "1.00"),
    ]
    rows = {(r.owner_id, r.currency): r for r in sales_report(deals, EVERYTHING, "month", "owner")}
    mine = rows["u1", "EUR"]
    assert mine.period == "2026-11"
    assert (mine.won, mine.lost, mine.won_amount) == (2, 1, Decimal("150.00"))
    assert mine.win_rate == round(2 / 3, 4) and mine.average_cycle_days == 15.0
    assert rows["u2", "EUR"].won_amount == Decimal("5.00")
    assert rows["u1", "USD"].won_amount == Decimal("9.00")
    everyone = sales_report(deals, EVERYTHING, "all", "none")
    assert {(r.period, r.owner_id, r.currency, r.won) for r in everyone} == {
        ("all", "", "EUR", 3),
        ("all", "", "USD", 1),
    }
    assert sales_report(deals, Window(start=T0 + timedelta(seconds=1)), "month", "owner") == []


def test_periods():
    assert period_of(T0, "day") == "2026-11-02"
    assert period_of(T0, "week") == "2026-W45"
    assert period_of(T0, "quarter") == "2026-Q4"
    assert period_of(T0, "year") == "2026"
