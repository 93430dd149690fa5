{{ record_select(ref('int_freshdesk__tickets_with_placeholders'), 'ticket_id', renames={
    'name': 'record.requester_name',
    'email': 'record.requester_email',
    'phone': 'record.requester_phone'
}) }}
