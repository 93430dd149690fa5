with

mailboxes as (

    select * from {{ ref('int_freshdesk__email_mailboxes_with_placeholders') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['mailboxes.email_mailbox_id'],
            loaded_at='mailboxes.loaded_at',
            is_deleted='mailboxes.is_deleted',
            created_at='mailboxes.created_at',
            updated_at='mailboxes.updated_at'
        ) }},
        mailboxes.email_mailbox_id as id,
        mailboxes.name as name,
        mailboxes.created_at as created_at,
        mailboxes.updated_at as updated_at,
        mailboxes.group_id as group_id,
        mailboxes.product_id as product_id,
        mailboxes.support_email as support_email,
        mailboxes.default_reply_email as default_reply_email,
        mailboxes.active as active,
        mailboxes.mailbox_type as mailbox_type,
        mailboxes.failure_code as failure_code,
        mailboxes.freshdesk_mailbox_forward_email as freshdesk_mailbox_forward_email,
        mailboxes.custom_mailbox_access_type as custom_mailbox_access_type,
        mailboxes.custom_mailbox_incoming_mail_server as custom_mailbox_incoming_mail_server,
        mailboxes.custom_mailbox_incoming_port as custom_mailbox_incoming_port,
        mailboxes.custom_mailbox_incoming_use_ssl as custom_mailbox_incoming_use_ssl,
        mailboxes.custom_mailbox_incoming_delete_from_server as custom_mailbox_incoming_delete_from_server,
        mailboxes.custom_mailbox_incoming_authentication as custom_mailbox_incoming_authentication,
        mailboxes.custom_mailbox_incoming_user_name as custom_mailbox_incoming_user_name,
        mailboxes.custom_mailbox_incoming_failure_code as custom_mailbox_incoming_failure_code,
        mailboxes.custom_mailbox_outgoing_mail_server as custom_mailbox_outgoing_mail_server,
        mailboxes.custom_mailbox_outgoing_port as custom_mailbox_outgoing_port,
        mailboxes.custom_mailbox_outgoing_use_ssl as custom_mailbox_outgoing_use_ssl,
        mailboxes.custom_mailbox_outgoing_authentication as custom_mailbox_outgoing_authentication,
        mailboxes.custom_mailbox_outgoing_user_name as custom_mailbox_outgoing_user_name,
        mailboxes.custom_mailbox_outgoing_failure_code as custom_mailbox_outgoing_failure_code

    from mailboxes
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
