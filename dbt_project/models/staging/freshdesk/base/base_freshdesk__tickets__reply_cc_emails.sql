{{ renamed_nested_source('tickets__reply_cc_emails', ['value as email']) }}
