{{ child_select(
    ref('stg_freshdesk__contacts__other_emails'),
    parent=ref('int_freshdesk__contacts_with_placeholders'),
    key=['contact_id', 'email'],
    one_row_per_key=true,
    renames={'email_address': 'child.email'}
) }}
