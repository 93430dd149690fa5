{{ renamed_nested_source('tickets__tags', ['value as tag']) }}
