{{ record_select(ref('int_freshdesk__companies_with_placeholders'), 'company_id') }}
