{{ child_select(
    ref('stg_freshdesk__sla_policies__ticket_types'),
    parent=ref('int_freshdesk__sla_policies_deletion_flagged'),
    key=['sla_policy_id', 'ticket_type'],
    one_row_per_key=true
) }}
