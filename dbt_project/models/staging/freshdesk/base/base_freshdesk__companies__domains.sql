{{ renamed_nested_source('companies__domains', ['value as domain']) }}
