"""The estimate line as the README shows it, and the progress line's arithmetic."""

from __future__ import annotations

import pathlib

from load.progress import Estimate, credits_per_contact, credits_per_ticket
from load.settings import Settings
from tests.conftest import ROOT

DEFAULTS = Settings(base_url="https://acme.freshdesk.com/api/v2", api_key="x", domain="acme",
                    work_db=pathlib.Path("work.duckdb"))


def test_readme_estimate_is_what_a_growth_account_prints():
    """The README's example: 500,000 tickets, 100,000 contacts, Growth (200 credits/min), defaults."""
    est = Estimate(tickets=500_000, loaded=0, per_ticket=credits_per_ticket(DEFAULTS), plan_per_minute=200,
                   share=DEFAULTS.budget_share, contacts=100_000, per_contact=credits_per_contact(DEFAULTS))
    assert f"estimate: {est.line()}\n" in (ROOT / "README.md").read_text()


def test_credits_left_count_what_is_loaded():
    est = Estimate(tickets=1_000, loaded=400, per_ticket=1.5, plan_per_minute=None, share=0.8, contacts=100,
                   contacts_loaded=30, per_contact=1.0)
    assert est.credits == 600 * 1.5 + 70
    assert est.credits_left(1_200, 200) == 0  # more than estimated: nothing left, never negative
    assert est.line() == "about 1,000 tickets (400 loaded) and 100 contacts (30 loaded), ~970 credits to go " \
                         "(the answer named no rate limit)"
