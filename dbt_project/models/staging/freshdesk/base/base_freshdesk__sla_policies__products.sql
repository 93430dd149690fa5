{{ renamed_nested_source('sla_policies__products', ['value as product_id']) }}
