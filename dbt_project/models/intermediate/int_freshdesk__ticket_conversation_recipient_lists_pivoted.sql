with

to_emails as (

    select * from {{ ref('stg_freshdesk__ticket_conversations__to_emails') }}

),

cc_emails as (

    select * from {{ ref('stg_freshdesk__ticket_conversations__cc_emails') }}

),

bcc_emails as (

    select * from {{ ref('stg_freshdesk__ticket_conversations__bcc_emails') }}

),

addresses as (

    select ticket_conversation_id, email, loaded_at, 'to' as recipient_list from to_emails
    union all
    select ticket_conversation_id, email, loaded_at, 'cc' from cc_emails
    union all
    select ticket_conversation_id, email, loaded_at, 'bcc' from bcc_emails

),

-- one row per (conversation, address): an address on several lists gets several flags
recipients as (

    select
        ticket_conversation_id,
        email,
        {{ dbt.bool_or("recipient_list = 'to'") }} as is_primary_recipient,
        {{ dbt.bool_or("recipient_list = 'cc'") }} as is_cc_recipient,
        {{ dbt.bool_or("recipient_list = 'bcc'") }} as is_bcc_recipient,
        max(loaded_at) as loaded_at

    from addresses
    group by ticket_conversation_id, email

)

select * from recipients
