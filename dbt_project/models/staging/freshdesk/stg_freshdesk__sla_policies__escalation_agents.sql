{{ nested_with_parent_key('base_freshdesk__sla_policies__escalation_agents', 'stg_freshdesk__sla_policies__escalations', ['sla_policy_id', 'escalation_name', 'escalation_time'], link='parent') }}
