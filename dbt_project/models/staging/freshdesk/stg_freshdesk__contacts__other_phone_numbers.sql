{{ nested_with_parent_key('base_freshdesk__contacts__other_phone_numbers', 'stg_freshdesk__contacts', ['contact_id']) }}
