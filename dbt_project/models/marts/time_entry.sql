with

time_entries as (

    select * from {{ ref('int_freshdesk__time_entries_deletion_flagged') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['time_entries.time_entry_id'],
            loaded_at='time_entries.loaded_at',
            is_deleted='time_entries.is_deleted',
            created_at='time_entries.created_at',
            updated_at='time_entries.updated_at'
        ) }},
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
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
