{{ renamed_nested_source('ticket_conversations__cc_emails', ['value as email']) }}
