{{ nested_with_parent_key('base_freshdesk__ticket_conversations__to_emails', 'stg_freshdesk__ticket_conversations', ['ticket_conversation_id']) }}
