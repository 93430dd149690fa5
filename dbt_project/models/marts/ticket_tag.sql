{{ child_select(
    ref('stg_freshdesk__tickets__tags'),
    parent=ref('int_freshdesk__tickets_with_placeholders'),
    key=['ticket_id', 'tag'],
    one_row_per_key=true
) }}
