with

other_phone_numbers as (

    select contact_id, phone_number, max(label) as label, max(loaded_at) as loaded_at
    from {{ ref('stg_freshdesk__contacts__other_phone_numbers') }}
    group by contact_id, phone_number

),

contacts as (

    select contact_id, is_deleted from {{ ref('int_freshdesk__contacts') }}

),

account as (

    select mirror_remote_id from {{ ref('stg_freshdesk__account') }}

),

prepared as (

    select
        {{ remote_id(['other_phone_numbers.contact_id', 'other_phone_numbers.phone_number']) }} as remote_id,
        {{ remote_id(['other_phone_numbers.contact_id']) }} as contact_remote_id,
        other_phone_numbers.loaded_at as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        contacts.is_deleted as is_deleted,
        null as when_created,
        null as when_modified,
        other_phone_numbers.contact_id as contact_id,
        other_phone_numbers.label as label,
        other_phone_numbers.phone_number as value

    from other_phone_numbers
    inner join contacts
        on other_phone_numbers.contact_id = contacts.contact_id
    cross join account

),

final as (

    select
        cast(remote_id as {{ dbt.type_string() }}) as "RemoteID",
        cast(contact_remote_id as {{ dbt.type_string() }}) as "ContactRemoteID",
        cast(when_upserted_into_data_store as {{ type_timestamp_tz() }}) as "WhenUpsertedIntoDataStore",
        cast(mirror_remote_id as {{ dbt.type_int() }}) as "MirrorRemoteID",
        cast(is_deleted as {{ dbt.type_boolean() }}) as "IsDeleted",
        cast(when_created as {{ type_timestamp_tz() }}) as "WhenCreated",
        cast(when_modified as {{ type_timestamp_tz() }}) as "WhenModified",
        cast(contact_id as {{ dbt.type_bigint() }}) as "ContactID",
        cast(label as {{ dbt.type_string() }}) as "Label",
        cast(value as {{ dbt.type_string() }}) as "Value"

    from prepared

)

select * from final
