{{ child_select(
    ref('stg_freshdesk__sla_policies__products'),
    parent=ref('int_freshdesk__sla_policies_deletion_flagged'),
    key=['sla_policy_id', 'product_id'],
    one_row_per_key=true
) }}
