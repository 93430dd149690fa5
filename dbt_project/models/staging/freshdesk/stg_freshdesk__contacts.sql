with

source as (

    select * from {{ source('freshdesk', 'contacts') }}

),

renamed as (

    select
        id                   as contact_id,
        name,
        description,
        avatar__id           as avatar_id,
        avatar__name         as avatar_name,
        avatar__content_type as avatar_content_type,
        avatar__size         as avatar_size,
        avatar__created_at   as avatar_created_at,
        avatar__updated_at   as avatar_updated_at,
        avatar__avatar_url   as avatar_url,
        created_at,
        updated_at,
        active,
        deleted,
        company_id,
        address,
        view_all_tickets,
        email,
        job_title,
        language,
        mobile,
        phone,
        twitter_id,
        facebook_id,
        unique_external_id,
        preferred_source,
        first_name,
        last_name,
        visitor_id,
        org_contact_id,
        time_zone,
        {{ dlt_root_columns() }}

    from source

)

select * from renamed
