with

other_emails as (

    select contact_id, email, max(loaded_at) as loaded_at
    from {{ ref('stg_freshdesk__contacts__other_emails') }}
    group by contact_id, email

),

contacts as (

    select contact_id, is_deleted from {{ ref('int_freshdesk__contacts') }}

),

account as (

    select mirror_remote_id from {{ ref('stg_freshdesk__account') }}

),

prepared as (

    select
        {{ remote_id(['other_emails.contact_id', 'other_emails.email']) }} as remote_id,
        {{ remote_id(['other_emails.contact_id']) }} as contact_remote_id,
        other_emails.loaded_at as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        contacts.is_deleted as is_deleted,
        null as when_created,
        null as when_modified,
        other_emails.contact_id as contact_id,
        other_emails.email as email_address

    from other_emails
    inner join contacts
        on other_emails.contact_id = contacts.contact_id
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
        cast(email_address as {{ dbt.type_string() }}) as "EmailAddress"

    from prepared

)

select * from final
