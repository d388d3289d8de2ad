"""Leads: conversion seen before creation, duplicates; the lead report's cohort figures."""

from datetime import UTC, datetime, timedelta
from itertools import permutations

from reporting.domain.leads import LeadObserved, apply_lead
from reporting.domain.reports.lead_conversion import lead_report
from reporting.domain.window import EVERYTHING, Window

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def fold(events):
    fact = None
    for event in events:
        fact = apply_lead(fact, event)
    return fact


def created(lead_id, source="trade_show", campaigns=("k1",), at=T0):
    return LeadObserved(lead_id, source, "u1", campaigns, created_at=at)


def converted(lead_id, source="trade_show", campaigns=("k1",), at=T0 + timedelta(days=1)):
    return LeadObserved(lead_id, source, "u2", campaigns, converted_at=at)


def test_conversion_before_creation_folds_to_the_same_lead():
    events = [created("l1", campaigns=("k1",)), converted("l1", campaigns=("k1", "k2"))]
    results = {fold(order) for order in permutations(events)}
    assert len(results) == 1
    lead = results.pop()
    assert lead.created_at == T0 and lead.converted
    assert lead.owner_id == "u2" and lead.campaign_ids == ("k1", "k2")


def test_duplicates_change_nothing():
    events = [created("l1"), converted("l1")]
    assert fold([*events, *events]) == fold(events)


def test_report_counts_the_cohort_created_in_the_window():
    leads = [
        fold([created("a", "trade_show", ("k1",)), converted("a")]),
        fold([created("b", "trade_show", ("k1", "k2"))]),
        fold([created("c", "chat", (), at=T0 - timedelta(days=30))]),
        fold([converted("d")]),  # creation not seen yet: not in any cohort
    ]
    report = lead_report(leads, EVERYTHING, {"k1": "Fair"})
    assert (report.total.created, report.total.converted) == (3, 1)
    assert report.total.conversion_rate == round(1 / 3, 4)
    by_source = {r.key: (r.created, r.converted) for r in report.by_source}
    assert by_source == {"trade_show": (2, 1), "chat": (1, 0)}
    by_campaign = {r.key: (r.name, r.created, r.converted) for r in report.by_campaign}
    assert by_campaign == {"k1": ("Fair", 2, 1), "k2": ("", 1, 0)}

    november = lead_report(leads, Window(T0 - timedelta(days=1), T0 + timedelta(days=1)), {})
    assert (november.total.created, november.total.converted) == (2, 1)
    assert lead_report([], EVERYTHING, {}).total.conversion_rate is None
