{{ child_select(
    ref('stg_freshdesk__companies__domains'),
    parent=ref('int_freshdesk__companies_with_placeholders'),
    key=['company_id', 'domain'],
    one_row_per_key=true
) }}
