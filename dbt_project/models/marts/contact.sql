{{ record_select(ref('int_freshdesk__contacts_with_placeholders'), 'contact_id') }}
