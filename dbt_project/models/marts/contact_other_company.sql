with

other_companies as (

    select contact_id, company_id, {{ dbt.bool_or('view_all_tickets') }} as view_all_tickets, max(loaded_at) as loaded_at
    from {{ ref('stg_freshdesk__contacts__other_companies') }}
    group by contact_id, company_id

)

{{ child_select(
    'other_companies',
    parent=ref('int_freshdesk__contacts_with_placeholders'),
    key=['contact_id', 'company_id']
) }}
