{{ renamed_nested_source('ticket_conversations__bcc_emails', ['value as email']) }}
