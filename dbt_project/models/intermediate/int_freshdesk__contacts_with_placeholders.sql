with

contacts as (

    select * from {{ ref('stg_freshdesk__contacts') }}

),

with_deletion_state as (

    {{ with_reconciled_deletion_state('contacts', ref('stg_freshdesk__reconcile_contacts'), 'contact_id') }}

),

with_placeholders as (

    {{ with_placeholder_rows('with_deletion_state', 'contact_id', 'contact') }}

),

-- an agent named where a contact is expected (a ticket's requester, the author of an incoming
-- message) is a user /contacts never lists: its placeholder becomes the agent's own contact,
-- deleted only when the agent is
agents as (

    select * from {{ ref('int_freshdesk__agents_with_placeholders') }}
    where not is_placeholder

),

with_agent_contacts as (

    select
        with_placeholders.contact_id,
        coalesce(with_placeholders.name, agents.contact_name) as name,
        with_placeholders.description,
        with_placeholders.avatar_id,
        with_placeholders.avatar_name,
        with_placeholders.avatar_content_type,
        with_placeholders.avatar_size,
        with_placeholders.avatar_created_at,
        with_placeholders.avatar_updated_at,
        with_placeholders.avatar_url,
        coalesce(with_placeholders.created_at, agents.contact_created_at) as created_at,
        coalesce(with_placeholders.updated_at, agents.contact_updated_at) as updated_at,
        coalesce(with_placeholders.active, agents.contact_active) as active,
        coalesce(with_placeholders.deleted, case when agents.agent_id is not null then false end) as deleted,
        with_placeholders.company_id,
        with_placeholders.address,
        with_placeholders.view_all_tickets,
        coalesce(with_placeholders.email, agents.contact_email) as email,
        coalesce(with_placeholders.job_title, agents.contact_job_title) as job_title,
        coalesce(with_placeholders.language, agents.contact_language) as language,
        coalesce(with_placeholders.mobile, agents.contact_mobile) as mobile,
        coalesce(with_placeholders.phone, agents.contact_phone) as phone,
        with_placeholders.twitter_id,
        with_placeholders.facebook_id,
        with_placeholders.unique_external_id,
        with_placeholders.preferred_source,
        -- the agent record has no first and last name: its name split at the first space
        coalesce(
            with_placeholders.first_name, {{ dbt.split_part('agents.contact_name', "' '", 1) }}
        ) as first_name,
        coalesce(
            with_placeholders.last_name,
            substr(agents.contact_name, length({{ dbt.split_part('agents.contact_name', "' '", 1) }}) + 2)
        ) as last_name,
        with_placeholders.visitor_id,
        with_placeholders.org_contact_id,
        coalesce(with_placeholders.time_zone, agents.contact_time_zone) as time_zone,
        with_placeholders.dlt_id,
        with_placeholders.dlt_load_id,
        with_placeholders.loaded_at,
        case
            when agents.agent_id is not null then agents.is_deleted
            else with_placeholders.is_deleted
        end as is_deleted,
        with_placeholders.is_placeholder and agents.agent_id is null as is_placeholder

    from with_placeholders
    left join agents
        on with_placeholders.is_placeholder
        and with_placeholders.contact_id = agents.agent_id

)

select * from with_agent_contacts
