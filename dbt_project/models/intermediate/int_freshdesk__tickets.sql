with

tickets as (

    select * from {{ ref('stg_freshdesk__tickets') }}

),

placeholders as (

    select id as ticket_id, loaded_at
    from {{ ref('int_freshdesk__placeholder_ids') }}
    where entity_name = 'ticket'

),

reconciliation as (

    select * from {{ ref('stg_freshdesk__reconcile_tickets') }}

),

-- the latest reconciliation; none yet (an empty table) means nothing is hard-deleted
latest_reconciliation as (

    select max(loaded_at) as reconciled_at from reconciliation

),

-- ids the latest listing returned (the table keeps every id ever listed, with the listing
-- that last saw it)
reconciled as (

    select distinct reconciliation.ticket_id
    from reconciliation
    inner join latest_reconciliation
        on reconciliation.loaded_at = latest_reconciliation.reconciled_at

),

with_deletion_state as (

    select
        tickets.*,
        (
            coalesce(tickets.deleted, false)
            or coalesce(
                tickets.loaded_at < latest_reconciliation.reconciled_at
                and reconciled.ticket_id is null,
                false
            )
        ) as is_deleted

    from tickets
    cross join latest_reconciliation
    left join reconciled
        on tickets.ticket_id = reconciled.ticket_id

),

-- placeholder ids are by construction absent from tickets: the join only appends them
with_placeholders as (

    select
        coalesce(with_deletion_state.ticket_id, placeholders.ticket_id) as ticket_id,
        coalesce(with_deletion_state.loaded_at, placeholders.loaded_at) as loaded_at,
        coalesce(with_deletion_state.is_deleted, true) as is_deleted,
        placeholders.ticket_id is not null as is_placeholder,
        with_deletion_state.subject,
        with_deletion_state.description,
        with_deletion_state.description_text,
        with_deletion_state.created_at,
        with_deletion_state.updated_at,
        with_deletion_state.company_id,
        with_deletion_state.deleted,
        with_deletion_state.spam,
        with_deletion_state.due_by,
        with_deletion_state.fr_due_by,
        with_deletion_state.fr_escalated,
        with_deletion_state.is_escalated,
        with_deletion_state.email_config_id,
        with_deletion_state.group_id,
        with_deletion_state.product_id,
        with_deletion_state.requester_id,
        with_deletion_state.responder_id,
        with_deletion_state.priority,
        with_deletion_state.source,
        with_deletion_state.status,
        with_deletion_state.type,
        with_deletion_state.facebook_id,
        with_deletion_state.twitter_id,
        with_deletion_state.association_type,
        with_deletion_state.support_email,
        with_deletion_state.requester_name,
        with_deletion_state.requester_email,
        with_deletion_state.requester_phone,
        with_deletion_state.requester_mobile,
        with_deletion_state.stats_agent_responded_at,
        with_deletion_state.stats_requester_responded_at,
        with_deletion_state.stats_first_responded_at,
        with_deletion_state.stats_status_updated_at,
        with_deletion_state.stats_reopened_at,
        with_deletion_state.stats_resolved_at,
        with_deletion_state.stats_closed_at,
        with_deletion_state.stats_pending_since

    from with_deletion_state
    full outer join placeholders
        on with_deletion_state.ticket_id = placeholders.ticket_id

)

select * from with_placeholders
