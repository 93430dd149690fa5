{{ renamed_nested_source('ticket_conversations__to_emails', ['value as email']) }}
