"""Reshape API records before dlt normalizes them.

Dicts keyed by data (`custom_fields`, `sla_target`, `escalation`) become lists of rows, so an
account adding a custom field, or a field changing type, adds rows and never raw columns.
"""

from __future__ import annotations

import json
from typing import Any


def drop_nulls(record: dict[str, Any]) -> dict[str, Any]:
    """Leave out top-level nulls: a merge writes the row whole, so an absent key is null all the same,
    and dlt need not warn about columns it cannot type (the declared ones exist regardless)."""
    return {k: v for k, v in record.items() if v is not None}


def custom_field_rows(fields: dict[str, Any] | None) -> list[dict[str, Any]]:
    """`{"cf_x": value}` -> one row per field with the value in a column of its JSON type."""
    rows = []
    for name, value in (fields or {}).items():
        row: dict[str, Any] = {"name": name, "value_string": None, "value_bool": None, "value_long": None}
        if value is None:
            row["value_type"] = "null"
        elif isinstance(value, bool):
            row["value_type"], row["value_bool"] = "boolean", value
        elif isinstance(value, int):
            row["value_type"], row["value_long"] = "integer", value
        elif isinstance(value, float):
            row["value_type"], row["value_string"] = "number", repr(value)
        elif isinstance(value, str):
            row["value_type"], row["value_string"] = "string", value
        else:  # a multi-select field's list of choices (or an object): kept as JSON text
            row["value_type"] = "list" if isinstance(value, list) else "object"
            row["value_string"] = json.dumps(value, sort_keys=True)
        rows.append(row)
    return rows


def _with_custom_fields(record: dict[str, Any]) -> dict[str, Any]:
    if "custom_fields" in record:
        record["custom_fields"] = custom_field_rows(record["custom_fields"])
    return record


_TICKET_LISTS = ("to_emails", "cc_emails", "reply_cc_emails", "fwd_emails", "ticket_cc_emails", "ticket_bcc_emails")


def ticket(record: dict[str, Any]) -> dict[str, Any]:
    """A ticket from any of the three list passes; `deleted` is explicit (the list omits it).

    Recipient lists are null on tickets that never had them: dropped, so they give no rows
    (and no untyped null column).
    """
    for key in _TICKET_LISTS:
        if key in record and record[key] is None:
            del record[key]
    record["deleted"] = bool(record.get("deleted", False))
    record["spam"] = bool(record.get("spam", False))
    return _with_custom_fields(record)


def contact(record: dict[str, Any]) -> dict[str, Any]:
    """A contact; `other_companies` normalised to objects (the list sends bare ids)."""
    record["deleted"] = bool(record.get("deleted", False))
    others = record.get("other_companies")
    if others:
        record["other_companies"] = [
            o if isinstance(o, dict) else {"company_id": o, "view_all_tickets": None} for o in others
        ]
    return _with_custom_fields(record)


def company(record: dict[str, Any]) -> dict[str, Any]:
    """A company; custom fields as rows."""
    return _with_custom_fields(record)


def sla_policy(record: dict[str, Any]) -> dict[str, Any]:
    """An SLA policy with its target and escalation dicts turned into lists of rows."""
    targets = record.pop("sla_target", None) or {}
    record["sla_targets"] = [{"target_name": name, **(values or {})} for name, values in targets.items()]
    escalation = record.pop("escalation", None) or {}
    rows = []
    for name, value in escalation.items():
        if not value:
            continue  # reminder_* and next_response are empty dicts when unset
        if "escalation_time" in value or "agent_ids" in value:
            rows.append({"escalation_name": name, **value})
        else:  # `resolution` nests level_1..level_4
            for level, inner in value.items():
                if inner:
                    rows.append({"escalation_name": f"{name}_{level}", **inner})
    record["escalations"] = rows
    return record
