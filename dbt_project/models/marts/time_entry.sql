with

time_entries as (

    select * from {{ ref('int_freshdesk__time_entries') }}

),

account as (

    select mirror_remote_id from {{ ref('stg_freshdesk__account') }}

),

prepared as (

    select
        {{ remote_id(['time_entries.time_entry_id']) }} as remote_id,
        time_entries.loaded_at as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        time_entries.is_deleted as is_deleted,
        time_entries.created_at as when_created,
        time_entries.updated_at as when_modified,
        time_entries.time_entry_id as id,
        time_entries.note as note,
        time_entries.created_at as created_at,
        time_entries.updated_at as updated_at,
        time_entries.agent_id as agent_id,
        time_entries.ticket_id as ticket_id,
        time_entries.company_id as company_id,
        time_entries.billable as billable,
        time_entries.executed_at as executed_at,
        time_entries.start_time as start_time,
        time_entries.time_spent as time_spent,
        time_entries.time_spent_in_seconds as time_spent_in_seconds,
        time_entries.timer_running as timer_running

    from time_entries
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
        cast(note as {{ dbt.type_string() }}) as "Note",
        cast(created_at as {{ type_timestamp_tz() }}) as "CreatedAt",
        cast(updated_at as {{ type_timestamp_tz() }}) as "UpdatedAt",
        cast(agent_id as {{ dbt.type_bigint() }}) as "AgentID",
        cast(ticket_id as {{ dbt.type_bigint() }}) as "TicketID",
        cast(company_id as {{ dbt.type_bigint() }}) as "CompanyID",
        cast(billable as {{ dbt.type_boolean() }}) as "Billable",
        cast(executed_at as {{ type_timestamp_tz() }}) as "ExecutedAt",
        cast(start_time as {{ type_timestamp_tz() }}) as "StartTime",
        cast(time_spent as {{ dbt.type_string() }}) as "TimeSpent",
        cast(time_spent_in_seconds as {{ dbt.type_bigint() }}) as "TimeSpentInSeconds",
        cast(timer_running as {{ dbt.type_boolean() }}) as "TimerRunning"

    from prepared

)

select * from final
