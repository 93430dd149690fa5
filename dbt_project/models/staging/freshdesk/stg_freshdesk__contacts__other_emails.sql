{{ nested_with_parent_key('base_freshdesk__contacts__other_emails', 'stg_freshdesk__contacts', ['contact_id']) }}
