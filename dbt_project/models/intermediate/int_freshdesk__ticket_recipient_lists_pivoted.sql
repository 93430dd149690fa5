with

to_emails as (

    select * from {{ ref('stg_freshdesk__tickets__to_emails') }}

),

cc_emails as (

    select * from {{ ref('stg_freshdesk__tickets__cc_emails') }}

),

reply_cc_emails as (

    select * from {{ ref('stg_freshdesk__tickets__reply_cc_emails') }}

),

fwd_emails as (

    select * from {{ ref('stg_freshdesk__tickets__fwd_emails') }}

),

addresses as (

    select ticket_id, email, loaded_at, 'to' as recipient_list from to_emails
    union all
    select ticket_id, email, loaded_at, 'cc' from cc_emails
    union all
    select ticket_id, email, loaded_at, 'reply_cc' from reply_cc_emails
    union all
    select ticket_id, email, loaded_at, 'fwd' from fwd_emails

),

-- one row per (ticket, address): an address on several lists gets several flags
recipients as (

    select
        ticket_id,
        email,
        {{ dbt.bool_or("recipient_list = 'to'") }} as is_primary_recipient,
        {{ dbt.bool_or("recipient_list = 'cc'") }} as is_cc_recipient,
        {{ dbt.bool_or("recipient_list = 'reply_cc'") }} as is_reply_cc_recipient,
        {{ dbt.bool_or("recipient_list = 'fwd'") }} as is_fwd_recipient,
        max(loaded_at) as loaded_at

    from addresses
    group by ticket_id, email

)

select * from recipients
