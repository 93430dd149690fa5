"""No contact is marked deleted because the name-ordered contact list is paged by offset (namesakes
slip between pages) or because the spam watcher took it out of every list (freshdesk-api.md section
14): a contact the warehouse holds that a listing misses is viewed before it is called deleted."""

from __future__ import annotations

import dataclasses

import duckdb

from load.pipeline import run_load
from load.sandbox import Account, SandboxServer
from load.sandbox.realism import Realism
from tests.conftest import dbt_build, loader_settings
from tests.groundtruth import ExpectedWarehouse, compare, describe

PER_PAGE = 2  # the tiny account's three namesakes straddle a page boundary


def _missed_by_paging(account: Account, per_page: int) -> set[int]:
    """Contacts a full read of the default list in pages of `per_page` does not return."""
    ids = account.contact_ids()
    seen = set()
    for page in range(1, len(ids) // per_page + 2):
        seen.update(account.contacts_page(ids, (page - 1) * per_page, page * per_page, page))
    return {account.contact_record(i)["id"] for i in set(ids) - seen}


def test_contacts_missing_from_a_listing_are_viewed_before_they_are_called_deleted(tmp_path):
    work_db = tmp_path / "work.duckdb"
    account = Account(seed=11, scale="tiny", realism=Realism(churn=0))
    with SandboxServer(account=account, plan="unlimited") as sandbox:
        settings = loader_settings(sandbox, work_db)
        run_load(settings)  # pages of 100: every contact is listed and loaded
        expected = ExpectedWarehouse(mirror_remote_id=settings.mirror_remote_id).observe(account)
        account.clock.advance(seconds=3600)
        spam_blocked = account.contact_record(account.contact_ids()[-1])["id"]
        account.spam_block_contact(spam_blocked)
        missed = _missed_by_paging(account, PER_PAGE)
        assert missed, "the test means something only if paging drops a namesake"
        before = sandbox.stats.by_route.get("contact", 0)
        run_load(dataclasses.replace(settings, per_page=PER_PAGE))
        views = sandbox.stats.by_route.get("contact", 0) - before
        expected.observe(account)
    dbt_build(work_db, tmp_path / "dbt")
    con = duckdb.connect(str(work_db), read_only=True)
    try:
        deleted = {row[0] for row in con.execute('select "ID" from freshdesk."Contact" where "IsDeleted"').fetchall()}
    finally:
        con.close()
    assert not deleted & (missed | {spam_blocked})
    assert views == len(missed) + 1  # one view per contact the listing missed, no more
    diff = compare(work_db, expected.tables())
    assert diff == {}, describe(diff)
