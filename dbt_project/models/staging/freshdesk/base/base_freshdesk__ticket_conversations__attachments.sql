{{ renamed_nested_source('ticket_conversations__attachments', ['id as attachment_id', 'name', 'content_type', 'size', 'created_at', 'updated_at', 'attachment_url', 'thumb_url']) }}
