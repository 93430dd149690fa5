{{ renamed_nested_source('tickets__to_emails', ['value as email']) }}
