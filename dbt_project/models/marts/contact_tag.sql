{{ child_select(
    ref('stg_freshdesk__contacts__tags'),
    parent=ref('int_freshdesk__contacts_with_placeholders'),
    key=['contact_id', 'tag'],
    one_row_per_key=true
) }}
