"""A warehouse of its own for the metrics tests: a tiny sandbox account loaded, changed (a ticket
trashed, one marked spam, one purged, replies and notes added) and loaded again, then built and
published as `make load transform` does. Seed 2: its tiny account has tickets nobody answered."""

from __future__ import annotations

import dataclasses
import pathlib

import pytest

from load.pipeline import run_load
from load.sandbox import Account, SandboxServer
from load.sandbox.realism import Realism
from load.warehouse.publish import publish
from tests.conftest import dbt_build, loader_settings
from tests.groundtruth import ExpectedWarehouse

SEED, SCALE = 2, "tiny"


@dataclasses.dataclass(frozen=True)
class MetricsWarehouse:
    account: Account
    work_db: pathlib.Path
    published: pathlib.Path
    expected: ExpectedWarehouse  # the 29 tables' rows as the account's records say, after both loads


def _change(account: Account) -> None:
    """Changes between the two loads; each is a case the metrics must get right."""
    account.clock.advance(seconds=3600)
    unanswered = [t for t in account.ticket_ids("default") if account.gen.n_conv(t) == 0]
    account.add_conversation(unanswered[0], incoming=False)  # answered now, after the first load
    account.add_conversation(unanswered[1], private=True)  # a private note is not a response
    account.add_conversation(unanswered[2], incoming=True)  # nor is the requester writing again
    resolved = [t for t in account.ticket_ids("default") if account.ticket_record(t)["status"] in (4, 5)]
    account.add_conversation(resolved[0], incoming=True)
    account.update_ticket(resolved[1], status=2)  # reopened: open again, no resolution now
    live = [t for t in account.ticket_ids("default") if t not in unanswered and t not in resolved[:2]]
    account.soft_delete_ticket(live[-1])
    account.mark_spam(live[-2])
    account.hard_delete_ticket(live[-3])


@pytest.fixture(scope="session")
def metrics_warehouse(tmp_path_factory) -> MetricsWarehouse:
    root = tmp_path_factory.mktemp("metrics_warehouse")
    work_db = root / "work.duckdb"
    # The sandbox as real accounts are (its default): archived tickets (read with their stats), public
    # notes, outbound e-mails, statuses that pause the SLA, churn, blocked contacts, agent requesters,
    # ...; a plan with SLA policies, time tracking and products, which the metrics read.
    account = Account(seed=SEED, scale=SCALE, realism=Realism())
    with SandboxServer(account=account, plan="unlimited") as sandbox:
        settings = loader_settings(sandbox, work_db)
        run_load(settings)
        expected = ExpectedWarehouse(mirror_remote_id=settings.mirror_remote_id).observe(account)
        _change(account)
        run_load(settings)
        expected.observe(account)
    dbt_build(work_db, root / "dbt")
    published = root / "freshdesk.duckdb"
    publish(work_db, published)
    return MetricsWarehouse(account=account, work_db=work_db, published=published, expected=expected)
