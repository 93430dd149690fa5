with

tickets as (

    select * from {{ ref('int_freshdesk__tickets') }}

),

account as (

    select mirror_remote_id from {{ ref('stg_freshdesk__account') }}

),

prepared as (

    select
        {{ remote_id(['tickets.ticket_id']) }} as remote_id,
        tickets.loaded_at as when_upserted_into_data_store,
        account.mirror_remote_id as mirror_remote_id,
        tickets.is_deleted as is_deleted,
        tickets.created_at as when_created,
        tickets.updated_at as when_modified,
        tickets.ticket_id as id,
        tickets.requester_name as name,
        tickets.description as description,
        tickets.created_at as created_at,
        tickets.updated_at as updated_at,
        tickets.company_id as company_id,
        tickets.deleted as deleted,
        tickets.description_text as description_text,
        tickets.due_by as due_by,
        tickets.requester_email as email,
        tickets.email_config_id as email_config_id,
        tickets.facebook_id as facebook_id,
        tickets.fr_due_by as fr_due_by,
        tickets.fr_escalated as fr_escalated,
        tickets.group_id as group_id,
        tickets.is_escalated as is_escalated,
        tickets.requester_phone as phone,
        tickets.priority as priority,
        tickets.product_id as product_id,
        tickets.requester_id as requester_id,
        tickets.responder_id as responder_id,
        tickets.source as source,
        tickets.spam as spam,
        tickets.status as status,
        tickets.subject as subject,
        tickets.twitter_id as twitter_id,
        tickets.type as type

    from tickets
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
        cast(name as {{ dbt.type_string() }}) as "Name",
        cast(description as {{ dbt.type_string() }}) as "Description",
        cast(created_at as {{ type_timestamp_tz() }}) as "CreatedAt",
        cast(updated_at as {{ type_timestamp_tz() }}) as "UpdatedAt",
        cast(company_id as {{ dbt.type_bigint() }}) as "CompanyID",
        cast(deleted as {{ dbt.type_boolean() }}) as "Deleted",
        cast(description_text as {{ dbt.type_string() }}) as "DescriptionText",
        cast(due_by as {{ type_timestamp_tz() }}) as "DueBy",
        cast(email as {{ dbt.type_string() }}) as "Email",
        cast(email_config_id as {{ dbt.type_bigint() }}) as "EmailConfigID",
        cast(facebook_id as {{ dbt.type_string() }}) as "FacebookID",
        cast(fr_due_by as {{ type_timestamp_tz() }}) as "FrDueBy",
        cast(fr_escalated as {{ dbt.type_boolean() }}) as "FrEscalated",
        cast(group_id as {{ dbt.type_bigint() }}) as "GroupID",
        cast(is_escalated as {{ dbt.type_boolean() }}) as "IsEscalated",
        cast(phone as {{ dbt.type_string() }}) as "Phone",
        cast(priority as {{ dbt.type_int() }}) as "Priority",
        cast(product_id as {{ dbt.type_bigint() }}) as "ProductID",
        cast(requester_id as {{ dbt.type_bigint() }}) as "RequesterID",
        cast(responder_id as {{ dbt.type_bigint() }}) as "ResponderID",
        cast(source as {{ dbt.type_int() }}) as "Source",
        cast(spam as {{ dbt.type_boolean() }}) as "Spam",
        cast(status as {{ dbt.type_int() }}) as "Status",
        cast(subject as {{ dbt.type_string() }}) as "Subject",
        cast(twitter_id as {{ dbt.type_string() }}) as "TwitterID",
        cast(type as {{ dbt.type_string() }}) as "Type"

    from prepared

)

select * from final
