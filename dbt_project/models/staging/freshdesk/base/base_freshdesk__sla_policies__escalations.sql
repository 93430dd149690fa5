{{ renamed_nested_source('sla_policies__escalations', ['escalation_name', 'escalation_time']) }}
