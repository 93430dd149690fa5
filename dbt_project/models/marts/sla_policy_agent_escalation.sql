{{ child_select(
    ref('int_freshdesk__sla_escalation_agents_resolved'),
    parent=ref('int_freshdesk__sla_policies_deletion_flagged'),
    key=['sla_policy_id', 'escalation_name', 'escalation_agent_id']
) }}
