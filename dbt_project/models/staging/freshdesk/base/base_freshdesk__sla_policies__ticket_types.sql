{{ renamed_nested_source('sla_policies__ticket_types', ['value as ticket_type']) }}
