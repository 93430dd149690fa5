with

conversations as (

    select * from {{ ref('int_freshdesk__ticket_conversations') }}

),

account as (

    select mirror_remote_id from {{ ref('stg_freshdesk__account') }}

),

prepared as (

    select
        {{ remote_id(['conversations.ticket_conversation_id']) }} as remote_id,
        {{ remote_id(['conversations.ticket_id']) }} as ticket_remote_id,
        conversations.loaded_at as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        conversations.is_deleted as is_deleted,
        conversations.created_at as when_created,
        conversations.updated_at as when_modified,
        conversations.ticket_conversation_id as id,
        conversations.created_at as created_at,
        conversations.updated_at as updated_at,
        conversations.body as body,
        conversations.body_text as body_text,
        conversations.incoming as incoming,
        conversations.private as private,
        conversations.source as source,
        conversations.category as category,
        conversations.support_email as support_email,
        conversations.ticket_id as ticket_id,
        conversations.user_id as user_id,
        conversations.last_edited_at as last_edited_at,
        conversations.last_edited_user_id as last_edited_user_id

    from conversations
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
        cast(id as {{ dbt.type_bigint() }}) as "ID",
        cast(created_at as {{ type_timestamp_tz() }}) as "CreatedAt",
        cast(updated_at as {{ type_timestamp_tz() }}) as "UpdatedAt",
        cast(body as {{ dbt.type_string() }}) as "Body",
        cast(body_text as {{ dbt.type_string() }}) as "BodyText",
        cast(incoming as {{ dbt.type_boolean() }}) as "Incoming",
        cast(private as {{ dbt.type_boolean() }}) as "Private",
        cast(source as {{ dbt.type_int() }}) as "Source",
        cast(category as {{ dbt.type_int() }}) as "Category",
        cast(support_email as {{ dbt.type_string() }}) as "SupportEmail",
        cast(ticket_id as {{ dbt.type_bigint() }}) as "TicketID",
        cast(user_id as {{ dbt.type_bigint() }}) as "UserID",
        cast(last_edited_at as {{ type_timestamp_tz() }}) as "LastEditedAt",
        cast(last_edited_user_id as {{ dbt.type_bigint() }}) as "LastEditedUserID"

    from prepared

)

select * from final
