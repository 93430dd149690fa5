{{ nested_with_parent_key('base_freshdesk__contacts__other_companies', 'stg_freshdesk__contacts', ['contact_id']) }}
