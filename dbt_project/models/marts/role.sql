with

roles as (

    select * from {{ ref('int_freshdesk__roles') }}

),

account as (

    select mirror_remote_id from {{ ref('stg_freshdesk__account') }}

),

prepared as (

    select
        {{ remote_id(['roles.role_id']) }} as remote_id,
        roles.loaded_at as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        roles.is_deleted as is_deleted,
        roles.created_at as when_created,
        roles.updated_at as when_modified,
        roles.role_id as id,
        roles.name as name,
        roles.description as description,
        roles.is_default as {{ adapter.quote('default') }},
        roles.created_at as created_at,
        roles.updated_at as updated_at,
        roles.agent_type as agent_type

    from roles
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
        cast({{ adapter.quote('default') }} as {{ dbt.type_boolean() }}) as "Default",
        cast(created_at as {{ type_timestamp_tz() }}) as "CreatedAt",
        cast(updated_at as {{ type_timestamp_tz() }}) as "UpdatedAt",
        cast(agent_type as {{ dbt.type_int() }}) as "AgentType"

    from prepared

)

select * from final
