{{ renamed_nested_source('tickets__fwd_emails', ['value as email']) }}
