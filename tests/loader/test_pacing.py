import pytest

from load import pacing
from load.pacing import RateBudget, classify


class FakeClock:
    """`time.monotonic` and `time.sleep` for load.pacing: sleeping moves the clock, so pacing is checked
    by the time it asks for, never by the wall clock of a shared machine."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept = 0.0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        # a real sleep always lets some time pass: without that floor, a delay lost to float rounding
        # (the bucket one ulp short of a token) would be slept again forever
        seconds = max(seconds, 1e-6)
        self.now += seconds
        self.slept += seconds


@pytest.fixture
def clock(monkeypatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(pacing, "time", fake)
    monkeypatch.setattr(pacing.stopping, "sleep", fake.sleep)  # the budget sleeps through load.stopping
    return fake


def test_classify_names_resources():
    assert classify("http://h/api/v2/tickets?filter=deleted&page=2") == "tickets_deleted"
    assert classify("http://h/api/v2/tickets?page=2") == "tickets"
    assert classify("http://h/api/v2/tickets/42/conversations?page=1") == "ticket_conversations"
    assert classify("http://h/api/v2/contacts?state=deleted") == "contacts_deleted"
    assert classify("http://h/api/v2/admin/groups") == "groups"
    assert classify("http://h/api/v2/email/mailboxes") == "email_mailboxes"


def test_budget_learns_total_and_paces_to_its_share(clock):
    budget = RateBudget(share=0.5)
    budget.observe("companies", 200, {"X-RateLimit-Total": "1200", "X-RateLimit-Remaining": "1199",
                                      "X-RateLimit-Used-CurrentRequest": "1"})
    assert budget.allowed_per_minute == 600  # 10 credits a second
    for _ in range(25):
        budget.acquire("companies")
    # the bucket starts with the one credit the assumed small plan allows, then 10 a second:
    # the other 24 requests wait 0.1 s each
    assert clock.slept == pytest.approx(2.4, abs=0.01)
    assert budget.stats.requests["companies"] == 25 and budget.stats.waits["companies"] == 24


@pytest.mark.parametrize(("page_cost", "next_wait"), [(1, 0.1), (7, 0.7)])
def test_a_request_costing_several_credits_delays_the_next(clock, page_cost, next_wait):
    budget = RateBudget(share=1.0)
    headers = {"X-RateLimit-Total": "600", "X-RateLimit-Remaining": "599", "X-RateLimit-Used-CurrentRequest": "1"}
    budget.observe("tickets", 200, headers)  # 10 credits a second
    budget.acquire("tickets")
    budget.observe("tickets", 200, {**headers, "X-RateLimit-Used-CurrentRequest": str(page_cost)})
    budget.acquire("companies")  # waits until the page's whole cost has refilled
    assert clock.slept == pytest.approx(next_wait, abs=0.01)


def test_429_pauses_everyone(clock):
    budget = RateBudget(share=1.0)
    budget.observe("tickets", 429, {"Retry-After": "3"})
    budget.acquire("companies")
    assert clock.slept == pytest.approx(3.0, abs=0.01)
    assert budget.stats.http_429["tickets"] == 1
