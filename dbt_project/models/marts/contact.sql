with

contacts as (

    select * from {{ ref('int_freshdesk__contacts') }}

),

account as (

    select mirror_remote_id from {{ ref('stg_freshdesk__account') }}

),

prepared as (

    select
        {{ remote_id(['contacts.contact_id']) }} as remote_id,
        contacts.loaded_at as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        contacts.time_zone as time_zone,
        contacts.is_deleted as is_deleted,
        contacts.created_at as when_created,
        contacts.updated_at as when_modified,
        contacts.contact_id as id,
        contacts.name as name,
        contacts.description as description,
        contacts.avatar_id as avatar_id,
        contacts.avatar_name as avatar_name,
        contacts.avatar_content_type as avatar_content_type,
        contacts.avatar_size as avatar_size,
        contacts.avatar_created_at as avatar_created_at,
        contacts.avatar_updated_at as avatar_updated_at,
        contacts.avatar_url as avatar_url,
        contacts.created_at as created_at,
        contacts.updated_at as updated_at,
        contacts.active as active,
        contacts.deleted as deleted,
        contacts.company_id as company_id,
        contacts.address as address,
        contacts.view_all_tickets as view_all_tickets,
        contacts.email as email,
        contacts.job_title as job_title,
        contacts.language as language,
        contacts.mobile as mobile,
        contacts.phone as phone,
        contacts.twitter_id as twitter_id,
        contacts.facebook_id as facebook_id,
        contacts.unique_external_id as unique_external_id,
        contacts.preferred_source as preferred_source,
        contacts.first_name as first_name,
        contacts.last_name as last_name,
        contacts.visitor_id as visitor_id,
        contacts.org_contact_id as org_contact_id

    from contacts
    cross join account

),

final as (

    select
        cast(remote_id as {{ dbt.type_string() }}) as "RemoteID",
        cast(when_upserted_into_data_store as {{ type_timestamp_tz() }}) as "WhenUpsertedIntoDataStore",
        cast(mirror_remote_id as {{ dbt.type_int() }}) as "MirrorRemoteID",
        cast(time_zone as {{ dbt.type_string() }}) as "TimeZone",
        cast(is_deleted as {{ dbt.type_boolean() }}) as "IsDeleted",
        cast(when_created as {{ type_timestamp_tz() }}) as "WhenCreated",
        cast(when_modified as {{ type_timestamp_tz() }}) as "WhenModified",
        cast(id as {{ dbt.type_bigint() }}) as "ID",
        cast(name as {{ dbt.type_string() }}) as "Name",
        cast(description as {{ dbt.type_string() }}) as "Description",
        cast(avatar_id as {{ dbt.type_bigint() }}) as "AvatarID",
        cast(avatar_name as {{ dbt.type_string() }}) as "AvatarName",
        cast(avatar_content_type as {{ dbt.type_string() }}) as "AvatarContentType",
        cast(avatar_size as {{ dbt.type_bigint() }}) as "AvatarSize",
        cast(avatar_created_at as {{ type_timestamp_tz() }}) as "AvatarCreatedAt",
        cast(avatar_updated_at as {{ type_timestamp_tz() }}) as "AvatarUpdatedAt",
        cast(avatar_url as {{ dbt.type_string() }}) as "AvatarURL",
        cast(created_at as {{ type_timestamp_tz() }}) as "CreatedAt",
        cast(updated_at as {{ type_timestamp_tz() }}) as "UpdatedAt",
        cast(active as {{ dbt.type_boolean() }}) as "Active",
        cast(deleted as {{ dbt.type_boolean() }}) as "Deleted",
        cast(company_id as {{ dbt.type_bigint() }}) as "CompanyID",
        cast(address as {{ dbt.type_string() }}) as "Address",
        cast(view_all_tickets as {{ dbt.type_boolean() }}) as "ViewAllTickets",
        cast(email as {{ dbt.type_string() }}) as "Email",
        cast(job_title as {{ dbt.type_string() }}) as "JobTitle",
        cast(language as {{ dbt.type_string() }}) as "Language",
        cast(mobile as {{ dbt.type_string() }}) as "Mobile",
        cast(phone as {{ dbt.type_string() }}) as "Phone",
        cast(twitter_id as {{ dbt.type_string() }}) as "TwitterID",
        cast(facebook_id as {{ dbt.type_string() }}) as "FacebookID",
        cast(unique_external_id as {{ dbt.type_string() }}) as "UniqueExternalID",
        cast(preferred_source as {{ dbt.type_string() }}) as "PreferredSource",
        cast(first_name as {{ dbt.type_string() }}) as "FirstName",
        cast(last_name as {{ dbt.type_string() }}) as "LastName",
        cast(visitor_id as {{ dbt.type_string() }}) as "VisitorID",
        cast(org_contact_id as {{ dbt.type_bigint() }}) as "OrgContactID"

    from prepared

)

select * from final
