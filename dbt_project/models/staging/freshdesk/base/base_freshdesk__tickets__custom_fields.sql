{{ renamed_nested_source('tickets__custom_fields', ['name as field_name', 'value_type', 'value_string', 'value_bool', 'value_long']) }}
