{{ renamed_nested_source('contacts__other_companies', ['company_id', 'view_all_tickets']) }}
