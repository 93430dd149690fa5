with

source as (

    select * from {{ source('freshdesk', 'agents') }}

),

renamed as (

    select
        id                     as agent_id,
        available,
        occasional,
        ticket_scope,
        created_at,
        updated_at,
        last_active_at,
        available_since,
        type,
        signature,
        freshcaller_agent,
        deactivated,
        contact__active        as contact_active,
        contact__email         as contact_email,
        contact__job_title     as contact_job_title,
        contact__language      as contact_language,
        contact__last_login_at as contact_last_login_at,
        contact__mobile        as contact_mobile,
        contact__name          as contact_name,
        contact__phone         as contact_phone,
        contact__time_zone     as contact_time_zone,
        contact__created_at    as contact_created_at,
        contact__updated_at    as contact_updated_at,
        {{ dlt_root_columns() }}

    from source

)

select * from renamed
