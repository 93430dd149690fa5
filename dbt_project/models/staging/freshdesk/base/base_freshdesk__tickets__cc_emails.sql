{{ renamed_nested_source('tickets__cc_emails', ['value as email']) }}
