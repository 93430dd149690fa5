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
        _dlt_id               as dlt_id,
        _dlt_load_id          as dlt_load_id,
        {{ dlt_load_id_to_timestamp('_dlt_load_id') }} as loaded_at

    from source

)

select * from renamed
