with

mailboxes as (

    select * from {{ ref('int_freshdesk__email_mailboxes') }}

),

account as (

    select mirror_remote_id from {{ ref('stg_freshdesk__account') }}

),

prepared as (

    select
        {{ remote_id(['mailboxes.email_mailbox_id']) }} as remote_id,
        mailboxes.loaded_at as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        mailboxes.is_deleted as is_deleted,
        mailboxes.created_at as when_created,
        mailboxes.updated_at as when_modified,
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
    cross join account

),

final as (

    select
        cast(remote_id as {{ dbt.type_string() }}) as "RemoteID",
        cast(when_upserted_into_data_store as {{ type_timestamp_tz() }}) as "WhenUpsertedIntoDataStore",
        cast(mirror_remote_id as {{ dbt.type_int() }}) as "MirrorRemoteID",
        cast(is_deleted as {{ dbt.type_boolean() }}) as "IsDeleted",
        cast(when_created as {{ type_timestamp_tz() }}) as "WhenCreated",
        cast(when_modified as {{ type_timestamp_tz() }}) as "WhenModified",
        cast(id as {{ dbt.type_bigint() }}) as "ID",
        cast(name as {{ dbt.type_string() }}) as "Name",
        cast(created_at as {{ type_timestamp_tz() }}) as "CreatedAt",
        cast(updated_at as {{ type_timestamp_tz() }}) as "UpdatedAt",
        cast(group_id as {{ dbt.type_bigint() }}) as "GroupID",
        cast(product_id as {{ dbt.type_bigint() }}) as "ProductID",
        cast(support_email as {{ dbt.type_string() }}) as "SupportEmail",
        cast(default_reply_email as {{ dbt.type_boolean() }}) as "DefaultReplyEmail",
        cast(active as {{ dbt.type_boolean() }}) as "Active",
        cast(mailbox_type as {{ dbt.type_string() }}) as "MailboxType",
        cast(failure_code as {{ dbt.type_string() }}) as "FailureCode",
        cast(freshdesk_mailbox_forward_email as {{ dbt.type_string() }}) as "FreshdeskMailboxForwardEmail",
        cast(custom_mailbox_access_type as {{ dbt.type_string() }}) as "CustomMailboxAccessType",
        cast(custom_mailbox_incoming_mail_server as {{ dbt.type_string() }}) as "CustomMailboxIncomingMailServer",
        cast(custom_mailbox_incoming_port as {{ dbt.type_int() }}) as "CustomMailboxIncomingPort",
        cast(custom_mailbox_incoming_use_ssl as {{ dbt.type_boolean() }}) as "CustomMailboxIncomingUseSSL",
        cast(custom_mailbox_incoming_delete_from_server as {{ dbt.type_boolean() }}) as "CustomMailboxIncomingDeleteFromServer",
        cast(custom_mailbox_incoming_authentication as {{ dbt.type_string() }}) as "CustomMailboxIncomingAuthentication",
        cast(custom_mailbox_incoming_user_name as {{ dbt.type_string() }}) as "CustomMailboxIncomingUserName",
        cast(custom_mailbox_incoming_failure_code as {{ dbt.type_string() }}) as "CustomMailboxIncomingFailureCode",
        cast(custom_mailbox_outgoing_mail_server as {{ dbt.type_string() }}) as "CustomMailboxOutgoingMailServer",
        cast(custom_mailbox_outgoing_port as {{ dbt.type_string() }}) as "CustomMailboxOutgoingPort",
        cast(custom_mailbox_outgoing_use_ssl as {{ dbt.type_string() }}) as "CustomMailboxOutgoingUseSSL",
        cast(custom_mailbox_outgoing_authentication as {{ dbt.type_string() }}) as "CustomMailboxOutgoingAuthentication",
        cast(custom_mailbox_outgoing_user_name as {{ dbt.type_string() }}) as "CustomMailboxOutgoingUserName",
        cast(custom_mailbox_outgoing_failure_code as {{ dbt.type_string() }}) as "CustomMailboxOutgoingFailureCode"

    from prepared

)

select * from final
