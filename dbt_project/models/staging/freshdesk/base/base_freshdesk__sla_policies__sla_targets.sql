{{ renamed_nested_source('sla_policies__sla_targets', ['target_name', 'respond_within', 'resolve_within', 'next_respond_within', 'business_hours', 'escalation_enabled']) }}
