with

groups as (

    select * from {{ ref('int_freshdesk__groups_with_placeholders') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['groups.group_id'],
            loaded_at='groups.loaded_at',
            is_deleted='groups.is_deleted',
            created_at='groups.created_at',
            updated_at='groups.updated_at'
        ) }},
        groups.group_id as id,
        groups.name as name,
        groups.description as description,
        groups.created_at as created_at,
        groups.updated_at as updated_at,
        groups.escalate_to as escalate_to,
        groups.business_calendar_id as business_calendar_id,
        groups.unassigned_for as unassigned_for,
        groups.type as type,
        groups.allow_agents_to_change_availability as allow_agents_to_change_availability,
        groups.auto_ticket_assign as auto_ticket_assign,
        groups.automatic_agent_assignment_enabled as automatic_agent_assignment_enabled,
        groups.automatic_agent_assignment_type as automatic_agent_assignment_type

    from groups
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
