with

contacts as (

    select * from {{ ref('stg_freshdesk__contacts') }}

),

placeholders as (

    select id as contact_id, loaded_at
    from {{ ref('int_freshdesk__placeholder_ids') }}
    where entity_name = 'contact'

),

-- an agent named where a contact is expected (a ticket's requester, the author of an incoming
-- message) is a user /contacts never lists: its placeholder takes the agent's own contact
agents as (

    select * from {{ ref('int_freshdesk__agents') }}
    where not is_placeholder

),

reconciliation as (

    select * from {{ ref('stg_freshdesk__reconcile_contacts') }}

),

-- the latest reconciliation; none yet (an empty table) means nothing is hard-deleted
latest_reconciliation as (

    select max(loaded_at) as reconciled_at from reconciliation

),

-- ids the latest listing returned (the table keeps every id ever listed, with the listing
-- that last saw it)
reconciled as (

    select distinct reconciliation.contact_id
    from reconciliation
    inner join latest_reconciliation
        on reconciliation.loaded_at = latest_reconciliation.reconciled_at

),

with_deletion_state as (

    select
        contacts.*,
        (
            coalesce(contacts.deleted, false)
            or coalesce(
                contacts.loaded_at < latest_reconciliation.reconciled_at
                and reconciled.contact_id is null,
                false
            )
        ) as is_deleted

    from contacts
    cross join latest_reconciliation
    left join reconciled
        on contacts.contact_id = reconciled.contact_id

),

-- placeholder ids are by construction absent from contacts: the join only appends them
with_placeholders as (

    select
        coalesce(with_deletion_state.contact_id, placeholders.contact_id) as contact_id,
        coalesce(with_deletion_state.loaded_at, placeholders.loaded_at) as loaded_at,
        coalesce(with_deletion_state.is_deleted, agents.is_deleted, true) as is_deleted,
        placeholders.contact_id is not null and agents.agent_id is null as is_placeholder,
        coalesce(with_deletion_state.name, agents.contact_name) as name,
        with_deletion_state.description,
        with_deletion_state.avatar_id,
        with_deletion_state.avatar_name,
        with_deletion_state.avatar_content_type,
        with_deletion_state.avatar_size,
        with_deletion_state.avatar_created_at,
        with_deletion_state.avatar_updated_at,
        with_deletion_state.avatar_url,
        coalesce(with_deletion_state.created_at, agents.contact_created_at) as created_at,
        coalesce(with_deletion_state.updated_at, agents.contact_updated_at) as updated_at,
        coalesce(with_deletion_state.active, agents.contact_active) as active,
        coalesce(with_deletion_state.deleted, case when agents.agent_id is not null then false end) as deleted,
        with_deletion_state.company_id,
        with_deletion_state.address,
        with_deletion_state.view_all_tickets,
        coalesce(with_deletion_state.email, agents.contact_email) as email,
        coalesce(with_deletion_state.job_title, agents.contact_job_title) as job_title,
        coalesce(with_deletion_state.language, agents.contact_language) as language,
        coalesce(with_deletion_state.mobile, agents.contact_mobile) as mobile,
        coalesce(with_deletion_state.phone, agents.contact_phone) as phone,
        with_deletion_state.twitter_id,
        with_deletion_state.facebook_id,
        with_deletion_state.unique_external_id,
        with_deletion_state.preferred_source,
        coalesce(with_deletion_state.first_name, {{ dbt.split_part('agents.contact_name', "' '", 1) }}) as first_name,
        -- the agent record has no first and last name: its name split at the first space
        coalesce(
            with_deletion_state.last_name,
            substr(agents.contact_name, length({{ dbt.split_part('agents.contact_name', "' '", 1) }}) + 2)
        ) as last_name,
        with_deletion_state.visitor_id,
        with_deletion_state.org_contact_id,
        coalesce(with_deletion_state.time_zone, agents.contact_time_zone) as time_zone

    from with_deletion_state
    full outer join placeholders
        on with_deletion_state.contact_id = placeholders.contact_id
    left join agents
        on placeholders.contact_id = agents.agent_id

)

select * from with_placeholders
