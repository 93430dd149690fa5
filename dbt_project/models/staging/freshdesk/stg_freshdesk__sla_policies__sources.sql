{{ nested_with_parent_key('base_freshdesk__sla_policies__sources', 'stg_freshdesk__sla_policies', ['sla_policy_id']) }}
