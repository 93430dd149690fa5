with

custom_fields as (

    select * from {{ ref('stg_freshdesk__tickets__custom_fields') }}

),

tickets as (

    select ticket_id, is_deleted from {{ ref('int_freshdesk__tickets') }}

),

account as (

    select mirror_remote_id from {{ ref('stg_freshdesk__account') }}

),

prepared as (

    select
        {{ remote_id(['custom_fields.ticket_id', 'custom_fields.field_name']) }} as remote_id,
        {{ remote_id(['custom_fields.ticket_id']) }} as ticket_remote_id,
        custom_fields.loaded_at as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        tickets.is_deleted as is_deleted,
        null as when_created,
        null as when_modified,
        custom_fields.ticket_id as ticket_id,
        custom_fields.field_name as field_name,
        custom_fields.value_string as value_string,
        custom_fields.value_bool as value_bool,
        custom_fields.value_long as value_long

    from custom_fields
    inner join tickets
        on custom_fields.ticket_id = tickets.ticket_id
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
        cast(field_name as {{ dbt.type_string() }}) as "FieldName",
        cast(value_string as {{ dbt.type_string() }}) as "ValueString",
        cast(value_bool as {{ dbt.type_boolean() }}) as "ValueBool",
        cast(value_long as {{ dbt.type_bigint() }}) as "ValueLong"

    from prepared

)

select * from final
