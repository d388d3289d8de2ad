"""The whole seeded world, written before the stack starts, and what the scenarios need from
it: the reps, a deal to read, a stage and owner to filter by, the reserved pools."""

from __future__ import annotations

import logging
import random
import time
from dataclasses import dataclass
from pathlib import Path

from crm_platform.request_context import Identity, bound
from seed.accounts import seed_accounts
from seed.campaigns import seed_campaigns
from seed.databases import migrate_all
from seed.deals import seed_deals
from seed.dictionary import read_dictionary
from seed.leads import seed_leads
from seed.owners import create_reps
from seed.sizes import Sizes
from seed.tickets import seed_tickets

log = logging.getLogger(__name__)
SEEDER = Identity("bench-seeder", frozenset({"admin"}))
PATHS = 3  # REST, gRPC, in-process: each takes pool items of its own


@dataclass(frozen=True)
class World:
    sizes: Sizes
    reps: list[str]
    read_deal_id: str
    filter_owner: str
    filter_stage: str
    convert_pools: list[list[str]]  # one per path
    move_pools: list[list[str]]  # one per path, then one for the event-to-report probe
    seconds: float

    def as_dict(self) -> dict:
        return {"sizes": self.sizes.__dict__, "reps": len(self.reps), "seconds": self.seconds}


def seed_world(var_dir: Path, sizes: Sizes, seed: int = 10) -> World:
    started, rng = time.perf_counter(), random.Random(seed)
    migrate_all(var_dir)
    dictionary = read_dictionary(var_dir)
    sources = [e.code for e in dictionary.entries["lead_sources"]]
    states = [e.code for e in dictionary.entries["lead_states"]]
    with bound(SEEDER, "bench-seed"):
        reps = create_reps(var_dir, sizes.reps)
        campaigns = seed_campaigns(var_dir, sizes.campaigns, reps, rng)
        accounts = seed_accounts(var_dir, sizes.customers, sizes.contacts, reps, sources, rng)
        convert_total = sizes.convert_pool * PATHS
        pool = seed_leads(
            var_dir,
            max(sizes.leads, convert_total),
            pool=convert_total,
            owners=reps,
            sources=sources,
            states=states,
            campaigns=campaigns,
            accounts=accounts,
            rng=rng,
        )
        move_total = sizes.move_pool * (PATHS + 1)
        deals = seed_deals(
            var_dir,
            max(sizes.deals, move_total * 2),
            pool=move_total,
            sources=sources,
            campaigns=campaigns,
            accounts=accounts,
            dictionary=dictionary,
            rng=rng,
        )
        seed_tickets(var_dir, sizes.tickets, agents=reps, accounts=accounts, rng=rng)
    n, m = sizes.convert_pool, sizes.move_pool
    world = World(
        sizes=sizes,
        reps=reps,
        read_deal_id=deals.ids[-1],
        filter_owner=deals.owners[-1],
        filter_stage="proposal",
        convert_pools=[pool[i * n : (i + 1) * n] for i in range(PATHS)],
        move_pools=[deals.pool[i * m : (i + 1) * m] for i in range(PATHS + 1)],
        seconds=time.perf_counter() - started,
    )
    log.info("seeded in %.1f s", world.seconds)
    return world
