with

recipients as (

    select * from {{ ref('int_freshdesk__ticket_recipient_lists_pivoted') }}

),

tickets as (

    select ticket_id, is_deleted from {{ ref('int_freshdesk__tickets_with_placeholders') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['recipients.ticket_id', 'recipients.email'],
            loaded_at='recipients.loaded_at',
            is_deleted='tickets.is_deleted'
        ) }},
        {{ remote_id(['recipients.ticket_id']) }} as ticket_remote_id,
        recipients.ticket_id as ticket_id,
        recipients.email as email,
        recipients.is_cc_recipient as is_cc_recipient,
        recipients.is_reply_cc_recipient as is_reply_cc_recipient,
        recipients.is_fwd_recipient as is_fwd_recipient,
        recipients.is_primary_recipient as is_primary_recipient

    from recipients
    inner join tickets
        on recipients.ticket_id = tickets.ticket_id
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
