with

agents as (

    select * from {{ ref('int_freshdesk__agents') }}

),

account as (

    select mirror_remote_id from {{ ref('stg_freshdesk__account') }}

),

prepared as (

    select
        {{ remote_id(['agents.agent_id']) }} as remote_id,
        agents.loaded_at as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        agents.is_deleted as is_deleted,
        agents.created_at as when_created,
        agents.updated_at as when_modified,
        agents.agent_id as id,
        agents.created_at as created_at,
        agents.updated_at as updated_at,
        agents.available as available,
        agents.occasional as occasional,
        agents.ticket_scope as ticket_scope,
        agents.last_active_at as last_active_at,
        agents.available_since as available_since,
        agents.type as type,
        agents.signature as signature,
        agents.freshcaller_agent as freshcaller_agent,
        agents.contact_active as contact_active,
        agents.contact_email as contact_email,
        agents.contact_job_title as contact_job_title,
        agents.contact_language as contact_language,
        agents.contact_last_login_at as contact_last_login_at,
        agents.contact_mobile as contact_mobile,
        agents.contact_name as contact_name,
        agents.contact_phone as contact_phone,
        agents.contact_time_zone as contact_timezone,
        agents.contact_created_at as contact_created_at,
        agents.contact_updated_at as contact_updated_at

    from agents
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
        cast(created_at as {{ type_timestamp_tz() }}) as "CreatedAt",
        cast(updated_at as {{ type_timestamp_tz() }}) as "UpdatedAt",
        cast(available as {{ dbt.type_boolean() }}) as "Available",
        cast(occasional as {{ dbt.type_boolean() }}) as "Occasional",
        cast(ticket_scope as {{ dbt.type_int() }}) as "TicketScope",
        cast(last_active_at as {{ type_timestamp_tz() }}) as "LastActiveAt",
        cast(available_since as {{ type_timestamp_tz() }}) as "AvailableSince",
        cast(type as {{ dbt.type_string() }}) as "Type",
        cast(signature as {{ dbt.type_string() }}) as "Signature",
        cast(freshcaller_agent as {{ dbt.type_boolean() }}) as "FreshcallerAgent",
        cast(contact_active as {{ dbt.type_boolean() }}) as "ContactActive",
        cast(contact_email as {{ dbt.type_string() }}) as "ContactEmail",
        cast(contact_job_title as {{ dbt.type_string() }}) as "ContactJobTitle",
        cast(contact_language as {{ dbt.type_string() }}) as "ContactLanguage",
        cast(contact_last_login_at as {{ type_timestamp_tz() }}) as "ContactLastLoginAt",
        cast(contact_mobile as {{ dbt.type_string() }}) as "ContactMobile",
        cast(contact_name as {{ dbt.type_string() }}) as "ContactName",
        cast(contact_phone as {{ dbt.type_string() }}) as "ContactPhone",
        cast(contact_timezone as {{ dbt.type_string() }}) as "ContactTimezone",
        cast(contact_created_at as {{ type_timestamp_tz() }}) as "ContactCreatedAt",
        cast(contact_updated_at as {{ type_timestamp_tz() }}) as "ContactUpdatedAt"

    from prepared

)

select * from final
