{{ child_select(
    ref('int_freshdesk__ticket_recipient_lists_pivoted'),
    parent=ref('int_freshdesk__tickets_with_placeholders'),
    key=['ticket_id', 'email']
) }}
