with

conversations as (

    select * from {{ ref('stg_freshdesk__ticket_conversations') }}

),

tickets as (

    select ticket_id, is_deleted from {{ ref('int_freshdesk__tickets_with_placeholders') }}

),

with_deletion_state as (

    select
        conversations.*,
        (
            -- a ticket's conversations are re-read together: one not returned by the
            -- latest read of its ticket keeps an older load
            {{ is_absent_from_latest_read('conversations.loaded_at', 'conversations.ticket_id') }}
            or coalesce(tickets.is_deleted, false)
        ) as is_deleted

    from conversations
    left join tickets
        on conversations.ticket_id = tickets.ticket_id

)

select * from with_deletion_state
