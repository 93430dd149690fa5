with

companies as (

    select * from {{ ref('int_freshdesk__companies') }}

),

account as (

    select mirror_remote_id from {{ ref('stg_freshdesk__account') }}

),

prepared as (

    select
        {{ remote_id(['companies.company_id']) }} as remote_id,
        companies.loaded_at as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        companies.is_deleted as is_deleted,
        companies.created_at as when_created,
        companies.updated_at as when_modified,
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
    cross join account

),

final as (

    select
        cast(remote_id as {{ dbt.type_string() }}) as "RemoteID",
        cast(when_upserted_into_data_store as {{ type_timestamp_tz() }}) as "WhenUpsertedIntoDataStore",
        cast(mirror_remote_id as {{ dbt.type_int() }}) as "MirrorRemoteID",
        cast(is_deleted as {{ dbt.type_boolean() }}) as "IsDeleted",
        cast(when_created as {{ type_timestamp_tz() }}) as "WhenCreated",
        cast(when_modified as {{ type_timestamp_tz() }}) as "WhenModified",
        cast(id as {{ dbt.type_bigint() }}) as "ID",
        cast(name as {{ dbt.type_string() }}) as "Name",
        cast(description as {{ dbt.type_string() }}) as "Description",
        cast(created_at as {{ type_timestamp_tz() }}) as "CreatedAt",
        cast(updated_at as {{ type_timestamp_tz() }}) as "UpdatedAt",
        cast(note as {{ dbt.type_string() }}) as "Note",
        cast(health_score as {{ dbt.type_string() }}) as "HealthScore",
        cast(account_tier as {{ dbt.type_string() }}) as "AccountTier",
        cast(renewal_date as {{ type_timestamp_tz() }}) as "RenewalDate",
        cast(industry as {{ dbt.type_string() }}) as "Industry"

    from prepared

)

select * from final
