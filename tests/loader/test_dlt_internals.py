"""The guard of `load/dlt_internals.py`: every assumption that module makes about dlt beyond its
public API, checked against the installed dlt. When an upgrade changes one, the test fails with a
message naming the module. No network: HTTP answers come from an adapter."""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from contextlib import contextmanager

import dlt
import pytest
import requests
from dlt.common.runtime import signals
from dlt.sources.helpers.requests import Client
from dlt.sources.helpers.rest_client import PageData, RESTClient
from dlt.sources.helpers.rest_client.paginators import HeaderLinkPaginator
from dlt.sources.rest_api import rest_api_resources
from requests.adapters import HTTPAdapter

from load import dlt_internals

MODULE = "load/dlt_internals.py"
BASE_URL = "http://guard.invalid/api"


@contextmanager
def relied_on(what: str) -> Iterator[None]:
    """Any failure inside means dlt no longer does `what`: say so, naming the module to fix."""
    try:
        yield
    except Exception as exc:
        raise AssertionError(f"{MODULE} relies on {what}, which dlt {dlt.__version__} does not do "
                             f"({type(exc).__name__}: {exc}); fix that module (its docstring says why each "
                             "piece is there), not its callers") from exc


class Canned(HTTPAdapter):
    """Answers each request with the next (status, JSON body, next page?) of `answers`."""

    def __init__(self, answers: list[tuple[int, object, bool]]) -> None:
        super().__init__()
        self.answers = list(answers)

    def send(self, request, *args, **kwargs):
        status, body, has_next = self.answers.pop(0)
        response = requests.Response()
        response.status_code, response.url, response.request = status, request.url, request
        response._content = json.dumps(body).encode()
        response.headers["Content-Type"] = "application/json"
        if has_next:
            response.headers["Link"] = f'<{BASE_URL}/things?page=2>; rel="next"'
        return response


def _same(row: dict) -> dict:
    return row


def _things(answers, **endpoint):
    """A rest_api resource over canned pages, its rows `{"id", "updated_at"}`."""
    session = requests.Session()
    session.mount("http://", Canned(answers))
    config = {
        "client": {"base_url": BASE_URL, "session": session, "paginator": HeaderLinkPaginator()},
        "resources": [{"name": "things", "primary_key": "id", "processing_steps": [{"map": _same}],
                       "endpoint": {"path": "things", "data_selector": dlt_internals.compiled_selector("$"),
                                    **endpoint}}],
    }
    return rest_api_resources(config)[0]


def _rows(first: int, last: int) -> list[dict]:
    return [{"id": i, "updated_at": i} for i in range(first, last + 1)]


def check_limit() -> None:
    with relied_on("add_limit's step telling whether it stopped the resource (`LimitItem.exhausted`)"):
        def numbers():
            yield from ([i] for i in range(5))

        stopped = dlt.resource(numbers, name="stopped").add_limit(max_items=2)
        assert list(stopped) == [0, 1] and dlt_internals.limit_reached(stopped) is True
        read_whole = dlt.resource(numbers, name="whole").add_limit(max_items=10, max_time=60.0)
        assert list(read_whole) == [0, 1, 2, 3, 4] and dlt_internals.limit_reached(read_whole) is False


def check_step_after_generator() -> None:
    """A step after the generator of a rest_api resource gets the rest client's pages, before the
    incremental step and the limit, and (in fifo mode, as the loader runs) each item it yields runs
    through the limit before the next, and before the generator's next page."""
    with relied_on("a step at position 1 running on rest_api's pages (`PageData`, its paginator), "
                   "before the incremental step and the limit, one yielded item at a time"), \
            dlt.config.values({"extract.next_item_mode": "fifo"}):
        pages: list[tuple[type, bool]] = []
        made: list[dict] = []
        resource = _things([(200, _rows(1, 4), True), (200, _rows(5, 8), False)],
                           params={"since": {"type": "incremental", "cursor_path": "updated_at",
                                             "initial_value": 3}})

        def one_row_at_a_time(item, meta=None):
            pages.append((type(item), dlt_internals.next_page_follows(item)))
            for row in item:
                if resource.limit is not None and dlt_internals.limit_reached(resource):
                    return
                made.append(row)
                yield [row]

        dlt_internals.add_step_after_generator(resource, one_row_at_a_time)
        assert [row["id"] for row in resource] == [3, 4, 5, 6, 7, 8]  # the cursor filters after the step
        assert pages == [(PageData, True), (PageData, False)], pages
        assert [row["id"] for row in made] == [1, 2, 3, 4, 5, 6, 7, 8]  # ...which saw the rows it drops

        made.clear()
        resource = _things([(200, _rows(1, 4), True), (200, _rows(5, 8), False)]).add_limit(max_items=2)
        dlt_internals.add_step_after_generator(resource, one_row_at_a_time)
        assert [row["id"] for row in resource] == [1, 2]
        assert [row["id"] for row in made] == [1, 2]  # the limit closed before a third was made
        assert dlt_internals.limit_reached(resource)


def check_signals() -> None:
    """First signal: a flag, the wake-up event set, an exception naming it; second: the handler
    installed before. Handlers are this test's own throughout (never the default, which would end it)."""
    with relied_on("dlt's signal handling (`dlt.common.runtime.signals`: intercepted_signals, its flag "
                   "and `exit_event`, SignalReceivedException.signal_code)"):
        calls: list[int] = []
        previous = signal.signal(signal.SIGTERM, lambda signum, frame: calls.append(signum))
        try:
            dlt_internals.clear_wakeup()
            with dlt_internals.intercepted_signals():
                assert dlt_internals.received_signal() is None
                signal.raise_signal(signal.SIGTERM)
                assert dlt_internals.received_signal() == signal.SIGTERM and not calls
                assert signals.exit_event.is_set()
                dlt_internals.sleep(30.0)  # returns at once
                with pytest.raises(dlt_internals.SignalReceivedException):
                    dlt_internals.raise_if_signalled()
                signal.raise_signal(signal.SIGTERM)
                assert calls == [signal.SIGTERM]
            assert dlt_internals.received_signal() is None
        finally:
            signal.signal(signal.SIGTERM, previous)
            dlt_internals.clear_wakeup()


def check_retry_sleep() -> None:
    with relied_on("the sleep of dlt's retrying session being tenacity's `session.send.retry.sleep`"):
        session = Client(raise_for_status=False, request_max_attempts=2, request_backoff_factor=1).session
        session.mount("http://", Canned([(503, {}, False), (200, [], False)]))
        slept: list[float] = []
        dlt_internals.wake_retries_with(session, slept.append)
        assert session.get(f"{BASE_URL}/things").status_code == 200
        assert len(slept) == 1, slept


def check_selector() -> None:
    with relied_on("the rest client taking a compiled JSONPath (`dlt.common.jsonpath.compile_path`) as data selector"):
        selector = dlt_internals.compiled_selector("$")
        assert not isinstance(selector, str)
        session = requests.Session()
        session.mount("http://", Canned([(200, _rows(1, 2), False)]))
        client = RESTClient(base_url=BASE_URL, session=session, paginator=HeaderLinkPaginator())
        assert [list(page) for page in client.paginate("things", data_selector=selector)] == [_rows(1, 2)]


CHECKS = [check_limit, check_step_after_generator, check_signals, check_retry_sleep, check_selector]


@pytest.mark.parametrize("check", CHECKS, ids=[c.__name__ for c in CHECKS])
def test_what_load_dlt_internals_relies_on_still_holds(check):
    check()


def _pages_as_plain_lists(monkeypatch):
    paginate = RESTClient.paginate
    monkeypatch.setattr(RESTClient, "paginate", lambda self, *a, **k: (list(p) for p in paginate(self, *a, **k)))


@pytest.mark.parametrize(("check", "change"), [
    (check_signals, lambda mp: mp.delattr(signals, "exit_event")),
    (check_step_after_generator, _pages_as_plain_lists),
    (check_retry_sleep, lambda mp: mp.setattr(Client, "_make_session", lambda self: requests.Session())),
], ids=["signals-without-exit-event", "rest-api-pages-without-paginator", "session-without-retry"])
def test_the_guard_fails_naming_the_module_when_dlt_changes(check, change, monkeypatch):
    change(monkeypatch)
    with pytest.raises(AssertionError, match=f"^{MODULE} relies on"):
        check()
