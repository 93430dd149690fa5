with

agents as (

    select * from {{ ref('stg_freshdesk__agents') }}

),

placeholders as (

    select id as agent_id, loaded_at
    from {{ ref('int_freshdesk__placeholder_ids') }}
    where entity_name = 'agent'

),

with_deletion_state as (

    select
        *,
        {{ is_absent_from_latest_read('loaded_at') }} as is_deleted

    from agents

),

-- placeholder ids are by construction absent from agents: the join only appends them
with_placeholders as (

    select
        coalesce(with_deletion_state.agent_id, placeholders.agent_id) as agent_id,
        coalesce(with_deletion_state.loaded_at, placeholders.loaded_at) as loaded_at,
        coalesce(with_deletion_state.is_deleted, true) as is_deleted,
        placeholders.agent_id is not null as is_placeholder,
        with_deletion_state.available,
        with_deletion_state.occasional,
        with_deletion_state.ticket_scope,
        with_deletion_state.created_at,
        with_deletion_state.updated_at,
        with_deletion_state.last_active_at,
        with_deletion_state.available_since,
        with_deletion_state.type,
        with_deletion_state.signature,
        with_deletion_state.freshcaller_agent,
        with_deletion_state.deactivated,
        with_deletion_state.contact_active,
        with_deletion_state.contact_email,
        with_deletion_state.contact_job_title,
        with_deletion_state.contact_language,
        with_deletion_state.contact_last_login_at,
        with_deletion_state.contact_mobile,
        with_deletion_state.contact_name,
        with_deletion_state.contact_phone,
        with_deletion_state.contact_time_zone,
        with_deletion_state.contact_created_at,
        with_deletion_state.contact_updated_at

    from with_deletion_state
    full outer join placeholders
        on with_deletion_state.agent_id = placeholders.agent_id

)

select * from with_placeholders
