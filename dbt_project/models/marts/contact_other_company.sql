with

other_companies as (

    select contact_id, company_id, {{ dbt.bool_or('view_all_tickets') }} as view_all_tickets, max(loaded_at) as loaded_at
    from {{ ref('stg_freshdesk__contacts__other_companies') }}
    group by contact_id, company_id

),

contacts as (

    select contact_id, is_deleted from {{ ref('int_freshdesk__contacts_with_placeholders') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['other_companies.contact_id', 'other_companies.company_id'],
            loaded_at='other_companies.loaded_at',
            is_deleted='contacts.is_deleted'
        ) }},
        {{ remote_id(['other_companies.contact_id']) }} as contact_remote_id,
        other_companies.contact_id as contact_id,
        other_companies.company_id as company_id,
        other_companies.view_all_tickets as view_all_tickets

    from other_companies
    inner join contacts
        on other_companies.contact_id = contacts.contact_id
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
