with

source as (

    select * from {{ source('freshdesk', 'time_entries') }}

),

renamed as (

    select
        id                    as time_entry_id,
        note,
        created_at,
        updated_at,
        agent_id,
        ticket_id,
        company_id,
        billable,
        executed_at,
        start_time,
        time_spent,
        time_spent_in_seconds,
        timer_running,
        {{ dlt_root_columns() }}

    from source

)

select * from renamed
