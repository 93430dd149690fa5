{{ child_select(
    ref('stg_freshdesk__ticket_conversations__attachments'),
    parent=ref('int_freshdesk__ticket_conversations_deletion_flagged'),
    key=['attachment_id'],
    parent_key='ticket_conversation_id',
    renames={
        'id': 'child.attachment_id',
        'when_created': 'child.created_at',
        'when_modified': 'child.updated_at'
    }
) }}
