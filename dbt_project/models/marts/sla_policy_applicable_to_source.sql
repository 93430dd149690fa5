{{ child_select(
    ref('stg_freshdesk__sla_policies__sources'),
    parent=ref('int_freshdesk__sla_policies_deletion_flagged'),
    key=['sla_policy_id', 'source'],
    one_row_per_key=true,
    renames={'source_id': 'child.source'}
) }}
