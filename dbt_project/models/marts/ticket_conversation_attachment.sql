with

attachments as (

    select * from {{ ref('stg_freshdesk__ticket_conversations__attachments') }}

),

conversations as (

    select ticket_conversation_id, is_deleted from {{ ref('int_freshdesk__ticket_conversations') }}

),

account as (

    select mirror_remote_id from {{ ref('stg_freshdesk__account') }}

),

prepared as (

    select
        {{ remote_id(['attachments.attachment_id']) }} as remote_id,
        {{ remote_id(['attachments.ticket_conversation_id']) }} as ticket_conversation_remote_id,
        attachments.loaded_at as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        conversations.is_deleted as is_deleted,
        attachments.created_at as when_created,
        attachments.updated_at as when_modified,
        attachments.attachment_id as id,
        attachments.name as name,
        attachments.ticket_conversation_id as ticket_conversation_id,
        attachments.content_type as content_type,
        attachments.size as size,
        attachments.created_at as created_at,
        attachments.updated_at as updated_at,
        attachments.attachment_url as attachment_url,
        attachments.thumb_url as thumb_url

    from attachments
    inner join conversations
        on attachments.ticket_conversation_id = conversations.ticket_conversation_id
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
        cast(id as {{ dbt.type_bigint() }}) as "ID",
        cast(name as {{ dbt.type_string() }}) as "Name",
        cast(ticket_conversation_id as {{ dbt.type_bigint() }}) as "TicketConversationID",
        cast(content_type as {{ dbt.type_string() }}) as "ContentType",
        cast(size as {{ dbt.type_int() }}) as "Size",
        cast(created_at as {{ type_timestamp_tz() }}) as "CreatedAt",
        cast(updated_at as {{ type_timestamp_tz() }}) as "UpdatedAt",
        cast(attachment_url as {{ dbt.type_string() }}) as "AttachmentUrl",
        cast(thumb_url as {{ dbt.type_string() }}) as "ThumbUrl"

    from prepared

)

select * from final
