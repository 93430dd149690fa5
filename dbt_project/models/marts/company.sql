with

companies as (

    select * from {{ ref('int_freshdesk__companies_with_placeholders') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['companies.company_id'],
            loaded_at='companies.loaded_at',
            is_deleted='companies.is_deleted',
            created_at='companies.created_at',
            updated_at='companies.updated_at'
        ) }},
        companies.company_id as id,
        companies.name as name,
        companies.description as description,
        companies.created_at as created_at,
        companies.updated_at as updated_at,
        companies.note as note,
        companies.health_score as health_score,
        companies.account_tier as account_tier,
        companies.renewal_date as renewal_date,
        companies.industry as industry

    from companies
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
