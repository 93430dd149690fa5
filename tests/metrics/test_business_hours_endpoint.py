"""The sandbox's `/business_hours`, which the metrics' business minutes come from: the API's
shape (days absent when closed, 12-hour clock times, Rails zone names), admin only."""

from __future__ import annotations

import requests

from load.sandbox import Account, SandboxServer


def test_business_hours_is_an_admin_list_in_the_api_shape():
    with SandboxServer(account=Account(seed=1, scale="tiny"), plan="unlimited") as sandbox:
        answer = requests.get(f"{sandbox.base_url}/business_hours", auth=(sandbox.api_key, "X"), timeout=10)
        denied = requests.get(f"{sandbox.base_url}/business_hours", auth=(sandbox.agent_api_key, "X"), timeout=10)
        group_calendars = {g["business_calendar_id"] for g in sandbox.account.groups} - {None}
    assert answer.status_code == 200
    calendars = answer.json()
    assert [c["is_default"] for c in calendars].count(True) == 1
    assert group_calendars <= {c["id"] for c in calendars}, "every calendar a group names is served"
    for calendar in calendars:
        assert set(calendar) == {"id", "name", "description", "time_zone", "is_default", "business_hours",
                                 "created_at", "updated_at"}
        assert "sunday" not in calendar["business_hours"], "a closed day is absent"
        for hours in calendar["business_hours"].values():
            assert set(hours) == {"start_time", "end_time"}
            assert hours["start_time"].endswith((" am", " pm")) and len(hours["start_time"]) == 11
    assert denied.status_code == 403 and denied.json()["code"] == "access_denied"
