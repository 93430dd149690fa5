with

contacts as (

    select * from {{ ref('int_freshdesk__contacts_with_placeholders') }}

),

prepared as (

    select
        {{ common_columns(
            remote_id_parts=['contacts.contact_id'],
            loaded_at='contacts.loaded_at',
            is_deleted='contacts.is_deleted',
            created_at='contacts.created_at',
            updated_at='contacts.updated_at'
        ) }},
        contacts.time_zone as time_zone,
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
    {{ cross_join_account() }}

)

select {{ contract_columns() }}
from prepared
