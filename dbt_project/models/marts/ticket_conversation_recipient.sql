with

recipients as (

    select * from {{ ref('int_freshdesk__ticket_conversation_recipient_lists_pivoted') }}

),

conversations as (

    select ticket_conversation_id, is_deleted from {{ ref('int_freshdesk__ticket_conversations_deletion_flagged') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['recipients.ticket_conversation_id', 'recipients.email'],
            loaded_at='recipients.loaded_at',
            is_deleted='conversations.is_deleted'
        ) }},
        {{ remote_id(['recipients.ticket_conversation_id']) }} as ticket_conversation_remote_id,
        recipients.ticket_conversation_id as ticket_conversation_id,
        recipients.email as email,
        recipients.is_cc_recipient as is_cc_recipient,
        recipients.is_bcc_recipient as is_bcc_recipient,
        recipients.is_primary_recipient as is_primary_recipient

    from recipients
    inner join conversations
        on recipients.ticket_conversation_id = conversations.ticket_conversation_id
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
