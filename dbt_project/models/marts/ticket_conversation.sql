with

conversations as (

    select * from {{ ref('int_freshdesk__ticket_conversations_deletion_flagged') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['conversations.ticket_conversation_id'],
            loaded_at='conversations.loaded_at',
            is_deleted='conversations.is_deleted',
            created_at='conversations.created_at',
            updated_at='conversations.updated_at'
        ) }},
        {{ remote_id(['conversations.ticket_id']) }} as ticket_remote_id,
        conversations.ticket_conversation_id as id,
        conversations.created_at as created_at,
        conversations.updated_at as updated_at,
        conversations.body as body,
        conversations.body_text as body_text,
        conversations.incoming as incoming,
        conversations.private as private,
        conversations.source as source,
        conversations.category as category,
        conversations.support_email as support_email,
        conversations.ticket_id as ticket_id,
        conversations.user_id as user_id,
        conversations.last_edited_at as last_edited_at,
        conversations.last_edited_user_id as last_edited_user_id

    from conversations
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
