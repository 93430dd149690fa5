{{ nested_with_parent_key('base_freshdesk__ticket_conversations__cc_emails', 'stg_freshdesk__ticket_conversations', ['ticket_conversation_id']) }}
