with

recipients as (

    select * from {{ ref('int_freshdesk__ticket_recipients') }}

),

tickets as (

    select ticket_id, is_deleted from {{ ref('int_freshdesk__tickets') }}

),

account as (

    select mirror_remote_id from {{ ref('stg_freshdesk__account') }}

),

prepared as (

    select
        {{ remote_id(['recipients.ticket_id', 'recipients.email']) }} as remote_id,
        {{ remote_id(['recipients.ticket_id']) }} as ticket_remote_id,
        recipients.loaded_at as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        tickets.is_deleted as is_deleted,
        null as when_created,
        null as when_modified,
        recipients.ticket_id as ticket_id,
        recipients.email as email,
        recipients.is_cc_recipient as is_cc_recipient,
        recipients.is_reply_cc_recipient as is_reply_cc_recipient,
        recipients.is_fwd_recipient as is_fwd_recipient,
        recipients.is_primary_recipient as is_primary_recipient

    from recipients
    inner join tickets
        on recipients.ticket_id = tickets.ticket_id
    cross join account

),

final as (

    select
        cast(remote_id as {{ dbt.type_string() }}) as "RemoteID",
        cast(ticket_remote_id as {{ dbt.type_string() }}) as "TicketRemoteID",
        cast(when_upserted_into_data_store as {{ type_timestamp_tz() }}) as "WhenUpsertedIntoDataStore",
        cast(mirror_remote_id as {{ dbt.type_int() }}) as "MirrorRemoteID",
        cast(is_deleted as {{ dbt.type_boolean() }}) as "IsDeleted",
        cast(when_created as {{ type_timestamp_tz() }}) as "WhenCreated",
        cast(when_modified as {{ type_timestamp_tz() }}) as "WhenModified",
        cast(ticket_id as {{ dbt.type_bigint() }}) as "TicketID",
        cast(email as {{ dbt.type_string() }}) as "Email",
        cast(is_cc_recipient as {{ dbt.type_boolean() }}) as "IsCCRecipient",
        cast(is_reply_cc_recipient as {{ dbt.type_boolean() }}) as "IsReplyCCRecipient",
        cast(is_fwd_recipient as {{ dbt.type_boolean() }}) as "IsFwdRecipient",
        cast(is_primary_recipient as {{ dbt.type_boolean() }}) as "IsPrimaryRecipient"

    from prepared

)

select * from final
