{{ recipient_lists_pivoted('ticket_conversation_id', {
    'primary': 'stg_freshdesk__ticket_conversations__to_emails',
    'cc': 'stg_freshdesk__ticket_conversations__cc_emails',
    'bcc': 'stg_freshdesk__ticket_conversations__bcc_emails',
}) }}
