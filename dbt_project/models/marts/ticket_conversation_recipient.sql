with

recipients as (

    select * from {{ ref('int_freshdesk__ticket_conversation_recipients') }}

),

conversations as (

    select ticket_conversation_id, is_deleted from {{ ref('int_freshdesk__ticket_conversations') }}

),

account as (

    select mirror_remote_id from {{ ref('stg_freshdesk__account') }}

),

prepared as (

    select
        {{ remote_id(['recipients.ticket_conversation_id', 'recipients.email']) }} as remote_id,
        {{ remote_id(['recipients.ticket_conversation_id']) }} as ticket_conversation_remote_id,
        recipients.loaded_at as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        conversations.is_deleted as is_deleted,
        null as when_created,
        null as when_modified,
        recipients.ticket_conversation_id as ticket_conversation_id,
        recipients.email as email,
        recipients.is_cc_recipient as is_cc_recipient,
        recipients.is_bcc_recipient as is_bcc_recipient,
        recipients.is_primary_recipient as is_primary_recipient

    from recipients
    inner join conversations
        on recipients.ticket_conversation_id = conversations.ticket_conversation_id
    cross join account

),

final as (

    select
        cast(remote_id as {{ dbt.type_string() }}) as "RemoteID",
        cast(ticket_conversation_remote_id as {{ dbt.type_string() }}) as "TicketConversationRemoteID",
        cast(when_upserted_into_data_store as {{ type_timestamp_tz() }}) as "WhenUpsertedIntoDataStore",
        cast(mirror_remote_id as {{ dbt.type_int() }}) as "MirrorRemoteID",
        cast(is_deleted as {{ dbt.type_boolean() }}) as "IsDeleted",
        cast(when_created as {{ type_timestamp_tz() }}) as "WhenCreated",
        cast(when_modified as {{ type_timestamp_tz() }}) as "WhenModified",
        cast(ticket_conversation_id as {{ dbt.type_bigint() }}) as "TicketConversationID",
        cast(email as {{ dbt.type_string() }}) as "Email",
        cast(is_cc_recipient as {{ dbt.type_boolean() }}) as "IsCCRecipient",
        cast(is_bcc_recipient as {{ dbt.type_boolean() }}) as "IsBCCRecipient",
        cast(is_primary_recipient as {{ dbt.type_boolean() }}) as "IsPrimaryRecipient"

    from prepared

)

select * from final
