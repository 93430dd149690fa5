{{ nested_with_parent_key('base_freshdesk__contacts__tags', 'stg_freshdesk__contacts', ['contact_id']) }}
