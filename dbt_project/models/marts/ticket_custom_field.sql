{{ child_select(
    ref('stg_freshdesk__tickets__custom_fields'),
    parent=ref('int_freshdesk__tickets_with_placeholders'),
    key=['ticket_id', 'field_name']
) }}
