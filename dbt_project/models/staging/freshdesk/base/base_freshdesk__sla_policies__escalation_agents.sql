{{ renamed_nested_source('sla_policies__escalation_agents', ['value as agent_id']) }}
