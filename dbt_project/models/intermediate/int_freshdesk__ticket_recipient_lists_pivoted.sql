{{ recipient_lists_pivoted('ticket_id', {
    'primary': 'stg_freshdesk__tickets__to_emails',
    'cc': 'stg_freshdesk__tickets__cc_emails',
    'reply_cc': 'stg_freshdesk__tickets__reply_cc_emails',
    'fwd': 'stg_freshdesk__tickets__fwd_emails',
}) }}
