with

source as (

    select * from {{ source('freshdesk', 'email_mailboxes') }}

),

renamed as (

    select
        id                                           as email_mailbox_id,
        name,
        created_at,
        updated_at,
        group_id,
        product_id,
        support_email,
        default_reply_email,
        active,
        mailbox_type,
        failure_code,
        freshdesk_mailbox__forward_email             as freshdesk_mailbox_forward_email,
        custom_mailbox__access_type                  as custom_mailbox_access_type,
        custom_mailbox__incoming__mail_server        as custom_mailbox_incoming_mail_server,
        custom_mailbox__incoming__port               as custom_mailbox_incoming_port,
        custom_mailbox__incoming__use_ssl            as custom_mailbox_incoming_use_ssl,
        custom_mailbox__incoming__delete_from_server as custom_mailbox_incoming_delete_from_server,
        custom_mailbox__incoming__authentication     as custom_mailbox_incoming_authentication,
        custom_mailbox__incoming__user_name          as custom_mailbox_incoming_user_name,
        custom_mailbox__incoming__failure_code       as custom_mailbox_incoming_failure_code,
        custom_mailbox__outgoing__mail_server        as custom_mailbox_outgoing_mail_server,
        custom_mailbox__outgoing__port               as custom_mailbox_outgoing_port,
        custom_mailbox__outgoing__use_ssl            as custom_mailbox_outgoing_use_ssl,
        custom_mailbox__outgoing__authentication     as custom_mailbox_outgoing_authentication,
        custom_mailbox__outgoing__user_name          as custom_mailbox_outgoing_user_name,
        custom_mailbox__outgoing__failure_code       as custom_mailbox_outgoing_failure_code,
        {{ dlt_root_columns() }}

    from source

)

select * from renamed
