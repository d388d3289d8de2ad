"""How much data the benchmark seeds: issue 10's sizes, scaled down for a quick run."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sizes:
    leads: int = 100_000
    customers: int = 30_000
    contacts: int = 50_000
    deals: int = 50_000
    campaigns: int = 1_000
    tickets: int = 20_000
    reps: int = 8
    # Unconverted leads set aside for the convert scenario, per path (REST, gRPC, in-process).
    convert_pool: int = 3_000
    # Open deals set aside for the move scenario and for the event-to-report probe, per path.
    move_pool: int = 300

    def scaled(self, factor: float) -> Sizes:
        """Every count times `factor` (at least a handful each), the pools left as they are."""

        def of(n: int, least: int) -> int:
            return max(least, round(n * factor))

        return Sizes(
            leads=of(self.leads, 100),
            customers=of(self.customers, 30),
            contacts=of(self.contacts, 50),
            deals=of(self.deals, 50),
            campaigns=of(self.campaigns, 5),
            tickets=of(self.tickets, 20),
            reps=self.reps,
            convert_pool=self.convert_pool,
            move_pool=self.move_pool,
        )
