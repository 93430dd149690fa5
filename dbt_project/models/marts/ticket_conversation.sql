{{ record_select(ref('int_freshdesk__ticket_conversations_deletion_flagged'), 'ticket_conversation_id', renames={
    'ticket_remote_id': remote_id(['record.ticket_id'])
}) }}
