{{ record_select(ref('int_freshdesk__sla_policies_deletion_flagged'), 'sla_policy_id') }}
