with

source as (

    select * from {{ source('freshdesk', 'groups') }}

),

renamed as (

    select
        id                                  as group_id,
        name,
        description,
        created_at,
        updated_at,
        escalate_to,
        business_calendar_id,
        unassigned_for,
        type,
        allow_agents_to_change_availability,
        automatic_agent_assignment__enabled as automatic_agent_assignment_enabled,
        automatic_agent_assignment__type    as automatic_agent_assignment_type,
        auto_ticket_assign,
        {{ dlt_root_columns() }}

    from source

)

select * from renamed
