with

domains as (

    select company_id, domain, max(loaded_at) as loaded_at
    from {{ ref('stg_freshdesk__companies__domains') }}
    group by company_id, domain

),

companies as (

    select company_id, is_deleted from {{ ref('int_freshdesk__companies') }}

),

account as (

    select mirror_remote_id from {{ ref('stg_freshdesk__account') }}

),

prepared as (

    select
        {{ remote_id(['domains.company_id', 'domains.domain']) }} as remote_id,
        {{ remote_id(['domains.company_id']) }} as company_remote_id,
        domains.loaded_at as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        companies.is_deleted as is_deleted,
        null as when_created,
        null as when_modified,
        domains.company_id as company_id,
        domains.domain as domain

    from domains
    inner join companies
        on domains.company_id = companies.company_id
    cross join account

),

final as (

    select
        cast(remote_id as {{ dbt.type_string() }}) as "RemoteID",
        cast(company_remote_id as {{ dbt.type_string() }}) as "CompanyRemoteID",
        cast(when_upserted_into_data_store as {{ type_timestamp_tz() }}) as "WhenUpsertedIntoDataStore",
        cast(mirror_remote_id as {{ dbt.type_int() }}) as "MirrorRemoteID",
        cast(is_deleted as {{ dbt.type_boolean() }}) as "IsDeleted",
        cast(when_created as {{ type_timestamp_tz() }}) as "WhenCreated",
        cast(when_modified as {{ type_timestamp_tz() }}) as "WhenModified",
        cast(company_id as {{ dbt.type_bigint() }}) as "CompanyID",
        cast(domain as {{ dbt.type_string() }}) as "Domain"

    from prepared

)

select * from final
