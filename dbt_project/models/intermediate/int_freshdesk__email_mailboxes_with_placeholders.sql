with

email_mailboxes as (

    select * from {{ ref('stg_freshdesk__email_mailboxes') }}

),

with_deletion_state as (

    select
        *,
        {{ is_absent_from_latest_read('loaded_at') }} as is_deleted

    from email_mailboxes

),

with_placeholders as (

    {{ with_placeholder_rows('with_deletion_state', 'email_mailbox_id', 'email_mailbox') }}

)

select * from with_placeholders
