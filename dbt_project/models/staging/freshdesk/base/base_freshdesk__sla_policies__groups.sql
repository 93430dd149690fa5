{{ renamed_nested_source('sla_policies__groups', ['value as group_id']) }}
