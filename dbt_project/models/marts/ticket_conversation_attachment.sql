with

attachments as (

    select * from {{ ref('stg_freshdesk__ticket_conversations__attachments') }}

),

conversations as (

    select ticket_conversation_id, is_deleted from {{ ref('int_freshdesk__ticket_conversations_deletion_flagged') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['attachments.attachment_id'],
            loaded_at='attachments.loaded_at',
            is_deleted='conversations.is_deleted',
            created_at='attachments.created_at',
            updated_at='attachments.updated_at'
        ) }},
        {{ remote_id(['attachments.ticket_conversation_id']) }} as ticket_conversation_remote_id,
        attachments.attachment_id as id,
        attachments.name as name,
        attachments.ticket_conversation_id as ticket_conversation_id,
        attachments.content_type as content_type,
        attachments.size as size,
        attachments.created_at as created_at,
        attachments.updated_at as updated_at,
        attachments.attachment_url as attachment_url,
        attachments.thumb_url as thumb_url

    from attachments
    inner join conversations
        on attachments.ticket_conversation_id = conversations.ticket_conversation_id
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
