{{ nested_with_parent_key('base_freshdesk__ticket_conversations__attachments', 'stg_freshdesk__ticket_conversations', ['ticket_conversation_id']) }}
