import time

from load.pacing import RateBudget, classify


def test_classify_names_resources():
    assert classify("http://h/api/v2/tickets?filter=deleted&page=2") == "tickets_deleted"
    assert classify("http://h/api/v2/tickets?page=2") == "tickets"
    assert classify("http://h/api/v2/tickets/42/conversations?page=1") == "ticket_conversations"
    assert classify("http://h/api/v2/contacts?state=deleted") == "contacts_deleted"
    assert classify("http://h/api/v2/admin/groups") == "groups"
    assert classify("http://h/api/v2/email/mailboxes") == "email_mailboxes"


def test_budget_learns_total_and_paces_to_its_share():
    budget = RateBudget(share=0.5)
    budget.observe("companies", 200, {"X-RateLimit-Total": "1200", "X-RateLimit-Remaining": "1199",
                                      "X-RateLimit-Used-CurrentRequest": "1"})
    assert budget.allowed_per_minute == 600  # 10 credits a second
    start = time.monotonic()
    for _ in range(25):
        budget.acquire("companies")
    elapsed = time.monotonic() - start
    # a burst of ~10 then 10/s: 25 requests need at least ~1.4 s
    assert 1.2 < elapsed < 3.5


def test_429_pauses_everyone():
    budget = RateBudget(share=1.0)
    budget.observe("tickets", 429, {"Retry-After": "1"})
    start = time.monotonic()
    budget.acquire("companies")
    assert time.monotonic() - start >= 0.9
    assert budget.stats.http_429["tickets"] == 1
