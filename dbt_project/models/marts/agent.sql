with

agents as (

    select * from {{ ref('int_freshdesk__agents_with_placeholders') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['agents.agent_id'],
            loaded_at='agents.loaded_at',
            is_deleted='agents.is_deleted',
            created_at='agents.created_at',
            updated_at='agents.updated_at'
        ) }},
        agents.agent_id as id,
        agents.created_at as created_at,
        agents.updated_at as updated_at,
        agents.available as available,
        agents.occasional as occasional,
        agents.ticket_scope as ticket_scope,
        agents.last_active_at as last_active_at,
        agents.available_since as available_since,
        agents.type as type,
        agents.signature as signature,
        agents.freshcaller_agent as freshcaller_agent,
        agents.contact_active as contact_active,
        agents.contact_email as contact_email,
        agents.contact_job_title as contact_job_title,
        agents.contact_language as contact_language,
        agents.contact_last_login_at as contact_last_login_at,
        agents.contact_mobile as contact_mobile,
        agents.contact_name as contact_name,
        agents.contact_phone as contact_phone,
        agents.contact_time_zone as contact_timezone,
        agents.contact_created_at as contact_created_at,
        agents.contact_updated_at as contact_updated_at

    from agents
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
