"""The raw tables' declared columns, and creating the ones no data reached.

This is the one declaration of the raw layer: the loader's dlt hints come from it, the column
lists in load/RAW_SCHEMA.md are generated from it (`python -m load.schema --write`), and the test
suite builds the dbt project on empty tables made from it, so a column staging reads but this
module does not declare fails the build.

Declaring every column the models read means a column exists, typed, even when every value in
an account is null; creating empty nested tables means a model never fails because, say, no
ticket in an account was ever forwarded.
"""

from __future__ import annotations

import argparse
import pathlib
import re
from typing import Any

import dlt

_TYPES = {"i": "bigint", "s": "text", "b": "bool", "t": "timestamp", "d": "double"}

# table -> "column:type ..." (types: i bigint, s text, b bool, t timestamp, d double)
ROOT_COLUMNS = {
    "account": "mirror_remote_id:i domain:s base_url:s is_sandbox:b api_account_id:i api_account_domain:s "
    "loaded_at:t",
    "agents": "id:i available:b occasional:b ticket_scope:i created_at:t updated_at:t last_active_at:t "
    "available_since:t type:s signature:s freshcaller_agent:b deactivated:b contact__active:b contact__email:s "
    "contact__job_title:s contact__language:s contact__last_login_at:t contact__mobile:s contact__name:s "
    "contact__phone:s contact__time_zone:s contact__created_at:t contact__updated_at:t",
    "business_hours": "id:i name:s description:s time_zone:s is_default:b created_at:t updated_at:t "
    "business_hours__monday__start_time:s business_hours__monday__end_time:s "
    "business_hours__tuesday__start_time:s business_hours__tuesday__end_time:s "
    "business_hours__wednesday__start_time:s business_hours__wednesday__end_time:s "
    "business_hours__thursday__start_time:s business_hours__thursday__end_time:s "
    "business_hours__friday__start_time:s business_hours__friday__end_time:s "
    "business_hours__saturday__start_time:s business_hours__saturday__end_time:s "
    "business_hours__sunday__start_time:s business_hours__sunday__end_time:s",
    "companies": "id:i name:s description:s note:s created_at:t updated_at:t health_score:s account_tier:s "
    "renewal_date:t industry:s",
    "contacts": "id:i name:s description:s avatar__id:i avatar__name:s avatar__content_type:s avatar__size:i "
    "avatar__created_at:t avatar__updated_at:t avatar__avatar_url:s created_at:t updated_at:t active:b deleted:b "
    "company_id:i address:s view_all_tickets:b email:s job_title:s language:s mobile:s phone:s twitter_id:s "
    "facebook_id:s unique_external_id:s preferred_source:s first_name:s last_name:s visitor_id:s "
    "org_contact_id:i time_zone:s",
    "email_mailboxes": "id:i name:s created_at:t updated_at:t group_id:i product_id:i support_email:s "
    "default_reply_email:b active:b mailbox_type:s failure_code:s freshdesk_mailbox__forward_email:s "
    "custom_mailbox__access_type:s custom_mailbox__incoming__mail_server:s custom_mailbox__incoming__port:i "
    "custom_mailbox__incoming__use_ssl:b custom_mailbox__incoming__delete_from_server:b "
    "custom_mailbox__incoming__authentication:s custom_mailbox__incoming__user_name:s "
    "custom_mailbox__incoming__failure_code:s custom_mailbox__outgoing__mail_server:s "
    "custom_mailbox__outgoing__port:i custom_mailbox__outgoing__use_ssl:b "
    "custom_mailbox__outgoing__authentication:s custom_mailbox__outgoing__user_name:s "
    "custom_mailbox__outgoing__failure_code:s",
    "groups": "id:i name:s description:s created_at:t updated_at:t escalate_to:i business_calendar_id:i "
    "unassigned_for:s type:s allow_agents_to_change_availability:b automatic_agent_assignment__enabled:b "
    "automatic_agent_assignment__type:s auto_ticket_assign:i",
    "products": "id:i name:s description:s created_at:t updated_at:t",
    "roles": "id:i name:s description:s default:b created_at:t updated_at:t agent_type:i",
    "sla_policies": "id:i name:s description:s active:b is_default:b position:i created_at:t updated_at:t",
    "tickets": "id:i subject:s description:s description_text:s created_at:t updated_at:t company_id:i deleted:b "
    "spam:b archived:b due_by:t fr_due_by:t fr_escalated:b is_escalated:b email_config_id:i group_id:i product_id:i "
    "requester_id:i responder_id:i priority:i source:i status:i type:s facebook_id:s twitter_id:s "
    "association_type:i support_email:s requester__name:s requester__email:s requester__phone:s "
    "requester__mobile:s stats__agent_responded_at:t stats__requester_responded_at:t "
    "stats__first_responded_at:t stats__status_updated_at:t stats__reopened_at:t stats__resolved_at:t "
    "stats__closed_at:t stats__pending_since:t",
    "ticket_conversations": "id:i ticket_id:i body:s body_text:s incoming:b private:b source:i category:i "
    "support_email:s from_email:s user_id:i created_at:t updated_at:t last_edited_at:t last_edited_user_id:i",
    "time_entries": "id:i note:s created_at:t updated_at:t agent_id:i ticket_id:i company_id:i billable:b "
    "executed_at:t start_time:t time_spent:s time_spent_in_seconds:i timer_running:b",
    "reconcile_tickets": "id:i",
    "reconcile_contacts": "id:i",
}

_CUSTOM_FIELDS = "name:s value_type:s value_string:s value_bool:b value_long:i"
_VALUE_S, _VALUE_I = "value:s", "value:i"

# root table -> {nested path: columns}
NESTED_COLUMNS: dict[str, dict[tuple[str, ...], str]] = {
    "companies": {("domains",): _VALUE_S, ("custom_fields",): _CUSTOM_FIELDS},
    "contacts": {
        ("other_emails",): _VALUE_S,
        ("other_companies",): "company_id:i view_all_tickets:b",
        ("other_phone_numbers",): "value:s label:s",
        ("tags",): _VALUE_S,
        ("custom_fields",): _CUSTOM_FIELDS,
    },
    "groups": {("agent_ids",): _VALUE_I},
    "sla_policies": {
        ("applicable_to", "company_ids"): _VALUE_I,
        ("applicable_to", "group_ids"): _VALUE_I,
        ("applicable_to", "sources"): _VALUE_I,
        ("applicable_to", "ticket_types"): _VALUE_S,
        ("applicable_to", "product_ids"): _VALUE_I,
        ("sla_targets",): "target_name:s respond_within:i resolve_within:i next_respond_within:i "
        "business_hours:b escalation_enabled:b",
        ("escalations",): "escalation_name:s escalation_time:i",
        ("escalations", "agent_ids"): _VALUE_I,
    },
    "tickets": {
        ("tags",): _VALUE_S,
        ("to_emails",): _VALUE_S,
        ("cc_emails",): _VALUE_S,
        ("reply_cc_emails",): _VALUE_S,
        ("fwd_emails",): _VALUE_S,
        ("custom_fields",): _CUSTOM_FIELDS,
    },
    "ticket_conversations": {
        ("to_emails",): _VALUE_S,
        ("cc_emails",): _VALUE_S,
        ("bcc_emails",): _VALUE_S,
        ("attachments",): "id:i name:s content_type:s size:i created_at:t updated_at:t attachment_url:s thumb_url:s",
    },
}


def columns(spec: str) -> dict[str, dict[str, Any]]:
    """`"id:i name:s"` -> dlt column hints."""
    out = {}
    for item in spec.split():
        name, kind = item.split(":")
        out[name] = {"name": name, "data_type": _TYPES[kind], "nullable": True}
    return out


def table_hints(table: str) -> dict[str, Any]:
    """`columns` and `nested_hints` for a root table, ready for a dlt resource."""
    hints: dict[str, Any] = {"columns": columns(ROOT_COLUMNS[table])}
    nested = NESTED_COLUMNS.get(table)
    if nested:
        hints["nested_hints"] = {path: _nested(table, path, spec, nested) for path, spec in nested.items()}
    return hints


def _nested(table: str, path: tuple[str, ...], spec: str, nested: dict) -> dict[str, Any]:
    parent = path[:-1]
    if parent and parent not in nested:
        # A list inside a dict (`applicable_to.company_ids`): the dict is flattened into the root
        # row, so the child table hangs off the root table directly.
        return dlt.mark.make_nested_hints(columns=columns(spec), parent_table_name=table)
    return dlt.mark.make_nested_hints(columns=columns(spec))


_SQL_TYPES = {
    "bigint": "BIGINT",
    "text": "VARCHAR",
    "bool": "BOOLEAN",
    "timestamp": "TIMESTAMP WITH TIME ZONE",
    "double": "DOUBLE PRECISION",
}
_DLT_NESTED = {"_dlt_root_id": "text", "_dlt_parent_id": "text", "_dlt_list_idx": "bigint", "_dlt_id": "text"}
_DLT_ROOT = {"_dlt_load_id": "text", "_dlt_id": "text"}


def expected_tables() -> dict[str, dict[str, str]]:
    """Every raw table the models read, with its columns and dlt types."""
    out: dict[str, dict[str, str]] = {}
    for table, spec in ROOT_COLUMNS.items():
        out[table] = {**{c: h["data_type"] for c, h in columns(spec).items()}, **_DLT_ROOT}
        for path, nested_spec in NESTED_COLUMNS.get(table, {}).items():
            name = "__".join((table, *path))
            out[name] = {**{c: h["data_type"] for c, h in columns(nested_spec).items()}, **_DLT_NESTED}
    return out


def create_missing_tables(pipeline: dlt.Pipeline) -> list[str]:
    """Create the declared raw tables that no load has created yet (empty, with their columns)."""
    created = []
    with pipeline.sql_client() as client:
        for table, cols in expected_tables().items():
            if client.has_dataset() and _table_exists(client, table):
                continue
            ddl = ", ".join(f"{client.escape_column_name(c)} {_SQL_TYPES[t]}" for c, t in cols.items())
            client.execute_sql(f"CREATE TABLE IF NOT EXISTS {client.make_qualified_table_name(table)} ({ddl})")
            created.append(table)
    return created


def _table_exists(client, table: str) -> bool:
    rows = client.execute_sql(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = %s AND table_name = %s",
        client.dataset_name,
        table,
    )
    return bool(rows)


RAW_SCHEMA_DOC = pathlib.Path(__file__).with_name("RAW_SCHEMA.md")
_GENERATED = re.compile(
    r"(<!-- generated from load/schema.py[^\n]*-->\n)(.*?)(<!-- end of generated columns -->)", re.S)


def columns_markdown() -> str:
    """The declared raw tables and their columns (dlt's own omitted) as a Markdown table."""
    lines = ["| table | columns (dlt data type) |", "|---|---|"]
    for table, cols in expected_tables().items():
        declared = ", ".join(f"`{c}` {t}" for c, t in cols.items() if not c.startswith("_dlt_"))
        lines.append(f"| `{table}` | {declared} |")
    return "\n".join(lines) + "\n"


def documented_columns(doc: str) -> str:
    """The generated section of `doc` (the text of load/RAW_SCHEMA.md)."""
    match = _GENERATED.search(doc)
    if not match:
        raise ValueError(f"{RAW_SCHEMA_DOC.name} has no generated columns section")
    return match.group(2)


def write_doc(path: pathlib.Path = RAW_SCHEMA_DOC) -> None:
    """Rewrite the generated columns section of load/RAW_SCHEMA.md from the declaration."""
    doc = path.read_text()
    documented_columns(doc)
    path.write_text(_GENERATED.sub(lambda m: m.group(1) + columns_markdown() + m.group(3), doc))


def main(argv: list[str] | None = None) -> None:
    """`python -m load.schema`: print the columns table, or `--write` it into load/RAW_SCHEMA.md."""
    parser = argparse.ArgumentParser(prog="python -m load.schema", description=main.__doc__)
    parser.add_argument("--write", action="store_true", help=f"rewrite the generated section of {RAW_SCHEMA_DOC.name}")
    args = parser.parse_args(argv)
    if args.write:
        write_doc()
    else:
        print(columns_markdown(), end="")


if __name__ == "__main__":
    main()
