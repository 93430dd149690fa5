with

groups as (

    select * from {{ ref('stg_freshdesk__groups') }}

),

placeholders as (

    select id as group_id, loaded_at
    from {{ ref('int_freshdesk__placeholder_ids') }}
    where entity_name = 'group'

),

with_deletion_state as (

    select
        *,
        {{ is_absent_from_latest_read('loaded_at') }} as is_deleted

    from groups

),

-- placeholder ids are by construction absent from groups: the join only appends them
with_placeholders as (

    select
        coalesce(with_deletion_state.group_id, placeholders.group_id) as group_id,
        coalesce(with_deletion_state.loaded_at, placeholders.loaded_at) as loaded_at,
        coalesce(with_deletion_state.is_deleted, true) as is_deleted,
        placeholders.group_id is not null as is_placeholder,
        with_deletion_state.name,
        with_deletion_state.description,
        with_deletion_state.created_at,
        with_deletion_state.updated_at,
        with_deletion_state.escalate_to,
        with_deletion_state.business_calendar_id,
        with_deletion_state.unassigned_for,
        with_deletion_state.type,
        with_deletion_state.allow_agents_to_change_availability,
        with_deletion_state.automatic_agent_assignment_enabled,
        with_deletion_state.automatic_agent_assignment_type,
        with_deletion_state.auto_ticket_assign

    from with_deletion_state
    full outer join placeholders
        on with_deletion_state.group_id = placeholders.group_id

)

select * from with_placeholders
