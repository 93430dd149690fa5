with

email_mailboxes as (

    select * from {{ ref('stg_freshdesk__email_mailboxes') }}

),

placeholders as (

    select id as email_mailbox_id, loaded_at
    from {{ ref('int_freshdesk__placeholder_ids') }}
    where entity_name = 'email_mailbox'

),

with_deletion_state as (

    select
        *,
        {{ is_absent_from_latest_read('loaded_at') }} as is_deleted

    from email_mailboxes

),

-- placeholder ids are by construction absent from email_mailboxes: the join only appends them
with_placeholders as (

    select
        coalesce(with_deletion_state.email_mailbox_id, placeholders.email_mailbox_id) as email_mailbox_id,
        coalesce(with_deletion_state.loaded_at, placeholders.loaded_at) as loaded_at,
        coalesce(with_deletion_state.is_deleted, true) as is_deleted,
        placeholders.email_mailbox_id is not null as is_placeholder,
        with_deletion_state.name,
        with_deletion_state.created_at,
        with_deletion_state.updated_at,
        with_deletion_state.group_id,
        with_deletion_state.product_id,
        with_deletion_state.support_email,
        with_deletion_state.default_reply_email,
        with_deletion_state.active,
        with_deletion_state.mailbox_type,
        with_deletion_state.failure_code,
        with_deletion_state.freshdesk_mailbox_forward_email,
        with_deletion_state.custom_mailbox_access_type,
        with_deletion_state.custom_mailbox_incoming_mail_server,
        with_deletion_state.custom_mailbox_incoming_port,
        with_deletion_state.custom_mailbox_incoming_use_ssl,
        with_deletion_state.custom_mailbox_incoming_delete_from_server,
        with_deletion_state.custom_mailbox_incoming_authentication,
        with_deletion_state.custom_mailbox_incoming_user_name,
        with_deletion_state.custom_mailbox_incoming_failure_code,
        with_deletion_state.custom_mailbox_outgoing_mail_server,
        with_deletion_state.custom_mailbox_outgoing_port,
        with_deletion_state.custom_mailbox_outgoing_use_ssl,
        with_deletion_state.custom_mailbox_outgoing_authentication,
        with_deletion_state.custom_mailbox_outgoing_user_name,
        with_deletion_state.custom_mailbox_outgoing_failure_code

    from with_deletion_state
    full outer join placeholders
        on with_deletion_state.email_mailbox_id = placeholders.email_mailbox_id

)

select * from with_placeholders
