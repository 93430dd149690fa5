from load import records


def test_custom_fields_land_in_the_column_of_their_json_type():
    rows = records.custom_field_rows(
        {"cf_s": "x", "cf_b": True, "cf_i": 2**60, "cf_d": 499.99, "cf_date": "2024-02-28", "cf_n": None, "cf_l": [1]}
    )
    by_name = {r["name"]: r for r in rows}
    assert by_name["cf_s"]["value_string"] == "x" and by_name["cf_s"]["value_type"] == "string"
    assert by_name["cf_b"]["value_bool"] is True and by_name["cf_b"]["value_long"] is None
    assert by_name["cf_i"]["value_long"] == 2**60
    assert by_name["cf_d"]["value_string"] == "499.99" and by_name["cf_d"]["value_type"] == "number"
    assert by_name["cf_date"]["value_string"] == "2024-02-28"
    assert by_name["cf_n"]["value_type"] == "null"
    assert by_name["cf_l"]["value_string"] == "[1]"


def test_ticket_gets_explicit_deleted_and_spam_flags():
    assert records.ticket({"id": 1, "custom_fields": {}})["deleted"] is False
    assert records.ticket({"id": 1, "deleted": True})["deleted"] is True


def test_contact_other_companies_accepts_ids_and_objects():
    a = records.contact({"id": 1, "other_companies": [5]})
    b = records.contact({"id": 1, "other_companies": [{"company_id": 5, "view_all_tickets": True}]})
    assert a["other_companies"] == [{"company_id": 5, "view_all_tickets": None}]
    assert b["other_companies"] == [{"company_id": 5, "view_all_tickets": True}]


def test_sla_policy_dicts_become_rows():
    policy = records.sla_policy({
        "id": 9,
        "sla_target": {"priority_4": {"respond_within": 900}, "priority_1": {"respond_within": 60}},
        "escalation": {
            "reminder_response": {},
            "response": {"escalation_time": 1800, "agent_ids": [-1, 7]},
            "resolution": {"level_1": {"escalation_time": 1, "agent_ids": [7]}, "level_2": {}},
        },
    })
    assert sorted(t["target_name"] for t in policy["sla_targets"]) == ["priority_1", "priority_4"]
    assert [e["escalation_name"] for e in policy["escalations"]] == ["response", "resolution_level_1"]
    assert policy["escalations"][0]["agent_ids"] == [-1, 7]
    assert "sla_target" not in policy and "escalation" not in policy
