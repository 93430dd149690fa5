with

domains as (

    select company_id, domain, max(loaded_at) as loaded_at
    from {{ ref('stg_freshdesk__companies__domains') }}
    group by company_id, domain

),

companies as (

    select company_id, is_deleted from {{ ref('int_freshdesk__companies_with_placeholders') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['domains.company_id', 'domains.domain'],
            loaded_at='domains.loaded_at',
            is_deleted='companies.is_deleted'
        ) }},
        {{ remote_id(['domains.company_id']) }} as company_remote_id,
        domains.company_id as company_id,
        domains.domain as domain

    from domains
    inner join companies
        on domains.company_id = companies.company_id
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
