with

group_agents as (

    select group_id, agent_id, max(loaded_at) as loaded_at
    from {{ ref('stg_freshdesk__groups__agent_ids') }}
    group by group_id, agent_id

),

groups as (

    select group_id, is_deleted from {{ ref('int_freshdesk__groups') }}

),

account as (

    select mirror_remote_id from {{ ref('stg_freshdesk__account') }}

),

prepared as (

    select
        {{ remote_id(['group_agents.group_id', 'group_agents.agent_id']) }} as remote_id,
        {{ remote_id(['group_agents.group_id']) }} as group_remote_id,
        group_agents.loaded_at as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        groups.is_deleted as is_deleted,
        null as when_created,
        null as when_modified,
        group_agents.group_id as group_id,
        group_agents.agent_id as agent_id

    from group_agents
    inner join groups
        on group_agents.group_id = groups.group_id
    cross join account

),

final as (

    select
        cast(remote_id as {{ dbt.type_string() }}) as "RemoteID",
        cast(group_remote_id as {{ dbt.type_string() }}) as "GroupRemoteID",
        cast(when_upserted_into_data_store as {{ type_timestamp_tz() }}) as "WhenUpsertedIntoDataStore",
        cast(mirror_remote_id as {{ dbt.type_int() }}) as "MirrorRemoteID",
        cast(is_deleted as {{ dbt.type_boolean() }}) as "IsDeleted",
        cast(when_created as {{ type_timestamp_tz() }}) as "WhenCreated",
        cast(when_modified as {{ type_timestamp_tz() }}) as "WhenModified",
        cast(group_id as {{ dbt.type_bigint() }}) as "GroupID",
        cast(agent_id as {{ dbt.type_bigint() }}) as "AgentID"

    from prepared

)

select * from final
