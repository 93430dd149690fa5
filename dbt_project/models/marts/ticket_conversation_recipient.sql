{{ child_select(
    ref('int_freshdesk__ticket_conversation_recipient_lists_pivoted'),
    parent=ref('int_freshdesk__ticket_conversations_deletion_flagged'),
    key=['ticket_conversation_id', 'email']
) }}
