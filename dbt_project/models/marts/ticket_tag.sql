with

tags as (

    select ticket_id, tag, max(loaded_at) as loaded_at
    from {{ ref('stg_freshdesk__tickets__tags') }}
    group by ticket_id, tag

),

tickets as (

    select ticket_id, is_deleted from {{ ref('int_freshdesk__tickets') }}

),

account as (

    select mirror_remote_id from {{ ref('stg_freshdesk__account') }}

),

prepared as (

    select
        {{ remote_id(['tags.ticket_id', 'tags.tag']) }} as remote_id,
        {{ remote_id(['tags.ticket_id']) }} as ticket_remote_id,
        tags.loaded_at as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        tickets.is_deleted as is_deleted,
        null as when_created,
        null as when_modified,
        tags.ticket_id as ticket_id,
        tags.tag as tag

    from tags
    inner join tickets
        on tags.ticket_id = tickets.ticket_id
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
        cast(tag as {{ dbt.type_string() }}) as "Tag"

    from prepared

)

select * from final
