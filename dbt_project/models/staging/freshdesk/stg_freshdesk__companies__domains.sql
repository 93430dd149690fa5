{{ nested_with_parent_key('base_freshdesk__companies__domains', 'stg_freshdesk__companies', ['company_id']) }}
