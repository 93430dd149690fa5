with

sla_policies as (

    select * from {{ ref('int_freshdesk__sla_policies') }}

),

account as (

    select mirror_remote_id from {{ ref('stg_freshdesk__account') }}

),

prepared as (

    select
        {{ remote_id(['sla_policies.sla_policy_id']) }} as remote_id,
        sla_policies.loaded_at as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        sla_policies.is_deleted as is_deleted,
        sla_policies.created_at as when_created,
        sla_policies.updated_at as when_modified,
        sla_policies.sla_policy_id as id,
        sla_policies.name as name,
        sla_policies.description as description,
        sla_policies.active as active,
        sla_policies.is_default as is_default,
        sla_policies.position as position

    from sla_policies
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
        cast(active as {{ dbt.type_boolean() }}) as "Active",
        cast(is_default as {{ dbt.type_boolean() }}) as "IsDefault",
        cast(position as {{ dbt.type_int() }}) as "Position"

    from prepared

)

select * from final
