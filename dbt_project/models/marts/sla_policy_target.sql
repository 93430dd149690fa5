{{ child_select(
    ref('stg_freshdesk__sla_policies__sla_targets'),
    parent=ref('int_freshdesk__sla_policies_deletion_flagged'),
    key=['sla_policy_id', 'target_name']
) }}
