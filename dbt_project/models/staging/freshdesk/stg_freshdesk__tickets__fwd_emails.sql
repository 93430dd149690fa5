{{ nested_with_parent_key('base_freshdesk__tickets__fwd_emails', 'stg_freshdesk__tickets', ['ticket_id']) }}
