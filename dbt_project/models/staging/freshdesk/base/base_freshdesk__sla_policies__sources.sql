{{ renamed_nested_source('sla_policies__sources', ['value as source']) }}
