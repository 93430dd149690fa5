{{ renamed_nested_source('sla_policies__companies', ['value as company_id']) }}
